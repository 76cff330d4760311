package lab.handshake.quiz;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/**
 * One learner's attempt at one quiz: created when the questions are handed out (with the ISNs generated for
 * them), completed once when the answers are submitted and graded.
 */
@Entity
@Table(name = "quiz_attempt")
public class QuizAttempt extends PanacheEntityBase {
    @Id
    public String id;

    public String quizId;

    /** The anonymous learner identity kept in the learner's cookie. */
    public String learnerId;

    public String clientKey;

    public String language;

    public String generatedJson;

    public String answersJson;

    public String resultsJson;

    public String displayName;

    /** The class it was submitted for (a class the learner had joined), or null. */
    public Long classId;

    /** Left out of the class's results by its teacher. */
    public boolean excluded;

    public Double score;

    public int maxScore;

    public Instant createdAt;

    public Instant submittedAt;

    @Version
    public long version;

    /** An attempt handed out to this learner and not yet submitted, less than a day old. */
    public static QuizAttempt findOpen(String learnerId, String quizId, Instant since) {
        return find("learnerId = ?1 and quizId = ?2 and submittedAt is null and createdAt > ?3 order by createdAt desc",
                learnerId, quizId, since).firstResult();
    }

    public static List<QuizAttempt> submittedBy(String learnerId) {
        return list("learnerId = ?1 and submittedAt is not null order by submittedAt desc", learnerId);
    }

    /** The learner's newest submitted attempt at the quiz that no teacher excluded, or null. */
    public static QuizAttempt latestCounting(String learnerId, String quizId) {
        return find("learnerId = ?1 and quizId = ?2 and submittedAt is not null and excluded = false order by submittedAt desc, id desc",
                learnerId, quizId).firstResult();
    }

    public static long deleteUnsubmittedBefore(Instant cutoff) {
        return delete("submittedAt is null and createdAt < ?1", cutoff);
    }
}
