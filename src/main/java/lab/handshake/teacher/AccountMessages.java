package lab.handshake.teacher;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of teacher logins and accounts (throttling, disabling, deleting, new passwords). English here, Chinese in {@code messages/accounts_zh.properties}; templates use them as {@code {accounts:key}}.
 */
@MessageBundle("accounts")
public interface AccountMessages {

    @Message("Too many failed logins for this account or from this address. Try again in {seconds} seconds.")
    String teacher_login_wait_seconds(long seconds);

    @Message("Too many failed logins for this account or from this address. Try again in {minutes} minutes.")
    String teacher_login_wait_minutes(long minutes);

    @Message("Status")
    String account_status();

    @Message("Actions")
    String account_actions();

    @Message("Administrator")
    String account_role_admin();

    @Message("Teacher")
    String account_role_teacher();

    @Message("Active")
    String account_status_active();

    @Message("Disabled")
    String account_status_disabled();

    @Message("Disable")
    String account_disable();

    @Message("Enable")
    String account_enable();

    @Message("Delete")
    String account_delete();

    @Message("New password")
    String account_new_password();

    @Message("Set password")
    String account_set_password();

    @Message("Disabling or deleting an account, or giving it a new password, signs the teacher out at once. What a deleted teacher wrote is kept, under their name; their username is never given to anyone else.")
    String account_delete_keeps_content();

    @Message("The username must be 3 to 64 lower-case letters, digits, '.', '_' or '-'.")
    String account_invalid_username();

    @Message("The password must have at least {length} characters (and at most 72 bytes).")
    String account_weak_password(int length);

    @Message("An account with this username exists or existed already; usernames are never reused.")
    String account_username_taken();

    @Message("There is no such account.")
    String account_not_found();

    @Message("You cannot disable or delete your own account; another administrator can.")
    String account_not_yourself();

    @Message("Manager")
    String account_role_manager();

    @Message("Make manager")
    String account_make_manager();

    @Message("No longer manager")
    String account_remove_manager();

    @Message("Managers may replace the built-in lessons and quizzes and change every teacher's items, as administrators may; they do not manage accounts.")
    String account_manager_explained();

    // --- Deleting an account is confirmed (issue 12) ---
    @Message("Yes, delete {username}")
    String account_delete_confirm(String username);

    @Message("Tick the box beside 'Delete' to confirm deleting the account; nothing was deleted.")
    String account_delete_not_confirmed();
}
