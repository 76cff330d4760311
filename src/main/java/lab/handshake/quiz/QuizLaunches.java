package lab.handshake.quiz;

import java.util.Optional;

/**
 * Where a learner last opened a quiz from an LMS (an LTI launch): the class of that LMS course. The {@code lti}
 * feature implements it; the quiz may not depend on it (it depends on the quiz).
 */
public interface QuizLaunches {

    /**
     * The class of the LMS course the learner last launched the quiz from, by join code and name. {@code graded}: that
     * course's gradebook waits for the quiz's score (the launch named a line item), so an attempt counts for this
     * class and no other.
     */
    record LaunchedClass(String joinCode, String name, boolean graded) {
    }

    /** The class of this learner's latest launch of this quiz; empty when they never launched it from an LMS course. */
    Optional<LaunchedClass> of(String learnerId, String quizId);
}
