package lab.handshake.capture;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the captures page's script (capture.js), served in the page as data attributes: the status line,
 * the connection chooser and why an upload failed. Placeholders in square brackets ([n], [profile]) are filled in
 * by the script (braces would be Qute's own). English here, Chinese in {@code messages/capture_zh.properties}; templates use them as {@code {capture:key}}.
 */
@MessageBundle("capture")
public interface CaptureMessages {

    @Message("Reading the capture…")
    String capture_reading();

    @Message("Rebuilt [n] segments; no departures from [profile].")
    String capture_done_none();

    @Message("Rebuilt [n] segments; 1 departure from [profile].")
    String capture_done_one();

    @Message("Rebuilt [n] segments; [d] departures from [profile].")
    String capture_done_many();

    @Message("The capture does nothing [profile] would not do.")
    String capture_none();

    @Message("Linux 6.x")
    String capture_profile_linux();

    @Message("a textbook RFC 9293 endpoint")
    String capture_profile_rfc9293();

    @Message("The capture holds [n] connections; choose one.")
    String capture_several();

    @Message("Connections in the capture")
    String capture_chooser();

    @Message("Page [p] of [n]")
    String capture_page();

    @Message("Previous")
    String capture_prev();

    @Message("Next")
    String capture_next();

    @Message("Page [p] of [n] of the connections.")
    String capture_shown();

    @Message("1 segment")
    String capture_segments_one();

    @Message("[n] segments")
    String capture_segments_many();

    @Message("no answer")
    String capture_outcome_unanswered();

    @Message("refused")
    String capture_outcome_refused();

    @Message("half-open (a SYN flood entry)")
    String capture_outcome_half_open();

    @Message("established")
    String capture_outcome_established();

    @Message("closing")
    String capture_outcome_closing();

    @Message("closed")
    String capture_outcome_closed();

    @Message("reset")
    String capture_outcome_reset();

    @Message("begins after the handshake")
    String capture_outcome_partial();

    @Message("The capture could not be read: ")
    String capture_failed();

    @Message("it is not a pcap or pcapng file this page can read.")
    String capture_unreadable();

    @Message("the file is larger than 256 KB.")
    String capture_too_large();

    @Message("you have uploaded too many captures; wait a minute and try again.")
    String capture_too_many();

    @Message("the server is running too many simulations right now; try again in a moment.")
    String capture_busy();

    @Message("the server did not answer.")
    String capture_no_answer();

    @Message("ms")
    String capture_ms();
}
