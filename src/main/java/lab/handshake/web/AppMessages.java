package lab.handshake.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the pages, English in {@code messages/msg_en.properties} and Chinese in {@code messages/msg_zh.properties}. Templates use
 * them as {@code {msg:nav_lessons}}.
 */
@MessageBundle(locale = "en")
public interface AppMessages {
    @Message
    String site_name();

    @Message
    String site_tagline();

    @Message
    String skip_to_content();

    @Message
    String nav_label();

    @Message
    String nav_lessons();

    @Message
    String nav_simulations();

    @Message
    String nav_api();

    @Message
    String language_label();

    @Message
    String other_language_name();

    @Message
    String other_language_title();

    @Message
    String home_intro();

    @Message
    String home_lessons();

    @Message
    String home_simulations();

    @Message
    String lesson_number(int order);

    @Message
    String lesson_contents();

    @Message
    String lesson_previous();

    @Message
    String lesson_next();

    @Message
    String lesson_simulations();

    @Message
    String callout_misconception();

    @Message
    String callout_linux();

    @Message
    String callout_note();

    @Message
    String sim_open();

    @Message
    String sim_fallback_caption();

    @Message
    String sim_col_time();

    @Message
    String sim_col_direction();

    @Message
    String sim_col_segment();

    @Message
    String sim_col_fate();

    @Message
    String sim_final_states();

    @Message
    String sim_lessons();

    @Message
    String sim_missing(String id);

    @Message
    String not_found_title();

    @Message
    String not_found_text();

    @Message
    String not_found_home();

    @Message
    String sim_noscript();

    @Message
    String nav_sandbox();

    @Message
    String sandbox_title();

    @Message
    String sandbox_intro();

    @Message
    String sandbox_noscript();

    @Message
    String script_words_failed();

    @Message
    String sim_open_sandbox();

    @Message
    String sim_download();

    @Message
    String nav_captures();

    @Message
    String capture_title();

    @Message
    String capture_intro(long mb);

    @Message
    String capture_file();

    @Message
    String capture_submit();

    @Message
    String capture_noscript();

    @Message
    String nav_quizzes();

    @Message
    String quizzes_title();

    @Message
    String quizzes_intro();

    @Message
    String quiz_question_count(int count);

    @Message
    String quiz_question_number(int number);

    @Message
    String quiz_choose_one();

    @Message
    String quiz_choose_many();

    @Message
    String quiz_order_help();

    @Message
    String quiz_position(int position);

    @Message
    String quiz_choose_placeholder();

    @Message
    String quiz_number_label();

    @Message
    String quiz_context();

    @Message
    String quiz_context_states(String client, String server);

    @Message
    String quiz_arrived();

    @Message
    String quiz_in_flight();

    @Message
    String quiz_display_name();

    @Message
    String quiz_submit();

    @Message
    String quiz_result(String score, int max, int percent);

    @Message
    String quiz_right();

    @Message
    String quiz_partly();

    @Message
    String quiz_wrong();

    @Message
    String quiz_your_answer();

    @Message
    String quiz_right_answer();

    @Message
    String quiz_no_answer();

    @Message
    String quiz_why();

    @Message
    String quiz_read_lesson();

    @Message
    String quiz_see_simulation();

    @Message
    String quiz_again();

    @Message
    String lesson_quizzes();

    @Message
    String progress_title();

    @Message
    String progress_intro();

    @Message
    String progress_none();

    @Message
    String progress_quiz();

    @Message
    String progress_score();

    @Message
    String progress_when();

    @Message
    String teacher_login();

    @Message
    String teacher_login_failed();

    @Message
    String teacher_username();

    @Message
    String teacher_password();

    @Message
    String teacher_students_no_account();

    @Message
    String teacher_title();

    @Message
    String teacher_signed_in(String name);

    @Message
    String teacher_logout();

    @Message
    String teacher_accounts();

    @Message
    String teacher_classes();

    @Message
    String teacher_class_code();

    @Message
    String teacher_attempts();

    @Message
    String teacher_average();

    @Message
    String teacher_no_classes();

    @Message
    String teacher_class_title(String code);

    @Message
    String teacher_csv();

    @Message
    String teacher_question();

    @Message
    String teacher_right();

    @Message
    String teacher_most_wrong();

    @Message
    String teacher_display_name();

    @Message
    String teacher_roles();

    @Message
    String teacher_add();

    @Message
    String author_title();

    @Message
    String author_yours();

    @Message
    String author_none();

    @Message
    String author_kind();

    @Message
    String author_kind_lesson();

    @Message
    String author_kind_quiz();

    @Message
    String author_kind_scenario();

    @Message
    String author_id();

    @Message
    String author_id_help();

    @Message
    String author_language();

    @Message
    String author_lesson_language();

    @Message
    String author_status();

    @Message
    String author_status_draft();

    @Message
    String author_status_published();

    @Message
    String author_status_changed();

    @Message
    String author_revision();

    @Message
    String author_last_change();

    @Message
    String author_new();

    @Message
    String author_create();

    @Message
    String author_transfer();

    @Message
    String author_transfer_help();

    @Message
    String author_export();

    @Message
    String author_archive();

    @Message
    String author_import_publish();

    @Message
    String author_import();

    @Message
    String author_import_report();

    @Message
    String author_file();

    @Message
    String author_outcome();

    @Message
    String author_detail();

    @Message
    String author_back_to_list();

    @Message
    String author_builtin();

    @Message
    String author_builtin_help();

    @Message
    String author_item_title();

    @Message
    String author_start_from();

    @Message
    String author_adapt();

    @Message
    String author_new_id();

    @Message
    String author_copy();

    @Message
    String author_published_revision(int number);

    @Message
    String author_history();

    @Message
    String author_public_page();

    @Message
    String author_saved();

    @Message
    String author_published_now();

    @Message
    String author_restored();

    @Message
    String author_problems();

    @Message
    String author_text_lesson();

    @Message
    String author_text_quiz();

    @Message
    String author_text_scenario();

    @Message
    String author_shortcuts();

    @Message
    String author_preview_button();

    @Message
    String author_run();

    @Message
    String author_save();

    @Message
    String author_publish();

    @Message
    String author_preview();

    @Message
    String author_trace();

    @Message
    String author_preview_help();

    @Message
    String author_run_help();

    @Message
    String author_question_kinds();

    @Message
    String author_question_kinds_help();

    @Message
    String author_insert(String kind);

    @Message
    String author_generated_from(String scenario);

    @Message
    String author_history_of(String id);

    @Message
    String author_history_help();

    @Message
    String author_action();

    @Message
    String author_saved_by();

    @Message
    String author_saved_at();

    @Message
    String author_current_draft();

    @Message
    String author_restore();

    @Message
    String author_restore_label(int number);

    @Message
    String author_revision_of(int number, String id);

    @Message
    String teacher_content();

    @Message
    String author_withdrawn();

    @Message
    String author_withdraw();

    @Message
    String author_withdraw_help();

    @Message
    String author_both_languages();

    @Message
    String author_action_create();

    @Message
    String author_action_save();

    @Message
    String author_action_restore();

    @Message
    String author_action_import();

    @Message
    String author_other_language_open();

    @Message
    String author_other_language_start();

    @Message
    String author_as_text();

    @Message
    String author_form_help();

    @Message
    String author_quiz_about();

    @Message
    String author_field_title();

    @Message
    String author_field_topic();

    @Message
    String author_field_lesson();

    @Message
    String author_field_prompt();

    @Message
    String author_field_scenario();


    @Message
    String author_new_option();

    @Message
    String author_field_correct();

    @Message
    String author_field_option();

    @Message
    String author_field_why();

    @Message
    String author_ordering_help();

    @Message
    String author_field_item(int number);

    @Message
    String author_field_segment();

    @Message
    String author_field_field();

    @Message
    String author_field_wrap();

    @Message
    String author_field_endpoint();

    @Message
    String author_field_change();

    @Message
    String author_field_choices();

    @Message
    String author_remove_question();

    @Message
    String author_new_question_kind();

    @Message
    String author_add_question();

    @Message
    String author_as_form();

    @Message
    String author_field_watch();

    @Message
    String author_field_generated_from();

    @Message
    String author_newer_text(String name, int number);

    @Message
    String author_conflict(String name, String time, int number);

    @Message
    String author_diff_title(int number);

    @Message
    String author_diff_added();

    @Message
    String author_diff_removed();

    @Message
    String author_diff_none();

    @Message
    String author_full_text(int number);

    @Message
    String author_not_published();

    @Message
    String error_forbidden_title();

    @Message
    String error_forbidden_text();

    @Message
    String error_title(int status);

    // --- Refusals before the application reads a request (issue 12, inputs) ---

    @Message
    String error_too_large_text();

    @Message
    String error_refused_text();

    // --- Load limits (issue 12): refusals that pass with time ---

    @Message
    String error_too_many_title();

    @Message
    String error_too_many_text(String seconds);

    @Message
    String error_busy_title();

    @Message
    String error_busy_text(String seconds);

    // --- Form tokens bound to the login (issue 12) ---

    @Message
    String error_form_token_title();

    @Message
    String error_form_token_text();

    // --- A lesson written in one language only (issue 16) ---

    @Message
    String lesson_other_language();

    /** Between a label and its value: a colon and a no-break space, a full-width colon on a Chinese page. */
    @Message
    String colon();

    /** Between two listed items, as "client CLOSED, server LISTEN". */
    @Message
    String list_separator();
}
