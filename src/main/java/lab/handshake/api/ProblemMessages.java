package lab.handshake.api;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What {@link ProblemMapper} itself says about a request it refuses (a body that is no JSON, a wrong method, a
 * simulation over its bounds, no sign-in), in the reader's language. English in
 * {@code messages/problem_en.properties}, Chinese in {@code messages/problem_zh.properties}.
 */
@MessageBundle(value = "problem", locale = "en")
public interface ProblemMessages {

    // --- Titles ---

    @Message
    String invalid_request();

    @Message
    String invalid_scenario();

    @Message
    String scenario_too_large();

    @Message
    String simulation_too_large();

    @Message
    String invalid_json();

    @Message
    String unreadable_body_title();

    @Message
    String unauthorized_title();

    @Message
    String forbidden_title();

    @Message
    String conflict_title();

    @Message
    String server_error_title();

    @Message
    String invalid_parameter();

    @Message
    String not_found_title();

    /** The title of a refusal by HTTP status alone (Quarkus REST's own: an unknown address, a wrong method). */
    @Message
    String status_title(int status);

    // --- Details ---

    /** A request body that is missing (the field {@code body}). */
    @Message
    String body_required();

    /** {@code status}: as {@link #status_title}; what the client did wrong, said for the statuses it can get. */
    @Message
    String status_detail(int status);

    @Message
    String not_an_id(String value);

    @Message
    String not_whole_number(String value);

    @Message
    String unauthorized();

    @Message
    String forbidden();

    /** {@code what}: the bound the engine names, {@code events}, {@code segments} or {@code steps}. */
    @Message
    String simulation_limit(long limit, String what);

    /** {@code at}: the JSON path of the object holding it, or empty at the top; {@code known}: its known properties. */
    @Message
    String unknown_property(String property, String at, String known);

    @Message
    String wrong_type(String field);

    @Message
    String wrong_shape();

    /** {@code reason}: the JSON parser's own words, in English. */
    @Message
    String not_json(String reason);

    /** {@code reason}: the server's own words, in English. */
    @Message
    String unreadable_body(String reason);

    @Message
    String conflict();

    @Message
    String server_error();

    // --- Refusals worded by services (Refusal.badParameter, Refusal.notFound) ---

    /** {@code message}: what the parameter must be, one of the messages below. */
    @Message
    String invalid_parameter_detail(String parameter, String message);

    /** {@code what}: the kind of thing looked for, one of the names below. */
    @Message
    String not_found(String what, String id);

    // What a query parameter must be, said after its name.

    @Message
    String must_be_either(String first, String second);

    /** {@code choices}: the words allowed, separated by commas. */
    @Message
    String must_be_one_of(String choices);

    @Message
    String whole_number_from_to(long from, long to);

    @Message
    String from_to(long from, long to);

    @Message
    String long_number();

    @Message
    String only_for_json(String format);

    @Message
    String since_move_count();

    @Message
    String only_with_ask_range();

    @Message
    String step_from_one();

    @Message
    String not_before_from();

    // The things a not-found refusal names.

    @Message
    String scenario();

    @Message
    String lesson();

    @Message
    String sandbox_task();

    @Message
    String session();

    @Message
    String quiz();

    @Message
    String quiz_attempt();

    @Message
    String review_question();

    @Message
    String school_class();

    @Message
    String student_in_class();

    @Message
    String attempt_in_class();

    @Message
    String assignment_in_class();

    @Message
    String content_item();

    @Message
    String revision();

    @Message
    String lti_platform();

    @Message
    String script();

    @Message
    String language();

    // --- Other refusals worded by services ---

    @Message
    String duplicate_platform_title();

    @Message
    String duplicate_platform();

    /** The field message of {@code clientId} in a duplicate platform's refusal. */
    @Message
    String registered_for_issuer();

    @Message
    String session_changed_title();

    @Message
    String session_changed(long moves, long told);

    @Message
    String nothing_to_undo_title();

    @Message
    String nothing_to_undo();

    @Message
    String move_limit_title();

    @Message
    String move_limit(long max);

    @Message
    String not_your_session_title();

    @Message
    String not_your_session(String id);

    @Message
    String nothing_to_predict_title();

    @Message
    String no_decision_to_predict();

    @Message
    String fewer_decisions(int count);

    @Message
    String several_connections_title();

    @Message
    String several_connections(int count);

    @Message
    String invalid_capture_title();

    @Message
    String capture_required();

    @Message
    String no_tcp_title();

    @Message
    String no_tcp();

    @Message
    String attempt_submitted_title();

    @Message
    String attempt_submitted(String at);

    @Message
    String review_not_due_title();

    @Message
    String review_not_due(String at);

    @Message
    String too_many_assignments_title();

    @Message
    String too_many_assignments(int max);

    // Classes (classes.ClassService).

    /** A body field at fault: its name, then what it must be. */
    @Message
    String field_detail(String field, String message);

    @Message
    String unknown_class_title();

    @Message
    String not_a_class_code();

    @Message
    String no_class_to_join(String code);

    @Message
    String no_class_for_attempt(String code);

    @Message
    String not_in_class_title();

    @Message
    String names_class_not_joined();

    @Message
    String not_joined(String code);

    @Message
    String invalid_class_title();

    @Message
    String class_name_length(int max);

    @Message
    String invalid_name_title();

    @Message
    String member_name_length(int max);

    // Quiz answers (quiz.QuizGrader.invalid), each said after the field at fault.

    @Message
    String invalid_attempt_title();

    @Message
    String option_ids(String ids);

    @Message
    String numeric_answer(long max);

    @Message
    String order_entries(int count, String ids);

    @Message
    String attempt_id_required();

    @Message
    String belongs_to_quiz(String quiz);

    @Message
    String answers_required();

    @Message
    String not_a_question();

    @Message
    String answered_twice(String question);

    @Message
    String longer_than(int max);

    // Quiz attempts that may not be submitted (quiz.AttemptSubmitting.Closed, QuizService.NotYourAttempt).

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

    @Message
    String not_your_attempt_title();

    @Message
    String not_your_attempt(String quiz);
}
