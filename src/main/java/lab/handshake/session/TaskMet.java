package lab.handshake.session;

import java.time.Instant;

/**
 * Fired in the move's transaction when a learner's own move leaves their task session's goal met; observers that
 * keep it wait for that transaction to commit. {@code activity} keeps it for the learners of a class without this
 * package knowing of classes.
 */
public record TaskMet(String learnerId, String taskId, Instant at) {
}
