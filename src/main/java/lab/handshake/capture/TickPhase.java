package lab.handshake.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Seq;

/**
 * Where the kernel's 4 ms ticks lay against a capture's clock. Linux's delayed-ACK timer fires on a tick (jiffies at
 * HZ=250, {@code Profile.delayedAckTimerFiresOnTick}), so a pure ACK its timer sent left on a tick boundary. The
 * engine counts its ticks from the replay's start, so the replay's clock is moved by the offset that puts those ACKs
 * on the engine's ticks too: without it a capture's tick phase is arbitrary, and an ACK deadline that falls within a
 * quarter of ato a tick sooner or later changes which segment is acknowledged at once (tcp_send_delayed_ack;
 * docs/linux-captures.md §20i). A copy of data its sender sent again after a silence votes likewise: a loss-probe or
 * retransmission timer sent it, on a tick as well (§57). A capture without either keeps offset 0.
 */
final class TickPhase {
    /** One jiffy at HZ=250, as the engine counts it. */
    private static final int TICK_MS = 4;
    /**
     * An ACK this far from every arrival at its sender was not sent in answer to one (a quick ACK, or one forced by more
     * than one rcv_mss, leaves within a tenth of a millisecond): its timer sent it. Two milliseconds, on either side,
     * also cover the error of the one-way delay (whole milliseconds, from the handshake) an ACK of the far end is moved by.
     */
    private static final long NEAR_AN_ARRIVAL_MICROS = 2_000;

    private TickPhase() {
    }

    /**
     * The milliseconds the replay's clock is moved by (0 to 3) so that the pure ACKs a delayed-ACK timer sent leave on
     * the engine's ticks; when they disagree (two hosts' own clocks, or an ACK taken for a timer's that was not) the
     * phase most of them show, the earliest on a tie.
     */
    static int offsetMs(CapturedConnection connection, CaptureEvidence evidence) {
        List<CapturedSegment> segments = connection.segments();
        long start = segments.get(0).timeMicros();
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        Map<Boolean, Integer> lastAck = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment ack = segments.get(i);
            boolean fromClient = connection.fromClient(ack);
            if (!Flags.has(ack.flags(), Flags.ACK)) {
                continue;
            }
            Integer before = lastAck.put(fromClient, ack.ack());
            boolean advances = before == null || Seq.gt(ack.ack(), before);
            long sentAtMicros = ack.timeMicros() - start + 1000 * evidence.sentAtMs(fromClient, 0);
            if (isPureAck(ack) && advances && !nearAnArrival(connection, evidence, i, sentAtMicros)) {
                votes.merge(Math.floorMod(-Math.floorDiv(sentAtMicros, 1000), TICK_MS), 1, Integer::sum);
            }
        }
        // A copy of sent data after a silence as long as the shortest probe timeout: its loss-probe or retransmission
        // timer sent it, and those fire on a tick too (Profile.lossProbeTimerMs).
        Map<Boolean, Integer> sentEnd = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment data = segments.get(i);
            boolean fromClient = connection.fromClient(data);
            if (data.payloadLength() == 0) {
                continue;
            }
            int end = data.seq() + data.payloadLength();
            Integer before = sentEnd.get(fromClient);
            if (before != null && Seq.le(end, before) && evidence.probeCouldSend(connection, i)) {
                long sentAtMicros = data.timeMicros() - start + 1000 * evidence.sentAtMs(fromClient, 0);
                votes.merge(Math.floorMod(-Math.floorDiv(sentAtMicros, 1000), TICK_MS), 1, Integer::sum);
            }
            if (before == null || Seq.gt(end, before)) {
                sentEnd.put(fromClient, end);
            }
        }
        return votes.entrySet().stream().reduce((best, next) -> next.getValue() > best.getValue() ? next : best)
                .map(Map.Entry::getKey).orElse(0);
    }

    /**
     * Whether the handshake took less than one tick, from the client's SYN to its ACK of the SYN,ACK: the round trip is
     * then below what the receiver's clock tells apart (its delayed-ACK timer and its round-trip estimate count in
     * jiffies, tcp_send_delayed_ack, tcp_rcv_rtt_measure), and which segments its ACKs cover follows when its reading
     * program ran, not a timer.
     */
    static boolean roundTripWithinATick(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment syn = segments.get(0);
        if (!connection.fromClient(syn) || !Flags.has(syn.flags(), Flags.SYN) || Flags.has(syn.flags(), Flags.ACK)) {
            return false;
        }
        for (CapturedSegment segment : segments) {
            if (connection.fromClient(segment) && Flags.has(segment.flags(), Flags.ACK)) {
                return segment.timeMicros() - syn.timeMicros() < TICK_MS * 1000L;
            }
        }
        return false;
    }

    /** Whether a segment of the peer reached the ACK's sender within {@link #NEAR_AN_ARRIVAL_MICROS} of when it left. */
    private static boolean nearAnArrival(CapturedConnection connection, CaptureEvidence evidence, int ackIndex, long sentAtMicros) {
        List<CapturedSegment> segments = connection.segments();
        long start = segments.get(0).timeMicros();
        boolean ackFromClient = connection.fromClient(segments.get(ackIndex));
        long peerArrivesAfterCapture = 1000 * evidence.arrivesAtMs(!ackFromClient, 0);
        for (CapturedSegment peer : segments) {
            if (connection.fromClient(peer) == ackFromClient) {
                continue;
            }
            long arrivedAt = peer.timeMicros() - start + peerArrivesAfterCapture;
            if (Math.abs(sentAtMicros - arrivedAt) < NEAR_AN_ARRIVAL_MICROS) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPureAck(CapturedSegment segment) {
        return (segment.flags() & ~Flags.PSH) == Flags.ACK && segment.payloadLength() == 0;
    }
}
