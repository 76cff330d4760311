package lab.handshake.quiz;

import java.time.Instant;
import java.util.List;
import lab.handshake.api.Refusal;

/**
 * Fired (synchronously, inside the submission's transaction) just before an attempt is graded, so that a feature
 * above the quiz (assignments: due dates, attempts allowed) can refuse it by throwing {@link Closed}; then nothing
 * is graded or stored and the attempt stays open.
 *
 * @param classId the class it is submitted for, or null
 */
public record AttemptSubmitting(String quizId, String learnerId, Long classId, Instant at) {

    /** The attempt may not be submitted now; the reason key names why (the quiz page says it in the reader's language). */
    public static final class Closed extends Refusal.Conflict {
        public Closed(String reason, Worded<String> title, Worded<String> detail) {
            super(reason, title, detail, language -> List.of());
        }
    }
}
