package lab.handshake.capture;

import java.util.List;
import lab.handshake.engine.Flags;

/**
 * A write whose partial last segment left only with the sender's FIN, well after the write's full segments: what only a
 * cork explains (docs/linux-captures.md §156, capture cork-tail-with-fin). The kernel sends a partial segment at once
 * unless TCP_CORK or MSG_MORE holds it (tcp_push, tcp_nagle_check), or Nagle, or a window (which the replayed sender's
 * own state tells, {@link lab.handshake.engine.TcpConnection#writeLeavesAtOnce}); autocorking (tcp_should_autocork) and
 * the small-queue limit hold one only until the packets before it leave the host, microseconds on these links, so a
 * tail that left with the FIN within {@link #HELD_MS} of the rest is not taken as corked. The FIN takes a held tail
 * with it (tcp_send_fin pushes with TCP_NAGLE_OFF), whenever the program closed.
 */
final class CorkedTail {
    /** Less than this after the write's previous segment, the tail may have waited for the host's own queue, not a cork. */
    static final long HELD_MS = 4;

    private CorkedTail() {
    }

    /**
     * Whether the write run from {@code runStart} to sequence {@code runEnd} ended in a partial segment with the FIN that
     * left at least {@link #HELD_MS} after the run's segment before it, with none of the peer's data, FIN or reset between
     * (else when the program closed the capture cannot tell, CaptureReplay#closedAfterWriting).
     */
    static boolean leftWithTheFin(CapturedConnection connection, int runStart, int runEnd) {
        List<CapturedSegment> segments = connection.segments();
        boolean fromClient = connection.fromClient(segments.get(runStart));
        CapturedSegment previous = null;
        for (int i = runStart; i < segments.size(); i++) {
            CapturedSegment later = segments.get(i);
            if (connection.fromClient(later) != fromClient) {
                if (later.payloadLength() > 0 || (later.flags() & (Flags.FIN | Flags.RST)) != 0) {
                    return false;
                }
            } else if (later.payloadLength() > 0 && later.seq() + later.payloadLength() == runEnd) {
                return previous != null && Flags.has(later.flags(), Flags.FIN) && !Flags.has(later.flags(), Flags.RST)
                        && later.payloadLength() < CaptureEvidence.sendMss(connection, fromClient)
                        && later.timeMicros() - previous.timeMicros() >= HELD_MS * 1000;
            } else if (later.payloadLength() > 0) {
                previous = later;
            }
        }
        return false;
    }
}
