package lab.handshake.session;

import java.time.Instant;

/**
 * Fired (synchronously, in the move's transaction) when a learner's own move leaves their task session's goal met:
 * {@code assignments} keeps it for the learners of a class without this package knowing of classes.
 */
public record TaskMet(String learnerId, String taskId, Instant at) {
}
