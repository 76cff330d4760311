package lab.handshake.predict;

import java.util.Arrays;
import java.util.Optional;
import lab.handshake.engine.Flags;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceSegment;

/**
 * The misconceptions a wrong prediction can show, each recognised from the question and the answer. The ids
 * are those of the catalogue ({@code content/misconceptions/}), which holds their claims and refutations;
 * the catalogue has more entries than can show in a prediction (why three steps, netstat, SYN cookies…).
 * The first that matches names the mistake.
 */
enum MisconceptionDetector {
    /** The listening socket predicted to move to SYN_RECEIVED when a spoofed SYN gets a half-open entry. */
    LISTENER_LEAVES_LISTEN("listener-leaves-listen") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return q.spoofed() != null && q.spoofed().moment() == SpoofedSyn.Moment.TAKEN && a.state() == TcpState.SYN_RECEIVED;
        }
    },
    /** A spoofed SYN that finds the SYN queue full predicted to be refused with a RST. */
    FULL_SYN_QUEUE_ANSWERS_RST("full-syn-queue-answers-rst") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return q.spoofed() != null && q.spoofed().moment() == SpoofedSyn.Moment.NOT_KEPT && !a.sendsNothing()
                    && a.sent().has(Flags.RST);
        }
    },
    /**
     * The listener's answer to a spoofed SYN predicted to go to the attacker's real address: it goes to the forged
     * source the SYN carries (RFC 4987 §2), which is why the half-open entry waits and retransmits.
     */
    SYNACK_TO_ATTACKER("synack-to-attacker") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return q.sentTo() != null && q.sentTo() != SentTo.ATTACKER && a.sentTo() == SentTo.ATTACKER;
        }
    },
    /** The third segment of the handshake predicted with SYN set again. */
    THIRD_SEGMENT_HAS_SYN("third-segment-has-syn") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return arrivalWith(q, Flags.SYN) && TcpState.SYN_SENT.name().equals(q.step().stateBefore())
                    && expectsFlagless(q, Flags.SYN) && !a.sendsNothing() && a.sent().has(Flags.SYN);
        }
    },
    /** The ACK of a data segment predicted as seq + 1 instead of seq + length. */
    ACK_IS_SEQ_PLUS_ONE("ack-is-seq-plus-one") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return q.arriving() != null && q.arriving().len() > 0 && acks(a, q.arriving().seq() + 1)
                    && !acks(a, expectedAck(q));
        }
    },
    /** A pure ACK counted as using up a number: acknowledged, or the next seq one beyond it. */
    ACK_ALWAYS_SEQ_PLUS_ONE("ack-always-seq-plus-one") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            boolean acksPureAck = q.arriving() != null && pureAck(q.arriving()) && acks(a, q.arriving().seq() + 1);
            boolean countsOwnPureAck = q.firstSent() != null && q.sentBefore() != null && pureAck(q.sentBefore())
                    && !a.sendsNothing() && a.sent().seqIs((q.firstSent().seq() + 1) % SeqNames.MOD);
            return acksPureAck || countsOwnPureAck;
        }
    },
    /** The active closer predicted to wait first and send the last ACK only after 2MSL. */
    ACK_AFTER_2MSL("ack-after-2msl") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return arrivalWith(q, Flags.FIN) && TcpState.TIME_WAIT.name().equals(q.state())
                    && !TcpState.TIME_WAIT.name().equals(q.step().stateBefore()) && q.firstSent() != null && a.sendsNothing();
        }
    },
    /** FIN_WAIT_2 skipped when the ACK of the active closer's FIN arrives. */
    NO_FIN_WAIT_2("no-fin-wait-2") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return TcpState.FIN_WAIT_2.name().equals(q.state()) && a.state() != TcpState.FIN_WAIT_2;
        }
    },
    /** TIME_WAIT predicted at the passive closer, which is the server. */
    SERVER_HOLDS_TIME_WAIT("server-holds-time-wait") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return "server".equals(q.endpoint()) && timeWaitAtPassiveCloser(q, a);
        }
    },
    /** TIME_WAIT predicted at the passive closer, which is the client. */
    CLIENT_HOLDS_TIME_WAIT("client-holds-time-wait") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return "client".equals(q.endpoint()) && timeWaitAtPassiveCloser(q, a);
        }
    },
    /** A FIN retransmitted into TIME_WAIT predicted to be ignored, or to close the connection. */
    TIME_WAIT_ONLY_FOR_LOST_ACK("time-wait-only-for-lost-ack") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            return arrivalWith(q, Flags.FIN) && TcpState.TIME_WAIT.name().equals(q.step().stateBefore())
                    && q.firstSent() != null && (a.sendsNothing() || a.state() == TcpState.CLOSED);
        }
    },
    /**
     * The server's answer to an old duplicate SYN and to the real SYN predicted with one ISN: K where the trace
     * has K0, or K0 where it has K (RFC 9293 Figure 8: each SYN reaching LISTEN opens a connection with its own ISN).
     */
    ONE_ISN_FOR_BOTH_ATTEMPTS("one-isn-for-both-attempts") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            TraceSegment expected = q.firstSent();
            return expected != null && !a.sendsNothing() && a.sent().seq() != null && !a.sent().seqIs(expected.seq())
                    && names.countsFromTheOtherAttempt(expected.seqSymbolic(), a.sent().seq());
        }
    },
    /** A teardown number predicted as a fresh random number: far from both ISNs. */
    TEARDOWN_NUMBERS_ARE_RANDOM("teardown-numbers-are-random") {
        @Override
        boolean shows(Question q, Answer a, SeqNames names) {
            TraceSegment expected = q.firstSent();
            boolean teardown = expected != null && (Flags.has(flagBits(expected), Flags.FIN)
                    || q.arriving() != null && q.arriving().flags().contains("FIN"));
            return teardown && !a.sendsNothing() && a.sent().seq() != null && !a.sent().seqIs(expected.seq())
                    && names.name(a.sent().seq()).equals(Long.toString(a.sent().seq()));
        }
    };

    private final String id;

    MisconceptionDetector(String id) {
        this.id = id;
    }

    /** The catalogue id of this misconception. */
    String id() {
        return id;
    }

    abstract boolean shows(Question q, Answer a, SeqNames names);

    /** The first misconception a wrong answer shows. */
    static Optional<MisconceptionDetector> in(Question q, Answer a, SeqNames names) {
        return Arrays.stream(values()).filter(d -> d.shows(q, a, names)).findFirst();
    }

    private static boolean arrivalWith(Question q, int bit) {
        return q.kind() == StepKind.ARRIVE && q.arriving() != null && Flags.has(flagBits(q.arriving()), bit);
    }

    private static boolean expectsFlagless(Question q, int bit) {
        return q.firstSent() != null && !Flags.has(flagBits(q.firstSent()), bit);
    }

    private static boolean pureAck(TraceSegment s) {
        return s.len() == 0 && !s.flags().contains("SYN") && !s.flags().contains("FIN") && !s.flags().contains("RST");
    }

    private static boolean acks(Answer a, long value) {
        return !a.sendsNothing() && a.sent().ack() != null && a.sent().ack() == value % SeqNames.MOD;
    }

    private static long expectedAck(Question q) {
        TraceSegment s = q.firstSent();
        return s == null || s.ack() == null ? -1 : s.ack();
    }

    /** TIME_WAIT predicted where the endpoint closed second (it was in CLOSE_WAIT or LAST_ACK). */
    private static boolean timeWaitAtPassiveCloser(Question q, Answer a) {
        String before = q.step().stateBefore();
        return a.state() == TcpState.TIME_WAIT && !TcpState.TIME_WAIT.name().equals(q.state())
                && (TcpState.LAST_ACK.name().equals(before) || TcpState.CLOSE_WAIT.name().equals(before));
    }

    static int flagBits(TraceSegment s) {
        int bits = 0;
        for (String flag : s.flags()) {
            bits |= Flags.parse(flag);
        }
        return bits;
    }
}
