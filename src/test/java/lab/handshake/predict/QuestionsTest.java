package lab.handshake.predict;

import static lab.handshake.predict.FloodTraces.moment;
import static lab.handshake.predict.FloodTraces.spoofed;
import static lab.handshake.predict.FloodTraces.trace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which moments predict mode asks about ({@link Questions}), generated from the trace model for every scenario. */
class QuestionsTest {

    @Nested
    class TheTaughtConnection {
        @Test
        void threeWayHandshakeAsksItsFourDecisionsAndNoSpoofedOne() {
            List<Question> questions = Questions.of(trace("three-way-handshake", "rfc9293"));
            assertEquals(List.of(1, 4, 7, 10), questions.stream().map(Question::index).toList());
            assertTrue(questions.stream().allMatch(q -> q.spoofed() == null && q.chosenSeq() == null));
            assertTrue(questions.stream().allMatch(q -> q.sentTo() == null), "where a segment goes is asked of spoofed SYNs only");
        }

        @Test
        void realClientsSynsInASynFloodAreStillAskedAboutRfc4987Section3() {
            Trace trace = trace("syn-flood", "rfc9293");
            List<Question> client = Questions.of(trace).stream().filter(q -> q.spoofed() == null && q.step().peer() == null
                    && q.kind() == StepKind.ARRIVE).toList();
            assertFalse(client.isEmpty());
            // Its SYN finds the queue full: dropped, the server listens on.
            assertNull(client.get(0).firstSent());
            assertEquals("LISTEN", client.get(0).state());
        }
    }

    @Nested
    class SpoofedSynsRfc4987 {
        @ParameterizedTest
        @CsvSource({"syn-flood, rfc9293", "syn-flood, linux", "syn-flood-cookies, rfc9293", "syn-flood-cookies, linux"})
        void aFloodOfAThousandSpoofedSynsAsksThreeRepresentativeMoments(String scenario, String profile) {
            List<SpoofedSyn.Moment> asked = spoofed(trace(scenario, profile)).stream().map(q -> q.spoofed().moment()).sorted().toList();
            assertEquals(List.of(SpoofedSyn.Moment.TAKEN, SpoofedSyn.Moment.NOT_KEPT, SpoofedSyn.Moment.SYN_ACK_RESENT), asked);
        }

        @Test
        void firstSpoofedSynTakenGetsASynAckAckingItsSeqPlusOneAndTheListenerStaysListenRfc9293Section3_10_7_2() {
            Question taken = moment(trace("syn-flood", "rfc9293"), SpoofedSyn.Moment.TAKEN);
            assertEquals(2, taken.index());
            assertEquals("LISTEN", taken.stateBefore());
            assertEquals("LISTEN", taken.state());
            assertFalse(taken.changesState());
            assertEquals(0, taken.spoofed().queued());
            assertEquals(8, taken.spoofed().capacity());
            TraceSegment synAck = taken.firstSent();
            assertEquals(List.of("SYN", "ACK"), synAck.flags());
            assertEquals(taken.arriving().seq() + 1, synAck.ack());
            assertEquals(SpoofedSyn.ChosenSeq.ISN, taken.chosenSeq());
            assertEquals(taken.index() + 3, taken.lastStep(), "the moment is the arrival, its state change, send and timer");
        }

        @ParameterizedTest
        @CsvSource({"rfc9293, 8", "linux, 9"})
        void firstSpoofedSynFindingTheSynQueueFullIsDroppedWithoutAnswerRfc4987Section3_1(String profile, int capacity) {
            Question full = moment(trace("syn-flood", profile), SpoofedSyn.Moment.NOT_KEPT);
            assertEquals(capacity, full.spoofed().queued());
            assertEquals(capacity, full.spoofed().capacity());
            assertNull(full.firstSent());
            assertEquals("LISTEN", full.state());
            assertNull(full.chosenSeq(), "nothing sent, no seq to leave open");
        }

        @Test
        void withSynCookiesAFullQueueAnswersWithACookieRfc4987Section3_6() {
            Question cookie = moment(trace("syn-flood-cookies", "rfc9293"), SpoofedSyn.Moment.NOT_KEPT);
            assertEquals(List.of("SYN", "ACK"), cookie.firstSent().flags());
            assertEquals(cookie.arriving().seq() + 1, cookie.firstSent().ack());
            assertEquals(SpoofedSyn.ChosenSeq.COOKIE, cookie.chosenSeq());
        }

        @Test
        void firstSynAckRetransmissionToASpoofedSourceRepeatsItsSynAckRfc9293Section3_10_8() {
            Trace trace = trace("syn-flood", "rfc9293");
            Question resent = moment(trace, SpoofedSyn.Moment.SYN_ACK_RESENT);
            Question taken = moment(trace, SpoofedSyn.Moment.TAKEN);
            assertEquals(StepKind.TIMER_FIRED, resent.kind());
            assertEquals(taken.spoofed().source(), resent.spoofed().source(), "the first entry is the first to time out");
            assertEquals(taken.firstSent().seq(), resent.firstSent().seq());
            assertEquals(resent.spoofed().syn().seq() + 1, resent.firstSent().ack());
            assertEquals(1, resent.sent().size(), "only its own SYN,ACK, not the next spoofed SYN's of the same instant");
            assertEquals(SpoofedSyn.ChosenSeq.ISN, resent.chosenSeq());
        }

        /** Read from the trace: the answer's destination against the spoofed SYN's source, for every flood and profile. */
        @ParameterizedTest
        @CsvSource({"syn-flood, rfc9293", "syn-flood, linux", "syn-flood-cookies, rfc9293", "syn-flood-cookies, linux"})
        void everySynAckToASpoofedSynGoesToItsForgedSourceAndADroppedSynToNobodyRfc4987Section2(String scenario, String profile) {
            for (Question q : spoofed(trace(scenario, profile))) {
                TraceSegment answer = q.firstSent();
                if (answer == null) {
                    assertEquals(SentTo.NOBODY, q.sentTo(), q.spoofed().moment().name());
                } else {
                    assertEquals(q.spoofed().syn().src(), answer.dst(), "the trace sends it to the SYN's source");
                    assertEquals(SentTo.FORGED_SOURCE, q.sentTo(), q.spoofed().moment().name());
                }
            }
        }

        @Test
        void aTeachersStateChangesOnlySkipsThemForTheListenerStaysListenButARangeAsksThem() {
            Trace trace = trace("syn-flood", "rfc9293");
            AskedSteps changes = AskedSteps.parse("changes", null, null);
            assertTrue(spoofed(trace).stream().noneMatch(changes::asks));
            Question taken = moment(trace, SpoofedSyn.Moment.TAKEN);
            int number = taken.index() + 1; // steps are numbered from 1, as ?step= is
            assertTrue(AskedSteps.parse("range", number, number).asks(taken));
            assertFalse(AskedSteps.parse("range", number + 1, null).asks(taken));
        }

        @Test
        void aSandboxMoveAfterTheFirstSpoofedSynIsNotAskedAboutItAgain() {
            Trace trace = trace("syn-flood", "rfc9293");
            int taken = moment(trace, SpoofedSyn.Moment.TAKEN).index();
            assertTrue(Questions.ofMove(trace, taken + 1).stream()
                    .noneMatch(q -> q.spoofed() != null && q.spoofed().moment() == SpoofedSyn.Moment.TAKEN));
        }
    }
}
