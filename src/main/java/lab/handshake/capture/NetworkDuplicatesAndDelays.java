package lab.handshake.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Seq;

/**
 * What the network did to a connection's segments besides losing them, as a one-sided capture shows it (issue #14,
 * docs/linux-captures.md §60): the copies it made of a segment its sender sent once, the segments it held back past a
 * later one of their sender, and so the order in which the senders sent what the capture shows. Read once per
 * connection; the replay sends each captured segment in that order and delivers it when captured, and the inferred
 * scenario makes a duplicate and a delay fault of them.
 *
 * @param duplicates   the network's copies, by index, each with the index of the first copy
 * @param delays       the segments the network held back, by index, each with the index of the first segment captured
 *                     before it that its sender sent after it
 * @param sendingOrder every captured index in the order its sender sent it: a held-back segment just before the one that
 *                     overtook it, a copy where it was captured
 * @param unseenCopies the captured answers to a copy the network made after the capture point, by index, each with the
 *                     index of the copied segment ({@link #unseenCopies})
 * @param heldAtSender the data segments the network held back in a capture taken at their sender, by index, each with
 *                     the index of the receiver's answer they arrived just before ({@link #heldAtSender})
 * @param heldUncopied those of {@code heldAtSender} their sender never sent again ({@link CaptureEvidence#heldUncopied})
 */
record NetworkDuplicatesAndDelays(Map<Integer, Integer> duplicates, Map<Integer, Integer> delays, List<Integer> sendingOrder,
                                  Map<Integer, Integer> unseenCopies, Map<Integer, Integer> heldAtSender, Set<Integer> heldUncopied) {

    NetworkDuplicatesAndDelays {
        duplicates = Collections.unmodifiableMap(new LinkedHashMap<>(duplicates));
        delays = Collections.unmodifiableMap(new LinkedHashMap<>(delays));
        sendingOrder = List.copyOf(sendingOrder);
        unseenCopies = Collections.unmodifiableMap(new LinkedHashMap<>(unseenCopies));
        heldAtSender = Collections.unmodifiableMap(new LinkedHashMap<>(heldAtSender));
        heldUncopied = Set.copyOf(heldUncopied);
    }

    /**
     * @param replayedOtherwise the segments the replay already takes as the network's for another reason (old
     *                          duplicates by their TSval, segments their sender's stream cannot have sent then): none
     *                          of them is a delayed segment
     */
    static NetworkDuplicatesAndDelays of(CapturedConnection connection, CaptureEvidence evidence, Set<Integer> replayedOtherwise) {
        Long[] clocks = connection.segments().stream().map(CaptureEvidence::tsVal).toArray(Long[]::new);
        Map<Integer, Integer> duplicates = duplicates(connection, evidence, clocks);
        Map<Integer, Integer> delays = delays(connection, evidence, duplicates, replayedOtherwise, clocks);
        untimedDelays(connection, evidence, duplicates, replayedOtherwise, delays);
        List<Integer> sendingOrder = new ArrayList<>();
        for (int i = 0; i < connection.segments().size(); i++) {
            int index = i;
            delays.forEach((late, overtaker) -> {
                if (overtaker == index) {
                    sendingOrder.add(late);
                }
            });
            if (!delays.containsKey(i)) {
                sendingOrder.add(i);
            }
        }
        Map<Integer, Integer> heldUncopied = atSender(connection, evidence, CaptureEvidence.heldUncopied(connection));
        Map<Integer, Integer> heldAtSender = atSender(connection, evidence, CaptureEvidence.heldOriginals(connection));
        heldAtSender.putAll(heldUncopied);
        return new NetworkDuplicatesAndDelays(duplicates, delays, sendingOrder, unseenCopies(connection, evidence),
                heldAtSender, heldUncopied.keySet());
    }

    /**
     * Of the data segments the network held back instead of losing, by index, each with the index of the receiver's
     * answer that acknowledged them ({@link CaptureEvidence#heldOriginals}: sent again, the answer echoing the original's
     * TSval, not the copy's; {@link CaptureEvidence#heldUncopied}: SACKed past and never sent again), those a capture
     * taken at their sender shows. Such a segment reached its receiver just before the answer left: it filled a hole,
     * which Linux acknowledges at once (tcp_data_queue, RFC 5681 §4.2). A capture at the receiver shows when it arrived
     * ({@link #delays}).
     */
    private static Map<Integer, Integer> atSender(CapturedConnection connection, CaptureEvidence evidence, Map<Integer, Integer> heldOriginals) {
        Map<Integer, Integer> held = new LinkedHashMap<>();
        heldOriginals.forEach((original, answer) -> {
            boolean fromClient = connection.fromClient(connection.segments().get(original));
            if (evidence.vantage() == (fromClient ? CaptureEvidence.Vantage.CLIENT : CaptureEvidence.Vantage.SERVER)) {
                held.put(original, answer);
            }
        });
        return held;
    }

    /**
     * The answers to a copy the network made of a segment after the capture point, which the capture therefore does
     * not show (docs/linux-captures.md §84: the relay's copy of the server's SYN,ACK or FIN, in a file taken at the
     * server), by the answer's index, each with the index of the copied segment. Taken at one end, a file shows every
     * segment that end sent. The other end sends a pure ACK with the same sequence number, acknowledgement and window
     * as its previous segment only for a segment that arrives (RFC 9293 §3.10.7.4: a duplicate gets
     * <SEQ=SND.NXT><ACK=RCV.NXT>); its window updates, keep-alives and window probes differ in the window or carry
     * SND.UNA - 1. So a run of such ACKs longer than the segments of the capturing end they can answer (the one that ends
     * where the ACK points, and any sent after the other end's segment before the run that occupies sequence space or
     * lies below it: a duplicate, data beyond a gap (RFC 5681 §3.2), a window probe) answers a copy: of the latest
     * SYN,ACK or FIN without data the run acknowledges, whose TSval the answer echoes with timestamps. Copies of data
     * are left to the capture's own evidence (a D-SACK, {@link #duplicates}).
     */
    private static Map<Integer, Integer> unseenCopies(CapturedConnection connection, CaptureEvidence evidence) {
        Map<Integer, Integer> answers = new LinkedHashMap<>();
        if (evidence.vantage() == CaptureEvidence.Vantage.SENDERS) {
            return answers;
        }
        boolean capturedAtClient = evidence.vantage() == CaptureEvidence.Vantage.CLIENT;
        List<CapturedSegment> segments = connection.segments();
        Integer previous = null;
        int beforeRun = -1;
        int run = 0;
        Integer sent = null;
        for (int j = 0; j < segments.size(); j++) {
            CapturedSegment ack = segments.get(j);
            if (connection.fromClient(ack) == capturedAtClient) {
                continue;
            }
            // Below what the end had sent: its own window probe or keep-alive (SND.UNA - 1), no answer.
            boolean ownProbe = sent != null && Seq.lt(ack.seq(), sent);
            int sentTo = ack.seq() + CaptureEvidence.occupiedLength(ack);
            sent = sent == null || Seq.gt(sentTo, sent) ? Integer.valueOf(sentTo) : sent;
            if (previous == null || ownProbe || !repeats(segments.get(previous), ack)) {
                beforeRun = previous == null ? -1 : previous;
                run = 1;
            } else {
                run++;
                Integer copied = null;
                Integer sndNxt = null;
                int answerable = 0;
                for (int k = 0; k < j; k++) {
                    CapturedSegment own = segments.get(k);
                    int occupied = CaptureEvidence.occupiedLength(own);
                    if (connection.fromClient(own) != capturedAtClient) {
                        continue;
                    }
                    boolean control = own.payloadLength() == 0 && occupied > 0;
                    copied = control && Seq.le(own.seq() + occupied, ack.ack()) ? Integer.valueOf(k) : copied;
                    // Answered: the segment the ACK points past, and later ones that occupy sequence space or lie below
                    // what their end had sent (a window probe or keep-alive, SND.UNA - 1).
                    boolean probe = sndNxt != null && Seq.lt(own.seq(), sndNxt);
                    boolean answered = occupied > 0 && own.seq() + occupied == ack.ack() || k > beforeRun && (occupied > 0 || probe);
                    answerable += answered ? 1 : 0;
                    int end = own.seq() + occupied;
                    sndNxt = sndNxt == null || Seq.gt(end, sndNxt) ? Integer.valueOf(end) : sndNxt;
                }
                if (copied != null && run > answerable && echoes(ack, segments.get(copied))) {
                    answers.put(j, copied);
                }
            }
            previous = j;
        }
        return answers;
    }

    /**
     * A pure ACK that repeats the same end's previous segment, a pure ACK too, field for field, and reports no SACK
     * block (a copy of a SYN,ACK or FIN gets none; blocks are the answers to data).
     */
    private static boolean repeats(CapturedSegment previous, CapturedSegment ack) {
        return ack.flags() == Flags.ACK && previous.flags() == Flags.ACK && ack.payloadLength() == 0 && previous.payloadLength() == 0
                && ack.seq() == previous.seq() && ack.ack() == previous.ack() && ack.window() == previous.window()
                && !ack.carriesSack();
    }

    /** Without timestamps nothing to check; with them, the answer echoes the copied segment's TSval (RFC 7323 §3.2). */
    private static boolean echoes(CapturedSegment answer, CapturedSegment copied) {
        Long clock = CaptureEvidence.tsVal(copied);
        Long echo = CaptureEvidence.tsEcr(answer);
        return clock == null ? echo == null : clock.equals(echo);
    }

    boolean isDuplicate(int index) {
        return duplicates.containsKey(index);
    }

    boolean isDelayed(int index) {
        return delays.containsKey(index);
    }

    /**
     * Whether the held segment at {@code index} arrived within a tick of its sender's clock after the segment that
     * overtook it: its TSval alone would not tell it from a copy, only the absence of any cause for one does
     * ({@link #noCopyCause}).
     */
    boolean delayedWithinATick(CapturedConnection connection, int index) {
        Integer overtaker = delays.get(index);
        return overtaker != null && connection.segments().get(index).timeMicros()
                - connection.segments().get(overtaker).timeMicros() <= CaptureEvidence.TS_TICK_MICROS;
    }

    /**
     * The captured copies the network made of a segment its sender sent once, by index, each with the index of the
     * first copy (netem's {@code duplicate}, the relay's). A one-sided capture tells them from a retransmission by two
     * signs. With timestamps: the copy carries the first one's TSval although it came more than a tick of the sender's
     * clock later (Linux's TSval counts milliseconds, TCP_TS_HZ); a sender that sends again stamps the moment it sends
     * (RFC 7323 §3.2; tcp_skb_timestamp_ts), so no sender sent it then. Without them, or with the first one's TSval
     * within a tick (request-duplicated-reply-lost: the relay's copy 0.9 ms after), only for a capture taken at the
     * copy's receiver (where the network's copy shows) and for a segment that occupies sequence space (an end repeats a
     * pure ACK for every duplicate it gets, seen or not): it came sooner after the first than its sender's timers can
     * send again, less than min(TCP_RTO_MIN, one round trip of the handshake) (a loss probe waits 2 SRTT + 2 ms at
     * least, tcp_schedule_loss_probe; an RTO 200 ms, tcp_rto_min), and nothing its receiver sent could have prompted
     * it: no segment of the receiver that leaves it unacknowledged (a duplicate ACK, a SACK below it, a SYN sent again)
     * was sent early enough, between a round trip before the first copy and a round trip before this one, for an
     * answer to arrive by then. Each segment is held against the latest earlier one of its sender with the same
     * sequence number, length, control bits (PSH aside) and ACK that is no copy itself, found by that key in one pass.
     */
    private static Map<Integer, Integer> duplicates(CapturedConnection connection, CaptureEvidence evidence, Long[] clocks) {
        Map<Integer, Integer> copies = new LinkedHashMap<>();
        Map<SameSegment, Integer> latest = new HashMap<>();
        List<CapturedSegment> segments = connection.segments();
        long roundTripMicros = 2_000L * evidence.oneWayDelayMs();
        for (int j = 0; j < segments.size(); j++) {
            CapturedSegment copy = segments.get(j);
            SameSegment key = SameSegment.of(connection, copy);
            Integer i = latest.get(key);
            if (i != null && !Flags.has(copy.flags(), Flags.RST)) {
                CapturedSegment first = segments.get(i);
                long gap = copy.timeMicros() - first.timeMicros();
                Long firstClock = clocks[i];
                Long copyClock = clocks[j];
                boolean sameClock = firstClock != null && firstClock.equals(copyClock) && gap > CaptureEvidence.TS_TICK_MICROS;
                boolean atReceiver = evidence.vantage() == (connection.fromClient(copy)
                        ? CaptureEvidence.Vantage.SERVER : CaptureEvidence.Vantage.CLIENT);
                // Within a tick the same TSval does not tell a copy from a retransmission; the timing still does.
                boolean clocksAgree = firstClock == null ? copyClock == null : firstClock.equals(copyClock);
                boolean tooSoon = clocksAgree && atReceiver && CaptureEvidence.occupiedLength(copy) > 0
                        && gap < Math.min(CaptureEvidence.MIN_RTO_MICROS, roundTripMicros) && !prompted(connection, i, j, roundTripMicros);
                if (sameClock || tooSoon) {
                    copies.put(j, i);
                    continue;
                }
            }
            latest.put(key, j);
        }
        return copies;
    }

    /** What makes two captured segments copies of one: their sender, control bits (PSH aside), sequence number, length and ACK. */
    private record SameSegment(boolean fromClient, int flags, int seq, int length, int ack) {
        static SameSegment of(CapturedConnection connection, CapturedSegment segment) {
            return new SameSegment(connection.fromClient(segment), segment.flags() & ~Flags.PSH, segment.seq(), segment.payloadLength(),
                    segment.ack());
        }
    }

    /**
     * Whether the receiver of segment {@code j} sent, between a round trip before the first copy {@code i} and a round
     * trip before {@code j}, a segment that leaves it unacknowledged: one whose answer could be {@code j}.
     */
    private static boolean prompted(CapturedConnection connection, int i, int j, long roundTripMicros) {
        CapturedSegment first = connection.segments().get(i);
        return leftUnacknowledged(connection, first, first.seq() + CaptureEvidence.occupiedLength(first),
                first.timeMicros() - roundTripMicros, connection.segments().get(j).timeMicros() - roundTripMicros);
    }

    /**
     * Whether the receiver of {@code segment} sent, from {@code fromMicros} to {@code toMicros}, a segment that does not
     * acknowledge {@code end}, the end of the sequence space {@code segment} occupies.
     */
    private static boolean leftUnacknowledged(CapturedConnection connection, CapturedSegment segment, int end, long fromMicros, long toMicros) {
        return connection.segments().stream().anyMatch(peer -> !CaptureEvidence.sameSender(connection, segment, peer)
                && peer.timeMicros() >= fromMicros && peer.timeMicros() <= toMicros
                && !(Flags.has(peer.flags(), Flags.ACK) && Seq.ge(peer.ack(), end)));
    }

    /**
     * The captured segments the network held back past a later one of the same sender, by index, each with the index of
     * the first segment captured before it that its sender sent after it (netem's {@code delay ... reorder}, the relay's
     * {@code delay}). Only with timestamps, in the capture's order at the receiver: a segment whose sequence number
     * lies below the end of one captured earlier left its sender before it (its SND.NXT was then below that end), and
     * one whose TSval is no later than that one's, arriving more than a tick of the sender's clock after it, is no
     * retransmission (which would stamp its own, later moment: RFC 7323 §3.2): the network delivered it late. Within a
     * tick the clock alone does not tell, but a copy sent in the same tick as its overtaker needs a cause at its sender
     * that the capture would show ({@link #noCopyCause}); without one it is the original, held too. Each segment is held
     * only against its own sender's earlier segments that could have overtaken it (stamped, occupying sequence space, no
     * copy), in the capture's order, each read once.
     */
    private static Map<Integer, Integer> delays(CapturedConnection connection, CaptureEvidence evidence, Map<Integer, Integer> duplicates,
                                                Set<Integer> replayedOtherwise, Long[] clocks) {
        Map<Integer, Integer> delayed = new LinkedHashMap<>();
        List<CapturedSegment> segments = connection.segments();
        int n = segments.size();
        // The segments that could have overtaken a later one, per sender, in the capture's order: index, end, TSval, time.
        Map<Boolean, Overtakers> overtakers = Map.of(true, new Overtakers(n), false, new Overtakers(n));
        for (int j = 0; j < n; j++) {
            CapturedSegment late = segments.get(j);
            Overtakers own = overtakers.get(connection.fromClient(late));
            Long clock = clocks[j];
            if (clock != null && !duplicates.containsKey(j) && !replayedOtherwise.contains(j) && !Flags.has(late.flags(), Flags.RST)
                    && !Flags.has(late.flags(), Flags.SYN)) {
                int withinTick = -1;
                for (int c = 0; c < own.count; c++) {
                    if (Seq.lt(late.seq(), own.end[c]) && (int) (clock - own.clock[c]) <= 0) {
                        if (late.timeMicros() - own.timeMicros[c] > CaptureEvidence.TS_TICK_MICROS) {
                            delayed.put(j, own.index[c]);
                            break;
                        }
                        withinTick = withinTick < 0 ? c : withinTick;
                    }
                }
                if (!delayed.containsKey(j) && withinTick >= 0 && noCopyCause(connection, evidence, late, own, withinTick)) {
                    delayed.put(j, own.index[withinTick]);
                }
            }
            int occupied = CaptureEvidence.occupiedLength(late);
            if (clock != null && occupied > 0 && !duplicates.containsKey(j)) {
                own.add(j, late.seq() + occupied, clock, late.timeMicros());
            }
        }
        return delayed;
    }

    /**
     * Whether {@code late}, below the end of its overtaker {@code c} with no later TSval but captured within a tick after
     * it, is no copy its sender sent in that tick (docs/linux-captures.md §118, §119): a copy needs a cause that a capture
     * at its receiver shows. One the receiver prompted (RACK, tcp_rack_detect_loss; fast retransmit) leaves once a
     * segment showing data beyond it has reached the sender, so it arrives a round trip or more after the receiver sent
     * that segment: none was sent from the first arrival of data beyond its start to a round trip before it. A loss probe
     * sends new data or the highest segment sent (tcp_send_loss_probe), which ends at or beyond {@code c}'s end;
     * {@code late} ends below it. The retransmission timer sends the queue's head (tcp_retransmit_timer) and is rearmed by
     * every ACK that advances it (FLAG_SET_XMIT_TIMER): {@code late} became the head no sooner than the receiver's first
     * ACK up to it arrived, and its copy would arrive a timeout (more than min(TCP_RTO_MIN, a round trip)) and a round
     * trip after that ACK left. Only at the receiver, and only with a round trip (the path's fastest in whole
     * milliseconds: 0 on loopback and veth).
     */
    private static boolean noCopyCause(CapturedConnection connection, CaptureEvidence evidence, CapturedSegment late, Overtakers own, int c) {
        long roundTripMicros = 2_000L * evidence.oneWayDelayMs();
        int end = late.seq() + CaptureEvidence.occupiedLength(late);
        // At its sender a capture shows the sender's own order, and a prompting ACK only once it has arrived.
        boolean atReceiver = evidence.vantage() == (connection.fromClient(late) ? CaptureEvidence.Vantage.SERVER : CaptureEvidence.Vantage.CLIENT);
        if (!atReceiver || roundTripMicros == 0 || !Seq.lt(end, own.end[c])) {
            return false;
        }
        long firstBeyondMicros = own.timeMicros[c];
        for (int b = 0; b < c; b++) {
            if (Seq.lt(late.seq(), own.end[b])) {
                firstBeyondMicros = own.timeMicros[b];
                break;
            }
        }
        long headByMicros = late.timeMicros() - roundTripMicros - Math.min(CaptureEvidence.MIN_RTO_MICROS, roundTripMicros);
        boolean timedOut = connection.segments().stream().anyMatch(peer -> !CaptureEvidence.sameSender(connection, late, peer)
                && peer.timeMicros() <= headByMicros && Flags.has(peer.flags(), Flags.ACK) && Seq.ge(peer.ack(), late.seq()));
        return !timedOut && !leftUnacknowledged(connection, late, end, firstBeyondMicros, late.timeMicros() - roundTripMicros);
    }

    /**
     * Without timestamps (docs/linux-captures.md §63, §95), adds to {@code delayed} the data segments captured at their
     * receiver that no earlier segment of their sender carried, with one that starts at or beyond their end captured
     * before them, that arrive sooner than a retransmission of a lost original could. The original left no sooner than
     * one way after the receiver's segment whose window first reached its end (the opener); a copy its timers send (an
     * RTO, tcp_rto_min; a loss probe, 2 SRTT) waits at least min(TCP_RTO_MIN, a round trip) more and arrives one way
     * later; a copy a duplicate ACK or SACK prompts needs a segment of the receiver, sent after the opener, that leaves
     * it unacknowledged, at least a round trip before it arrives. Neither fits, so the network held the original back.
     */
    private static void untimedDelays(CapturedConnection connection, CaptureEvidence evidence, Map<Integer, Integer> duplicates,
                                      Set<Integer> replayedOtherwise, Map<Integer, Integer> delayed) {
        List<CapturedSegment> segments = connection.segments();
        long roundTripMicros = 2_000L * evidence.oneWayDelayMs();
        // The highest data sequence number each sender's segments captured so far start at: most segments lie above it.
        Map<Boolean, Integer> highestStart = new HashMap<>();
        for (int j = 0; j < segments.size() && roundTripMicros > 0; j++) {
            CapturedSegment late = segments.get(j);
            boolean fromClient = connection.fromClient(late);
            int end = late.seq() + late.payloadLength();
            Integer highest = highestStart.get(fromClient);
            boolean overtaken = highest != null && Seq.ge(highest, end);
            if (late.payloadLength() > 0 && (highest == null || Seq.gt(late.seq(), highest))) {
                highestStart.put(fromClient, late.seq());
            }
            boolean atReceiver = evidence.vantage() == (fromClient ? CaptureEvidence.Vantage.SERVER : CaptureEvidence.Vantage.CLIENT);
            if (!overtaken || !atReceiver || CaptureEvidence.tsVal(late) != null || late.payloadLength() == 0 || duplicates.containsKey(j)
                    || replayedOtherwise.contains(j) || Flags.has(late.flags(), Flags.SYN | Flags.RST)) {
                continue;
            }
            Integer overtaker = null;
            boolean carriedBefore = false;
            Long openedMicros = null;
            for (int c = 0; c < j; c++) {
                CapturedSegment earlier = segments.get(c);
                if (CaptureEvidence.sameSender(connection, late, earlier)) {
                    int earlierEnd = earlier.seq() + CaptureEvidence.occupiedLength(earlier);
                    carriedBefore |= Seq.le(earlier.seq(), late.seq()) && Seq.lt(late.seq(), earlierEnd);
                    if (overtaker == null && earlier.payloadLength() > 0 && Seq.ge(earlier.seq(), end)) {
                        overtaker = c;
                    }
                } else if (openedMicros == null && Flags.has(earlier.flags(), Flags.ACK)
                        && connection.rightEdge(earlier).stream().anyMatch(edge -> Seq.ge(edge, end))) {
                    openedMicros = earlier.timeMicros();
                }
            }
            if (carriedBefore || overtaker == null || openedMicros == null
                    || late.timeMicros() - openedMicros >= roundTripMicros + Math.min(CaptureEvidence.MIN_RTO_MICROS, roundTripMicros)
                    || leftUnacknowledged(connection, late, end, openedMicros + 1, late.timeMicros() - roundTripMicros)) {
                continue;
            }
            delayed.put(j, overtaker);
        }
    }

    /** One sender's segments that could overtake a later one, in the capture's order. */
    private static final class Overtakers {
        private final int[] index;
        private final int[] end;
        private final long[] clock;
        private final long[] timeMicros;
        private int count;

        Overtakers(int capacity) {
            index = new int[capacity];
            end = new int[capacity];
            clock = new long[capacity];
            timeMicros = new long[capacity];
        }

        void add(int at, int endSeq, long tsVal, long time) {
            index[count] = at;
            end[count] = endSeq;
            clock[count] = tsVal;
            timeMicros[count] = time;
            count++;
        }
    }
}
