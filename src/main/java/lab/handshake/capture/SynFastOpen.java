package lab.handshake.capture;

import java.util.Optional;
import lab.handshake.engine.FastOpen;
import lab.handshake.engine.Flags;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.TraceOption;

/**
 * The TCP Fast Open a connection's client SYN shows, read once for the replay ({@link CaptureReplay}) and the inferred
 * scenario ({@link InferredScenario}): the option's cookie (empty for a request, RFC 7413 §4.1.1), or none on a SYN that
 * carries data all the same (Linux TFO_CLIENT_NO_COOKIE), and whether the server's SYN,ACK acknowledged that data
 * (tcp_try_fastopen made the connection at once).
 *
 * @param client    the client's {@code fastOpen}: {@link FastOpen#ON} for a cookie request, {@link FastOpen#COOKIE} for a
 *                  SYN with a cookie, {@link FastOpen#NO_COOKIE} for data without the option
 * @param cookie    the SYN's cookie in hexadecimal, empty for a request or without the option
 * @param synData   the bytes of data the SYN carries
 * @param taken     the SYN,ACK acknowledges the SYN's data
 * @param synAckCookie the cookie the SYN,ACK gives, empty when it gives none
 */
record SynFastOpen(FastOpen client, String cookie, int synData, boolean taken, String synAckCookie) {

    /** What the client's first SYN shows; empty without the option and without data (no Fast Open). */
    static Optional<SynFastOpen> of(CapturedConnection connection) {
        Optional<CapturedSegment> syn = connection.segments().stream()
                .filter(s -> connection.fromClient(s) && Flags.has(s.flags(), Flags.SYN) && !Flags.has(s.flags(), Flags.ACK)).findFirst();
        if (syn.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> option = cookie(syn.get());
        int data = syn.get().payloadLength();
        if (option.isEmpty() && data == 0) {
            return Optional.empty();
        }
        Optional<CapturedSegment> synAck = connection.segments().stream()
                .filter(s -> !connection.fromClient(s) && Flags.has(s.flags(), Flags.SYN) && Flags.has(s.flags(), Flags.ACK)).findFirst();
        boolean taken = data > 0 && synAck.filter(s -> s.ack() == syn.get().seq() + 1 + data).isPresent();
        FastOpen client = option.map(c -> c.isEmpty() ? FastOpen.ON : FastOpen.COOKIE).orElse(FastOpen.NO_COOKIE);
        return Optional.of(new SynFastOpen(client, option.orElse(""), data, taken,
                synAck.flatMap(SynFastOpen::cookie).orElse("")));
    }

    /**
     * The server's {@code fastOpen}: one that took data without a cookie needs none (TFO_SERVER_COOKIE_NOT_REQD); one
     * that left it is taken as without Fast Open (a listener that wants a cookie answers such a SYN alike).
     */
    FastOpen server() {
        if (client == FastOpen.NO_COOKIE) {
            return taken ? FastOpen.NO_COOKIE : FastOpen.OFF;
        }
        return FastOpen.ON;
    }

    private static Optional<String> cookie(CapturedSegment segment) {
        return segment.options().stream().filter(o -> o.kind() == OptionKind.FAST_OPEN).map(TraceOption::cookie).findFirst();
    }
}
