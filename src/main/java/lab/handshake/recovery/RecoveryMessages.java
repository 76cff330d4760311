package lab.handshake.recovery;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of recovery codes on /progress: making a code, its link, restoring with it and what can go wrong.
 * English in {@code messages/recovery_en.properties}, Chinese in {@code messages/recovery_zh.properties}; templates use them as {@code {recovery:key}}.
 */
@MessageBundle(value = "recovery", locale = "en")
public interface RecoveryMessages {

    // --- Making a code ---

    @Message
    String recovery_title();

    @Message
    String recovery_intro();

    @Message
    String recovery_replaces();

    @Message
    String recovery_make();

    @Message
    String recovery_made();

    @Message
    String recovery_code();

    @Message
    String recovery_link();

    @Message
    String recovery_link_secret();

    @Message
    String recovery_copy_code();

    @Message
    String recovery_copy_link();

    @Message
    String recovery_copied();

    @Message
    String recovery_copy_failed();

    // --- Restoring ---

    @Message
    String recovery_restore_title();

    @Message
    String recovery_restore_intro();

    @Message
    String recovery_restore();

    @Message
    String recovery_restored();

    // --- Refused ---

    @Message
    String recovery_malformed();

    @Message
    String recovery_unknown();

    @Message
    String recovery_too_many_wrong(long minutes);

    @Message
    String recovery_too_many_made(long minutes);
}
