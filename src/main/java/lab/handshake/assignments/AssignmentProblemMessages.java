package lab.handshake.assignments;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why an assignment is refused, and why an attempt may not be submitted for a class's assignment of the quiz (assignments.AssignmentService, thrown as quiz.AttemptSubmitting.Closed).
 * English in {@code messages/assignmentsProblems_en.properties}, Chinese in {@code messages/assignmentsProblems_zh.properties}.
 */
@MessageBundle(value = "assignmentsProblems", locale = "en")
public interface AssignmentProblemMessages {

    @Message
    String too_many_assignments_title();

    @Message
    String too_many_assignments(int max);

    @Message
    String assignment_not_open_title();

    @Message
    String assignment_not_open(String at);

    @Message
    String assignment_past_due_title();

    @Message
    String assignment_past_due(String at);

    @Message
    String attempts_used_title();

    @Message
    String attempts_used(int allowed);
}
