package lab.handshake.api;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What every feature says about a request it refuses, in the reader's language: what {@link ProblemMapper} itself says
 * (a body that is no JSON, a wrong method, a simulation over its bounds, no sign-in), a bad parameter and what was
 * not found ({@link Refusal#badParameter}, {@link Refusal#notFound}), a field at fault, a list of problems, the
 * request bodies {@code web} refuses and what a specification breaks ({@link ViolationWords}). A feature's own
 * refusals are in its own problem bundle ({@code quiz.QuizProblemMessages}, {@code messages/quizProblems_*}).
 * English in {@code messages/problem_en.properties}, Chinese in {@code messages/problem_zh.properties}.
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

    /** {@code field}: the value's path, empty at the top; {@code expected}, {@code found}: {@link #shape} or {@link #shape_quoted}; found may be null. */
    @Message
    String shape_wrong(String field, String expected, String found);

    /** {@code field}: the value's path; {@code expected}: {@link #shape}. */
    @Message
    String shape_out_of_range(String field, String expected);

    /** {@code field}: the value's path, empty at the top. */
    @Message
    String value_unmappable(String field);

    /** A value's shape as a reader of JSON or YAML sees it ({@link ReadingProblem.Shape}). */
    @Message
    String shape(ReadingProblem.Shape shape);

    /** A written value, quoted. */
    @Message
    String shape_quoted(String value);

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

    /** A list of a flood's band ids ({@code open=} of a ladder). */
    @Message
    String band_ids();

    @Message
    String only_for_json(String format);

    @Message
    String only_for_pcap(String format);

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

    // A body field at fault (every feature's invalid requests).

    /** A body field at fault: its name, then what it must be. */
    @Message
    String field_detail(String field, String message);

    /** One field's error in a list of them ({@link #field_errors}). */
    @Message
    String field_error(String field, String message);

    /** {@code errors}: the fields' errors, as {@link #problem_list} joins them. */
    @Message
    String field_errors(String errors);

    // Request bodies refused before the application reads them (web.OversizedBodies)

    @Message
    String body_too_large_title();

    @Message
    String body_over_limit(long limit);

    @Message
    String form_field_over_limit(long limit);

    @Message
    String body_length_over_limit(long length, long limit);

    @Message
    String body_cut_short();

    @Message
    String no_host();

    @Message
    String http_version_title();

    @Message
    String http_version();

    @Message
    String large_bodies_busy_title();

    @Message
    String large_bodies_busy(int atOnce, int seconds);

    // Forms sent without their token or from another site (web.FormTokenCheck)

    @Message
    String form_token_title();

    @Message
    String from_another_site();

    @Message
    String form_token_not_issued(String field);

    // Problems listed and placed (every feature's checks of a file or a draft)

    /**
     * A problem and where it was found: {@code place} is a quiz bank's file and the question, option, known wrong
     * answer or text key (quiz.QuizProblem), or a lesson's simulation tag (lesson.EmbedProblem).
     */
    @Message
    String problem_at(String place, String problem);

    /** Several problems or field errors in one detail, separated as the reader's language separates them. */
    @Message
    String problem_list(java.util.List<String> problems);

    // Bodies too slow (web.SlowBodies)

    @Message
    String too_slow_title();

    @Message
    String too_slow(long millis);

    // What a specification breaks (engine.spec.Violation.Rule), worded by ViolationWords after the field's path

    /** {@code names}: code names, as a list the reader reads as "this, that or the other". */
    @Message
    String spec_alternatives(java.util.List<String> names);

    @Message
    String spec_out_of_range(long min, long max);

    @Message
    String spec_at_least(long min);

    @Message
    String spec_above_and_at_most(long min, long max);

    /** {@code allowed}: {@link #spec_alternatives}. */
    @Message
    String spec_not_one_of(String allowed);

    /** {@code allowed}: {@link #spec_alternatives}. */
    @Message
    String spec_unknown_item(String item, String allowed);

    @Message
    String spec_not_an_id(long maxLength);

    @Message
    String spec_not_a_subnet(long minPrefix, long maxPrefix);

    @Message
    String spec_required();

    @Message
    String spec_required_with(String partner);

    /** {@code partners}: {@link #spec_alternatives}. */
    @Message
    String spec_only_with(String partners);

    /** {@code names}: {@link #spec_alternatives}. */
    @Message
    String spec_exactly_one_of(String names);

    /** {@code names}: {@link #spec_alternatives}. */
    @Message
    String spec_not_with(String names, String present);

    /** {@code scenarioField}: where the setting goes instead, such as {@code params.lossRate}. */
    @Message
    String spec_not_per_host(String scenarioField);

    @Message
    String spec_same_as(String other);

    @Message
    String spec_too_many(long max, lab.handshake.engine.spec.Violation.Counted counted);

    @Message
    String spec_data_over_trace(long mss, long needed, long max);

    @Message
    String spec_flood_over_trace(long needed, long max);
}
