package lab.handshake.recovery;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of recovery codes on /progress: making a code, its link, restoring with it and what can go wrong.
 * English here, Chinese in {@code messages/recovery_zh.properties}; templates use them as {@code {recovery:key}}.
 */
@MessageBundle("recovery")
public interface RecoveryMessages {

    // --- Making a code ---

    @Message("Keep your progress on another device")
    String recovery_title();

    @Message("Your progress is kept in this browser only. Make a recovery code and enter it on another device, or open its link there, to see the same attempts, predictions and classes. There is no password: anyone with the code sees and adds to your progress, so keep it to yourself.")
    String recovery_intro();

    @Message("A new code replaces the one you made before, which then stops working.")
    String recovery_replaces();

    @Message("Make a recovery code")
    String recovery_make();

    @Message("Your recovery code is made. Write it down or copy it now: it is shown only this once.")
    String recovery_made();

    @Message("Recovery code")
    String recovery_code();

    @Message("Link that restores with it")
    String recovery_link();

    @Message("The link is as secret as the code: it contains it, and it stays in the browser's history and in server logs. Open it only on your own devices and do not share it.")
    String recovery_link_secret();

    @Message("Copy code")
    String recovery_copy_code();

    @Message("Copy link")
    String recovery_copy_link();

    @Message("Copied.")
    String recovery_copied();

    @Message("Could not copy; select the text and copy it yourself.")
    String recovery_copy_failed();

    // --- Restoring ---

    @Message("Continue here with a recovery code")
    String recovery_restore_title();

    @Message("Enter the code you made on your other device. This browser then shows that progress instead of its own.")
    String recovery_restore_intro();

    @Message("Restore my progress")
    String recovery_restore();

    @Message("Your progress is restored on this device.")
    String recovery_restored();

    // --- Refused ---

    @Message("That is not a recovery code: a code has 16 letters and digits in four groups of four. Case, spaces and dashes do not matter.")
    String recovery_malformed();

    @Message("No progress has this code. Check it; if you made a new code since, only the newest one works.")
    String recovery_unknown();

    @Message("Too many wrong codes were tried from this address. Nothing was restored; try again in {minutes} {#if minutes == 1}minute{#else}minutes{/if}.")
    String recovery_too_many_wrong(long minutes);

    @Message("Too many codes were made from this address. No code was made; try again in {minutes} {#if minutes == 1}minute{#else}minutes{/if}.")
    String recovery_too_many_made(long minutes);
}
