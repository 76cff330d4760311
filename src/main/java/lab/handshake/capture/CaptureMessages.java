package lab.handshake.capture;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the captures page's script (capture.js), served in the page as data attributes: the status line,
 * the connection chooser and why an upload failed. Placeholders in square brackets ([n], [profile]) are filled in
 * by the script (braces would be Qute's own). English in {@code messages/capture_en.properties}, Chinese in {@code messages/capture_zh.properties}; templates use them as {@code {capture:key}}.
 */
@MessageBundle(value = "capture", locale = "en")
public interface CaptureMessages {

    @Message
    String capture_reading();

    @Message
    String capture_done_none();

    @Message
    String capture_done_one();

    @Message
    String capture_done_many();

    @Message
    String capture_none();

    @Message
    String capture_more_notes();

    @Message
    String capture_profile_linux();

    /** The Linux profile when the replay ran BBR for the capture's senders. */
    @Message
    String capture_profile_linux_bbr();

    @Message
    String capture_profile_rfc9293();

    @Message
    String capture_several();

    @Message
    String capture_chooser();

    @Message
    String capture_page();

    @Message
    String capture_prev();

    @Message
    String capture_next();

    @Message
    String capture_shown();

    @Message
    String capture_segments_one();

    @Message
    String capture_segments_many();

    @Message
    String capture_outcome_unanswered();

    @Message
    String capture_outcome_unreachable();

    @Message
    String capture_outcome_refused();

    @Message
    String capture_outcome_half_open();

    @Message
    String capture_outcome_established();

    @Message
    String capture_outcome_closing();

    @Message
    String capture_outcome_closed();

    @Message
    String capture_outcome_reset();

    @Message
    String capture_outcome_partial();

    @Message("The capture could not be read: ") // in the annotation: a localized file strips the spaces at a line's ends
    String capture_failed();

    @Message
    String capture_unreadable();

    @Message
    String capture_too_large(long mb);

    @Message
    String capture_too_many();

    @Message
    String capture_busy();

    @Message
    String capture_no_answer();

    @Message
    String capture_ms();
}
