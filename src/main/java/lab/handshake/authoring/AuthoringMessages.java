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
}
