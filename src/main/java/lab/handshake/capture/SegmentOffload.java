package lab.handshake.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import lab.handshake.engine.Flags;
import lab.handshake.engine.trace.OptionKind;

/**
 * A capture taken where segments are merged or not yet cut: tcpdump on a sender using TSO/GSO sees the large
 * buffer the kernel hands the device, on a receiver using GRO the segments merged again, on veth or loopback
 * either. Such a "segment" carries more than its sender's MSS, which no segment on the wire may (RFC 9293 §3.7.1),
 * and the replay, whose endpoints send segments of the MSS, would flag every one of them as a departure.
 *
 * <p>The replay compares what went over the wire instead: each oversized segment is cut into segments of the MSS
 * before anything else reads the capture, as the device (TSO/GSO) cut it or as the sender's kernel had sent it
 * before GRO merged it: the same time, ACK, window and options for each (TSO copies the header to every segment),
 * the last one taking the remainder and the PSH and FIN, the first one CWR (tcp_gso_segment clears it on the others;
 * GRO merges no segment with CWR onto another, tcp_gro_receive), and every one the IP header's ECN field. Segment boundaries are then compared as for any capture,
 * so a missing or extra segment is still a departure. Where the real wire cut a remainder differently the replay
 * cannot tell; the byte stream, flags and states are the capture's.
 *
 * @param endpoint     "client" or "server": the sender of the largest oversized segment
 * @param largest      that segment's payload, in bytes
 * @param mss          its sender's MSS: what the peer's SYN offered (536 without the option, RFC 9293 §3.7.1), no
 *                     more than the sender's own SYN offered (its device's MTU), less the 12 bytes of the timestamps option when both SYNs carry it
 * @param wireSegments how many segments of the MSS the largest one left as
 * @param oversized    how many captured segments (both directions) were larger than their sender's MSS
 */
public record SegmentOffload(String endpoint, int largest, int mss, int wireSegments, int oversized) {

    /** RFC 9293 §3.7.1 (MUST-15): without an MSS option a sender assumes 536. */
    private static final int DEFAULT_MSS = 536;
    /** Timestamps take 10 bytes and two NOPs in every segment after the handshake (RFC 7323 §3, Linux tcp_current_mss). */
    private static final int TIMESTAMPS_ON_EVERY_SEGMENT = 12;

    /** The oversized segments a connection shows; empty when none is larger than its sender's MSS, or a SYN is missing. */
    static Optional<SegmentOffload> of(CapturedConnection connection) {
        int oversized = 0;
        CapturedSegment largest = null;
        for (CapturedSegment segment : connection.segments()) {
            if (cuts(connection, segment) > 1) {
                oversized++;
                largest = largest == null || segment.payloadLength() > largest.payloadLength() ? segment : largest;
            }
        }
        if (largest == null) {
            return Optional.empty();
        }
        boolean fromClient = connection.fromClient(largest);
        return Optional.of(new SegmentOffload(fromClient ? "client" : "server", largest.payloadLength(),
                mss(connection, fromClient).getAsInt(), cuts(connection, largest), oversized));
    }

    /** The connection as the wire carried it: every segment larger than its sender's MSS cut into segments of the MSS. */
    static CapturedConnection onTheWire(CapturedConnection connection) {
        List<CapturedSegment> wire = new ArrayList<>();
        for (CapturedSegment segment : connection.segments()) {
            int pieces = cuts(connection, segment);
            if (pieces <= 1) {
                wire.add(segment);
                continue;
            }
            int mss = mss(connection, connection.fromClient(segment)).getAsInt();
            int lastFlags = segment.headerFlags() & ~Flags.CWR;
            int flags = lastFlags & ~(Flags.PSH | Flags.FIN);
            for (int i = 0; i < pieces; i++) {
                boolean last = i == pieces - 1;
                int length = last ? segment.payloadLength() - i * mss : mss;
                int cwr = i == 0 ? segment.headerFlags() & Flags.CWR : 0;
                wire.add(new CapturedSegment(segment.timeMicros(), segment.srcAddress(), segment.srcPort(),
                        segment.dstAddress(), segment.dstPort(), segment.seq() + i * mss, segment.ack(),
                        (last ? lastFlags : flags) | cwr, length, segment.window(), segment.options(), segment.ecn()));
            }
        }
        return wire.size() == connection.segments().size() ? connection
                : new CapturedConnection(connection.client(), connection.server(), List.copyOf(wire), connection.unreachables());
    }

    /** How many segments of its sender's MSS a captured segment makes: 1 unless it carries more than the MSS. */
    private static int cuts(CapturedConnection connection, CapturedSegment segment) {
        if (Flags.has(segment.flags(), Flags.SYN) || Flags.has(segment.flags(), Flags.RST)) {
            return 1;
        }
        OptionalInt mss = mss(connection, connection.fromClient(segment));
        return mss.isEmpty() || segment.payloadLength() <= mss.getAsInt() ? 1
                : (segment.payloadLength() + mss.getAsInt() - 1) / mss.getAsInt();
    }

    /**
     * The largest payload the endpoint sends: what the peer's SYN allows, and no more than its own SYN says its
     * device carries (Linux tcp_sync_mss); empty when the capture lacks either SYN.
     */
    private static OptionalInt mss(CapturedConnection connection, boolean ofClient) {
        Optional<CapturedSegment> own = connection.syn(ofClient);
        Optional<CapturedSegment> peer = connection.syn(!ofClient);
        if (own.isEmpty() || peer.isEmpty()) {
            return OptionalInt.empty();
        }
        boolean timestamps = has(own.get(), OptionKind.TIMESTAMPS) && has(peer.get(), OptionKind.TIMESTAMPS);
        int allowed = Math.min(connection.announcedMss(ofClient).orElse(Integer.MAX_VALUE),
                connection.announcedMss(!ofClient).orElse(DEFAULT_MSS));
        // A damaged or forged SYN may announce less than the timestamps take: still one byte a segment, never none.
        return OptionalInt.of(Math.max(1, allowed - (timestamps ? TIMESTAMPS_ON_EVERY_SEGMENT : 0)));
    }

    private static boolean has(CapturedSegment segment, OptionKind kind) {
        return segment.options().stream().anyMatch(option -> option.kind() == kind);
    }
}
