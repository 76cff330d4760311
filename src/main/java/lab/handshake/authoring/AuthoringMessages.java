package lab.handshake.authoring;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the editors' ownership controls (who may change an item), English here and Chinese in {@code messages/authoring_zh.properties}; templates use them as {@code {authoring:key}}.
 */
@MessageBundle("authoring")
public interface AuthoringMessages {

    @Message("This item is owned by {owner}; ask them to add you as a co-editor. Nothing was changed.")
    String author_not_an_editor(String owner);

    @Message("Only the owner ({owner}), an administrator or a manager may change who owns and edits this item.")
    String author_not_the_owner(String owner);

    @Message("This replaces a lesson or quiz of the built-in curriculum; only an administrator or a manager may do that. Nothing was changed.")
    String author_not_allowed_built_in();

    @Message("Only administrators and managers adapt built-in lessons and quizzes; you can copy a built-in scenario under a new id.")
    String author_builtin_needs_role();

    @Message("Owner")
    String author_owner();

    @Message("Co-editors")
    String author_co_editors();

    @Message("none")
    String author_no_co_editors();

    @Message("You can read this item but not change it: it is owned by {owner}, who can add you as a co-editor.")
    String author_read_only(String owner);

    @Message("You can read this item but not change it: it replaces built-in content, which only administrators and managers change.")
    String author_read_only_built_in();

    @Message("Who may change it")
    String author_access_title();

    @Message("The owner and the co-editors change this item; every other teacher can only read it. Co-editors: at most {max} usernames, separated by commas.")
    String author_access_help(int max);

    @Message("Save co-editors")
    String author_save_editors();

    @Message("Hand over to (username)")
    String author_new_owner();

    @Message("Hand over")
    String author_transfer_owner();

    @Message("The co-editors are saved.")
    String author_editors_saved();

    @Message("The item has a new owner; you stay on as a co-editor.")
    String author_owner_saved();

    @Message("Publications and who may change it")
    String author_changes_title();

    @Message("published revision {number}")
    String author_change_publish(String number);

    @Message("withdrew revision {number}")
    String author_change_withdraw(String number);

    @Message("handed it over to {name}")
    String author_change_owner(String name);

    @Message("set the co-editors: {names}")
    String author_change_editors(String names);

    @Message("removed every co-editor")
    String author_change_editors_none();

    @Message("No teacher account has that username; check the spelling. Nothing was changed.")
    String author_unknown_teacher();

    @Message("That is more co-editors than an item may have; name fewer. Nothing was changed.")
    String author_too_many_co_editors();

    // --- Scenario building blocks (the read call and the per-host reads switch) ---

    @Message("Building blocks")
    String author_blocks_title();

    @Message("Add an action to the scenario, or say how a host's application reads; the text above changes, so run it to see the trace.")
    String author_blocks_help();

    @Message("An action")
    String author_block_action();

    @Message("Host")
    String author_block_host();

    @Message("client")
    String author_block_client();

    @Message("server")
    String author_block_server();

    @Message("Call")
    String author_block_call();

    @Message("Bytes (send, read)")
    String author_block_bytes();

    @Message("At (ms)")
    String author_block_at();

    @Message("Add the action")
    String author_block_insert_action();

    @Message("How the application reads")
    String author_block_reads();

    @Message("Reads")
    String author_block_reads_mode();

    @Message("only when it calls read (data waits and fills the window)")
    String author_reads_on_call();

    @Message("every byte as it arrives (the default)")
    String author_reads_on_arrival();

    @Message("Set it")
    String author_block_set_reads();

    // --- Teacher pages in Chinese (issue 16): words the quiz form and editor showed in English ---

    /** Right after a field's name (its own space first; the Chinese brackets need none): this field holds the English text. */
    @Message(" (English)")
    String in_english();

    /** A question kind by its name, as the quiz form, the editor's examples and the new-question menu show it. */
    @Message("{#when kind}{#is 'single'}single choice{#is 'multiple'}multiple choice{#is 'ordering'}ordering{#is 'numeric'}numeric"
            + "{#is 'next-state'}next state{#else}{kind}{/when}")
    String question_kind(String kind);

    /** Before an option's id (shown as code) in the quiz form. */
    @Message("Option")
    String option_legend();

    // --- The editor's script (authoring.js), served as the editor form's data attributes ---

    @Message("Updating the preview…")
    String editor_updating();

    @Message("Preview updated.")
    String editor_updated();

    /** Followed by why, in the server's words. */
    @Message("The preview could not be made: ")
    String editor_failed();

    @Message("You have unsaved changes.")
    String editor_unsaved();

    @Message("the server is running too many simulations right now; try again in a moment.")
    String editor_busy();
}
