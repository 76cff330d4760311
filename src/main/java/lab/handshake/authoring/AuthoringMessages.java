package lab.handshake.authoring;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the editors' ownership controls (who may change an item), English in {@code messages/authoring_en.properties} and Chinese in {@code messages/authoring_zh.properties}; templates use them as {@code {authoring:key}}.
 */
@MessageBundle(value = "authoring", locale = "en")
public interface AuthoringMessages {

    @Message
    String author_not_an_editor(String owner);

    @Message
    String author_not_the_owner(String owner);

    @Message
    String author_not_allowed_built_in();

    @Message
    String author_builtin_needs_role();

    @Message
    String author_owner();

    @Message
    String author_co_editors();

    @Message
    String author_no_co_editors();

    @Message
    String author_read_only(String owner);

    @Message
    String author_read_only_built_in();

    @Message
    String author_access_title();

    @Message
    String author_access_help(int max);

    @Message
    String author_save_editors();

    @Message
    String author_new_owner();

    @Message
    String author_transfer_owner();

    @Message
    String author_editors_saved();

    @Message
    String author_owner_saved();

    @Message
    String author_changes_title();

    @Message
    String author_change_publish(String number);

    @Message
    String author_change_withdraw(String number);

    @Message
    String author_change_owner(String name);

    @Message
    String author_change_editors(String names);

    @Message
    String author_change_editors_none();

    @Message
    String author_unknown_teacher();

    @Message
    String author_too_many_co_editors();

    // --- Scenario building blocks (the read call, the per-host reads switch, TCP_NODELAY, a fault) ---

    @Message
    String author_blocks_title();

    @Message
    String author_blocks_help();

    @Message
    String author_block_action();

    @Message
    String author_block_host();

    @Message
    String author_block_client();

    @Message
    String author_block_server();

    @Message
    String author_block_call();

    @Message
    String author_block_bytes();

    @Message
    String author_block_more();

    @Message
    String author_block_at();

    @Message
    String author_block_insert_action();

    @Message
    String author_block_reads();

    @Message
    String author_block_reads_mode();

    @Message
    String author_reads_on_call();

    @Message
    String author_reads_on_arrival();

    @Message
    String author_block_set_reads();

    @Message
    String author_block_fault();

    @Message
    String author_block_fault_help();

    @Message
    String author_block_flags();

    @Message
    String author_block_flags_any();

    @Message
    String author_block_fault_action();

    @Message
    String author_fault_drop();

    @Message
    String author_fault_duplicate();

    @Message
    String author_fault_delay();

    @Message
    String author_fault_reject();

    @Message
    String author_fault_mark_ce();

    @Message
    String author_block_which();

    @Message
    String author_which_nth();

    @Message
    String author_which_after();

    @Message
    String author_block_nth();

    @Message
    String author_block_after();

    @Message
    String author_block_before();

    @Message
    String author_block_insert_fault();

    @Message
    String author_block_bad_nth();

    @Message
    String author_block_bad_after();

    @Message
    String author_block_bad_before();

    // --- Teacher pages in Chinese (issue 16): words the quiz form and editor showed in English ---

    /** Right after a field's name (its own space first; the Chinese brackets need none): this field holds the English text. */
    @Message(" (English)") // in the annotation: a localized file strips the spaces at a line's ends
    String in_english();

    /** A question kind by its name, as the quiz form, the editor's examples and the new-question menu show it. */
    @Message
    String question_kind(String kind);

    /** Before an option's id (shown as code) in the quiz form. */
    @Message
    String option_legend();

    // --- The editor's script (authoring.js), served as the editor form's data attributes ---

    @Message
    String editor_updating();

    @Message
    String editor_updated();

    /** Followed by why, in the server's words. */
    @Message("The preview could not be made: ") // in the annotation: a localized file strips the spaces at a line's ends
    String editor_failed();

    @Message
    String editor_unsaved();

    @Message
    String editor_busy();

    /** The title of a content request refused for its form (the API's problem). */
    @Message
    String invalid_content();
}
