package lab.handshake.formats;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the SVG ladder (LadderSvgWriter/ladder.svg), as the simulator's ladder says them: a break's
 * duration and a band of spoofed segments. English in {@code messages/ladder_en.properties}, Chinese in
 * {@code messages/ladder_zh.properties}; endpoint names are {@code web.TraceWords}'.
 */
@MessageBundle(value = "ladder", locale = "en")
public interface LadderMessages {

    /** A trace without a title. */
    @Message
    String untitled();

    /** A long idle time (more than a second) drawn as a short break, in seconds. */
    @Message
    String gap_s(String amount);

    /** A band's title: how many spoofed SYNs and answers to their forged sources it holds. */
    @Message
    String band(int n);

    /** A kind of segment in a band: how many, their flags and the lane they go to. */
    @Message
    String band_kind(int n, String flags, String to);

    /** A kind of which every segment was lost. */
    @Message
    String band_kind_lost(int n, String flags, String to);

    @Message(", ") // in the annotation: a localized file strips the space at a line's end
    String list_sep();
}
