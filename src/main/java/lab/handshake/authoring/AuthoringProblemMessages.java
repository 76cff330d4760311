package lab.handshake.authoring;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why the editors refuse a change (authoring.AuthoringService, authoring.NotAllowedException), a teacher's draft's problems (authoring.DraftProblem), and what importing an archive says (authoring.ContentArchive, authoring.AuthoringPages); {kind} is the api bundle's lesson, quiz or scenario.
 * English in {@code messages/authoringProblems_en.properties}, Chinese in {@code messages/authoringProblems_zh.properties}.
 */
@MessageBundle(value = "authoringProblems", locale = "en")
public interface AuthoringProblemMessages {

    @Message
    String not_allowed_title();

    @Message
    String not_an_editor(String kind, String slug, String owner);

    @Message
    String not_the_owner(String kind, String slug, String owner);

    @Message
    String replaces_built_in(String kind, String slug);

    @Message
    String invalid_content_title();

    @Message
    String slug_form();

    @Message
    String lesson_language();

    @Message
    String kind_choices();

    @Message
    String must_be_built_in_id(String kind);

    /** {@code language}: the item language, or empty for a scenario (one for both). */
    @Message
    String no_built_in(String kind, String language);

    @Message
    String version_required();

    @Message
    String editors_required();

    @Message
    String built_in_scenario(String slug);

    @Message
    String content_exists(String kind, String slug, String language);

    @Message
    String has_problems_title();

    /** {@code problems}: the draft's problems, as {@link #problem_list} joins them. */
    @Message
    String cannot_publish(String kind, String problems);

    @Message
    String draft_id_mismatch(String written, String kind, String expected);

    @Message
    String draft_empty_title();

    /** {@code field}: the lesson's list that names it ({@code scenarios} or {@code quizzes}). */
    @Message
    String draft_no_such_item(String field, String kind, String id);

    /** {@code line}: null when the parser gives none; {@code reason}: the parser's own words. */
    @Message
    String draft_unreadable(Integer line, String reason);

    /** {@code column}: null when the reader gives none; {@code problem}: the reader's own words (English), said in English only. */
    @Message
    String draft_malformed(Integer column, String problem);

    /** {@code reason}: the failure's first line (English), said in English only. */
    @Message
    String draft_page_not_shown(String reason);

    /** What no reader of ours words: the failure's first line (English), said in English only. */
    @Message
    String draft_unreadable_otherwise(String reason);

    @Message
    String too_many_co_editors_title();

    @Message
    String too_many_co_editors(int max);

    @Message
    String at_most_co_editors(int max);

    @Message
    String unknown_teacher_title();

    @Message
    String names_no_teacher(String name);

    @Message
    String edit_conflict_title();

    @Message
    String edit_conflict(String by, String kind, String at, int revision);

    @Message
    String text_too_large_title();

    @Message
    String text_too_large(int length, int max);

    @Message
    String at_most_characters(int max);

    @Message
    String archive_too_large_title();

    @Message
    String archive_too_many_files(int max);

    @Message
    String invalid_archive_title();

    /** {@code reason}: the zip reader's own words, in English. */
    @Message
    String archive_unreadable(String reason);

    @Message
    String archive_empty();

    @Message
    String archive_name_not_utf8(int number);

    @Message
    String archive_required();

    /** {@code reason}: the server's own words, in English. */
    @Message
    String upload_unreadable(String reason);

    @Message
    String import_not_content();

    @Message
    String import_too_large(int max);

    @Message
    String import_no_front_matter();

    /** {@code reason}: where the YAML reader stopped, in its own words. */
    @Message
    String quiz_form_needs_yaml(String reason);
}
