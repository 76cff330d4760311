package lab.handshake.capture;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Seq;

/**
 * The pure ACKs an end sent at once while it received a run of its peer's bulk data, by index, each with the index of
 * the segment whose arrival it answered. Such an ACK acknowledges a full segment of the peer's up to its last byte,
 * left once that segment had arrived and before any delayed-ACK timer could have sent it (on the replay's clock, or by
 * its own TSval since its sender's previous ACK), and at least {@link #RUN_BEYOND} more full segments of the peer's
 * were on their way then ({@link #RUN_BEYOND_SEVERAL} for an ACK of several). Which of such a run's segments Linux
 * acknowledges one by one, and which two or three at once, follows when the receiving program read: past the quick
 * ACKs, __tcp_ack_snd_check sends one at once for more than one full frame received where the reader has copied
 * nearly all (sk_rcvlowat) or where the window would grow, and a read sends one from tcp_cleanup_rbuf; GRO and the
 * socket's backlog hand it several segments as one. A capture, above all one taken at the sender, does not show when
 * the program read (docs/linux-captures.md §78, §82), so the replay takes these ACKs as input ({@link CaptureReplay}).
 * Left out, and so still judged: an ACK that may be the delayed-ACK timer's, one with SACK blocks (a lossy path's
 * duplicate ACKs), one of a segment shorter than the peer's largest (small writes, whose ACK timing is what the
 * delayed-ACK captures teach), and the ACKs of a short exchange or of a run's last segments, with too little of the
 * peer's data in flight, save one that more than one full segment after an ACK taken as input made due at once,
 * whatever the size of the segment it answered ({@link #nextOfARunTakenAsInput}).
 */
final class ImmediateBulkAcks {
    /** Full segments of the peer's sent beyond what the ACK acknowledges, before it left: a run of bulk data. */
    private static final int RUN_BEYOND = 2;
    /**
     * The same for an ACK that newly acknowledges more than one full segment: __tcp_ack_snd_check's first test
     * (rcv_nxt - rcv_wup > rcv_mss) held, so only the reader or the window decided it went at once, as for the ACKs
     * within a run, even where one segment of the run was left.
     */
    private static final int RUN_BEYOND_SEVERAL = 1;
    /**
     * How soon after the first byte it newly acknowledges arrived a delayed-ACK timer can send an ACK:
     * tcp_send_delayed_ack waits ato, never below TCP_ATO_MIN (40 ms at HZ=250, tcp_event_data_recv), and sends at once
     * a later segment's ACK when the timer would fire within a quarter of ato. An ACK sooner was sent on an arrival or
     * a read. The replay's clock puts the ACK no earlier than it left (its one-way delay is the path's shortest), so
     * jitter only keeps more ACKs judged.
     */
    private static final long TIMER_EARLIEST_MS = 30;

    private ImmediateBulkAcks() {
    }

    static Map<Integer, Integer> of(CapturedConnection connection, CaptureEvidence evidence) {
        List<CapturedSegment> segments = connection.segments();
        Map<Boolean, Integer> largest = new HashMap<>();
        for (CapturedSegment segment : segments) {
            largest.merge(connection.fromClient(segment), segment.payloadLength(), Math::max);
        }
        Map<Integer, Integer> acks = new HashMap<>();
        // The furthest acknowledgement each end had sent so far, and the index of the segment that first sent it.
        Map<Boolean, Integer> acknowledged = new HashMap<>();
        Map<Boolean, Integer> acknowledgedBy = new HashMap<>();
        for (int k = 0; k < segments.size(); k++) {
            CapturedSegment ack = segments.get(k);
            boolean receiverIsClient = connection.fromClient(ack);
            Integer previous = acknowledged.get(receiverIsClient);
            Integer previousBy = acknowledgedBy.get(receiverIsClient);
            if (Flags.has(ack.flags(), Flags.ACK) && (previous == null || Seq.gt(ack.ack(), previous))) {
                acknowledged.put(receiverIsClient, ack.ack());
                acknowledgedBy.put(receiverIsClient, k);
            }
            int full = largest.getOrDefault(!receiverIsClient, 0);
            if ((ack.flags() & ~Flags.PSH) != Flags.ACK || ack.payloadLength() > 0 || full == 0 || ack.carriesSack()
                    || previous == null || !Seq.gt(ack.ack(), previous)) {
                continue;
            }
            long sentAt = evidence.sentAtMs(receiverIsClient, capturedMs(connection, k));
            boolean afterInput = nextOfARunTakenAsInput(acks, previousBy, ack.ack() - previous, full);
            // After an ACK taken as input the bytes since it make this one due, whatever the last segment's size.
            int answered = arrived(connection, !receiverIsClient, evidence, data -> data.payloadLength() > 0
                    && (data.payloadLength() == full || afterInput) && data.seq() + data.payloadLength() == ack.ack());
            int first = arrived(connection, !receiverIsClient, evidence, data -> data.payloadLength() > 0
                    && data.seq() == previous);
            if (answered >= 0 && first >= 0
                    && arrivesAtMs(connection, evidence, answered) <= sentAt + TickPhase.TICK_MS
                    && (sentAt - arrivesAtMs(connection, evidence, first) < TIMER_EARLIEST_MS
                        || soonAfterItsLastAck(connection, k))
                    && (afterInput || fullSegmentsBeyond(connection, evidence, ack, full, sentAt)
                        >= (ack.ack() - previous > full ? RUN_BEYOND_SEVERAL : RUN_BEYOND))) {
                acks.put(k, answered);
            }
        }
        return acks;
    }

    /**
     * Whether the ACK at {@code index} left, by its own TSval, less than {@link #TIMER_EARLIEST_MS} after its sender's
     * previous segment with an ACK. That segment acknowledged all its sender had received in order, so the first byte
     * this ACK newly acknowledges arrived after it, and sending it cleared the delayed-ACK timer (tcp_event_ack_sent:
     * inet_csk_clear_xmit_timer ICSK_TIME_DACK): no timer armed since could have fired yet. The TSval is the sender's
     * own clock, so a queue on the path (a bottleneck's, which the replay's shortest one-way delay leaves out) does not
     * stretch the gap, nor jitter on the way back shorten it.
     */
    private static boolean soonAfterItsLastAck(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment ack = segments.get(index);
        for (int i = index - 1; i >= 0; i--) {
            CapturedSegment before = segments.get(i);
            if (connection.fromClient(before) == connection.fromClient(ack) && Flags.has(before.flags(), Flags.ACK)) {
                Long then = CaptureEvidence.tsVal(before);
                Long now = CaptureEvidence.tsVal(ack);
                if (then == null || now == null) {
                    return false;
                }
                int gapMs = (int) (now - then);
                return gapMs >= 0 && gapMs * 1000L + CaptureEvidence.TS_TICK_MICROS < TIMER_EARLIEST_MS * 1000;
            }
        }
        return false;
    }

    /**
     * Whether an ACK at a run's end follows from the one before it, itself taken as input, by __tcp_ack_snd_check's
     * first test: more than one full frame received since that ACK (rcv_nxt - rcv_wup > rcv_mss). The capture sets
     * where the run's ACKs fall (GRO and the backlog merged its first segments into one ACK); the state machine, whose
     * own ACKs of the run fell elsewhere, cannot move to that phase within the moment, so the ACK is taken as the one
     * before it was (docs/linux-captures.md §114).
     */
    private static boolean nextOfARunTakenAsInput(Map<Integer, Integer> acks, Integer previousBy, int acknowledgedMore,
                                                  int full) {
        return previousBy != null && acks.containsKey(previousBy) && acknowledgedMore > full;
    }

    /** The first segment of an end's, not lost, that {@code data} holds for; -1 when none. */
    private static int arrived(CapturedConnection connection, boolean fromClient, CaptureEvidence evidence,
                               Predicate<CapturedSegment> data) {
        List<CapturedSegment> segments = connection.segments();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            if (connection.fromClient(segment) == fromClient && evidence.losses().get(i) == null && data.test(segment)) {
                return i;
            }
        }
        return -1;
    }

    /** How many full segments of the peer's beyond the ACK's acknowledgement had left the peer when the ACK left. */
    private static long fullSegmentsBeyond(CapturedConnection connection, CaptureEvidence evidence, CapturedSegment ack,
                                           int full, long sentAt) {
        List<CapturedSegment> segments = connection.segments();
        long count = 0;
        for (int j = 0; j < segments.size(); j++) {
            CapturedSegment data = segments.get(j);
            boolean fromClient = connection.fromClient(data);
            if (fromClient != connection.fromClient(ack) && data.payloadLength() == full && Seq.ge(data.seq(), ack.ack())
                    && evidence.sentAtMs(fromClient, capturedMs(connection, j)) <= sentAt) {
                count++;
            }
        }
        return count;
    }

    private static long arrivesAtMs(CapturedConnection connection, CaptureEvidence evidence, int index) {
        return evidence.arrivesAtMs(connection.fromClient(connection.segments().get(index)), capturedMs(connection, index));
    }

    private static long capturedMs(CapturedConnection connection, int index) {
        return (connection.segments().get(index).timeMicros() - connection.segments().get(0).timeMicros()) / 1000;
    }
}
