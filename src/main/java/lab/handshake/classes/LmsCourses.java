package lab.handshake.classes;

import java.util.Optional;

/**
 * What the LMS course a class was opened from offers and did, for the class's teacher page. The {@code lti} feature
 * implements it: it knows the LMS, and the pages showing a class may not depend on it (it depends on them).
 */
public interface LmsCourses {

    /**
     * A class's LMS course: whether its roster can be fetched (the LMS offers NRPS), and how many learners' scores
     * the LMS would not take (it refused what sending them needs; nothing retries them).
     */
    record LmsCourse(boolean offersRoster, long scoresRefused) {
    }

    /** The class's LMS course; empty for a class no LMS course is linked to. */
    Optional<LmsCourse> of(long classId);
}
