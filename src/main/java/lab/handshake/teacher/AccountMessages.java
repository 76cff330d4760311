package lab.handshake.teacher;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of teacher logins and accounts (throttling, disabling, deleting, new passwords). English in {@code messages/accounts_en.properties}, Chinese in {@code messages/accounts_zh.properties}; templates use them as {@code {accounts:key}}.
 */
@MessageBundle(value = "accounts", locale = "en")
public interface AccountMessages {

    @Message
    String teacher_login_wait_seconds(long seconds);

    @Message
    String teacher_login_wait_minutes(long minutes);

    @Message
    String account_status();

    @Message
    String account_actions();

    @Message
    String account_role_admin();

    @Message
    String account_role_teacher();

    @Message
    String account_status_active();

    @Message
    String account_status_disabled();

    @Message
    String account_disable();

    @Message
    String account_enable();

    @Message
    String account_delete();

    @Message
    String account_new_password();

    @Message
    String account_set_password();

    @Message
    String account_delete_keeps_content();

    @Message
    String account_invalid_username();

    @Message
    String account_weak_password(int length);

    @Message
    String account_username_taken();

    @Message
    String account_not_found();

    @Message
    String account_not_yourself();

    @Message
    String account_role_manager();

    @Message
    String account_make_manager();

    @Message
    String account_remove_manager();

    @Message
    String account_manager_explained();

    // --- Deleting an account is confirmed (issue 12) ---
    @Message
    String account_delete_confirm(String username);

    @Message
    String account_delete_not_confirmed();
}
