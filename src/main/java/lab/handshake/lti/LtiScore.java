package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One score in the outbox: kept from the commit that queued it until the platform accepted it (then {@code sentAt})
 * or refused what sending needs (then {@code givenUpAt}). {@code attemptId} is the submitted attempt that queued it
 * (one row each), or null for a row a teacher's change queued; the score is that of {@code countedAttemptId}, the
 * attempt that counts after it, unless the row is {@link #cleared}.
 */
@Entity
@Table(name = "lti_score_outbox")
public class LtiScore extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String attemptId;

    public String countedAttemptId;

    /** The class of the launch's course, for its teacher to see what the LMS did not take; null outside a course. */
    public Long classId;

    public long platformId;

    public String subject;

    /** Null until the line item the tool creates for {@code resourceLinkId} at {@code lineItemsUrl} exists. */
    public String lineItem;

    public String lineItemsUrl;

    public String resourceLinkId;

    public double scoreGiven;

    public double scoreMaximum;

    /** When the score came to be (the submission, or the teacher's change): the timestamp the LMS orders scores by. */
    public Instant submittedAt;

    public int tries;

    public Instant nextTryAt;

    public Instant sentAt;

    public String lastError;

    public Instant givenUpAt;

    /** No attempt counts any more: the row clears the grade; {@code countedAttemptId} is the attempt that stopped counting. */
    public boolean cleared;

    /** Unsent scores whose time has come, oldest first. */
    static List<Long> due(Instant now, int limit) {
        return LtiScore.<LtiScore>find("sentAt is null and givenUpAt is null and nextTryAt <= ?1 order by nextTryAt, id", now).page(0, limit)
                .list().stream().map(score -> score.id).toList();
    }

    /** The newest row, not given up, that carries a score of this LMS user for this learner's quiz: what the LMS was last sent. */
    static LtiScore latestFor(long platformId, String subject, String learnerId, String quizId) {
        return LtiScore.<LtiScore>find("platformId = ?1 and subject = ?2 and givenUpAt is null and countedAttemptId in "
                + "(select a.id from QuizAttempt a where a.learnerId = ?3 and a.quizId = ?4) order by id desc",
                platformId, subject, learnerId, quizId).firstResult();
    }

    /** Takes a due score for one sender: moves its next try past the send, so no other sender picks it meanwhile. */
    static boolean claim(long id, Instant now, Instant until) {
        return update("nextTryAt = ?1 where id = ?2 and sentAt is null and givenUpAt is null and nextTryAt <= ?3", until, id, now) == 1;
    }
}
