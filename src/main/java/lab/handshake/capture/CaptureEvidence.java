package lab.handshake.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Profile;
import lab.handshake.engine.ReadMode;
import lab.handshake.engine.Seq;
import lab.handshake.engine.TcpOptions;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.SackBlock;
import lab.handshake.engine.trace.TraceOption;

/**
 * What a capture taken at one point of the path says beyond its segments. A capture shows what passed that
 * point, not what arrived: a segment sent again means the earlier copy or its acknowledgement was lost
 * somewhere, and a source that never answers is no endpoint at all (a spoofed SYN of a flood). The replay
 * loses those segments instead of delivering them, so it never invents an ACK or a client.
 *
 * @param losses        the captured segments (by their index in the connection) that never reached the receiver
 * @param spoofedClient the client sent SYNs and nothing else although the server answered: a flood's half-open entry
 *                      (not a client that closed in SYN-SENT, {@link ForgottenConnection#inSynSent})
 * @param vantage       where the capture was taken
 * @param oneWayDelayMs how long a segment took from one end to the other, in whole milliseconds rounded down (the
 *                      replay's clock counts whole milliseconds and truncates the capture's times to them: a delay
 *                      rounded up would deliver a segment after the captured answer to it, 101.0 ms → 51 + 51)
 */
public record CaptureEvidence(Map<Integer, Loss> losses, boolean spoofedClient, Vantage vantage, int oneWayDelayMs) {

    /**
     * Where the capture was taken. At one end, that end's segments are seen as they leave and the other end's
     * as they arrive, a one-way delay after they left; a file with every segment stamped when it was sent (an
     * export of a simulation) has no single vantage point.
     */
    public enum Vantage { CLIENT, SERVER, SENDERS }

    /** Two answers within this are the same delay: the file was stamped at each sender, or on loopback. */
    private static final double SAME_DELAY = 0.6;
    /** An answer within this came from the end where the capture was taken. */
    private static final long AT_THE_END_MICROS = 2_000;
    /**
     * A copy sent again sooner than Linux's smallest retransmission timeout (TCP_RTO_MIN, 200 ms) answers a
     * duplicate (a SYN,ACK for a retransmitted SYN); only a later one is a timer's retransmission, evidence of loss.
     */
    static final long MIN_RTO_MICROS = 200_000;
    /** One tick of Linux's timestamp clock, which counts milliseconds (TCP_TS_HZ), and the capture's rounding beside it. */
    static final long TS_TICK_MICROS = 2_000;
    /** Time enough for an application that reads as data arrives to have taken the first of two segments. */
    private static final int READER_WAKES_MS = 10;
    /**
     * A read's ACK leaves within this of the arrival that woke the reader; the request-response-ping-pong capture's
     * server, which did not read, answered two pushed segments 4.5 and 5.1 ms after the second arrived.
     */
    private static final long READ_ACKS_AT_ONCE_MICROS = 2_000;
    /**
     * Linux's TCP_TIMEOUT_MIN, what a tail loss probe's timeout adds to 2 × srtt with more than one segment out (the
     * minimum RTO with one; tcp_schedule_loss_probe): never below 2 ms whatever the round trip ({@link #probeCouldSend}).
     */
    private static final long PROBE_TIMEOUT_FLOOR_MICROS = 2_000;
    /**
     * How far from a round trip after a segment an answer sent at once may be captured: the path's jitter and the
     * delay's rounding to whole milliseconds (syn-ack-lost-twice: 0.5 and 0.8 ms).
     */
    private static final long IMMEDIATE_ANSWER_MICROS = 3_000;

    /** Why a segment is taken as lost: its own copy came again, or it acknowledges one that came again. */
    public enum LossKind {
        /** The sender sent the same segment again with no acknowledgement in between. */
        COPY("replay.lost-copy"),
        /** This segment acknowledged one that its peer sent again later: this acknowledgement did not arrive. */
        ANSWER("replay.lost-answer"),
        /** The peer never sent anything: nothing this sender sent arrived. */
        UNANSWERED("replay.unanswered"),
        /** Answered by an ICMP Destination Unreachable that its sender acted on ({@link #rejection}). */
        REJECTED("replay.rejected"),
        /** Sent to a spoofed source of a SYN flood: nobody there. */
        SPOOFED("replay.spoofed"),
        /** Acknowledged the SYN,ACK of a server that later answers as if it never had the connection. */
        NEVER_ACCEPTED("replay.lost-never-accepted"),
        /** A window update after which the peer still probes the shut window: it never heard of the opening. */
        UPDATE_UNHEARD("replay.lost-window-update"),
        /** An answer to a zero-window probe whose sender later gave up probing: it never heard the answer. */
        PROBE_ANSWER_UNHEARD("replay.lost-probe-answer"),
        /** Sent after the peer vanished: its data went again on the timer and nothing came back to the end. */
        PEER_VANISHED("replay.peer-vanished"),
        /** A keep-alive probe nothing answered, where an end that receives one always answers it. */
        KEEP_ALIVE_UNANSWERED("replay.lost-keep-alive"),
        /** A reset its peer would have taken, after which that peer still sends a FIN or data: it never heard it. */
        RESET_UNHEARD("replay.lost-reset");

        private final String messageKey;

        LossKind(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** One lost segment: why, and when the retransmission that proves it was captured (micros, capture clock). */
    /** @param icmp for {@link LossKind#REJECTED}, the ICMP that answered the segment (its time is resentAtMicros); else null */
    public record Loss(LossKind kind, long resentAtMicros, CapturedUnreachable icmp) {
        public Loss(LossKind kind, long resentAtMicros) {
            this(kind, resentAtMicros, null);
        }
    }

    /**
     * The ICMP Destination Unreachable that answered the segment at {@code index} and that its sender acted on: it never
     * sent that sequence number again. Over IPv6 the kernel may go on (the capture's SYN sent again, everyday-s96 veth6
     * icmp-*): then the segment is a plain loss, as the capture proves.
     */
    private static Optional<CapturedUnreachable> rejection(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment segment = segments.get(index);
        return connection.unreachables().stream().filter(unreachable -> unreachable.quotes(segment))
                .filter(unreachable -> segments.subList(index + 1, segments.size()).stream()
                        .noneMatch(later -> sameSender(connection, segment, later) && later.seq() == segment.seq()
                                && later.timeMicros() >= unreachable.timeMicros()))
                .findFirst();
    }

    public static CaptureEvidence of(CapturedConnection connection) {
        if (connection.selfConnected()) {
            // One socket connected to itself: each segment reaches it as it leaves, on one host, and none is unanswered.
            return new CaptureEvidence(new LinkedHashMap<>(), false, Vantage.SENDERS, 0);
        }
        List<CapturedSegment> segments = connection.segments();
        boolean clientAcked = segments.stream().anyMatch(s -> connection.fromClient(s) && Flags.has(s.flags(), Flags.ACK));
        boolean serverSpoke = segments.stream().anyMatch(s -> !connection.fromClient(s));
        boolean clientOpened = Flags.has(segments.get(0).flags(), Flags.SYN) && connection.fromClient(segments.get(0));
        // A client that resets a SYN,ACK copy it never answered before closed in SYN-SENT: an end, not a flood's source.
        boolean spoofed = clientOpened && !clientAcked && serverSpoke
                && segments.stream().noneMatch(s -> !connection.fromClient(s) && Flags.has(s.flags(), Flags.RST))
                && ForgottenConnection.of(connection).filter(ForgottenConnection::inSynSent).isEmpty();
        Map<Integer, Loss> losses = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            boolean fromClient = connection.fromClient(segment);
            if (spoofed && !fromClient) {
                losses.put(i, new Loss(LossKind.SPOOFED, segment.timeMicros()));
            } else if (!serverSpoke && !spoofed) {
                losses.put(i, rejection(connection, i).map(icmp -> new Loss(LossKind.REJECTED, icmp.timeMicros(), icmp))
                        .orElseGet(() -> new Loss(LossKind.UNANSWERED, segment.timeMicros())));
            }
        }
        if (!spoofed && serverSpoke) {
            findRetransmissions(connection, losses);
            findUnheardWindowUpdates(connection, losses);
            vanishedPeer(connection).ifPresent(vanished -> {
                for (int i = vanished.firstLost(); i < segments.size(); i++) {
                    // Its copies too: the inferred scenario drops them all with one fault.
                    if (sameSender(connection, segments.get(vanished.firstLost()), segments.get(i))) {
                        losses.put(i, new Loss(LossKind.PEER_VANISHED, segments.get(segments.size() - 1).timeMicros()));
                    }
                }
            });
            unansweredKeepAlives(connection).forEach(probe ->
                    losses.putIfAbsent(probe, new Loss(LossKind.KEEP_ALIVE_UNANSWERED, segments.get(probe).timeMicros())));
            unheardResets(connection).forEach((reset, goesOn) -> {
                losses.putIfAbsent(reset, new Loss(LossKind.RESET_UNHEARD, segments.get(goesOn).timeMicros()));
                // What that reset answered arrived, though it came again: the reset went unheard, not it.
                answeredByAClosedPort(connection, reset).ifPresent(answered ->
                        losses.computeIfPresent(answered, (index, loss) -> loss.kind() == LossKind.COPY ? null : loss));
            });
            silentPeer(connection).ifPresent(silent -> silent.answers().forEach(answer ->
                    losses.putIfAbsent(answer, new Loss(LossKind.PROBE_ANSWER_UNHEARD, segments.get(answer).timeMicros()))));
            ClosedListener.of(connection).ifPresent(closed -> losses.putIfAbsent(closed.lostAckIndex(),
                    new Loss(LossKind.NEVER_ACCEPTED, segments.get(closed.resetIndex()).timeMicros())));
            expiredHandshake(connection).ifPresent(expired -> {
                for (int i = 0; i < expired.resetIndex(); i++) {
                    CapturedSegment segment = segments.get(i);
                    if (connection.fromClient(segment) && Flags.has(segment.flags(), Flags.ACK) && occupiedLength(segment) == 0) {
                        losses.putIfAbsent(i, new Loss(LossKind.NEVER_ACCEPTED, segments.get(expired.resetIndex()).timeMicros()));
                    }
                }
            });
        }
        CaptureEvidence evidence = located(connection, losses, spoofed);
        if (!spoofed && serverSpoke) {
            findSynAckCopiesUnheard(connection, evidence);
        }
        return evidence;
    }

    /** Where the capture was taken and the path's one-way delay, from how fast each end acknowledged the other. */
    private static CaptureEvidence located(CapturedConnection connection, Map<Integer, Loss> losses, boolean spoofed) {
        Long byServer = fastestAnswer(connection, losses, true);
        Long byClient = fastestAnswer(connection, losses, false);
        if (byServer == null && byClient == null) {
            return new CaptureEvidence(losses, spoofed, Vantage.SENDERS, 0);
        }
        if (byServer == null || byClient == null) {
            // Only one end ever acknowledged: quickly if the capture was taken there, after a round trip if not.
            long gap = byServer != null ? byServer : byClient;
            boolean atAcker = gap < AT_THE_END_MICROS;
            Vantage vantage = (byServer != null) == atAcker ? Vantage.SERVER : Vantage.CLIENT;
            return new CaptureEvidence(losses, spoofed, vantage, atAcker ? 0 : millis(gap / 2));
        }
        long small = Math.min(byServer, byClient);
        long large = Math.max(byServer, byClient);
        if (large < AT_THE_END_MICROS || small >= SAME_DELAY * large) {
            return new CaptureEvidence(losses, spoofed, Vantage.SENDERS, millis(small));
        }
        return new CaptureEvidence(losses, spoofed, byServer < byClient ? Vantage.SERVER : Vantage.CLIENT, millis(large / 2));
    }

    /**
     * A SYN,ACK its server sent again sooner than a timer would (the answer to the client's SYN sent again, some 20 ms
     * after the SYN,ACK timer's copy in syn-ack-lost-twice) proves no loss by itself ({@link #findRetransmissions});
     * the client's handshake ACK tells which copy it had. In SYN-SENT the client acknowledges the first SYN,ACK it
     * takes at once and echoes its TSval (tcp_rcv_synsent_state_process: tcp_store_ts_recent, tcp_send_ack; RFC 7323
     * §4.3), and a later copy finds it ESTABLISHED. So every copy before the one the ACK answers never arrived: the
     * one whose TSval it echoes or, without timestamps, the one a round trip before it (within
     * {@link #IMMEDIATE_ANSWER_MICROS}) when the ACK came later than that after the earlier copy.
     */
    private static void findSynAckCopiesUnheard(CapturedConnection connection, CaptureEvidence evidence) {
        List<CapturedSegment> segments = connection.segments();
        List<Integer> copies = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            boolean synAck = Flags.has(segment.flags(), Flags.SYN) && Flags.has(segment.flags(), Flags.ACK);
            if (synAck && (copies.isEmpty() || sameSender(connection, segments.get(copies.get(0)), segment)
                    && sameSegment(segments.get(copies.get(0)), segment))) {
                copies.add(i);
            } else if (!copies.isEmpty() && !sameSender(connection, segments.get(copies.get(0)), segment)
                    && Flags.has(segment.flags(), Flags.ACK) && Seq.gt(segment.ack(), segments.get(copies.get(0)).seq())) {
                int answered = answeredCopy(connection, evidence, copies, segment);
                for (int k = 0; k < answered; k++) {
                    evidence.losses().putIfAbsent(copies.get(k), new Loss(LossKind.COPY, segments.get(copies.get(answered)).timeMicros()));
                }
                return;
            }
        }
    }

    /** Which of the copies (their position in {@code copies}) the handshake ACK answered; -1 when it cannot tell. */
    private static int answeredCopy(CapturedConnection connection, CaptureEvidence evidence, List<Integer> copies, CapturedSegment ack) {
        Long echo = tsEcr(ack);
        for (int k = 0; k < copies.size(); k++) {
            CapturedSegment copy = connection.segments().get(copies.get(k));
            if (echo != null) {
                if (echo.equals(tsVal(copy))) {
                    return k;
                }
            } else if (Math.abs(ack.timeMicros() - evidence.answeredAtMicros(connection.fromClient(copy), copy.timeMicros()))
                    <= IMMEDIATE_ANSWER_MICROS) {
                return k;
            }
        }
        return -1;
    }

    /** When the capture shows an answer its receiver sent at once to a segment captured at {@code capturedMicros}. */
    private long answeredAtMicros(boolean fromClient, long capturedMicros) {
        long arrives = arrivesAtMs(fromClient, 0) * 1000 + capturedMicros;
        return arrives - sentAtMs(!fromClient, 0) * 1000;
    }

    /** When a segment sent at {@code capturedMs} (capture clock, from the first segment) left its sender. */
    public long sentAtMs(boolean fromClient, long capturedMs) {
        return switch (vantage) {
            case SENDERS -> capturedMs;
            case CLIENT -> fromClient ? capturedMs + oneWayDelayMs : capturedMs;
            case SERVER -> fromClient ? capturedMs : capturedMs + oneWayDelayMs;
        };
    }

    /** When it reached the other end. */
    public long arrivesAtMs(boolean fromClient, long capturedMs) {
        return sentAtMs(fromClient, capturedMs) + oneWayDelayMs;
    }

    /**
     * The shortest time from a segment of one end (not lost) to the first segment of the other end that
     * acknowledges it; null when the other end acknowledged nothing. A copy counts only when that answer echoes the
     * copy's own TSval, which no earlier copy carried (RFC 7323 §4.1: the echo tells which transmission was
     * acknowledged, as Linux's tcp_ack_update_rtt takes it for a segment sent again): else the answer may be the
     * earlier copy's, which arrived late. A SYN sent again after its first went unanswered (a listener's full queue)
     * is often all that shows the path's delay before the connection's end.
     */
    private static Long fastestAnswer(CapturedConnection connection, Map<Integer, Loss> losses, boolean byServer) {
        List<CapturedSegment> segments = connection.segments();
        Long fastest = null;
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment sent = segments.get(i);
            if (connection.fromClient(sent) != byServer || occupiedLength(sent) == 0 || losses.containsKey(i)) {
                continue;
            }
            boolean copy = isCopy(connection, i);
            int end = sent.seq() + occupiedLength(sent);
            for (int k = i + 1; k < segments.size(); k++) {
                CapturedSegment answer = segments.get(k);
                if (connection.fromClient(answer) != byServer && (Flags.has(answer.flags(), Flags.ACK) && Seq.ge(answer.ack(), end)
                        || resetToSynAck(sent, answer))) {
                    if (!copy || echoesOnly(connection, i, answer)) {
                        long gap = answer.timeMicros() - sent.timeMicros();
                        fastest = fastest == null ? gap : Math.min(fastest, gap);
                    }
                    break;
                }
            }
        }
        return fastest;
    }

    /**
     * Whether {@code answer} is {@code <SEQ=SEG.ACK><CTL=RST>} to a SYN,ACK: what an end in SYN-SENT that takes the
     * SYN,ACK's ACK for one of nothing it sent, or a closed one, sends at once (RFC 9293 §3.10.7.1, §3.10.7.3; Linux
     * tcp_rcv_synsent_state_process's reset_and_undo, tcp_v4_send_reset's seq = th->ack_seq). An end that never
     * acknowledges shows the round trip so (old-duplicate-syn).
     */
    private static boolean resetToSynAck(CapturedSegment synAck, CapturedSegment answer) {
        return Flags.has(synAck.flags(), Flags.SYN) && Flags.has(synAck.flags(), Flags.ACK) && Flags.has(answer.flags(), Flags.RST)
                && !Flags.has(answer.flags(), Flags.ACK) && answer.seq() == synAck.ack();
    }

    /** Whether {@code answer} echoes the TSval of the copy at {@code index}, and no earlier copy of it had that TSval. */
    private static boolean echoesOnly(CapturedConnection connection, int index, CapturedSegment answer) {
        CapturedSegment copy = connection.segments().get(index);
        Long own = tsVal(copy);
        Long echo = tsEcr(answer);
        if (own == null || !own.equals(echo)) {
            return false;
        }
        for (int i = 0; i < index; i++) {
            CapturedSegment earlier = connection.segments().get(i);
            if (sameSender(connection, earlier, copy) && earlier.seq() == copy.seq() && own.equals(tsVal(earlier))) {
                return false;
            }
        }
        return true;
    }

    /** The sender sent this stretch of sequence space before (a retransmission, or a SYN,ACK after its own SYN). */
    private static boolean isCopy(CapturedConnection connection, int index) {
        CapturedSegment segment = connection.segments().get(index);
        for (int i = 0; i < index; i++) {
            CapturedSegment earlier = connection.segments().get(i);
            if (sameSender(connection, earlier, segment) && earlier.seq() == segment.seq()
                    && occupiedLength(earlier) == occupiedLength(segment)) {
                return true;
            }
        }
        return false;
    }

    /** Whole milliseconds, rounded down as the replay's captured times are, so twice a half never exceeds the whole. */
    private static int millis(long micros) {
        return (int) (micros / 1000);
    }

    /**
     * The FIN-WAIT-2 time-out a capture shows, in ms: an end whose FIN was acknowledged answers the peer's later
     * FIN with a bare reset ({@code <SEQ=SEG.ACK><CTL=RST>}, RFC 9293 §3.10.7.1, as a closed port does), so its
     * orphaned FIN-WAIT-2 ended in between (Linux tcp_fin_timeout shorter than the peer's wait). The whole seconds
     * below that wait (the sysctl counts seconds), or the wait less a millisecond when it was under one second;
     * empty when the capture shows no such reset.
     */
    public static Optional<FinWait2Timeout> finWait2Timeout(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        for (boolean closerIsClient : new boolean[] {true, false}) {
            Integer fin = null;
            Long acknowledgedAt = null;
            CapturedSegment peerFin = null;
            for (CapturedSegment segment : segments) {
                boolean fromCloser = connection.fromClient(segment) == closerIsClient;
                if (fin == null) {
                    fin = fromCloser && Flags.has(segment.flags(), Flags.FIN) ? segment.seq() + occupiedLength(segment) : null;
                } else if (acknowledgedAt == null) {
                    acknowledgedAt = !fromCloser && Flags.has(segment.flags(), Flags.ACK) && Seq.ge(segment.ack(), fin) ? segment.timeMicros() : null;
                } else if (peerFin == null) {
                    peerFin = !fromCloser && Flags.has(segment.flags(), Flags.FIN) ? segment : null;
                } else if (fromCloser) {
                    boolean bareReset = Flags.has(segment.flags(), Flags.RST) && !Flags.has(segment.flags(), Flags.ACK)
                            && segment.seq() == peerFin.ack();
                    if (!bareReset) {
                        break;
                    }
                    long waitedMs = (peerFin.timeMicros() - acknowledgedAt) / 1000;
                    int timeoutMs = (int) (waitedMs >= 1000 ? waitedMs / 1000 * 1000 : Math.max(1, waitedMs - 1));
                    return Optional.of(new FinWait2Timeout(closerIsClient, timeoutMs, waitedMs));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * An orphan with no FIN-WAIT-2 at all (Linux TCP_LINGER2 -1), as a {@link FinWait2Timeout} of -1 ms: the peer's
     * first segment that acknowledges an end's FIN, a bare ACK, is answered at once (the capture's next segment) by a
     * bare reset of that end, {@code <SEQ=SEG.ACK><CTL=RST>}: tcp_rcv_state_process in FIN-WAIT-1 ({@code tp->linger2 < 0})
     * calls tcp_done, and tcp_v4_send_reset answers the ACK. An end that enters FIN-WAIT-2 takes that ACK silently;
     * so does one that had the peer's FIN first, in LAST-ACK or CLOSING, not FIN-WAIT-1: a reset of its address after
     * that ACK is another's (written into the peer's TIME-WAIT, §149), not its answer.
     */
    public static Optional<FinWait2Timeout> finWait2Skipped(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        for (boolean closerIsClient : new boolean[] {true, false}) {
            Integer fin = null;
            boolean peerClosedFirst = false;
            for (int i = 0; i + 1 < segments.size(); i++) {
                CapturedSegment segment = segments.get(i);
                boolean fromCloser = connection.fromClient(segment) == closerIsClient;
                if (fin == null) {
                    fin = fromCloser && Flags.has(segment.flags(), Flags.FIN) ? segment.seq() + occupiedLength(segment) : null;
                } else if (!fromCloser && Flags.has(segment.flags(), Flags.ACK) && Seq.ge(segment.ack(), fin)) {
                    CapturedSegment answer = segments.get(i + 1);
                    boolean answered = !peerClosedFirst && segment.flags() == Flags.ACK && segment.payloadLength() == 0
                            && connection.fromClient(answer) == closerIsClient && answer.flags() == Flags.RST
                            && answer.seq() == segment.ack();
                    if (answered) {
                        return Optional.of(new FinWait2Timeout(closerIsClient, -1, 0));
                    }
                    break;
                }
                peerClosedFirst |= !fromCloser && Flags.has(segment.flags(), Flags.FIN);
            }
        }
        return Optional.empty();
    }

    /** Which end's FIN-WAIT-2 ended ({@code client} or not), the time-out taken, and how long its peer waited. */
    public record FinWait2Timeout(boolean client, int timeoutMs, long peerWaitedMs) {
    }

    /**
     * A handshake whose half-open entry expired: a server that has sent nothing but its SYN,ACK (and copies of it)
     * answers a client segment that acknowledges it with a bare reset ({@code <SEQ=SEG.ACK><CTL=RST>}), what a
     * listener answers to an ACK of no connection (RFC 9293 §3.10.7.2). So none of the client's acknowledgements
     * reached its TCP, and it gave up after its last copy (Linux tcp_synack_retries): that many retransmissions.
     */
    public static Optional<ExpiredHandshake> expiredHandshake(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        int synAcks = 0;
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            if (connection.fromClient(segment)) {
                continue;
            }
            boolean synAck = Flags.has(segment.flags(), Flags.SYN) && Flags.has(segment.flags(), Flags.ACK);
            if (synAck) {
                synAcks++;
                continue;
            }
            boolean bareReset = Flags.has(segment.flags(), Flags.RST) && !Flags.has(segment.flags(), Flags.ACK);
            if (bareReset && synAcks > 0 && answersAnAck(connection, i) && acceptQueueOverflowReset(connection).isEmpty()
                    && ClosedListener.of(connection).isEmpty()) {
                return Optional.of(new ExpiredHandshake(synAcks - 1, i));
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A connection one end forgot: after it took part in the connection (it sent a segment other than its SYN or
     * SYN,ACK) and without having sent a FIN or a reset, it answers the peer's segment with a bare reset,
     * {@code <SEQ=SEG.ACK><CTL=RST>}, the answer of an end that has no connection (RFC 9293 §3.10.7.1). An open
     * connection acknowledges what arrives instead, and Linux's own reset of one carries ACK (tcp_send_active_reset);
     * so the end's host restarted, or its connection was aborted with the reset lost before the capture point (a close
     * with SO_LINGER {1, 0}, ss -K), and the reset came from tcp_v4_send_reset for a segment that found no socket.
     * Empty when the capture shows no such reset.
     *
     * <p>Or a client that closed in SYN-SENT: it sent nothing but SYNs, and answers a SYN,ACK the server sent again
     * with that reset, where the first copy got no answer. In SYN-SENT the SYN,ACK would have been acknowledged
     * (tcp_rcv_synsent_state_process), so the first copy was lost and the socket was gone when the next one came:
     * close() in SYN-SENT deletes it and sends nothing (tcp_close_state: SYN_SENT → CLOSE; RFC 9293 §3.10.4), and the
     * copy found no socket (tcp_v4_rcv's no_tcp_socket, tcp_v4_send_reset). A flood's spoofed source that is a live
     * host, or a client an old duplicate SYN's SYN,ACK reaches, resets the first SYN,ACK that arrives instead.
     *
     * @param resetIndex    the bare reset
     * @param answeredIndex the peer's segment it answers, the last the peer sent before it
     * @param inSynSent     the end is a client that closed in SYN-SENT
     */
    public record ForgottenConnection(int resetIndex, int answeredIndex, boolean inSynSent) {

        public static Optional<ForgottenConnection> of(CapturedConnection connection) {
            List<CapturedSegment> segments = connection.segments();
            for (int r = 0; r < segments.size(); r++) {
                CapturedSegment reset = segments.get(r);
                if (reset.flags() != Flags.RST) {
                    continue;
                }
                boolean tookPart = false;
                Integer answered = null;
                for (int i = 0; i < r; i++) {
                    CapturedSegment earlier = segments.get(i);
                    if (sameSender(connection, reset, earlier)) {
                        if (Flags.has(earlier.flags(), Flags.FIN) || Flags.has(earlier.flags(), Flags.RST)) {
                            return Optional.empty();
                        }
                        tookPart |= !Flags.has(earlier.flags(), Flags.SYN);
                        answered = null;
                    } else {
                        answered = i;
                    }
                }
                boolean inSynSent = !tookPart && answered != null && connection.fromClient(reset)
                        && Flags.has(segments.get(answered).flags(), Flags.SYN) && isCopy(connection, answered);
                if ((tookPart || inSynSent) && answered != null && Flags.has(segments.get(answered).flags(), Flags.ACK)
                        && !Flags.has(segments.get(answered).flags(), Flags.RST) && segments.get(answered).ack() == reset.seq()) {
                    return Optional.of(new ForgottenConnection(r, answered, inSynSent));
                }
                return Optional.empty();
            }
            return Optional.empty();
        }
    }

    /**
     * Linux's first SYN,ACK timeout: a half-open entry cannot expire sooner after its last SYN,ACK (reqsk_timer_handler
     * waits TCP_TIMEOUT_INIT, doubled after each retransmission).
     */
    private static final long SYNACK_TIMEOUT_INIT_MICROS = 1_000_000;

    /**
     * A listener whose accept queue had no room, under net.ipv4.tcp_abort_on_overflow = 1: a server that has sent nothing
     * but its SYN,ACK (and copies of it) answers the client's ACK of it at once (within the millisecond) with a bare reset
     * {@code <SEQ=SEG.ACK><CTL=RST>}, less than the 1 s a half-open entry lives after its last SYN,ACK: the entry was still
     * there, and Linux resets it only when the connection the ACK completes finds the accept queue full (tcp_check_req,
     * {@code listen_overflow} then {@code embryonic_reset}). Returns the reset's index.
     */
    public static Optional<Integer> acceptQueueOverflowReset(CapturedConnection connection) {
        if (ClosedListener.of(connection).isPresent()) {
            return Optional.empty();
        }
        List<CapturedSegment> segments = connection.segments();
        long lastSynAck = -1;
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            if (connection.fromClient(segment)) {
                continue;
            }
            if (Flags.has(segment.flags(), Flags.SYN) && Flags.has(segment.flags(), Flags.ACK)) {
                lastSynAck = segment.timeMicros();
                continue;
            }
            boolean bareReset = Flags.has(segment.flags(), Flags.RST) && !Flags.has(segment.flags(), Flags.ACK);
            if (!bareReset || lastSynAck < 0 || segment.seq() != connection.isn(false) + 1
                    || segment.timeMicros() - lastSynAck >= SYNACK_TIMEOUT_INIT_MICROS) {
                return Optional.empty();
            }
            for (int j = i - 1; j >= 0; j--) {
                CapturedSegment before = segments.get(j);
                if (before.timeMicros() < lastSynAck || segment.timeMicros() - before.timeMicros() >= 1_000) {
                    break;
                }
                if (connection.fromClient(before) && Flags.has(before.flags(), Flags.ACK) && before.ack() == segment.seq()
                        && !Flags.has(before.flags(), Flags.SYN) && !Flags.has(before.flags(), Flags.RST)) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A listener closed while a handshake was half done, its ACK lost on the way: the server sent one SYN,ACK and nothing
     * else, the client acknowledged it with a pure ACK, and the client's next segment, a millisecond or more later and
     * within the second before the first SYN,ACK retransmission would be due (TCP_TIMEOUT_INIT), is answered with a
     * bare reset {@code <SEQ=SEG.ACK><CTL=RST>}, what a port with no socket sends (RFC 9293 §3.10.7.1). Had the ACK
     * arrived, the connection would have taken the segment, or a full accept queue would have reset the ACK itself at
     * once ({@link #acceptQueueOverflowReset}); had the request expired, its SYN,ACK would have gone again first. So the
     * ACK never reached the server, whose request socket stayed in SYN-RECEIVED, and the listener was closed before the
     * segment came: Linux drops the request when the segment finds its listener no longer in LISTEN (tcp_v4_rcv:
     * inet_csk_reqsk_queue_drop_and_put, then no socket, tcp_v4_send_reset).
     *
     * @param lostAckIndex  the client's handshake ACK, lost
     * @param answeredIndex the client's segment the reset answers
     * @param resetIndex    the server's reset
     */
    public record ClosedListener(int lostAckIndex, int answeredIndex, int resetIndex) {

        public static Optional<ClosedListener> of(CapturedConnection connection) {
            List<CapturedSegment> segments = connection.segments();
            Integer synAck = null;
            Integer lostAck = null;
            for (int i = 0; i < segments.size(); i++) {
                CapturedSegment segment = segments.get(i);
                if (connection.fromClient(segment)) {
                    boolean acksSynAck = synAck != null && Flags.has(segment.flags(), Flags.ACK) && segment.ack() == connection.isn(false) + 1;
                    if (lostAck == null && acksSynAck && occupiedLength(segment) == 0 && (segment.flags() & (Flags.RST | Flags.SYN)) == 0) {
                        lostAck = i;
                    }
                    continue;
                }
                if (synAck == null && Flags.has(segment.flags(), Flags.SYN) && Flags.has(segment.flags(), Flags.ACK)) {
                    synAck = i;
                    continue;
                }
                int answered = i - 1;
                boolean reset = segment.flags() == Flags.RST && segment.seq() == connection.isn(false) + 1;
                if (!reset || lostAck == null || answered == lostAck || !connection.fromClient(segments.get(answered))
                        || !Flags.has(segments.get(answered).flags(), Flags.ACK) || segments.get(answered).ack() != segment.seq()
                        || segment.timeMicros() - segments.get(synAck).timeMicros() >= SYNACK_TIMEOUT_INIT_MICROS
                        || segment.timeMicros() - segments.get(lostAck).timeMicros() < 1_000) {
                    return Optional.empty();
                }
                return Optional.of(new ClosedListener(lostAck, answered, i));
            }
            return Optional.empty();
        }
    }

    /** Whether the client sent, before it, a segment with an acknowledgement that this reset's sequence number equals. */
    private static boolean answersAnAck(CapturedConnection connection, int resetIndex) {
        CapturedSegment reset = connection.segments().get(resetIndex);
        return connection.segments().subList(0, resetIndex).stream().anyMatch(segment -> connection.fromClient(segment)
                && Flags.has(segment.flags(), Flags.ACK) && segment.ack() == reset.seq());
    }

    /** The SYN,ACK retransmissions a server made before its half-open entry expired, and the reset that shows it. */
    public record ExpiredHandshake(int synAckRetries, int resetIndex) {
    }

    /**
     * ECN as the capture's SYNs negotiated it (RFC 3168 §6.1.1): a SYN with ECE and CWR asks for it, a SYN,ACK with
     * ECE and without CWR agrees, any other SYN,ACK declines (Linux asks only with net.ipv4.tcp_ecn = 1; its
     * default, 2, agrees when asked). Empty when the client's SYN did not ask: then ECE and CWR mean nothing here.
     */
    public static Optional<EcnNegotiation> ecnNegotiation(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        Optional<CapturedSegment> syn = segments.stream()
                .filter(s -> connection.fromClient(s) && Flags.has(s.flags(), Flags.SYN) && !Flags.has(s.flags(), Flags.ACK)).findFirst();
        if (syn.isEmpty() || !syn.get().has(CapturedSegment.ECE) || !syn.get().has(CapturedSegment.CWR)) {
            return Optional.empty();
        }
        EcnAnswer answer = segments.stream()
                .filter(s -> !connection.fromClient(s) && Flags.has(s.flags(), Flags.SYN) && Flags.has(s.flags(), Flags.ACK)).findFirst()
                .map(synAck -> synAck.has(CapturedSegment.ECE) && !synAck.has(CapturedSegment.CWR) ? EcnAnswer.AGREED : EcnAnswer.DECLINED)
                .orElse(EcnAnswer.UNANSWERED);
        int marked = (int) segments.stream()
                .filter(s -> !Flags.has(s.flags(), Flags.SYN) && (s.has(CapturedSegment.ECE) || s.has(CapturedSegment.CWR))).count();
        return Optional.of(new EcnNegotiation(answer, marked));
    }

    /** The server's answer to a SYN that asked for ECN. */
    public enum EcnAnswer {
        /** A SYN,ACK with ECE and without CWR (an ECN-setup SYN,ACK). */
        AGREED,
        /** Any other SYN,ACK. */
        DECLINED,
        /** No SYN,ACK was captured. */
        UNANSWERED
    }

    /**
     * @param answer         the server's answer to the client's request for ECN
     * @param markedSegments the segments after the SYNs that carry ECE or CWR: congestion marks echoed and answered
     *                       (RFC 3168 §6.1.2, §6.1.3)
     */
    public record EcnNegotiation(EcnAnswer answer, int markedSegments) {
    }

    /**
     * A peer gone silent behind its shut window: the capture ends with one end probing the window the other shut
     * (Linux's probe: no data, SND.UNA - 1; RFC 9293 §3.8.6.1) and the other answering each probe with the window
     * still at zero, and nothing after. An end whose probes are answered keeps the connection open (MUST-37; Linux's
     * tcp_ack clears icsk_probes_out), so a prober that stops had none of those answers: they were lost, and it gave
     * up after its last probe (Linux tcp_probe_timer, at tcp_retries2 probes: that many). Empty when the capture
     * does not end so. A capture taken where the answers never show (at the prober) is not told this way.
     */
    public static Optional<SilentPeer> silentPeer(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        for (boolean proberIsClient : new boolean[] {true, false}) {
            Integer shutAck = null;
            int probes = 0;
            boolean probed = false;
            List<Integer> answers = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                CapturedSegment segment = segments.get(i);
                boolean pureAck = segment.flags() == Flags.ACK && segment.payloadLength() == 0;
                if (connection.fromClient(segment) == proberIsClient) {
                    probed = shutAck != null && pureAck && segment.seq() + 1 == shutAck;
                    probes = probed ? probes + 1 : 0;
                    shutAck = probed ? shutAck : null;
                    answers = probed ? answers : new ArrayList<>();
                } else if (probed && pureAck && segment.window() == 0 && segment.ack() == shutAck) {
                    answers.add(i);
                    probed = false;
                } else {
                    boolean shuts = Flags.has(segment.flags(), Flags.ACK) && segment.window() == 0;
                    shutAck = shuts ? segment.ack() : null;
                    probes = 0;
                    probed = false;
                    answers = new ArrayList<>();
                }
            }
            if (probes > 0 && !answers.isEmpty()) {
                return Optional.of(new SilentPeer(proberIsClient, probes, List.copyOf(answers)));
            }
        }
        return Optional.empty();
    }

    /**
     * A peer that vanished with data of the other end unacknowledged: the capture ends with that end sending its data
     * again on its retransmission timer (a copy {@link #MIN_RTO_MICROS} or more after the first, RFC 9293 §3.8.1), and
     * from that data on nothing of the peer's is captured but, at most, one ACK below it without SACK blocks, which
     * crossed it (a firewall that began dropping mid-flight, §149). An end whose segments arrive answers data at once or within
     * the delayed-ACK time (RFC 9293 §3.8.6.3), so none of them arrived: the peer's host went down, its path broke, or a
     * firewall drops them after the capture point; Linux keeps sending until tcp_retries2 or TCP_USER_TIMEOUT gives up
     * (tcp_write_timeout, retransmits_timed_out) and then drops the connection without a segment (tcp_write_err).
     * Empty when the capture does not end so. A reset of the peer's after all that ({@link #ownResetAtTheEnd}) is not
     * counted: it answered nothing.
     */
    public static Optional<VanishedPeer> vanishedPeer(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        int end = segments.size() - (ownResetAtTheEnd(connection) ? 1 : 0);
        CapturedSegment last = segments.get(end - 1);
        int first = -1;
        int crossing = end - 1;
        for (; crossing >= 0 && sameSender(connection, last, segments.get(crossing)); crossing--) {
            CapturedSegment segment = segments.get(crossing);
            if (occupiedLength(segment) > 0 && !Flags.has(segment.flags(), Flags.SYN)) {
                first = crossing;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        CapturedSegment ack = crossing >= 0 ? segments.get(crossing) : null;
        if (ack != null && ack.flags() == Flags.ACK && ack.payloadLength() == 0 && sackBlocks(ack).isEmpty()) {
            // The sender's data before that ACK and not acknowledged by it never arrived either.
            for (int i = crossing - 1; i >= 0 && sameSender(connection, last, segments.get(i)); i--) {
                CapturedSegment segment = segments.get(i);
                if (occupiedLength(segment) > 0 && !Flags.has(segment.flags(), Flags.SYN) && Seq.ge(segment.seq(), ack.ack())) {
                    first = i;
                }
            }
        }
        // The copies of the first unanswered data, each an RTO or more after the one before (a probe of a part is sooner);
        // a copy of a packet segmentation offload sent whole is its first segment only (tcp_retransmit_timer sends one,
        // __tcp_retransmit_skb cuts it to the MSS).
        List<Long> sent = new ArrayList<>(List.of(segments.get(first).timeMicros()));
        int firstCopy = -1;
        for (int j = first + 1; j < end; j++) {
            if (copyOfItsHead(segments.get(first), segments.get(j)) && segments.get(j).timeMicros() - sent.get(sent.size() - 1) >= MIN_RTO_MICROS) {
                sent.add(segments.get(j).timeMicros());
                firstCopy = firstCopy < 0 ? j : firstCopy;
            }
        }
        if (sent.size() < 2) {
            return Optional.empty();
        }
        // The timer's copies: back from the last, each gap about half the next (the RTO doubles, RFC 6298 §5.5). A loss
        // probe of a lone segment comes 2 SRTT + 200 ms after it (tcp_schedule_loss_probe), and the RTO restarts from
        // it at its base, so the gap before the first timer's copy is as long as the probe's: the probe is no retry.
        int k = sent.size() - 2;
        while (k >= 1 && sent.get(k) - sent.get(k - 1) <= BACKED_OFF * (sent.get(k + 1) - sent.get(k))) {
            k--;
        }
        // But where the sender sent anything between the first send and its first copy, the probe was that (new data,
        // which tcp_send_loss_probe sends first, or its last segment again), and the first copy is the timer's.
        int copy = firstCopy;
        boolean probedBefore = k == 1 && IntStream.range(first + 1, copy).anyMatch(i -> sameSender(connection, last, segments.get(i)));
        int retransmissions = sent.size() - 1 - k + (probedBefore ? 1 : 0);
        return Optional.of(new VanishedPeer(connection.fromClient(last), first, retransmissions));
    }

    /**
     * Whether the capture ends with a reset of one end after the other's last segment, which sent sequence space: the
     * end closing on its own, its program killed or exiting with data unread (tcp_close: tcp_send_active_reset), when
     * the other had given up already (§157: round19-s149's retries2-N-killed, the server killed once the client's
     * tcp_write_timeout had ended its connection without a segment). A reset answers nothing and draws nothing.
     */
    private static boolean ownResetAtTheEnd(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        int n = segments.size();
        return n >= 2 && Flags.has(segments.get(n - 1).flags(), Flags.RST)
                && !sameSender(connection, segments.get(n - 1), segments.get(n - 2)) && occupiedLength(segments.get(n - 2)) > 0;
    }

    /**
     * Whether {@code copy} sends {@code original} again: all of it, a first part of its data (cut to the MSS), or all of
     * it with the data sent after it (__tcp_retransmit_skb: tcp_retrans_try_collapse joins the next segments to the
     * copy while they fit the MSS; §157: round19-s149's lo6-retries2-N-killed, 20,000 and 10,000 bytes sent again as
     * 30,000 over ::1).
     */
    private static boolean copyOfItsHead(CapturedSegment original, CapturedSegment copy) {
        return sameSegment(original, copy) || (original.flags() & ~Flags.PSH) == (copy.flags() & ~Flags.PSH)
                && original.seq() == copy.seq() && copy.payloadLength() > 0;
    }

    /** A gap at most this share of the next is a timeout before the RTO doubled (0.5, with the timer's jitter). */
    private static final double BACKED_OFF = 0.75;

    /**
     * net.ipv4.tcp_syn_linear_timeouts as the client's SYNs show it: the copies of its first SYN, sent while nothing
     * answered, wait the initial RTO again until the first timeout that doubles it. Linux doubles from the timeout
     * after the tunable's count (tcp_retransmit_timer: exponential once {@code total_rto > tcp_syn_linear_timeouts}),
     * so a doubling after k equal gaps shows k - 1. Empty when no gap doubled: the copies only bound the tunable.
     */
    public static OptionalInt synLinearTimeouts(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment first = segments.get(0);
        if (!connection.fromClient(first) || first.flags() != Flags.SYN) {
            return OptionalInt.empty();
        }
        List<Long> sent = new ArrayList<>();
        for (CapturedSegment segment : segments) {
            if (!connection.fromClient(segment)) {
                break;
            }
            if (segment.flags() == Flags.SYN && segment.seq() == first.seq()) {
                sent.add(segment.timeMicros());
            }
        }
        for (int k = 1; k + 1 < sent.size(); k++) {
            if (sent.get(k) - sent.get(k - 1) <= BACKED_OFF * (sent.get(k + 1) - sent.get(k))) {
                return OptionalInt.of(k - 1);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * An end's minimum RTO where a timer's copy of its data shows it below {@code profileMinRtoMs}: a route's
     * {@code rto_min} (RTAX_RTO_MIN, which tcp_rto_min takes over icsk_rto_min when locked) or the socket's TCP_RTO_MIN_US. The copy
     * is of the end's only segment in flight (everything before it acknowledged, nothing else sent), first sent once
     * and sent again with nothing of the peer's in between (no SACK or duplicate ACK to start a recovery): a loss
     * probe, whose timeout with one packet out is 2 × srtt + tcp_rto_min (tcp_schedule_loss_probe), or the RTO,
     * srtt + rttvar with rttvar at least tcp_rto_min (tcp_rtt_estimator, __tcp_set_rto), whichever comes first. The
     * kernel counts both in whole ticks and its timer wheel fires up to a tick after the timeout, so a copy {@code gap}
     * after the first shows a minimum of whole ticks up to gap − 2 × round trip − a tick (docs/linux-captures.md
     * §108). Read only where the handshake's round trip is within a tick (srtt is then known to a tick), every such
     * copy of that end came sooner than the profile's minimum allows, and no later than TCP_RTO_MIN (200 ms) allows
     * either (only a lowered minimum is read: a profile with a longer one, as the RFC's 1 s, does not take Linux's
     * default for a setting); the smallest is taken. Empty otherwise.
     */
    static OptionalInt minRtoMs(CapturedConnection connection, boolean ofClient, int profileMinRtoMs) {
        OptionalLong roundTrip = handshakeRoundTripMicros(connection);
        if (roundTrip.isEmpty() || roundTrip.getAsLong() >= TickPhase.TICK_MICROS) {
            return OptionalInt.empty();
        }
        List<CapturedSegment> segments = connection.segments();
        OptionalInt shown = OptionalInt.empty();
        for (int i = 0; i + 1 < segments.size(); i++) {
            CapturedSegment first = segments.get(i);
            CapturedSegment copy = segments.get(i + 1);
            if (connection.fromClient(first) != ofClient || connection.fromClient(copy) != ofClient || !loneTimerCopy(connection, i)) {
                continue;
            }
            long beforeTimeout = copy.timeMicros() - first.timeMicros() - 2 * roundTrip.getAsLong();
            if (beforeTimeout >= Math.min(1_000L * profileMinRtoMs, MIN_RTO_MICROS)) {
                return OptionalInt.empty();
            }
            int ticks = (int) (beforeTimeout / TickPhase.TICK_MICROS) - 1;
            if (ticks < 1) {
                return OptionalInt.empty();
            }
            int minRtoMs = ticks * TickPhase.TICK_MS;
            shown = OptionalInt.of(shown.isPresent() ? Math.min(shown.getAsInt(), minRtoMs) : minRtoMs);
        }
        return shown;
    }

    /**
     * Whether segment {@code index} is data sent for the first time when the peer's latest segment had acknowledged
     * everything before it with an open window, and its sender's next segment (the one after it) is the same data again
     * without a network copy's TSval: one packet in flight, sent again by a timer.
     */
    private static boolean loneTimerCopy(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment first = segments.get(index);
        CapturedSegment copy = segments.get(index + 1);
        if (first.payloadLength() == 0 || Flags.has(first.flags(), Flags.SYN) || !sameSegment(first, copy)
                || tsVal(first) != null && tsVal(first).equals(tsVal(copy))) {
            return false;
        }
        int peer = index - 1;
        while (peer >= 0 && sameSender(connection, first, segments.get(peer))) {
            peer--;
        }
        boolean sentBefore = segments.subList(0, index).stream().anyMatch(e -> sameSender(connection, first, e) && sameSegment(first, e));
        return peer >= 0 && !sentBefore && Flags.has(segments.get(peer).flags(), Flags.ACK)
                && segments.get(peer).ack() == first.seq() && segments.get(peer).window() > 0;
    }

    /** The handshake's round trip, from the client's SYN to its ACK of the SYN,ACK: empty without both in the capture. */
    static OptionalLong handshakeRoundTripMicros(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment syn = segments.get(0);
        if (!connection.fromClient(syn) || !Flags.has(syn.flags(), Flags.SYN) || Flags.has(syn.flags(), Flags.ACK)) {
            return OptionalLong.empty();
        }
        return segments.stream().filter(s -> connection.fromClient(s) && Flags.has(s.flags(), Flags.ACK))
                .mapToLong(s -> s.timeMicros() - syn.timeMicros()).findFirst();
    }

    /**
     * @param senderIsClient  whether the end that kept sending is the client
     * @param firstLost       the index of its first segment that never arrived
     * @param retransmissions how many times its timer sent the first of them again: the limit it gave up at (the
     *                        capture ends there), as the replay and the inferred scenario count retries ({@code dataRetries})
     */
    public record VanishedPeer(boolean senderIsClient, int firstLost, int retransmissions) {
    }

    /** Which end probed ({@code client} or not), how many probes it sent before it gave up, and the lost answers' indices. */
    public record SilentPeer(boolean proberIsClient, int probes, List<Integer> answers) {
    }

    /**
     * The limits a capture shows lower than a profile's: only a profile that limits FIN-WAIT-2 at all takes a
     * shorter limit (for the RFC's the reset stays a departure), and likewise fewer SYN,ACK retries.
     */
    public record ShownLimits(Optional<FinWait2Timeout> finWait2, Optional<ExpiredHandshake> expiredHandshake, boolean nagleOff,
                              Optional<UnreadSign> clientLeavesDataUnread, Optional<UnreadSign> serverLeavesDataUnread,
                              OptionalInt clientBuffer, OptionalInt serverBuffer, Optional<SilentPeer> silentPeer,
                              Optional<VanishedPeer> vanishedPeer, Optional<Boolean> timeWaitIgnoresReset,
                              OptionalInt synLinearTimeouts, Optional<Boolean> timeWaitSkipped, OptionalInt clientMinRto,
                              OptionalInt serverMinRto) {

        public static ShownLimits of(CapturedConnection connection, CaptureEvidence evidence, TcpParams profile) {
            return new ShownLimits(
                    CaptureEvidence.finWait2Timeout(connection).or(() -> CaptureEvidence.finWait2Skipped(connection))
                            .filter(shown -> profile.finWait2TimeoutMs() > Math.max(0, shown.timeoutMs())),
                    CaptureEvidence.expiredHandshake(connection).filter(shown -> profile.synAckRetries() > shown.synAckRetries()),
                    !profile.noDelay() && (evidence.nagleOff(connection, true) || evidence.nagleOff(connection, false)),
                    evidence.leavesDataUnread(connection, true), evidence.leavesDataUnread(connection, false),
                    smallerBuffer(connection, true, profile), smallerBuffer(connection, false, profile),
                    CaptureEvidence.silentPeer(connection).filter(shown -> profile.dataRetries() > shown.probes()),
                    CaptureEvidence.vanishedPeer(connection).filter(shown -> profile.dataRetries() > shown.retransmissions()),
                    CaptureEvidence.timeWaitIgnoresReset(connection).filter(end -> !profile.rfc1337()),
                    otherThan(CaptureEvidence.synLinearTimeouts(connection), profile.synLinearTimeouts()),
                    CaptureEvidence.timeWaitSkipped(connection),
                    CaptureEvidence.minRtoMs(connection, true, profile.minRtoMs()),
                    CaptureEvidence.minRtoMs(connection, false, profile.minRtoMs()));
        }

        private static OptionalInt otherThan(OptionalInt shown, int profiles) {
            return shown.isPresent() && shown.getAsInt() != profiles ? shown : OptionalInt.empty();
        }

        /**
         * The retries after which an end gave up on a silent peer ({@link #silentPeer}: its probes) or a vanished one
         * ({@link #vanishedPeer}: its data sent again): null when it is the profile's.
         */
        public Integer dataRetries(boolean ofClient) {
            return silentPeer.filter(silent -> silent.proberIsClient() == ofClient).map(SilentPeer::probes)
                    .or(() -> vanishedPeer.filter(vanished -> vanished.senderIsClient() == ofClient).map(VanishedPeer::retransmissions))
                    .orElse(null);
        }

        /** An end's TIME-WAIT: none (0) where the capture shows it skipped ({@link #timeWaitSkipped}), else null. */
        public Integer timeWaitMs(boolean ofClient) {
            return timeWaitSkipped.filter(skipper -> skipper == ofClient).map(skipper -> 0).orElse(null);
        }

        /** An end's minimum RTO where the capture shows it below the profile's ({@link CaptureEvidence#minRtoMs}), else null. */
        public Integer minRtoMs(boolean ofClient) {
            OptionalInt shown = ofClient ? clientMinRto : serverMinRto;
            return shown.isPresent() ? shown.getAsInt() : null;
        }

        /** An end's receive buffer, as the scenario format's window: null when it is the profile's. */
        public Integer window(boolean ofClient) {
            OptionalInt buffer = ofClient ? clientBuffer : serverBuffer;
            return buffer.isPresent() ? buffer.getAsInt() : null;
        }

        /** The tunables of one end: the profile's with these limits, and that end's own receive buffer. */
        public TcpParams over(TcpParams profile, boolean ofClient) {
            TcpParams.Builder params = over(profile).toBuilder();
            Optional.ofNullable(window(ofClient)).ifPresent(params::window);
            Optional.ofNullable(dataRetries(ofClient)).ifPresent(params::dataRetries);
            Optional.ofNullable(timeWaitMs(ofClient)).ifPresent(params::timeWaitMs);
            Optional.ofNullable(minRtoMs(ofClient)).ifPresent(params::minRtoMs);
            return params.build();
        }

        /** How an end's application reads, as the scenario format says it: null for the default, on arrival. */
        public String reads(boolean ofClient) {
            return (ofClient ? clientLeavesDataUnread : serverLeavesDataUnread).isPresent() ? ReadMode.ON_CALL.wireName() : null;
        }

        /** The profile's tunables with these limits laid over them. */
        public TcpParams over(TcpParams profile) {
            TcpParams.Builder params = profile.toBuilder();
            finWait2.ifPresent(limit -> params.finWait2TimeoutMs(limit.timeoutMs()));
            expiredHandshake.ifPresent(handshake -> params.synAckRetries(handshake.synAckRetries()));
            if (nagleOff) {
                params.noDelay(true);
            }
            if (timeWaitIgnoresReset.isPresent()) {
                params.rfc1337(true);
            }
            synLinearTimeouts.ifPresent(params::synLinearTimeouts);
            return params.build();
        }
    }

    /**
     * Which end skipped TIME-WAIT (the client, or not): its own FIN acknowledged and its peer's FIN acknowledged too,
     * it answers a copy of that FIN with a bare reset {@code <SEQ=SEG.ACK><CTL=RST>}, as a port with no connection does
     * (RFC 9293 §3.10.7.1), where TIME-WAIT would acknowledge it again (tcp_timewait_state_process). Linux closes the
     * socket at once when tcp_time_wait finds no room for a timewait socket (inet_twsk_alloc under
     * net.ipv4.tcp_max_tw_buckets: TCPTimeWaitOverflow), docs/linux-captures.md §107.
     */
    static Optional<Boolean> timeWaitSkipped(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        for (int r = 1; r < segments.size(); r++) {
            CapturedSegment reset = segments.get(r);
            CapturedSegment fin = segments.get(r - 1);
            if (reset.flags() != Flags.RST || sameSender(connection, reset, fin) || !Flags.has(fin.flags(), Flags.FIN)
                    || !Flags.has(fin.flags(), Flags.ACK) || reset.seq() != fin.ack()) {
                continue;
            }
            int peerFinEnd = fin.seq() + occupiedLength(fin);
            boolean ownFinAcked = false;
            boolean peerFinAcked = false;
            for (CapturedSegment before : segments.subList(0, r - 1)) {
                if (sameSender(connection, reset, before)) {
                    ownFinAcked |= Flags.has(before.flags(), Flags.FIN) && Seq.ge(fin.ack(), before.seq() + occupiedLength(before));
                    peerFinAcked |= Flags.has(before.flags(), Flags.ACK) && Seq.ge(before.ack(), peerFinEnd);
                }
            }
            if (ownFinAcked && peerFinAcked) {
                return Optional.of(connection.fromClient(reset));
            }
        }
        return Optional.empty();
    }

    /**
     * Which end's TIME-WAIT outlived a RST at its RCV.NXT (the client, or not): net.ipv4.tcp_rfc1337 = 1 (RFC 1337 §3, fix F1;
     * tcp_timewait_state_process). With the default 0 such a RST ends TIME-WAIT at once (RFC 9293 §3.10.7.4), and a
     * later segment of the peer's meets a closed port and gets a RST; with 1 it gets TIME-WAIT's ACK, the same
     * <SEQ=SND.NXT><ACK=RCV.NXT> as before. The end is in TIME-WAIT when its FIN was acknowledged and it acknowledged
     * the peer's; a RST whose TSval is older than one its sender had shown may have been dropped by PAWS instead
     * (tcp_paws_reject, docs/linux-captures.md §37), so it tells nothing.
     */
    private static Optional<Boolean> timeWaitIgnoresReset(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        for (int r = 0; r < segments.size(); r++) {
            CapturedSegment reset = segments.get(r);
            if (!Flags.has(reset.flags(), Flags.RST) || olderClockThanBefore(connection, r)) {
                continue;
            }
            Integer rcvNxt = null;
            int ownLast = -1;
            for (int k = r - 1; k >= 0 && ownLast < 0; k--) {
                if (!sameSender(connection, reset, segments.get(k))) {
                    ownLast = k;
                    rcvNxt = segments.get(k).ack();
                }
            }
            if (ownLast < 0 || !Flags.has(segments.get(ownLast).flags(), Flags.ACK) || reset.seq() != rcvNxt
                    || !closedBothWays(connection, r, !connection.fromClient(reset))) {
                continue;
            }
            for (int k = r + 1; k < segments.size(); k++) {
                CapturedSegment later = segments.get(k);
                if (!sameSender(connection, reset, later)) {
                    if (later.flags() == Flags.ACK && later.ack() == rcvNxt) {
                        return Optional.of(connection.fromClient(later));
                    }
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether segment {@code index} carries a TSval older than one its sender had shown before it. */
    private static boolean olderClockThanBefore(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        Long clock = tsVal(segments.get(index));
        return clock != null && segments.subList(0, index).stream()
                .filter(earlier -> sameSender(connection, segments.get(index), earlier) && tsVal(earlier) != null)
                .anyMatch(earlier -> (int) (clock - tsVal(earlier)) < 0);
    }

    /**
     * The receive buffer an end's SYN (or SYN,ACK) shows when it is smaller than the profile's: a SYN offers the buffer
     * rounded down to whole segments of its MSS (Linux tcp_select_initial_window; {@code Profile.initialWindow}), so a
     * window a whole MSS or more below the profile's buffer means its application set a smaller one (SO_RCVBUF). The
     * rounding hides the buffer within one segment, and the replay takes the largest buffer the window allows: the
     * kernel's memory holds more than its first window shows, and a receiver that never reads lets the sender fill it
     * (zero-window-probe: 10220 bytes behind a SYN,ACK's 7300 from SO_RCVBUF 8192; 7300 would refuse the seventh
     * segment). The segment is the announced MSS, less the timestamps' room when the SYN offers them (Linux's 45 × 1448).
     */
    private static OptionalInt smallerBuffer(CapturedConnection connection, boolean ofClient, TcpParams profile) {
        OptionalInt offered = connection.synWindow(ofClient);
        int mss = announcedMss(connection, ofClient);
        if (offered.isEmpty() || offered.getAsInt() + mss > profile.window()) {
            return OptionalInt.empty();
        }
        boolean timestamps = offers(synOptions(connection, ofClient), OptionKind.TIMESTAMPS);
        int segment = mss - (timestamps ? TcpOptions.TIMESTAMPS_ROOM : 0);
        int window = offered.getAsInt();
        if (window <= segment || window % segment != 0) {
            return OptionalInt.of(window);
        }
        return OptionalInt.of(bufferShownByFirstWindow(connection, ofClient, window, segment).orElse(window + segment - 1));
    }

    /**
     * The buffer behind a SYN's window of whole segments that a buffer nobody locked offered (tcp_rmem[1] below the
     * profile's), told within a scale unit by the window of the end's ACK of the peer's first data segment, held unread:
     * the largest whose first window ({@link Profile#windowAfterFirstSegment}) is the captured one. Only Linux's
     * default buffer is scaled when it is small: SO_RCVBUF locks the clamp to the buffer's space, and the shift follows
     * it, 0 below 64 KiB (tcp_select_initial_window; {@link Profile#windowScaleOfFixedBuffer}); a shift above 0 behind a
     * small window is tcp_rmem's (docs/linux-captures.md §148: 8192 and 6144 both offer 2896, and win 29 and win 19
     * after the first segment). Empty where the ACK or the shift does not show it, or no such buffer offers that window.
     */
    private static OptionalInt bufferShownByFirstWindow(CapturedConnection connection, boolean ofClient, int synWindow,
                                                        int segment) {
        OptionalInt shift = connection.windowShift(ofClient);
        Optional<CapturedSegment> first = connection.segments().stream()
                .filter(s -> connection.fromClient(s) != ofClient && s.payloadLength() > 0).findFirst();
        if (shift.isEmpty() || shift.getAsInt() == 0 || first.isEmpty()
                || first.get().seq() != connection.isn(!ofClient) + 1) {
            return OptionalInt.empty();
        }
        int firstEnd = first.get().seq() + first.get().payloadLength();
        Optional<CapturedSegment> ack = connection.segments().stream()
                .filter(s -> connection.fromClient(s) == ofClient && Flags.has(s.flags(), Flags.ACK)
                        && !Flags.has(s.flags(), Flags.SYN) && Seq.gt(s.ack(), connection.isn(!ofClient) + 1))
                .findFirst();
        if (ack.isEmpty() || ack.get().ack() != firstEnd || ack.get().carriesSack()) {
            return OptionalInt.empty();
        }
        int captured = ack.get().window() << shift.getAsInt();
        boolean timestamps = offers(synOptions(connection, ofClient), OptionKind.TIMESTAMPS)
                && offers(synOptions(connection, !ofClient), OptionKind.TIMESTAMPS);
        TcpParams.Builder linux = Profile.LINUX.defaults().toBuilder().mss(announcedMss(connection, ofClient))
                .timestamps(timestamps).loopback(connection.oneHost());
        for (int window = synWindow + segment - 1; window >= synWindow; window--) {
            if (Profile.LINUX.windowAfterFirstSegment(linux.window(window).build(), segment, first.get().payloadLength(),
                    timestamps ? TcpOptions.TIMESTAMPS_ROOM : 0, shift.getAsInt()) == captured) {
                return OptionalInt.of(window);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Whether one end's application had turned Nagle's algorithm off (TCP_NODELAY; RFC 9293 §3.7.4, MUST-17): it
     * sent new data in a segment smaller than its MSS while an earlier such segment was still unacknowledged at the
     * moment the new one left, which Nagle forbids in both profiles (Linux's Minshall variant holds a small segment
     * exactly then). When an acknowledgement reached the sender and when the segment left it are the capture's times moved
     * by where the capture was taken ({@link #sentAtMs}). A small segment a tail loss probe could have sent
     * ({@link #probeCouldSend}) is no sign: the probe sends data Nagle held, ignoring Nagle.
     */
    private boolean nagleOff(CapturedConnection connection, boolean ofClient) {
        int mss = sendMss(connection, ofClient);
        // Microseconds: an acknowledgement and the next small segment may be a fraction of a millisecond apart.
        long leavesAfterCapture = 1000 * sentAtMs(ofClient, 0);
        long ackArrivesAfterCapture = 1000 * arrivesAtMs(!ofClient, 0);
        List<CapturedSegment> acks = connection.segments().stream()
                .filter(s -> connection.fromClient(s) != ofClient && Flags.has(s.flags(), Flags.ACK)).toList();
        int nextAck = 0;
        Integer acked = null;
        Integer smallEnd = null;
        List<CapturedSegment> segments = connection.segments();
        for (int index = 0; index < segments.size(); index++) {
            CapturedSegment segment = segments.get(index);
            if (connection.fromClient(segment) != ofClient || segment.payloadLength() == 0) {
                continue;
            }
            long leftAt = segment.timeMicros() + leavesAfterCapture;
            while (nextAck < acks.size() && acks.get(nextAck).timeMicros() + ackArrivesAfterCapture <= leftAt) {
                int ack = acks.get(nextAck++).ack();
                acked = acked == null || Seq.gt(ack, acked) ? ack : acked;
            }
            // A full segment, a retransmission, or the last data pushed out with the FIN: Nagle holds none of them.
            if (segment.payloadLength() >= mss || (smallEnd != null && Seq.lt(segment.seq(), smallEnd))
                    || Flags.has(segment.flags(), Flags.FIN)) {
                continue;
            }
            if (smallEnd != null && (acked == null || Seq.gt(smallEnd, acked)) && !probeCouldSend(connection, index)) {
                return true;
            }
            smallEnd = segment.seq() + segment.payloadLength();
        }
        return false;
    }

    /**
     * Whether a tail loss probe could have sent this captured data segment: SACK agreed (Linux schedules a probe only
     * then, tcp_schedule_loss_probe), and the segment left after a silence of its sender at least as long as the
     * shortest probe timeout: no data of its own and no segment of its peer had reached it for 2 ms plus twice the
     * path's round trip (the timeout is 2 × srtt + TCP_TIMEOUT_MIN, and srtt is no shorter than that round trip), or
     * plus the minimum RTO if that is shorter (the RTO's time takes the probe's when it comes first). The probe sends
     * data written and held (by Nagle or the congestion window) before anything again (tcp_send_loss_probe).
     */
    boolean probeCouldSend(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment probe = segments.get(index);
        boolean ofClient = connection.fromClient(probe);
        if (!offers(synOptions(connection, ofClient), OptionKind.SACK_PERMITTED)
                || !offers(synOptions(connection, !ofClient), OptionKind.SACK_PERMITTED) || probe.payloadLength() == 0) {
            return false;
        }
        long leavesAfterCapture = 1000 * sentAtMs(ofClient, 0);
        long arrivesAfterCapture = 1000 * arrivesAtMs(!ofClient, 0);
        long leftAt = probe.timeMicros() + leavesAfterCapture;
        long quietFrom = Long.MIN_VALUE;
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment other = segments.get(i);
            if (i == index) {
                continue;
            }
            long at = connection.fromClient(other) == ofClient
                    ? (other.payloadLength() > 0 ? other.timeMicros() + leavesAfterCapture : Long.MIN_VALUE)
                    : other.timeMicros() + arrivesAfterCapture;
            if (at <= leftAt && (i < index || at < leftAt)) {
                quietFrom = Math.max(quietFrom, at);
            }
        }
        long floor = Math.min(2 * 2 * 1000L * oneWayDelayMs, MIN_RTO_MICROS) + PROBE_TIMEOUT_FLOOR_MICROS;
        return quietFrom != Long.MIN_VALUE && leftAt - quietFrom >= floor;
    }

    /**
     * What held the new data a tail loss probe sent until the probe let it go (tcp_send_loss_probe: tcp_write_xmit
     * with TCP_NAGLE_OFF and push_one 2, which forces a congestion window quota of one).
     */
    enum HeldBy {
        /**
         * Nagle: a write tail smaller than the MSS behind an earlier small segment still unacknowledged when it left
         * (Linux's Minshall check, tcp_nagle_check, tcp_minshall_check), which the capture shows.
         */
        NAGLE,
        /**
         * The congestion window, full with the segments in flight (tcp_cwnd_test), which the capture does not show: the
         * replay asks its own sender whether the window was full then.
         */
        CONGESTION_WINDOW
    }

    /**
     * A write that a tail loss probe's new data (captured at {@code probe}) shows made before the probe: the sender's
     * data segment before it, and what held it.
     */
    record WrittenBeforeProbe(int previous, int probe, HeldBy heldBy) {
    }

    /**
     * Whether new data that a tail loss probe sent was written before the probe, and what held it, or empty. The data
     * is new, right after all its sender sent before, without a FIN, and a probe could have sent it
     * ({@link #probeCouldSend}): data written while the window was open and nothing held it would have left when
     * written, and a probe that finds none waiting sends the last segment again, so the probe's new data waited for it.
     * Either Nagle held it ({@link HeldBy#NAGLE}), or its sender's data was still in flight when it left and no segment
     * of the peer had reached the sender since its data segment before it, so the congestion window, full then, stayed
     * full until the probe ({@link HeldBy#CONGESTION_WINDOW}). The capture shows when the data left, not when it was
     * written: no later than the probe, and held all the time between. The replay takes it as written when its sender
     * last sent data before it, the one moment from which any probe timer, the kernel's or the state machine's, finds it
     * held.
     */
    Optional<WrittenBeforeProbe> writtenBeforeProbe(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment tail = segments.get(index);
        boolean ofClient = connection.fromClient(tail);
        if (tail.payloadLength() == 0 || Flags.has(tail.flags(), Flags.FIN) || !probeCouldSend(connection, index)) {
            return Optional.empty();
        }
        int mss = sendMss(connection, ofClient);
        Integer sentEnd = null;
        Integer smallEnd = null;
        int previous = -1;
        for (int i = 0; i < index; i++) {
            CapturedSegment earlier = segments.get(i);
            if (connection.fromClient(earlier) != ofClient || earlier.payloadLength() == 0) {
                continue;
            }
            int end = earlier.seq() + earlier.payloadLength();
            if (sentEnd == null || Seq.gt(end, sentEnd)) {
                if (earlier.payloadLength() < mss) {
                    smallEnd = end;
                }
                sentEnd = end;
            }
            previous = i;
        }
        // New data right after all sent before.
        if (previous < 0 || tail.seq() != sentEnd) {
            return Optional.empty();
        }
        long leftAt = tail.timeMicros() + 1000 * sentAtMs(ofClient, 0);
        long ackArrivesAfterCapture = 1000 * arrivesAtMs(!ofClient, 0);
        long previousLeftAt = segments.get(previous).timeMicros() + 1000 * sentAtMs(ofClient, 0);
        Integer acked = null;
        boolean arrivedSincePrevious = false;
        for (CapturedSegment peer : segments) {
            long arrivedAt = peer.timeMicros() + ackArrivesAfterCapture;
            if (connection.fromClient(peer) == ofClient || arrivedAt >= leftAt) {
                continue;
            }
            arrivedSincePrevious |= arrivedAt > previousLeftAt;
            if (Flags.has(peer.flags(), Flags.ACK) && (acked == null || Seq.gt(peer.ack(), acked))) {
                acked = peer.ack();
            }
        }
        if (tail.payloadLength() < mss && smallEnd != null && (acked == null || Seq.lt(acked, smallEnd))) {
            return Optional.of(new WrittenBeforeProbe(previous, index, HeldBy.NAGLE));
        }
        boolean inFlight = acked == null || Seq.lt(acked, sentEnd);
        return inFlight && !arrivedSincePrevious
                ? Optional.of(new WrittenBeforeProbe(previous, index, HeldBy.CONGESTION_WINDOW)) : Optional.empty();
    }

    /**
     * The bytes of the data its receiver had written before the peer's data segment at {@code index} arrived, Nagle
     * holding them, or 0. That segment acknowledged its receiver's last small segment, until then unacknowledged (Nagle
     * holds a write smaller than the MSS behind it: tcp_nagle_check, tcp_minshall_check), and the receiver's next
     * segment is new data without a FIN, right after all it sent, smaller than the MSS, acknowledging that segment's
     * data, with no ACK of its own before it. Linux's tcp_rcv_established queues the text (tcp_data_queue), then pushes
     * what the ACK released (tcp_data_snd_check), then acknowledges (tcp_ack_snd_check): data written before left on
     * that ACK with the ACK of the text, where a write made later leaves behind a pure ACK whenever the receiver ACKs at
     * once.
     */
    static int writtenBeforeNagleRelease(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment release = segments.get(index);
        boolean receiverIsClient = !connection.fromClient(release);
        int textEnd = release.seq() + release.payloadLength();
        if (release.payloadLength() == 0 || (release.flags() & (Flags.SYN | Flags.RST | Flags.FIN)) != 0
                || !Flags.has(release.flags(), Flags.ACK)) {
            return 0;
        }
        Integer sentEnd = null;
        boolean lastSentSmall = false;
        Integer acked = null;
        int mss = sendMss(connection, receiverIsClient);
        for (int i = 0; i < index; i++) {
            CapturedSegment earlier = segments.get(i);
            int end = earlier.seq() + earlier.payloadLength();
            if (connection.fromClient(earlier) != receiverIsClient) {
                if (Flags.has(earlier.flags(), Flags.ACK) && (acked == null || Seq.gt(earlier.ack(), acked))) {
                    acked = earlier.ack();
                }
            } else if (earlier.payloadLength() > 0 && (sentEnd == null || Seq.gt(end, sentEnd))) {
                lastSentSmall = earlier.payloadLength() < mss;
                sentEnd = end;
            }
        }
        if (!lastSentSmall || release.ack() != sentEnd
                || (acked != null && !Seq.lt(acked, sentEnd))) {
            return 0;
        }
        for (int i = index + 1; i < segments.size(); i++) {
            CapturedSegment next = segments.get(i);
            if (connection.fromClient(next) == receiverIsClient) {
                boolean heldData = next.seq() == sentEnd && next.payloadLength() > 0 && next.payloadLength() < mss
                        && (next.flags() & (Flags.SYN | Flags.RST | Flags.FIN)) == 0 && Flags.has(next.flags(), Flags.ACK)
                        && Seq.ge(next.ack(), textEnd);
                return heldData ? next.payloadLength() : 0;
            }
        }
        return 0;
    }

    /**
     * How a capture shows that one end's application left the data it received unread (it reads only when it calls
     * read): each sign is something an application that reads as data arrives would not show.
     */
    public enum UnreadSign {
        /**
         * Before that end sent any data, one ACK of it covered two or more segments smaller than the sender's MSS, the
         * first and the last of which arrived {@link CaptureEvidence#READER_WAKES_MS} or more apart: a reader would have had the first
         * acknowledged on its own, since Linux sends the ACK owed for a small segment when the read empties the queue
         * (tcp_cleanup_rbuf; quick-ack-after-idle capture).
         */
        SMALL_SEGMENTS_WAITED("replay.reads-on-call.small-segments"),
        /**
         * An ACK covered two pushed small segments and left {@link CaptureEvidence#READ_ACKS_AT_ONCE_MICROS} or more after the second
         * arrived: a reader's read sends the ACK of two pushed segments at once, in ping-pong mode too
         * (tcp_cleanup_rbuf, ICSK_ACK_PUSHED2; request-response-ping-pong capture).
         */
        PUSHED_PAIR_WAITED("replay.reads-on-call.pushed-pair"),
        /**
         * An ACK of new data left its window's right edge (ACK plus the scaled window) where an ACK sent
         * {@link CaptureEvidence#READER_WAKES_MS} or more before had put it: the window shrank by all that arrived, so the data still
         * filled the buffer; a reader's window keeps its size and moves on (receive-window-unread capture).
         */
        WINDOW_SHRANK("replay.reads-on-call.window"),
        /**
         * An ACK of new data left {@link CaptureEvidence#READER_WAKES_MS} or more after the last data segment arrived
         * (its delayed-ACK timer's, not an arrival's) and offered a window more than the sender's MSS smaller than the
         * ACK before it: a reader would have emptied the queue by then, and its window does not fall below one it
         * offered with data queued (rcv_ssthresh only grows, tcp_grow_window) by more than the rounding of the free
         * space (a reader's windows move by a unit or two of 1024 bytes: frto-sack-flight-and-probe-lost-defaults); the right
         * edge may still move on while the window grows into a buffer nobody empties (veth-abort-in-flight-client: 69
         * → 11 × 1024 bytes, 36 ms after the last arrival).
         */
        WINDOW_SMALLER_ON_ITS_TIMER("replay.reads-on-call.timer-window");

        private final String messageKey;

        UnreadSign(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** The first sign that one end's application left received data unread ({@link UnreadSign}); empty when none. */
    Optional<UnreadSign> leavesDataUnread(CapturedConnection connection, boolean ofClient) {
        int senderMss = sendMss(connection, !ofClient);
        // Microseconds: a read's ACK leaves a fraction of a millisecond after the arrival that woke the reader.
        long leavesAfterCapture = 1000 * sentAtMs(ofClient, 0);
        long arrivesAfterCapture = 1000 * arrivesAtMs(!ofClient, 0);
        List<CapturedSegment> unacknowledged = new ArrayList<>();
        Integer sentEnd = null;
        boolean sentData = false;
        Integer lastAck = null;
        Integer rightEdge = null;
        long rightEdgeSince = 0;
        Integer lastWindow = null;
        long lastDataArrived = Long.MIN_VALUE;
        // Data captured before an ACK may reach its receiver after the ACK left (a capture at the data's sender).
        ArrayDeque<Long> dataArriving = new ArrayDeque<>();
        for (CapturedSegment segment : connection.segments()) {
            if (connection.fromClient(segment) != ofClient) {
                int end = segment.seq() + segment.payloadLength();
                boolean fresh = sentEnd == null || Seq.gt(end, sentEnd);
                if (segment.payloadLength() > 0) {
                    dataArriving.addLast(segment.timeMicros() + arrivesAfterCapture);
                }
                if (segment.payloadLength() > 0 && fresh) {
                    sentEnd = end;
                    if (segment.payloadLength() < senderMss && !Flags.has(segment.flags(), Flags.FIN)) {
                        unacknowledged.add(segment);
                    }
                }
                continue;
            }
            if (Flags.has(segment.flags(), Flags.FIN | Flags.RST)) {
                return Optional.empty();
            }
            if (!Flags.has(segment.flags(), Flags.ACK)) {
                continue;
            }
            long leaves = segment.timeMicros() + leavesAfterCapture;
            while (!dataArriving.isEmpty() && dataArriving.peekFirst() <= leaves) {
                lastDataArrived = dataArriving.pollFirst();
            }
            List<CapturedSegment> acknowledged = unacknowledged.stream()
                    .takeWhile(small -> Seq.le(small.seq() + small.payloadLength(), segment.ack())).toList();
            unacknowledged.removeAll(acknowledged);
            // The first and the last it covers: 5 ms apart each, eight small segments still span 35 ms
            // (delayed-ack-server-not-reading capture).
            if (!sentData && segment.payloadLength() == 0 && acknowledged.size() >= 2
                    && acknowledged.get(acknowledged.size() - 1).timeMicros() - acknowledged.get(0).timeMicros() >= 1000L * READER_WAKES_MS) {
                return Optional.of(UnreadSign.SMALL_SEGMENTS_WAITED);
            }
            List<CapturedSegment> pushed = acknowledged.stream().filter(small -> Flags.has(small.flags(), Flags.PSH)).toList();
            if (pushed.size() >= 2 && segment.timeMicros() + leavesAfterCapture
                    - (pushed.get(pushed.size() - 1).timeMicros() + arrivesAfterCapture) >= READ_ACKS_AT_ONCE_MICROS) {
                return Optional.of(UnreadSign.PUSHED_PAIR_WAITED);
            }
            sentData |= segment.payloadLength() > 0;
            OptionalInt offered = connection.rightEdge(segment);
            if (offered.isEmpty() || Flags.has(segment.flags(), Flags.SYN)) {
                continue;
            }
            int edge = offered.getAsInt();
            boolean newData = lastAck != null && Seq.gt(segment.ack(), lastAck);
            if (newData && rightEdge != null && Seq.le(edge, rightEdge)
                    && segment.timeMicros() - rightEdgeSince >= 1000L * READER_WAKES_MS) {
                return Optional.of(UnreadSign.WINDOW_SHRANK);
            }
            int window = edge - segment.ack();
            if (newData && lastWindow != null && window < lastWindow - senderMss
                    && leaves - lastDataArrived >= 1000L * READER_WAKES_MS) {
                return Optional.of(UnreadSign.WINDOW_SMALLER_ON_ITS_TIMER);
            }
            lastWindow = window;
            if (rightEdge == null || Seq.gt(edge, rightEdge)) {
                rightEdge = edge;
                rightEdgeSince = segment.timeMicros();
            }
            lastAck = lastAck == null || Seq.gt(segment.ack(), lastAck) ? segment.ack() : lastAck;
        }
        return Optional.empty();
    }

    /** The largest window an end's segments after its SYN offer, in bytes (scaled); empty without window scaling known. */
    static OptionalInt largestWindow(CapturedConnection connection, boolean ofClient) {
        OptionalInt shift = connection.windowShift(ofClient);
        if (shift.isEmpty()) {
            return OptionalInt.empty();
        }
        return connection.segments().stream()
                .filter(s -> connection.fromClient(s) == ofClient && !Flags.has(s.flags(), Flags.SYN) && Flags.has(s.flags(), Flags.ACK))
                .mapToInt(s -> s.window() << shift.getAsInt()).max();
    }

    /**
     * The bytes a client's application had written before its connection was established, when the capture shows
     * them: the client's SYN carries no data, and the first segment it sends after the server's SYN,ACK is its first
     * data, carrying the ACK of that SYN,ACK with no bare ACK before it. Linux leaves that ACK out only when a write
     * waits on the connection (tcp_rcv_synsent_state_process(): {@code sk->sk_write_pending}, "Save one ACK"; a send()
     * blocked in sk_stream_wait_connect(), or sendto(MSG_FASTOPEN) with no Fast Open cookie yet): the data leaves at
     * once and carries it. Empty when the capture shows anything else.
     */
    static OptionalInt writtenWhileConnecting(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment syn = null;
        CapturedSegment synAck = null;
        for (CapturedSegment segment : segments) {
            boolean fromClient = connection.fromClient(segment);
            boolean isSyn = Flags.has(segment.flags(), Flags.SYN);
            if (fromClient && isSyn && !Flags.has(segment.flags(), Flags.ACK)) {
                if (segment.payloadLength() > 0) {
                    return OptionalInt.empty();
                }
                syn = syn == null ? segment : syn;
            } else if (!fromClient && isSyn && Flags.has(segment.flags(), Flags.ACK)) {
                synAck = synAck == null ? segment : synAck;
            } else if (fromClient && syn != null && synAck != null) {
                boolean carriesTheAck = Flags.has(segment.flags(), Flags.ACK) && segment.ack() == synAck.seq() + 1;
                return carriesTheAck && segment.payloadLength() > 0 && segment.seq() == syn.seq() + 1
                        && (segment.flags() & (Flags.RST | Flags.FIN)) == 0
                        ? OptionalInt.of(segment.payloadLength()) : OptionalInt.empty();
            } else if (fromClient) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The data each end may have written in one call: by the index of the first segment of a run of its new data, the
     * sequence number just past the run's last byte. A run ends where the peer's data, SYN, FIN or reset is captured
     * (a reply written after a request it read comes after that request), at the sender's own FIN or reset, and after
     * a segment shorter than the sender's largest: the tail of a write that left before the next write came, for
     * tcp_sendmsg appends a write to a tail skb not yet sent and pushes that tail when it must wait for send-buffer
     * room (sk_stream_wait_memory after tcp_push). A capture shows segments, not writes, so a run is only what one
     * write could have been: {@link CaptureReplay#rebuild} keeps it unless the sender then departs, and departs less
     * with a write per segment. Runs of one segment are left out.
     */
    static Map<Integer, Integer> writeRuns(CapturedConnection connection) {
        Map<Integer, Integer> runs = new HashMap<>();
        List<CapturedSegment> segments = connection.segments();
        Map<Boolean, Integer> sentEnd = new HashMap<>();
        Map<Boolean, Integer> runStart = new HashMap<>();
        Map<Boolean, Integer> runSegments = new HashMap<>();
        Map<Boolean, Integer> largest = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            boolean fromClient = connection.fromClient(segment);
            int end = segment.seq() + segment.payloadLength();
            boolean endsPeerRun = segment.payloadLength() > 0 || (segment.flags() & (Flags.SYN | Flags.FIN | Flags.RST)) != 0;
            if (endsPeerRun) {
                closeRun(runs, runStart, runSegments, sentEnd, !fromClient);
            }
            if (Flags.has(segment.flags(), Flags.SYN) || Flags.has(segment.flags(), Flags.RST)) {
                sentEnd.put(fromClient, end + (Flags.has(segment.flags(), Flags.SYN) ? 1 : 0));
                closeRun(runs, runStart, runSegments, sentEnd, fromClient);
                continue;
            }
            Integer sent = sentEnd.get(fromClient);
            if (segment.payloadLength() > 0 && sent != null && Seq.gt(end, sent)) {
                runStart.putIfAbsent(fromClient, i);
                runSegments.merge(fromClient, 1, Integer::sum);
                sentEnd.put(fromClient, end);
            }
            int largestSoFar = largest.merge(fromClient, segment.payloadLength(), Math::max);
            if (Flags.has(segment.flags(), Flags.FIN) || (segment.payloadLength() > 0 && segment.payloadLength() < largestSoFar)) {
                closeRun(runs, runStart, runSegments, sentEnd, fromClient);
            }
        }
        closeRun(runs, runStart, runSegments, sentEnd, true);
        closeRun(runs, runStart, runSegments, sentEnd, false);
        return runs;
    }

    private static void closeRun(Map<Integer, Integer> runs, Map<Boolean, Integer> runStart, Map<Boolean, Integer> runSegments,
                                 Map<Boolean, Integer> sentEnd, boolean ofClient) {
        Integer start = runStart.remove(ofClient);
        Integer count = runSegments.remove(ofClient);
        if (start != null && count > 1) {
            runs.put(start, sentEnd.get(ofClient));
        }
    }

    /**
     * Whether the captured segment is a window update of an application that read: a bare ACK that acknowledges
     * nothing new but moves the right edge of its sender's window past where its sender's previous ACK had put it
     * (RFC 9293 §3.8.6.2.2; Linux sends one from tcp_cleanup_rbuf when a read at least doubles the window).
     */
    static boolean windowUpdate(CapturedConnection connection, int index) {
        CapturedSegment update = connection.segments().get(index);
        OptionalInt edge = connection.rightEdge(update);
        if ((update.flags() & ~Flags.PSH) != Flags.ACK || update.payloadLength() > 0 || edge.isEmpty()) {
            return false;
        }
        return connection.previousAck(index)
                .filter(before -> before.ack() == update.ack() && Seq.gt(edge.getAsInt(), connection.rightEdge(before).getAsInt()))
                .isPresent();
    }

    /** An end's largest segment: the MSS its peer's SYN announced (536 without one), less the timestamps' room. */
    static int sendMss(CapturedConnection connection, boolean ofClient) {
        List<TraceOption> peerSyn = synOptions(connection, !ofClient);
        boolean timestamps = offers(peerSyn, OptionKind.TIMESTAMPS) && offers(synOptions(connection, ofClient), OptionKind.TIMESTAMPS);
        return announcedMss(connection, !ofClient) - (timestamps ? TcpOptions.TIMESTAMPS_ROOM : 0);
    }

    /** The MSS an end's SYN announced: 536 without one (RFC 9293 §3.7.1). */
    private static int announcedMss(CapturedConnection connection, boolean ofClient) {
        return connection.announcedMss(ofClient).orElse(TcpOptions.DEFAULT_MSS);
    }

    private static List<TraceOption> synOptions(CapturedConnection connection, boolean ofClient) {
        return connection.syn(ofClient).map(CapturedSegment::options).orElse(List.of());
    }

    /**
     * The captured segments older than their sender's clock already showed, by index: a
     * TSval more than one tick below the newest its sender sent earlier (RFC 7323 §5.3; Linux's TCP_PAWS_WINDOW). Such
     * a segment is an old duplicate the network delivered late (or someone injected): no endpoint sent it then, and
     * the receiver's PAWS drops it.
     */
    static Map<Integer, OldDuplicate> oldDuplicates(CapturedConnection connection) {
        Map<Integer, OldDuplicate> old = new LinkedHashMap<>();
        Map<Boolean, Long> newest = new HashMap<>();
        List<CapturedSegment> segments = connection.segments();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            Long tsVal = segment.options() == null ? null : segment.options().stream()
                    .filter(o -> o.kind() == OptionKind.TIMESTAMPS).map(TraceOption::tsVal).findFirst().orElse(null);
            if (tsVal == null) {
                continue;
            }
            boolean fromClient = connection.fromClient(segment);
            Long before = newest.get(fromClient);
            if (before != null && (int) (before - tsVal) > 1 && !Flags.has(segment.flags(), Flags.RST)
                    && !takenAtTheLeftEdge(connection, i, tsVal)) {
                old.put(i, new OldDuplicate(tsVal, before));
            } else if (before == null || (int) (tsVal - before) > 0) {
                newest.put(fromClient, tsVal);
            }
        }
        return old;
    }

    /**
     * Whether the receiver of segment {@code index} took it at the left edge of its window: its latest segment before had
     * not acknowledged the segment's end, and its first one after does and echoes the segment's TSval. TS.Recent moves
     * only forward, from a segment PAWS let through at the left edge (RFC 7323 §4.3, §5.3; tcp_replace_ts_recent), and
     * the segments queued beyond a hole leave it alone, so their newer TSvals did not make this one old: it is an original
     * the network held back behind them (docs/linux-captures.md §119), not an old duplicate.
     */
    private static boolean takenAtTheLeftEdge(CapturedConnection connection, int index, long tsVal) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment segment = segments.get(index);
        int end = segment.seq() + occupiedLength(segment);
        CapturedSegment before = null;
        for (int k = index - 1; k >= 0 && before == null; k--) {
            before = !sameSender(connection, segment, segments.get(k)) && Flags.has(segments.get(k).flags(), Flags.ACK) ? segments.get(k) : null;
        }
        CapturedSegment after = null;
        for (int k = index + 1; k < segments.size() && after == null; k++) {
            after = sameSender(connection, segment, segments.get(k)) ? null : segments.get(k);
        }
        return occupiedLength(segment) > 0 && before != null && after != null && Seq.lt(before.ack(), end)
                && Flags.has(after.flags(), Flags.ACK) && Seq.ge(after.ack(), end) && Long.valueOf(tsVal).equals(tsEcr(after));
    }

    /**
     * The captured copies the network made, by index: data the same as a segment its sender sent before (sequence
     * number, length, control bits), after the peer had reported every byte of it held in a SACK block. A sender does not
     * send SACKed data again (RFC 6675 §5; Linux tcp_retransmit_skb skips what is SACKed), so no endpoint sent it then:
     * the network delivers a copy, and the receiver drops it with a D-SACK (RFC 2883 §4.1.3; data-dsack-held).
     */
    static Set<Integer> networkCopies(CapturedConnection connection) {
        Set<Integer> copies = new HashSet<>();
        List<CapturedSegment> segments = connection.segments();
        for (int j = 0; j < segments.size(); j++) {
            CapturedSegment copy = segments.get(j);
            for (int i = 0; i < j && copy.payloadLength() > 0 && !copies.contains(j); i++) {
                if (sameSender(connection, segments.get(i), copy) && sameSegment(segments.get(i), copy) && sackedBefore(connection, i, j)) {
                    copies.add(j);
                }
            }
        }
        return copies;
    }

    static Long tsVal(CapturedSegment segment) {
        return segment.options() == null ? null : segment.options().stream()
                .filter(o -> o.kind() == OptionKind.TIMESTAMPS).map(TraceOption::tsVal).findFirst().orElse(null);
    }

    static Long tsEcr(CapturedSegment segment) {
        return segment.options() == null ? null : segment.options().stream()
                .filter(o -> o.kind() == OptionKind.TIMESTAMPS).map(TraceOption::tsEcr).findFirst().orElse(null);
    }

    /** Whether the peer reported all of segment {@code i} held in a SACK block before segment {@code j}. */
    private static boolean sackedBefore(CapturedConnection connection, int i, int j) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment first = segments.get(i);
        int end = first.seq() + first.payloadLength();
        for (int k = i + 1; k < j; k++) {
            CapturedSegment peer = segments.get(k);
            if (!sameSender(connection, first, peer) && peer.options() != null && peer.options().stream()
                    .filter(o -> o.kind() == OptionKind.SACK).flatMap(o -> o.blocks().stream())
                    .anyMatch(b -> Seq.le((int) b.left(), first.seq()) && Seq.ge((int) b.right(), end))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The captured segments their sender's own stream cannot have sent when they came, by index, and why (what a
     * one-sided reader can infer from the sequence numbers alone). Such a segment is an old duplicate the network
     * delivers late, or one written in the sender's name (docs/linux-captures.md §37: the relay's): no endpoint sent it
     * then. A FIN repeated after the peer acknowledged it is its sender's retransmission when that ACK was lost after
     * the capture saw it (last-ack-lost), unless its own acknowledgement lies behind one its sender had already sent.
     */
    static Map<Integer, Stale> staleSegments(CapturedConnection connection) {
        Map<Integer, Stale> stale = new LinkedHashMap<>();
        for (int i = 0; i < connection.segments().size(); i++) {
            int index = i;
            staleness(connection, index).ifPresent(reason -> stale.put(index, reason));
        }
        return stale;
    }

    private static Optional<Stale> staleness(CapturedConnection connection, int index) {
        CapturedSegment segment = connection.segments().get(index);
        boolean fromClient = connection.fromClient(segment);
        boolean reset = Flags.has(segment.flags(), Flags.RST);
        // A reset may carry the acknowledgement of what it answers (<SEQ=SEG.ACK>, RFC 9293 §3.10.7.1), so any number.
        if (connection.oldDuplicateSyn().filter(old -> old == segment).isPresent()) {
            return Optional.of(Stale.OLD_DUPLICATE_SYN);
        }
        if (!reset && connection.syn(fromClient).filter(syn -> Seq.lt(segment.seq(), syn.seq())).isPresent()) {
            return Optional.of(answerResetBySynSent(connection, index) ? Stale.NEW_SYN_BELOW_TIME_WAIT : Stale.BEFORE_ISN);
        }
        if (segment.payloadLength() > 0 && knownAcknowledged(connection, index)) {
            return Optional.of(Stale.ACKNOWLEDGED);
        }
        if (reset && closedBothWays(connection, index) && !answersWithinARoundTrip(connection, index)) {
            return Optional.of(Stale.UNPROMPTED_RESET);
        }
        if (!reset && occupiedLength(segment) > 0 && acknowledgedBefore(connection, index) && ackTakenBack(connection, index)) {
            return Optional.of(Stale.ACK_TAKEN_BACK);
        }
        if (reset && goesOnAfter(connection, index, own -> true)) {
            return Optional.of(Stale.RESET_OUTLIVED);
        }
        if (Flags.has(segment.flags(), Flags.SYN) && connection.syn(fromClient).filter(syn -> syn.seq() != segment.seq()).isPresent()
                && goesOnAfter(connection, index, own -> own.seq() != segment.seq() + 1)) {
            return Optional.of(Stale.SYN_AMID_STREAM);
        }
        return Optional.empty();
    }

    /**
     * Whether the sender of segment {@code index} sends on afterwards a segment with neither SYN nor RST that
     * {@code continues} its stream. A reset ends its sender's connection (RFC 9293 §3.10.7.4; a Linux socket that sends
     * one is closed, tcp_send_active_reset, tcp_done), and a SYN with another ISN is followed by its own ACK at that ISN
     * + 1: an end that goes on from where it was did not send them, someone wrote them in its name (RFC 5961 §1).
     * Segments after it that are not the sender's own either say nothing of it.
     */
    private static boolean goesOnAfter(CapturedConnection connection, int index, Predicate<CapturedSegment> continues) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment segment = segments.get(index);
        for (int k = index + 1; k < segments.size(); k++) {
            CapturedSegment own = segments.get(k);
            if (sameSender(connection, segment, own) && !Flags.has(own.flags(), Flags.SYN | Flags.RST)
                    && staleness(connection, k).isEmpty()) {
                return continues.test(own);
            }
        }
        return false;
    }

    /**
     * Whether segment {@code index} is a SYN whose sender answers the peer's next segment, an ACK, with its own next:
     * {@code <SEQ=SEG.ACK><CTL=RST>}, what a SYN-SENT end sends for an ACK of nothing it sent (RFC 9293 §3.10.7.3). So
     * a live connect() sent that SYN, with an ISN not above the old connection's RCV.NXT, and the peer's TIME-WAIT took
     * it for an old one (tcp_timewait_state_process: no TCP_TW_SYN; docs/linux-captures.md §28, §95).
     */
    private static boolean answerResetBySynSent(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment syn = segments.get(index);
        if (!Flags.has(syn.flags(), Flags.SYN) || Flags.has(syn.flags(), Flags.ACK)) {
            return false;
        }
        int answer = index + 1;
        while (answer < segments.size() && sameSender(connection, syn, segments.get(answer))) {
            answer++;
        }
        int reset = answer + 1;
        while (reset < segments.size() && !sameSender(connection, syn, segments.get(reset))) {
            reset++;
        }
        return reset < segments.size() && Flags.has(segments.get(answer).flags(), Flags.ACK)
                && !Flags.has(segments.get(answer).flags(), Flags.SYN) && Flags.has(segments.get(reset).flags(), Flags.RST)
                && segments.get(reset).seq() == segments.get(answer).ack();
    }

    /** Whether the peer had acknowledged all the sequence space segment {@code index} occupies before it came. */
    private static boolean acknowledgedBefore(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment segment = segments.get(index);
        int end = segment.seq() + occupiedLength(segment);
        return segments.subList(0, index).stream().anyMatch(peer -> !sameSender(connection, segment, peer)
                && Flags.has(peer.flags(), Flags.ACK) && Seq.ge(peer.ack(), end));
    }

    /**
     * Whether segment {@code index} acknowledges less than a segment its sender had sent before it. RCV.NXT never goes
     * back, and every segment an end sends, a retransmission too, carries the RCV.NXT of when it is sent (RFC 9293
     * §3.10.7.4; Linux fills th->ack_seq in tcp_transmit_skb), so this one was made before that earlier segment.
     */
    private static boolean ackTakenBack(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment segment = segments.get(index);
        return Flags.has(segment.flags(), Flags.ACK) && segments.subList(0, index).stream()
                .anyMatch(own -> sameSender(connection, segment, own) && !Flags.has(own.flags(), Flags.RST)
                        && Flags.has(own.flags(), Flags.ACK) && Seq.lt(segment.ack(), own.ack()));
    }

    /**
     * Whether, before {@code index}, its sender's FIN was acknowledged by the peer and it acknowledged the peer's FIN:
     * it is in TIME-WAIT, or CLOSED after it. An ABORT there sends nothing (RFC 9293 §3.10.5), and a closed end sends a
     * reset only in answer to a segment (§3.10.7.1).
     */
    private static boolean closedBothWays(CapturedConnection connection, int index) {
        return closedBothWays(connection, index, connection.fromClient(connection.segments().get(index)));
    }

    /** Whether, before {@code index}, the client's (or the server's) FIN was acknowledged and it acknowledged the peer's. */
    private static boolean closedBothWays(CapturedConnection connection, int index, boolean ofClient) {
        List<CapturedSegment> segments = connection.segments();
        Integer ownFinEnd = null;
        Integer peerFinEnd = null;
        boolean ownAcked = false;
        boolean peerAcked = false;
        for (int k = 0; k < index; k++) {
            CapturedSegment earlier = segments.get(k);
            boolean own = connection.fromClient(earlier) == ofClient;
            if (Flags.has(earlier.flags(), Flags.FIN)) {
                int end = earlier.seq() + occupiedLength(earlier);
                ownFinEnd = own ? Integer.valueOf(end) : ownFinEnd;
                peerFinEnd = own ? peerFinEnd : Integer.valueOf(end);
            }
            if (Flags.has(earlier.flags(), Flags.ACK)) {
                Integer acknowledged = own ? peerFinEnd : ownFinEnd;
                boolean covers = acknowledged != null && Seq.ge(earlier.ack(), acknowledged);
                peerAcked |= own && covers;
                ownAcked |= !own && covers;
            }
        }
        return ownAcked && peerAcked;
    }

    /**
     * A round trip of some tens of microseconds (a veth pair) says little of how soon an answer leaves: the receiver's
     * softirq and the capture's own timestamps vary by as much (§107: a reset 63 µs after the FIN it answers, where
     * the handshake took 29 µs). No old segment or injection comes back within a millisecond of one.
     */
    private static final long ANSWER_FLOOR_MICROS = 1_000;

    /**
     * Whether a reset came within a round trip (the handshake's: the client's SYN to its ACK of the SYN,ACK, twice over,
     * and at least {@link #ANSWER_FLOOR_MICROS}) of the peer's latest segment, as an answer to it does; without the
     * handshake in the capture, any reset may be one.
     */
    private static boolean answersWithinARoundTrip(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment reset = segments.get(index);
        Optional<CapturedSegment> clientSyn = connection.syn(true);
        Optional<CapturedSegment> serverSyn = connection.syn(false);
        if (clientSyn.isEmpty() || serverSyn.isEmpty()) {
            return true;
        }
        int synAckEnd = serverSyn.get().seq() + 1;
        Optional<Long> handshakeEnd = segments.stream().filter(s -> connection.fromClient(s) && Flags.has(s.flags(), Flags.ACK)
                && !Flags.has(s.flags(), Flags.SYN) && s.ack() == synAckEnd).map(CapturedSegment::timeMicros).findFirst();
        if (handshakeEnd.isEmpty()) {
            return true;
        }
        long roundTrip = handshakeEnd.get() - clientSyn.get().timeMicros();
        for (int k = index - 1; k >= 0; k--) {
            if (!sameSender(connection, reset, segments.get(k))) {
                return reset.timeMicros() - segments.get(k).timeMicros() <= Math.max(2 * roundTrip, ANSWER_FLOOR_MICROS);
            }
        }
        return false;
    }

    /**
     * Whether the sender of data had heard that the peer has all of it: the sender acknowledged a segment of the peer
     * whose ACK covers the data. It never sends acknowledged data again (RFC 9293 §3.10.7.4: SND.UNA moves past it).
     */
    private static boolean knownAcknowledged(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment data = segments.get(index);
        int end = data.seq() + data.payloadLength();
        for (int k = 0; k < index; k++) {
            CapturedSegment peer = segments.get(k);
            if (sameSender(connection, data, peer) || !Flags.has(peer.flags(), Flags.ACK) || !Seq.ge(peer.ack(), end)
                    || occupiedLength(peer) == 0) {
                continue;
            }
            int heard = peer.seq() + occupiedLength(peer);
            for (int m = k + 1; m < index; m++) {
                CapturedSegment own = segments.get(m);
                if (sameSender(connection, data, own) && Flags.has(own.flags(), Flags.ACK) && Seq.ge(own.ack(), heard)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why a captured segment is not its sender's own: {@link #staleSegments}. */
    public enum Stale {
        /** Its sequence number lies before its sender's ISN: an earlier connection's (RFC 9293 §3.4). */
        BEFORE_ISN("replay.stale-before-isn"),
        /** A new connect()'s SYN below the old connection's RCV.NXT, which the peer's TIME-WAIT answered as an old one. */
        NEW_SYN_BELOW_TIME_WAIT("replay.stale-new-syn-below-time-wait"),
        /** An earlier connection's SYN before the client's own, whose SYN,ACK the client resets (RFC 9293 figure 8). */
        OLD_DUPLICATE_SYN("replay.stale-old-duplicate-syn"),
        /** Data its sender had heard acknowledged. */
        ACKNOWLEDGED("replay.stale-acknowledged"),
        /** A reset from an end in TIME-WAIT or CLOSED that answers nothing the peer sent within a round trip. */
        UNPROMPTED_RESET("replay.stale-unprompted-reset"),
        /** Sequence space the peer had acknowledged, sent with an acknowledgement behind one its sender had already sent. */
        ACK_TAKEN_BACK("replay.stale-ack-taken-back"),
        /** A reset after which its sender's connection goes on. */
        RESET_OUTLIVED("replay.stale-reset-outlived"),
        /** A SYN with another ISN than its sender's, after which its sender's stream goes on from where it was. */
        SYN_AMID_STREAM("replay.stale-syn-amid-stream");

        private final String messageKey;

        Stale(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** An old duplicate's TSval, and the newest TSval its sender had shown before it. */
    record OldDuplicate(long tsVal, long newestBefore) {
    }

    /**
     * Each retransmission marks the first answer to the earlier copy as lost, or the copy itself: one sent by a timer,
     * or one sent sooner after the peer's SACK blocks showed that data beyond it had arrived and it had not (RFC 2018
     * §4; Linux's RACK then resends it within a round trip), or after the peer's duplicate ACKs of it reached the
     * threshold (RFC 5681 §3.2's fast retransmit).
     */
    private static void findRetransmissions(CapturedConnection connection, Map<Integer, Loss> losses) {
        List<CapturedSegment> segments = connection.segments();
        // A stale segment is no copy its sender sent again: it says nothing of a loss.
        Set<Integer> stale = staleSegments(connection).keySet();
        Set<Integer> held = heldOriginals(connection).keySet();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment first = segments.get(i);
            if (occupiedLength(first) == 0) {
                continue;
            }
            Integer again = null;
            for (int j = i + 1; j < segments.size() && again == null; j++) {
                CapturedSegment later = segments.get(j);
                // A copy stamped with the first one's clock a tick or more later is the network's (NetworkDuplicatesAndDelays).
                boolean networkCopy = tsVal(first) != null && tsVal(first).equals(tsVal(later))
                        && later.timeMicros() - first.timeMicros() > TS_TICK_MICROS;
                if (sameSender(connection, first, later) && sameSegment(first, later) && !stale.contains(j) && !networkCopy
                        && (later.timeMicros() - first.timeMicros() >= MIN_RTO_MICROS || sackedBeyond(connection, i, j)
                                || duplicateAcked(connection, i, j))) {
                    again = j;
                }
            }
            if (again == null) {
                continue;
            }
            int end = first.seq() + occupiedLength(first);
            Integer answer = null;
            for (int k = i + 1; k < again && answer == null; k++) {
                CapturedSegment peer = segments.get(k);
                if (!sameSender(connection, first, peer) && Flags.has(peer.flags(), Flags.ACK) && Seq.ge(peer.ack(), end)) {
                    answer = k;
                }
            }
            long resentAt = segments.get(again).timeMicros();
            if (answer != null) {
                losses.putIfAbsent(answer, new Loss(LossKind.ANSWER, resentAt));
            } else if (!held.contains(i)) {
                losses.putIfAbsent(i, new Loss(LossKind.COPY, resentAt));
            }
        }
    }

    /**
     * Data segments their sender sent again after the peer's SACK blocks showed data beyond them and not them, that
     * arrived after all, held back on the path (docs/linux-captures.md §111), by index, each with the index of the peer's
     * first segment captured after the copy that acknowledges them. That segment echoes a TSval older than the copy's:
     * a receiver echoes the TSval of the segment that fills its hole (RFC 7323 §4.3; Linux tcp_replace_ts_recent, for
     * data at RCV.NXT), and a copy carries the moment it was sent (tcp_transmit_skb), so the original filled it and the
     * copy came as a duplicate. Only with timestamps.
     */
    static Map<Integer, Integer> heldOriginals(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        // Each segment's next copy by its sender, found in one pass from the end.
        int[] nextCopy = new int[segments.size()];
        Map<List<Integer>, Integer> later = new HashMap<>();
        for (int i = segments.size() - 1; i >= 0; i--) {
            CapturedSegment segment = segments.get(i);
            List<Integer> key = List.of(connection.fromClient(segment) ? 1 : 0, segment.flags() & ~Flags.PSH, segment.seq(),
                    segment.payloadLength());
            nextCopy[i] = later.getOrDefault(key, -1);
            later.put(key, i);
        }
        Map<Integer, Integer> held = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment original = segments.get(i);
            int copy = nextCopy[i];
            if (original.payloadLength() == 0 || tsVal(original) == null || copy < 0 || tsVal(segments.get(copy)) == null
                    || !sackedBeyond(connection, i, copy)) {
                continue;
            }
            int end = original.seq() + occupiedLength(original);
            for (int k = copy + 1; k < segments.size(); k++) {
                CapturedSegment peer = segments.get(k);
                if (!sameSender(connection, original, peer) && Flags.has(peer.flags(), Flags.ACK) && Seq.ge(peer.ack(), end)) {
                    Long echo = tsEcr(peer);
                    if (echo != null && (int) (echo - tsVal(segments.get(copy))) < 0) {
                        held.put(i, k);
                    }
                    break;
                }
            }
        }
        return held;
    }

    /**
     * Data segments the peer's SACK blocks showed overtaken ({@link #overtaken}) that their sender never sent again, yet the peer acknowledged later (docs/linux-captures.md §139): the network held them
     * back, not lost them, since nothing else carried their bytes. By index, each with the index of the peer's first
     * segment that acknowledges them, the ACK of the filled hole, which Linux sends at once (tcp_data_queue: ICSK_ACK_NOW
     * once tcp_ofo_queue empties the out-of-order queue) and so which echoes their TSval (tcp_replace_ts_recent) where
     * both carry timestamps.
     */
    static Map<Integer, Integer> heldUncopied(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        int[] lastSacked = lastSackedBefore(connection);
        Map<Integer, Integer> held = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment original = segments.get(i);
            if (original.payloadLength() == 0) {
                continue;
            }
            int end = original.seq() + occupiedLength(original);
            for (int k = i + 1; k < segments.size(); k++) {
                CapturedSegment later = segments.get(k);
                if (sameSender(connection, original, later)) {
                    if (later.payloadLength() > 0 && Seq.le(later.seq(), original.seq()) && Seq.gt(later.seq() + later.payloadLength(), original.seq())) {
                        break;
                    }
                } else if (Flags.has(later.flags(), Flags.ACK) && Seq.ge(later.ack(), end)) {
                    Long echo = tsEcr(later);
                    if (overtaken(connection, lastSacked, i, k) && (echo == null || tsVal(original) == null || echo.equals(tsVal(original)))) {
                        held.put(i, k);
                    }
                    break;
                }
            }
        }
        return held;
    }

    /**
     * Whether, before segment {@code k}, the peer acknowledged below segment {@code i}, with no SACK block holding it and
     * one holding a segment its sender sent after {@code i} ({@code lastSacked}): that one reached the peer first. A
     * block of data sent before {@code i} proves nothing (a retransmission, say, arrives after SACKs the peer sent before
     * it came).
     */
    private static boolean overtaken(CapturedConnection connection, int[] lastSacked, int i, int k) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment first = segments.get(i);
        for (int m = i + 1; m < k; m++) {
            CapturedSegment peer = segments.get(m);
            if (sameSender(connection, first, peer) || !Flags.has(peer.flags(), Flags.ACK) || !Seq.le(peer.ack(), first.seq())
                    || lastSacked[m] <= i) {
                continue;
            }
            if (sackBlocks(peer).stream().noneMatch(b -> Seq.le((int) b.left(), first.seq()) && Seq.lt(first.seq(), (int) b.right()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * For each segment, the index of the last data segment its peer sent before it that one of its SACK blocks holds
     * whole, -1 for none: computed once, so {@link #heldUncopied} stays quadratic in the connection's segments.
     */
    private static int[] lastSackedBefore(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        int[] last = new int[segments.size()];
        for (int m = 0; m < segments.size(); m++) {
            last[m] = -1;
            List<SackBlock> blocks = sackBlocks(segments.get(m));
            for (int s = m - 1; s >= 0 && !blocks.isEmpty(); s--) {
                CapturedSegment sent = segments.get(s);
                int end = sent.seq() + occupiedLength(sent);
                if (!sameSender(connection, sent, segments.get(m)) && occupiedLength(sent) > 0
                        && blocks.stream().anyMatch(b -> Seq.le((int) b.left(), sent.seq()) && Seq.le(end, (int) b.right()))) {
                    last[m] = s;
                    break;
                }
            }
        }
        return last;
    }

    private static List<SackBlock> sackBlocks(CapturedSegment segment) {
        return segment.options().stream().filter(o -> o.kind() == OptionKind.SACK).flatMap(o -> o.blocks().stream()).toList();
    }

    /**
     * Whether, between segment {@code i} and its copy {@code j}, the peer acknowledged below it with a SACK block
     * beyond it: the receiver held later data and missed this segment.
     */
    /**
     * A window update (a pure ACK that opens a window the same end had shut, acknowledging nothing new) that the peer
     * never heard: the peer still probes the shut window afterwards (RFC 9293 §3.8.6.1; Linux's probe: no data,
     * SND.UNA - 1), and sends its data only after the answer to that probe. Lost, as RFC 9293 says an update may be,
     * which is why the probes exist.
     */
    private static void findUnheardWindowUpdates(CapturedConnection connection, Map<Integer, Loss> losses) {
        List<CapturedSegment> segments = connection.segments();
        for (int i = 1; i < segments.size(); i++) {
            if (windowUpdate(connection, i) && shutBefore(connection, i)) {
                int probe = probeAfter(connection, i);
                if (probe > 0 && dataOnlyAfterAnswer(connection, i, probe)) {
                    losses.putIfAbsent(i, new Loss(LossKind.UPDATE_UNHEARD, segments.get(probe).timeMicros()));
                }
            }
        }
    }

    /**
     * The keep-alive probes ({@link #keepAliveProbe}) after which nothing of the peer's is captured before the prober's
     * next segment, or the capture's end. A probe is one below RCV.NXT at the peer, so an end that receives it answers
     * with an ACK (RFC 9293 §3.10.7.4; Linux tcp_validate_incoming: tcp_sequence finds it old, tcp_send_dupack), at most
     * one such ACK per 500 ms (tcp_oow_rate_limited, tcp_invalid_ratelimit), and probes come a second or more apart
     * (tcp_keepalive_intvl): an unanswered probe never reached the peer's TCP.
     */
    static List<Integer> unansweredKeepAlives(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        List<Integer> unanswered = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            boolean answered = i + 1 < segments.size() && !sameSender(connection, segments.get(i), segments.get(i + 1));
            if (!answered && keepAliveProbe(connection, i)) {
                unanswered.add(i);
            }
        }
        return unanswered;
    }

    /**
     * The resets its peer never heard, each with the index of the peer's segment that shows it: a RST whose sequence
     * number is exactly what the peer last acknowledged (RCV.NXT there: RFC 9293 §3.10.7.4 and RFC 5961 §3 have such a
     * reset end the connection; Linux tcp_validate_incoming, tcp_reset), after which the peer, later than an answer to
     * anything could cross it, still sends a FIN or data on the connection, which an end the reset closed never does.
     * §157: round19-s149's keepalive-killed, where nft at the server dropped the client's reset after its unanswered
     * probes and every reset its closed port sent to the FINs of the server's program, killed later (tcp_close).
     */
    static Map<Integer, Integer> unheardResets(CapturedConnection connection) {
        List<CapturedSegment> segments = connection.segments();
        long roundTrip = answeredWithinMicros(connection);
        Map<Integer, Integer> unheard = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment reset = segments.get(i);
            Integer peerAck = lastAckOfThePeer(connection, i);
            if (!Flags.has(reset.flags(), Flags.RST) || reset.payloadLength() > 0 || peerAck == null || reset.seq() != peerAck) {
                continue;
            }
            for (int j = i + 1; j < segments.size(); j++) {
                CapturedSegment later = segments.get(j);
                if (!sameSender(connection, reset, later)) {
                    if (!Flags.has(later.flags(), Flags.RST) && (later.payloadLength() > 0 || Flags.has(later.flags(), Flags.FIN))
                            && later.timeMicros() - reset.timeMicros() > roundTrip) {
                        unheard.put(i, j);
                    }
                    break;
                }
            }
        }
        return unheard;
    }

    /**
     * The segment the reset at {@code reset} answers from a port with no connection: the peer's segment just before it,
     * which carried an ACK, answered at once with {@code <SEQ=SEG.ACK><CTL=RST>} (RFC 9293 §3.10.7.1; Linux
     * tcp_v4_send_reset, tcp_v6_send_reset). Empty for a reset of a connection's own (it carries an ACK).
     */
    private static OptionalInt answeredByAClosedPort(CapturedConnection connection, int reset) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment rst = segments.get(reset);
        if (reset == 0 || Flags.has(rst.flags(), Flags.ACK)) {
            return OptionalInt.empty();
        }
        CapturedSegment answered = segments.get(reset - 1);
        boolean answers = !sameSender(connection, rst, answered) && Flags.has(answered.flags(), Flags.ACK)
                && answered.ack() == rst.seq() && rst.timeMicros() - answered.timeMicros() <= answeredWithinMicros(connection);
        return answers ? OptionalInt.of(reset - 1) : OptionalInt.empty();
    }

    /** How long after a segment an answer sent at once is captured at the latest: a round trip, and the path's jitter. */
    private static long answeredWithinMicros(CapturedConnection connection) {
        return handshakeRoundTripMicros(connection).orElse(0) + IMMEDIATE_ANSWER_MICROS;
    }

    /** What the peer of the sender of the segment at {@code index} acknowledged last before it; null if nothing. */
    private static Integer lastAckOfThePeer(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        for (int i = index - 1; i >= 0; i--) {
            CapturedSegment earlier = segments.get(i);
            if (!sameSender(connection, segments.get(index), earlier) && Flags.has(earlier.flags(), Flags.ACK)) {
                return earlier.ack();
            }
        }
        return null;
    }

    /**
     * A keep-alive probe (RFC 9293 §3.8.4): a bare ACK one below all its sender has sent, after the peer acknowledged
     * all of it and never shut its window since the sender's last data (behind a window that was shut, even if an update
     * since opened it, the same segment is a zero-window probe, which the profile sends itself). Linux sends it, without data, when the application turned SO_KEEPALIVE on and the connection was
     * idle for TCP_KEEPIDLE (tcp_keepalive_timer(), tcp_xmit_probe_skb()); the peer answers with an ACK.
     */
    static boolean keepAliveProbe(CapturedConnection connection, int index) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment probe = segments.get(index);
        if (probe.flags() != Flags.ACK || probe.payloadLength() > 0) {
            return false;
        }
        boolean fromClient = connection.fromClient(probe);
        Integer sent = null;
        CapturedSegment peerLast = null;
        boolean shutSinceData = false;
        for (int i = 0; i < index; i++) {
            CapturedSegment earlier = segments.get(i);
            if (connection.fromClient(earlier) != fromClient) {
                peerLast = earlier;
                shutSinceData |= earlier.window() == 0;
            } else {
                shutSinceData &= earlier.payloadLength() == 0;
                if (sent == null || Seq.gt(earlier.seq() + occupiedLength(earlier), sent)) {
                    sent = earlier.seq() + occupiedLength(earlier);
                }
            }
        }
        return sent != null && peerLast != null && !shutSinceData && probe.seq() + 1 == sent
                && Flags.has(peerLast.flags(), Flags.ACK) && peerLast.ack() == sent;
    }

    /** The end that sent segment {@code index} offered a zero window in its segment before. */
    private static boolean shutBefore(CapturedConnection connection, int index) {
        boolean fromClient = connection.fromClient(connection.segments().get(index));
        for (int i = index - 1; i >= 0; i--) {
            CapturedSegment earlier = connection.segments().get(i);
            if (connection.fromClient(earlier) == fromClient) {
                return earlier.window() == 0;
            }
        }
        return false;
    }

    /** The first zero-window probe the peer sends after the update, before the updater shuts its window again; -1 if none. */
    private static int probeAfter(CapturedConnection connection, int update) {
        CapturedSegment opening = connection.segments().get(update);
        boolean updaterIsClient = connection.fromClient(opening);
        for (int i = update + 1; i < connection.segments().size(); i++) {
            CapturedSegment later = connection.segments().get(i);
            if (connection.fromClient(later) == updaterIsClient) {
                if (later.window() == 0) {
                    return -1;
                }
            } else if (later.payloadLength() > 0) {
                return -1;
            } else if (later.flags() == Flags.ACK && later.seq() + 1 == opening.ack()) {
                return i;
            }
        }
        return -1;
    }

    /** The peer's first data after the update comes after the updater answered the probe. */
    private static boolean dataOnlyAfterAnswer(CapturedConnection connection, int update, int probe) {
        boolean updaterIsClient = connection.fromClient(connection.segments().get(update));
        boolean answered = false;
        for (int i = probe + 1; i < connection.segments().size(); i++) {
            CapturedSegment later = connection.segments().get(i);
            if (connection.fromClient(later) == updaterIsClient) {
                answered = true;
            } else if (later.payloadLength() > 0) {
                return answered;
            }
        }
        return false;
    }

    private static boolean sackedBeyond(CapturedConnection connection, int i, int j) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment first = segments.get(i);
        int end = first.seq() + occupiedLength(first);
        for (int k = i + 1; k < j; k++) {
            CapturedSegment peer = segments.get(k);
            if (!sameSender(connection, first, peer) && Flags.has(peer.flags(), Flags.ACK) && Seq.le(peer.ack(), first.seq())
                    && peer.options().stream().filter(o -> o.kind() == OptionKind.SACK)
                            .flatMap(o -> o.blocks().stream()).anyMatch(b -> Seq.ge((int) b.left(), end))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether, between segment {@code i} and its copy {@code j}, the peer sent as many duplicate ACKs of its start as
     * the threshold, after which the sender resends it. RFC 5681 §2's duplicate ACK carries no data, SYN or FIN,
     * acknowledges the segment's start and offers the same window as the peer's previous ACK: one that moves the
     * window is a window update, which the sender does not count.
     */
    private static boolean duplicateAcked(CapturedConnection connection, int i, int j) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment first = segments.get(i);
        Integer previousWindow = null;
        int duplicates = 0;
        for (int k = 0; k < j; k++) {
            CapturedSegment peer = segments.get(k);
            if (sameSender(connection, first, peer) || !Flags.has(peer.flags(), Flags.ACK)) {
                continue;
            }
            if (k > i && occupiedLength(peer) == 0 && peer.ack() == first.seq()
                    && previousWindow != null && peer.window() == previousWindow) {
                duplicates++;
            }
            previousWindow = peer.window();
        }
        return duplicates >= Profile.DUPLICATE_ACK_THRESHOLD;
    }

    static boolean sameSender(CapturedConnection connection, CapturedSegment a, CapturedSegment b) {
        return connection.fromClient(a) == connection.fromClient(b);
    }

    /** The same control bits (PSH aside), sequence number and length: a copy of the same segment. */
    static boolean sameSegment(CapturedSegment a, CapturedSegment b) {
        return (a.flags() & ~Flags.PSH) == (b.flags() & ~Flags.PSH) && a.seq() == b.seq() && a.payloadLength() == b.payloadLength();
    }

    /** Sequence space the segment occupies: its data, and one each for SYN and FIN. */
    static int occupiedLength(CapturedSegment segment) {
        return segment.payloadLength() + (Flags.has(segment.flags(), Flags.SYN) ? 1 : 0) + (Flags.has(segment.flags(), Flags.FIN) ? 1 : 0);
    }

    private static boolean offers(List<TraceOption> options, OptionKind kind) {
        return options.stream().anyMatch(o -> o.kind() == kind);
    }
}
