package lab.handshake.quiz;

/**
 * Fired (a CDI event) inside the transaction in which a teacher excludes a submitted attempt from its class's
 * results or counts it again, so that a feature which passes the counted score on (LTI grade passback) can queue
 * the score that counts now in the same commit.
 */
public record AttemptExclusionChanged(String attemptId, String learnerId, String quizId, long classId, boolean excluded) {
}
