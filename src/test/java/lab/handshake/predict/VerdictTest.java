package lab.handshake.predict;

import static lab.handshake.predict.FloodTraces.moment;
import static lab.handshake.predict.FloodTraces.trace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.handshake.engine.Flags;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Grading a prediction ({@link Verdict}) of a listener's answer to a spoofed SYN. */
class VerdictTest {
    private static final int SYN_ACK = Flags.SYN | Flags.ACK;

    /** The listener stays LISTEN and sends this to the spoofed SYN's (forged) source address. */
    private static Answer listenSends(int flags, Long seq, Long ack) {
        return listenSends(flags, seq, ack, SentTo.FORGED_SOURCE);
    }

    private static Answer listenSends(int flags, Long seq, Long ack, SentTo to) {
        return new Answer(TcpState.LISTEN, new Answer.Sent(flags, seq, ack, to));
    }

    @Nested
    class FreshIsnRfc9293Section3_4_1 {
        private final Trace trace = trace("syn-flood", "rfc9293");
        private final Question taken = moment(trace, SpoofedSyn.Moment.TAKEN);
        private final long ack = taken.arriving().seq() + 1;

        @Test
        void anySeqIsRightBecauseTheServerChoosesItsIsn() {
            SeqNames names = SeqNames.of(trace);
            assertTrue(Verdict.of(taken, listenSends(SYN_ACK, 12345L, ack), names).right());
            assertTrue(Verdict.of(taken, listenSends(SYN_ACK, null, ack), names).right(), "left open");
        }

        @Test
        void wrongAckIsWrongEvenThoughTheSeqIsNotGraded() {
            Verdict verdict = Verdict.of(taken, listenSends(SYN_ACK, null, taken.arriving().seq()), SeqNames.of(trace));
            assertTrue(verdict.stateRight());
            assertFalse(verdict.segmentRight());
        }

        @Test
        void synReceivedForTheListenerIsWrongAndShowsTheMisconceptionRfc9293Section3_10_7_2() {
            Verdict verdict = Verdict.of(taken, new Answer(TcpState.SYN_RECEIVED, new Answer.Sent(SYN_ACK, null, ack, SentTo.FORGED_SOURCE)), SeqNames.of(trace));
            assertFalse(verdict.stateRight());
            assertEquals(MisconceptionDetector.LISTENER_LEAVES_LISTEN, verdict.misconception());
        }
    }

    @Nested
    class FullSynQueueRfc4987Section3_1 {
        private final Trace trace = trace("syn-flood", "linux");
        private final Question full = moment(trace, SpoofedSyn.Moment.NOT_KEPT);

        @Test
        void nothingSentIsRightWhenTheQueueIsFull() {
            assertTrue(Verdict.of(full, new Answer(TcpState.LISTEN, null), SeqNames.of(trace)).right());
        }

        @Test
        void aRstIsWrongAndShowsTheMisconception() {
            Verdict verdict = Verdict.of(full, listenSends(Flags.RST, 0L, null), SeqNames.of(trace));
            assertFalse(verdict.segmentRight());
            assertEquals(MisconceptionDetector.FULL_SYN_QUEUE_ANSWERS_RST, verdict.misconception());
        }
    }

    @Nested
    class SynCookieRfc4987Section3_6 {
        @Test
        void anySeqIsRightForACookieButNothingSentIsWrong() {
            Trace trace = trace("syn-flood-cookies", "linux");
            Question cookie = moment(trace, SpoofedSyn.Moment.NOT_KEPT);
            SeqNames names = SeqNames.of(trace);
            assertTrue(Verdict.of(cookie, listenSends(SYN_ACK, 1L, cookie.arriving().seq() + 1), names).right());
            assertFalse(Verdict.of(cookie, new Answer(TcpState.LISTEN, null), names).segmentRight());
        }
    }

    @Nested
    class TheSynAckGoesToTheForgedSourceRfc4987Section2 {
        private final Trace trace = trace("syn-flood", "rfc9293");

        @ParameterizedTest
        @EnumSource(value = SpoofedSyn.Moment.class, names = {"TAKEN", "SYN_ACK_RESENT"})
        void aSynAckToTheAttackersRealAddressIsWrongAndShowsTheMisconception(SpoofedSyn.Moment moment) {
            Question q = moment(trace, moment);
            long ack = q.spoofed().syn().seq() + 1;
            Verdict verdict = Verdict.of(q, listenSends(SYN_ACK, null, ack, SentTo.ATTACKER), SeqNames.of(trace));
            assertTrue(verdict.stateRight());
            assertFalse(verdict.segmentRight(), "flags and ack are right; the destination is not");
            assertEquals(MisconceptionDetector.SYNACK_TO_ATTACKER, verdict.misconception());
        }

        @Test
        void aCookieToTheAttackerShowsItToo() {
            Trace cookies = trace("syn-flood-cookies", "linux");
            Question cookie = moment(cookies, SpoofedSyn.Moment.NOT_KEPT);
            Verdict verdict = Verdict.of(cookie, listenSends(SYN_ACK, null, cookie.arriving().seq() + 1, SentTo.ATTACKER),
                    SeqNames.of(cookies));
            assertEquals(MisconceptionDetector.SYNACK_TO_ATTACKER, verdict.misconception());
        }

        @Test
        void theListenerLeavingListenIsNamedFirstWhenBothAreWrong() {
            Question taken = moment(trace, SpoofedSyn.Moment.TAKEN);
            Answer both = new Answer(TcpState.SYN_RECEIVED,
                    new Answer.Sent(SYN_ACK, null, taken.arriving().seq() + 1, SentTo.ATTACKER));
            assertEquals(MisconceptionDetector.LISTENER_LEAVES_LISTEN, Verdict.of(taken, both, SeqNames.of(trace)).misconception());
        }
    }

    @Nested
    class TheTaughtConnection {
        @Test
        void aSeqLeftOpenIsWrongWhereTheSeqIsKnownRfc9293Section3_4() {
            Trace trace = trace("three-way-handshake", "rfc9293");
            Question synArrives = Questions.of(trace).get(1);
            assertNull(synArrives.chosenSeq());
            Answer open = new Answer(TcpState.SYN_RECEIVED, new Answer.Sent(SYN_ACK, null, synArrives.arriving().seq() + 1, null));
            assertFalse(Verdict.of(synArrives, open, SeqNames.of(trace)).segmentRight());
        }
    }
}
