package lab.handshake.formats;

import java.util.Locale;
import lab.handshake.api.Refusal;
import lab.handshake.engine.trace.WireNamed;

/**
 * Where a pcap of a trace is taken ({@code capturedAt=}): by default every segment when it was sent, as at its
 * sender; at the client or the server, what that host's interface saw, as tcpdump there would have written it: the
 * segments it sent when it sent them, those it received when they arrived (a duplicated segment twice), none that
 * never reached it. So a trace compares with a capture made at one end, whose timing a path's delay would otherwise
 * shift by one way for half its segments.
 */
public enum CaptureVantage implements WireNamed {
    CLIENT,
    SERVER;

    /** The parameter as the OpenAPI document describes it. */
    public static final String DESCRIPTION = "client or server, for pcap only: the segments as that host's interface saw"
            + " them (sent when sent, received when they arrived, lost ones left out); by default each segment when sent";

    /** The name in {@code capturedAt=} and the trace's endpoint name: client, server. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The vantage asked for, or null (as sent); 400 naming the parameter for another word or another format. */
    public static CaptureVantage choose(String capturedAt, TraceFormat format) {
        if (capturedAt == null) {
            return null;
        }
        CaptureVantage chosen = QueryChoice.of("capturedAt", capturedAt, values());
        if (format != TraceFormat.PCAP) {
            throw Refusal.badParameter("capturedAt", words -> words.only_for_pcap(format.wireName()));
        }
        return chosen;
    }
}
