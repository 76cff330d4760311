package lab.handshake.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    static final int TICK_MS = 4;
    /** The same jiffy in microseconds, the captures' unit. */
    static final long TICK_MICROS = 1_000L * TICK_MS;
    /** How many times coarser each level of the timer wheel is than the one below (LVL_CLK_SHIFT 3). */
    private static final int WHEEL_LEVEL_FACTOR = 8;
    /** The wheel's levels a capture can show: level 3 holds timers of 16 to 129 s (LVL_START(3) to LVL_START(4)). */
    private static final int WHEEL_LEVELS_SHOWN = 3;
    /** How many ticks after its bucket's end a timer may run ({@link #agreeingWithTheLevelBelow}). */
    private static final int TIMER_RUN_LATE_TICKS = 1;
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
            long sentAtMicros = sentAtMicros(ack, start, evidence, fromClient);
            if (isPureAck(ack) && advances && !nearAnArrival(connection, evidence, i, sentAtMicros)) {
                voteForTickOf(votes, sentAtMicros);
            }
        }
        // A copy of sent data after a silence as long as the shortest probe timeout: its loss-probe or retransmission
        // timer sent it, and those fire on a tick too (Profile.timerWheelMs); so does a zero-window probe, which only
        // the persist timer sends, and a SYN or FIN sent again after a silence of its sender.
        Map<Boolean, Integer> sentEnd = new LinkedHashMap<>();
        Map<Boolean, Integer> sequenceEnd = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment data = segments.get(i);
            boolean fromClient = connection.fromClient(data);
            Integer sequenceBefore = sequenceEnd.get(fromClient);
            if (probesWindow(data, sentThrough(sequenceEnd, fromClient, data))
                    || resendsSynOrFinOnItsTimer(connection, evidence, i, sequenceBefore)) {
                voteForTickOf(votes, sentAtMicros(data, start, evidence, fromClient));
            }
            if (data.payloadLength() == 0) {
                continue;
            }
            int end = data.seq() + data.payloadLength();
            Integer before = sentEnd.get(fromClient);
            boolean copy = before != null && Seq.le(end, before);
            if (copy && evidence.probeCouldSend(connection, i)) {
                voteForTickOf(votes, sentAtMicros(data, start, evidence, fromClient));
            } else if (copy && resentOnItsTimer(connection, evidence, i, end)) {
                // The replay hands over a captured segment before a timer due in the same millisecond: a tick at
                // the start of the millisecond before the copy's lets the replayed timer send it first (§158).
                voteForTickOf(votes, sentAtMicros(data, start, evidence, fromClient) - 1000);
            }
            if (before == null || Seq.gt(end, before)) {
                sentEnd.put(fromClient, end);
            }
        }
        return mostVoted(votes);
    }

    /**
     * The kernel's jiffies at the replay's clock 0, modulo the granularity of the coarsest timer-wheel level the capture
     * shows a timer of, once {@link #offsetMs} has put its ticks on the replay's. Level L (1 to 3) holds a timer due
     * 63 × 8^(L-1) ticks or more ahead (LVL_START) and fires it at a multiple of 8^L jiffies (calc_wheel_index(),
     * calc_index() in kernel/time/timer.c; Profile.timerWheelMs), so a segment such a timer sent tells where that cycle
     * stands: a zero-window probe, or a copy of sent sequence space (data, SYN or FIN), after a silence of its sender
     * (nothing sent, nothing arrived, {@link #quietFromMicros}) longer than 8^(L+1) ticks, which no timer of a lower
     * level can make (its reach, its bucket and the tick it was armed in): the persist and the retransmission timer,
     * armed on a send or an arrival. A segment captured where its sender is counts twice, one captured after the network's delay once (the
     * relay's latency may put it a tick off: syn-ack-lost-twice-noopts). Each level's votes count where they agree with
     * the level below, or would a tick later ({@link #agreeingWithTheLevelBelow}); most votes win, the smallest on a tie; a capture without such a segment keeps 0.
     */
    static long wheelTicksAtStart(CapturedConnection connection, CaptureEvidence evidence, int offsetMs) {
        List<CapturedSegment> segments = connection.segments();
        long start = segments.get(0).timeMicros();
        List<Map<Integer, Integer>> votesByLevel = new ArrayList<>();
        for (int level = 1; level <= WHEEL_LEVELS_SHOWN; level++) {
            votesByLevel.add(new TreeMap<>());
        }
        Map<Boolean, Integer> sequenceEnd = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            boolean fromClient = connection.fromClient(segment);
            Integer before = sequenceEnd.get(fromClient);
            boolean copy = endOf(segment) != segment.seq() && before != null && Seq.le(endOf(segment), before);
            boolean byTimer = copy || probesWindow(segment, sentThrough(sequenceEnd, fromClient, segment));
            long sentAtMicros = sentAtMicros(segment, start, evidence, fromClient);
            long silenceMicros = sentAtMicros - quietFromMicros(connection, evidence, i, copy ? endOf(segment) : null);
            long tick = Math.floorDiv(sentAtMicros + 1000L * offsetMs, TICK_MICROS);
            long granularity = WHEEL_LEVEL_FACTOR;
            for (Map<Integer, Integer> votes : votesByLevel) {
                if (byTimer && silenceMicros > granularity * WHEEL_LEVEL_FACTOR * TICK_MICROS) {
                    int weight = timedAtItsSender(evidence, fromClient) ? 2 : 1;
                    votes.merge((int) Math.floorMod(-tick, granularity), weight, Integer::sum);
                }
                granularity *= WHEEL_LEVEL_FACTOR;
            }
        }
        int ticksAtStart = 0;
        long granularity = 1;
        for (Map<Integer, Integer> votes : votesByLevel) {
            Map<Integer, Integer> agreeing = agreeingWithTheLevelBelow(votes, ticksAtStart, granularity);
            if (agreeing.isEmpty()) {
                break;
            }
            ticksAtStart = mostVoted(agreeing);
            granularity *= WHEEL_LEVEL_FACTOR;
        }
        return ticksAtStart;
    }

    /**
     * A level's votes that agree with the phase the level below settled on ({@code agreed}, modulo {@code below}
     * ticks), a vote one tick short of it counted where it agrees. The timer runs in the timer softirq of the tick its
     * bucket ends on, or of a later one where that softirq ran late (__run_timers takes every bucket up to the jiffies it
     * finds): its segment then shows the tick after the bucket's end, one less in the vote (docs/linux-captures.md §157:
     * lo6-retries2-5-client's fifth timer copy, 4.3 ms past the end of the 64-jiffy bucket the four before it place).
     * Never earlier: calc_index() rounds the expiry up.
     */
    private static Map<Integer, Integer> agreeingWithTheLevelBelow(Map<Integer, Integer> votes, int agreed, long below) {
        long granularity = below * WHEEL_LEVEL_FACTOR;
        Map<Integer, Integer> agreeing = new TreeMap<>();
        votes.forEach((ticks, count) -> {
            long late = Math.floorMod(agreed - ticks, below);
            if (late <= TIMER_RUN_LATE_TICKS) {
                agreeing.merge((int) Math.floorMod(ticks + late, granularity), count, Integer::sum);
            }
        });
        return agreeing;
    }

    /** Whether the capture was taken where the segment's sender is, so that it shows when the segment left. */
    private static boolean timedAtItsSender(CaptureEvidence evidence, boolean fromClient) {
        return evidence.vantage() == CaptureEvidence.Vantage.SENDERS
                || (evidence.vantage() == CaptureEvidence.Vantage.CLIENT) == fromClient;
    }

    /** The value with the most votes, the first in the map's order on a tie; 0 without a vote. */
    private static int mostVoted(Map<Integer, Integer> votes) {
        return votes.entrySet().stream().reduce((best, next) -> next.getValue() > best.getValue() ? next : best)
                .map(Map.Entry::getKey).orElse(0);
    }

    /**
     * When the sender of a segment last sent one or had one of its peer arrive before it, on the evidence's clock. A
     * copy of sequence space up to {@code resentEnd} (null for a segment that sends nothing again) shows that no segment
     * acknowledging all of it arrived: one the capture shows was lost on its way (last-ack-lost: the ACK of the FIN,
     * which the capture at the FIN's sender saw before it was dropped).
     */
    private static long quietFromMicros(CapturedConnection connection, CaptureEvidence evidence, int index,
                                        Integer resentEnd) {
        List<CapturedSegment> segments = connection.segments();
        long start = segments.get(0).timeMicros();
        boolean senderIsClient = connection.fromClient(segments.get(index));
        long sentAtMicros = sentAtMicros(segments.get(index), start, evidence, senderIsClient);
        long quietFrom = Long.MIN_VALUE;
        for (int i = 0; i < index; i++) {
            CapturedSegment other = segments.get(i);
            boolean sent = connection.fromClient(other) == senderIsClient;
            if (!sent && resentEnd != null && Flags.has(other.flags(), Flags.ACK) && Seq.ge(other.ack(), resentEnd)) {
                continue;
            }
            long at = other.timeMicros() - start + 1000 * (sent ? evidence.sentAtMs(senderIsClient, 0) : evidence.arrivesAtMs(!senderIsClient, 0));
            if (at <= sentAtMicros) {
                quietFrom = Math.max(quietFrom, at);
            }
        }
        return quietFrom;
    }

    /**
     * Whether a segment sends a SYN or a FIN again, without data, after more than {@link #NEAR_AN_ARRIVAL_MICROS} in
     * which its sender neither sent nor received anything (a lost answer excepted, {@link #quietFromMicros}): only a
     * timer sends one then, the retransmission timer or a request's SYN,ACK timer (reqsk_timer_handler), both on the
     * wheel; the SYN,ACK a duplicate SYN draws leaves as it arrives (tcp_check_req). Such a copy tells the tick phase in
     * a capture without a timer's ACK or data: a SYN,ACK the full accept queue made the request timer send again
     * (§80: lo-overflow-abort-1).
     *
     * @param sentBefore how far its sender had sent sequence space before this segment; null before its first
     */
    private static boolean resendsSynOrFinOnItsTimer(CapturedConnection connection, CaptureEvidence evidence, int index,
                                                     Integer sentBefore) {
        CapturedSegment segment = connection.segments().get(index);
        int end = endOf(segment);
        if (segment.payloadLength() > 0 || end == segment.seq() || sentBefore == null || Seq.gt(end, sentBefore)) {
            return false;
        }
        return resentOnItsTimer(connection, evidence, index, end);
    }

    /**
     * Whether a copy of sequence space up to {@code resentEnd} left more than {@link #NEAR_AN_ARRIVAL_MICROS} after its
     * sender last sent or took anything (a lost answer excepted, {@link #quietFromMicros}): no arrival sent it (the
     * fast retransmit and RACK's marking on an ACK send at once, tcp_fastretrans_alert), so a timer did, on a tick:
     * the retransmission timer, the loss probe, or RACK's reordering timer (tcp_rack_reo_timeout from
     * tcp_write_timer_handler's ICSK_TIME_REO_TIMEOUT, docs/linux-captures.md §158), which fires a few milliseconds after
     * the SACK that armed it, sooner than {@link CaptureEvidence#probeCouldSend}'s shortest probe timeout.
     */
    private static boolean resentOnItsTimer(CapturedConnection connection, CaptureEvidence evidence, int index, int resentEnd) {
        CapturedSegment segment = connection.segments().get(index);
        long start = connection.segments().get(0).timeMicros();
        long sentAtMicros = sentAtMicros(segment, start, evidence, connection.fromClient(segment));
        return sentAtMicros - quietFromMicros(connection, evidence, index, resentEnd) > NEAR_AN_ARRIVAL_MICROS;
    }

    /**
     * Whether the handshake took less than one tick, from the client's SYN to its ACK of the SYN,ACK: the round trip is
     * then below what the receiver's clock tells apart (its delayed-ACK timer and its round-trip estimate count in
     * jiffies, tcp_send_delayed_ack, tcp_rcv_rtt_measure), and which segments its ACKs cover follows when its reading
     * program ran, not a timer.
     */
    static boolean roundTripWithinATick(CapturedConnection connection) {
        return CaptureEvidence.handshakeRoundTripMicros(connection).stream().anyMatch(roundTrip -> roundTrip < TICK_MICROS);
    }

    /** When its sender sent {@code segment}, in microseconds on the replay's clock (from the first captured segment). */
    private static long sentAtMicros(CapturedSegment segment, long start, CaptureEvidence evidence, boolean fromClient) {
        return segment.timeMicros() - start + 1000 * evidence.sentAtMs(fromClient, 0);
    }

    /** One vote for the clock offset (0 to 3 ms) that puts a segment sent at {@code sentAtMicros} on a tick. */
    private static void voteForTickOf(Map<Integer, Integer> votes, long sentAtMicros) {
        votes.merge(Math.floorMod(-Math.floorDiv(sentAtMicros, 1000), TICK_MS), 1, Integer::sum);
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

    /**
     * Whether a segment is a zero-window probe: no data and a sequence number below what its sender has sent, SND.UNA - 1
     * (tcp_xmit_probe_skb, which the persist timer calls); every other segment starts at or beyond SND.NXT or carries
     * data. {@code sentEnd}: the end of the sequence space its sender had sent, this segment's included.
     */
    private static boolean probesWindow(CapturedSegment segment, int sentEnd) {
        return isPureAck(segment) && Seq.lt(segment.seq(), sentEnd);
    }

    /** The furthest sequence space an end has sent, {@code segment} of it now included. */
    private static int sentThrough(Map<Boolean, Integer> ends, boolean fromClient, CapturedSegment segment) {
        return ends.merge(fromClient, endOf(segment), (sent, end) -> Seq.gt(end, sent) ? end : sent);
    }

    /** Where a segment's sequence space ends: its data, SYN and FIN each take theirs. */
    private static int endOf(CapturedSegment segment) {
        return segment.seq() + segment.payloadLength() + (Flags.has(segment.flags(), Flags.SYN) ? 1 : 0)
                + (Flags.has(segment.flags(), Flags.FIN) ? 1 : 0);
    }

    private static boolean isPureAck(CapturedSegment segment) {
        return (segment.flags() & ~Flags.PSH) == Flags.ACK && segment.payloadLength() == 0;
    }
}
