package lab.handshake.quiz;

import java.time.Instant;

/**
 * Fired (a CDI event) inside the transaction that grades an attempt, so that a feature which passes scores on
 * (LTI grade passback) can store its own row in the same commit without {@code quiz} knowing it.
 */
public record AttemptSubmitted(String attemptId, String learnerId, String quizId, double score, int maxScore, Instant submittedAt) {
}
