package lab.handshake.assignments;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The words of assignments. English in {@code messages/assignments_en.properties}, Chinese in {@code messages/assignments_zh.properties}; templates use {@code {assignments:key}}. */
@MessageBundle(value = "assignments", locale = "en")
public interface AssignmentMessages {

    @Message
    String title();

    @Message
    String mine();

    @Message
    String new_assignment();

    @Message
    String what();

    @Message
    String kind_quiz();

    @Message
    String kind_step();

    @Message
    String kind_predict();

    @Message
    String kind_task();

    @Message
    String task_hint();

    @Message
    String target();

    @Message
    String opens();

    @Message
    String due();

    @Message
    String times_in(String zone);

    @Message
    String attempts_allowed();

    @Message
    String counted();

    @Message
    String counted_best();

    @Message
    String counted_last();

    @Message
    String counted_first();

    @Message
    String asked_steps();

    @Message
    String ask();

    @Message
    String ask_all();

    @Message
    String ask_changes();

    @Message
    String ask_range();

    @Message
    String from_step();

    @Message
    String to_step();

    @Message
    String asked_range(int from, int to);

    @Message
    String assign();

    @Message
    String delete();

    @Message
    String none();

    @Message
    String status();

    @Message
    String score();

    @Message
    String attempts();

    @Message
    String class_name();

    @Message
    String status_not_open();

    @Message
    String status_open();

    @Message
    String status_done();

    @Message
    String status_missed();

    @Message
    String completion(int completed, int students);

    @Message
    String average(int average);

    @Message
    String per_question();

    @Message
    String question();

    @Message
    String right();

    @Message
    String csv();

    @Message
    String results();

    @Message
    String choose_class_hint();

    @Message
    String invalid();

    @Message("To check: ") // in the annotation: a localized file strips the spaces at a line's ends
    String invalid_fields();

    @Message(", ") // in the annotation: a localized file strips the spaces at a line's ends
    String list_separator();

    @Message
    String refused_not_open();

    @Message
    String refused_past_due();

    @Message
    String refused_attempts_used();

    @Message
    String export_title();

    @Message
    String export_moodle();

    @Message
    String export_gift();

    // --- What the API and the form say about a refused assignment (AssignmentRequest, AssignmentRules) ---

    @Message
    String invalid_assignment();

    @Message
    String required();

    /** {@code max}: the constraint's bound. */
    @Message
    String too_long(long max);

    /** {@code min}, {@code max}: the constraint's bounds. */
    @Message
    String between(long min, long max);

    @Message
    String target_id();

    @Message
    String unknown_quiz();

    @Message
    String unknown_scenario();

    @Message
    String unknown_task();

    @Message
    String mode_required();

    @Message
    String attempts_required();

    @Message
    String not_for_task();

    @Message
    String ask_predict_only();

    @Message
    String range_only();

    @Message
    String range_required();

    @Message
    String to_before_from();

    @Message
    String due_before_opens();
}
