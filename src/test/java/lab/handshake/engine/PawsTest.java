package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * PAWS, RFC 7323 §5.3: a non-RST segment whose TSval is older than TS.Recent is dropped and answered with an ACK
 * (R1), before its sequence number is checked; and §3.2's rule for a segment without timestamps. Linux 6.18 does it
 * in tcp_validate_incoming() (net/ipv4/tcp_input.c) with tcp_paws_check() (include/net/tcp.h). Each run: timestamps on,
 * the client sends 500 bytes when established (the server's TS.Recent becomes the client's TSval at 110 ms, its
 * RCV.NXT 1501 from 160 ms), then at 300 ms a segment is injected from the client's side.
 */
class PawsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final long INJECTED_AT = 300;

    private static Trace run(String profile, String actions, String inject) throws IOException {
        return run(profile, actions, inject, 3000);
    }

    private static Trace run(String profile, String actions, String inject, long untilMs) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: paws
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: true}
                untilMs: %d
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 500}
                %s
                inject:
                  - %s
                """.formatted(untilMs, actions, inject), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static Trace dataFromClient(String profile, String timestamps) throws IOException {
        return run(profile, "", "{at: 300, from: client, to: server, flags: [ACK], seq: 1501, ack: 5001, len: 500%s}"
                .formatted(timestamps));
    }

    private static TraceSegment injected(Trace trace) {
        return trace.segments().stream().filter(s -> s.sentAt() == INJECTED_AT).findFirst().orElseThrow();
    }

    /** The step that discarded the injected segment where it arrived, if one did. */
    private static TraceStep fateOfInjected(Trace trace, String at) {
        return trace.steps().stream()
                .filter(s -> at.equals(s.endpoint()) && s.kind() == StepKind.DISCARD && s.at() == INJECTED_AT + 50)
                .findFirst().orElse(null);
    }

    /** Segments the receiver of the injection sent in answer, within the one-way delay of its arrival. */
    private static List<TraceSegment> answers(Trace trace, String from) {
        long arrived = INJECTED_AT + 50;
        return trace.segments().stream().filter(s -> s.from().equals(from) && s.sentAt() == arrived).toList();
    }

    private static void assertDroppedByPaws(Trace trace) {
        TraceStep fate = fateOfInjected(trace, "server");
        assertNotNull(fate, "the injected segment's fate");
        assertEquals(StepKind.DISCARD, fate.kind());
        assertEquals(Rules.PAWS, fate.rule());
        List<TraceSegment> answers = answers(trace, "server");
        assertEquals(1, answers.size(), "one ACK in reply (R1)");
        assertEquals(List.of("ACK"), answers.get(0).flags());
        assertEquals(1501, answers.get(0).ack(), "RCV.NXT did not move: the old bytes were not taken");
    }

    private static void assertAccepted(Trace trace) {
        assertNull(fateOfInjected(trace, "server"), "no discard step");
        assertEquals(2001, answers(trace, "server").stream().mapToLong(TraceSegment::ack).max().orElse(-1),
                "the bytes were taken as new");
    }

    @Nested
    class Established {
        @Test
        void dataWithTsValOlderThanTsRecent_isDroppedAndAcked_rfc7323Section5_3R1() throws IOException {
            assertDroppedByPaws(dataFromClient("rfc9293", ", tsValAgeMs: 1000"));
        }

        @Test
        void dataWithTsValOlderThanTsRecent_isDroppedAndAcked_linuxTcpValidateIncoming() throws IOException {
            assertDroppedByPaws(dataFromClient("linux", ", tsValAgeMs: 1000"));
        }

        @Test
        void dataWithTsValEqualToTsRecent_isAccepted_rfc7323Section5_3R1() throws IOException {
            // The client's clock read 190 ms ago is the TSval of its data at 110 ms: TS.Recent itself.
            assertAccepted(dataFromClient("rfc9293", ", tsValAgeMs: 190"));
            assertAccepted(dataFromClient("linux", ", tsValAgeMs: 190"));
        }

        @Test
        void dataWithNewerTsVal_isAccepted_rfc7323Section5_3R1() throws IOException {
            assertAccepted(dataFromClient("rfc9293", ", tsValAgeMs: 0"));
            assertAccepted(dataFromClient("linux", ", tsValAgeMs: 0"));
        }

        @Test
        void dataOneTickOlderThanTsRecent_isDroppedByTheRfc_butPassesLinuxsPawsWindow_tcpPawsCheck() throws IOException {
            assertDroppedByPaws(dataFromClient("rfc9293", ", tsValAgeMs: 191"));
            assertAccepted(dataFromClient("linux", ", tsValAgeMs: 191"));
            assertDroppedByPaws(dataFromClient("linux", ", tsValAgeMs: 192"));
        }

        @Test
        void injectedSegmentCarriesTheSendersClockReadAgoAndItsEcho() throws IOException {
            Trace trace = dataFromClient("linux", ", tsValAgeMs: 1000");
            TraceOption ts = injected(trace).options().stream().filter(o -> o.kind() == OptionKind.TIMESTAMPS)
                    .findFirst().orElseThrow();
            TraceOption clientData = trace.segments().get(3).options().stream()
                    .filter(o -> o.kind() == OptionKind.TIMESTAMPS).findFirst().orElseThrow();
            assertEquals(clientData.tsVal() + (INJECTED_AT - 110) - 1000, ts.tsVal());
            TraceOption serverAck = trace.segments().get(4).options().stream()
                    .filter(o -> o.kind() == OptionKind.TIMESTAMPS).findFirst().orElseThrow();
            assertEquals(serverAck.tsVal(), ts.tsEcr(), "TSecr: what the client echoes now");
        }

        @Test
        void resetWithOldTsVal_isStillProcessed_rfc7323Section5_3R1() throws IOException {
            for (String profile : List.of("rfc9293", "linux")) {
                Trace trace = run(profile, "", "{at: 300, from: client, to: server, flags: [RST], seq: 1501, tsValAgeMs: 1000}");
                assertTrue(trace.steps().stream().anyMatch(s -> "server".equals(s.endpoint()) && s.at() == 350
                        && "CLOSED".equals(s.stateAfter())), profile + ": the RST closes the connection");
            }
        }

        @Test
        void synWithOldTsVal_isDroppedAndAcked_rfc7323Section5_3R1_linuxChallengeAck() throws IOException {
            for (String profile : List.of("rfc9293", "linux")) {
                Trace trace = run(profile, "", "{at: 300, from: client, to: server, flags: [SYN], seq: 1501, tsValAgeMs: 1000}");
                assertEquals(Rules.PAWS, fateOfInjected(trace, "server").rule(), profile);
                assertEquals(List.of("ACK"), answers(trace, "server").get(0).flags(), profile);
            }
        }

        @Test
        void oldPureAckBelowRcvNxt_isAckedByTheRfc_droppedSilentlyByLinux_tcpValidateIncomingPawsOldAck() throws IOException {
            String oldAck = "{at: 300, from: client, to: server, flags: [ACK], seq: 1001, ack: 5001, tsValAgeMs: 1000}";
            Trace rfc = run("rfc9293", "", oldAck);
            assertEquals(Rules.PAWS, fateOfInjected(rfc, "server").rule());
            assertEquals(1, answers(rfc, "server").size());
            Trace linux = run("linux", "", oldAck);
            assertEquals(Rules.LINUX_PAWS_OLD_ACK, fateOfInjected(linux, "server").rule());
            assertTrue(answers(linux, "server").isEmpty(), "no reply");
        }

        @Test
        void duplicateAckAtRcvNxtWithinTheReplayWindow_isAcceptedAsDisorderedByLinux_tcpDisorderedAckCheck() throws IOException {
            // No data: the handshake's ACK (seq 1001, 110 ms) set TS.Recent and the send window. Without window scaling the
            // injected window field (64240) is the one that ACK carried, so this duplicate ACK would not update the
            // window; 60 ms older than TS.Recent is within 1.2 RTO.
            ScenarioSpec spec = YAML.readValue("""
                    id: disordered-ack
                    params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: true, windowScaling: false}
                    untilMs: 3000
                    actions:
                      - {at: 0, host: server, call: listen}
                      - {at: 10, host: client, call: connect}
                    inject:
                      - {at: 300, from: client, to: server, flags: [ACK], seq: 1001, ack: 5001, tsValAgeMs: 250}
                    """, ScenarioSpec.class);
            Trace linux = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
            assertNull(fateOfInjected(linux, "server"), "processed as a duplicate ACK");
            assertTrue(answers(linux, "server").isEmpty());
            Trace rfc = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", null, null, null), Language.EN, Limits.API);
            assertEquals(Rules.PAWS, fateOfInjected(rfc, "server").rule());
        }

        @Test
        void dataWithoutTimestampsOnceAgreed_isDroppedSilentlyByTheRfc_acceptedByLinux_rfc7323Section3_2() throws IOException {
            Trace rfc = dataFromClient("rfc9293", "");
            assertEquals(Rules.TIMESTAMPS_ON_EVERY_SEGMENT, fateOfInjected(rfc, "server").rule());
            assertTrue(answers(rfc, "server").isEmpty(), "silently");
            assertAccepted(dataFromClient("linux", ""));
        }

        @Test
        void afterTsRecentIdlesPast2147Seconds_linuxLetsAnOldTsValThrough_butTheRfcKeepsItFor24Days_rfc7323Section5_5_tcpPawsWrap()
                throws IOException {
            // TS.Recent is set at 160 ms and never again. A duplicate ACK 1 s older than it, arriving 2146.89 s later
            // and then 2147.25 s later (a pure ACK: taken, it is harmless; data the client never sent would start an
            // ACK war).
            String ack = "{at: %d, from: client, to: server, flags: [ACK], seq: 1501, ack: 5001, tsValAgeMs: %d}";
            Trace linuxBefore = run("linux", "", ack.formatted(2_147_000, 2_146_890 + 1000), 2_150_000);
            assertTrue(linuxBefore.steps().stream().anyMatch(s -> s.kind() == StepKind.DISCARD && Rules.PAWS.equals(s.rule())));
            Trace linuxAfter = run("linux", "", ack.formatted(2_147_360, 2_147_250 + 1000), 2_150_000);
            assertTrue(linuxAfter.steps().stream().noneMatch(s -> s.kind() == StepKind.DISCARD),
                    "TS.Recent went stale (TCP_PAWS_WRAP): the segment is taken");
            Trace rfc = run("rfc9293", "", ack.formatted(2_147_360, 2_147_250 + 1000), 2_150_000);
            assertTrue(rfc.steps().stream().anyMatch(s -> s.kind() == StepKind.DISCARD && Rules.PAWS.equals(s.rule())));
        }

        @Test
        void segmentWithoutTimestampsWhenNoneWereAgreed_isAccepted() throws IOException {
            ScenarioSpec spec = YAML.readValue("""
                    id: no-timestamps
                    params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50}
                    untilMs: 3000
                    actions:
                      - {at: 0, host: server, call: listen}
                      - {at: 10, host: client, call: connect}
                      - {on: established, host: client, call: send, bytes: 500}
                    inject:
                      - {at: 300, from: client, to: server, flags: [ACK], seq: 1501, ack: 5001, len: 500}
                    """, ScenarioSpec.class);
            assertAccepted(ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", null, null, null), Language.EN, Limits.API));
        }
    }

    @Nested
    class FinWait2 {
        /** The client half-closes at 200 ms; the server, in CLOSE-WAIT, sends 300 bytes at 500 ms (K+1 to K+301). */
        private Trace oldDataToClient(String profile) throws IOException {
            return run(profile, """
                      - {at: 200, host: client, call: shutdown}
                      - {at: 500, host: server, call: send, bytes: 300}
                    """.stripTrailing(), "{at: 300, from: server, to: client, flags: [ACK], seq: 5001, ack: 1502, len: 300, tsValAgeMs: 1000}");
        }

        @Test
        void dataWithOldTsValInFinWait2_isDroppedAndAcked_rfc7323Section5_3R1() throws IOException {
            for (String profile : List.of("rfc9293", "linux")) {
                Trace trace = oldDataToClient(profile);
                TraceStep fate = fateOfInjected(trace, "client");
                assertEquals(Rules.PAWS, fate.rule(), profile);
                assertEquals("FIN_WAIT_2", fate.stateBefore(), profile);
                List<TraceSegment> answers = answers(trace, "client");
                assertEquals(5001, answers.get(0).ack(), profile + ": the old bytes were not taken");
                assertFalse(trace.segments().stream().anyMatch(s -> s.from().equals("client") && s.ack() != null
                        && s.ack() == 5601), profile + ": the server's real 300 bytes are not counted twice");
            }
        }
    }

    /**
     * Old segments that meet TIME-WAIT (RFC 7323 §5.3 and Appendix B; Linux tcp_timewait_state_process() in
     * net/ipv4/tcp_minisocks.c), as in the time-wait-paws-old-data-client-side capture: the server sends 500 bytes when
     * established, both close at 410 ms (the FINs cross, both end in TIME-WAIT at 460 ms, the client's RCV.NXT 5502 and
     * TS.Recent the server's FIN's TSval), then segments with the server's older clock arrive at the client.
     */
    @Nested
    class TimeWait {
        private Trace timeWait(String profile, String... injections) throws IOException {
            ScenarioSpec spec = YAML.readValue("""
                    id: paws-time-wait
                    params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: true}
                    untilMs: 12000
                    actions:
                      - {at: 0, host: server, call: listen}
                      - {at: 10, host: client, call: connect}
                      - {on: established, host: server, call: send, bytes: 500}
                      - {at: 410, host: client, call: close}
                      - {at: 410, host: server, call: close}
                    inject:
                    %s
                    """.formatted(String.join("\n", injections)), ScenarioSpec.class);
            return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
        }

        private static String oldPureAck(long at) {
            return "  - {at: %d, from: server, to: client, flags: [ACK], seq: 5502, ack: 1002, len: 0, tsValAgeMs: 1000}".formatted(at);
        }

        private static String oldData(long at) {
            return "  - {at: %d, from: server, to: client, flags: [ACK], seq: 5001, ack: 1002, len: 500, tsValAgeMs: 1000}".formatted(at);
        }

        /** The client's segments sent at {@code at}. */
        private static List<TraceSegment> clientSent(Trace trace, long at) {
            return trace.segments().stream().filter(s -> s.from().equals("client") && s.sentAt() == at).toList();
        }

        /** When the client's TIME-WAIT timer was last armed. */
        private static long timeWaitArmedAt(Trace trace) {
            return trace.steps().stream().filter(s -> "client".equals(s.endpoint()) && s.kind() == StepKind.TIMER_ARMED
                    && s.detail() != null && s.detail().startsWith("time-wait")).mapToLong(TraceStep::at).max().orElseThrow();
        }

        @Test
        void oldPureAckAtRcvNxt_isAckedAndRestartsTimeWait_linuxTcpTimewaitStateProcess() throws IOException {
            Trace trace = timeWait("linux", oldPureAck(1000));

            List<TraceSegment> answer = clientSent(trace, 1050);
            assertEquals(1, answer.size(), "PAWS rejects it: the out-of-window path ACKs it (TCP_TW_ACK)");
            assertEquals(5502, answer.get(0).ack());
            assertEquals(1050, timeWaitArmedAt(trace), "inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN)");
        }

        @Test
        void oldPureAckAtRcvNxt_isAckedWithoutRestartingTheTimer_rfc7323Section5_3R1_rfc9293Section3_10_7_4() throws IOException {
            Trace trace = timeWait("rfc9293", oldPureAck(1000));

            assertEquals(1, clientSent(trace, 1050).size(), "R1: send an ACK and drop the segment");
            assertTrue(timeWaitArmedAt(trace) < 1000, "only the FIN restarts the 2MSL timer");
        }

        @Test
        void secondOldPureAckWithin500Ms_isNotAnswered_linuxTcpOowRateLimited() throws IOException {
            Trace trace = timeWait("linux", oldPureAck(1000), oldPureAck(1100));

            assertEquals(1, clientSent(trace, 1050).size());
            assertEquals(List.of(), clientSent(trace, 1150), "tcp_invalid_ratelimit: 500 ms");
            assertTrue(trace.steps().stream().anyMatch(s -> s.at() == 1150 && s.kind() == StepKind.DISCARD
                    && Rules.LINUX_OOW_RATE_LIMIT.equals(s.rule())));
            assertEquals(1150, timeWaitArmedAt(trace), "the timer restarts all the same");
        }

        @Test
        void oldDataWithin500MsOfAnAnsweredAck_isStillAnswered_linuxTcpOowRateLimited() throws IOException {
            // "Data packets without SYNs are not likely part of an ACK loop."
            Trace trace = timeWait("linux", oldPureAck(1000), oldData(1100));

            assertEquals(1, clientSent(trace, 1150).size());
            assertEquals(5502, clientSent(trace, 1150).get(0).ack());
        }

        @Test
        void pureAckOfTheClientAtRcvNxt_isTakenSilentlyAndRestartsTheServersTimeWait_linuxTcpTimewaitStateProcess()
                throws IOException {
            // The client's answer to the old ACK reaches the server's TIME-WAIT at 1100 ms: no PAWS (a newer TSval), so
            // the server sends nothing and restarts its own timer (the capture: the server's ss shows 59 s left too).
            Trace trace = timeWait("linux", oldPureAck(1000));

            assertEquals(List.of(), trace.segments().stream().filter(s -> s.from().equals("server") && s.sentAt() == 1100).toList());
            assertTrue(trace.steps().stream().anyMatch(s -> "server".equals(s.endpoint()) && s.at() == 1100
                    && s.kind() == StepKind.TIMER_ARMED && Rules.LINUX_TIME_WAIT.equals(s.rule())));
        }
    }

    @Nested
    class ScenarioContract {
        private List<Violation> violations(String inject) throws IOException {
            ScenarioSpec spec = YAML.readValue("""
                    id: paws
                    actions:
                      - {at: 0, host: server, call: listen}
                    inject:
                      - %s
                    """.formatted(inject), ScenarioSpec.class);
            return SpecValidator.validate(spec, Limits.API);
        }

        @Test
        void tsValAgeMsIsAtLeastZero_andAtMostHalfTheTimestampClock_rfc7323Section5_2() throws IOException {
            String segment = "{at: 300, from: client, to: server, flags: [ACK], seq: 1, ack: 1, tsValAgeMs: %d}";
            assertTrue(violations(segment.formatted(0)).isEmpty());
            assertTrue(violations(segment.formatted(Integer.MAX_VALUE)).isEmpty());
            assertEquals(List.of(Violation.outOfRange("inject[0].tsValAgeMs", 0, Integer.MAX_VALUE)),
                    violations(segment.formatted(-1)));
            assertEquals(List.of(Violation.outOfRange("inject[0].tsValAgeMs", 0, Integer.MAX_VALUE)),
                    violations(segment.formatted(Integer.MAX_VALUE + 1L)));
        }

        @Test
        void tsValAgeMsDoesNotGoWithAFlood() throws IOException {
            assertEquals(List.of(Violation.notWith("inject[0]", List.of("from", "flags", "seq", "tsValAgeMs"), "flood")),
                    violations("{at: 0, tsValAgeMs: 5, flood: {count: 1, fromSubnet: 10.0.0.0/24, ratePerMs: 1}}"));
        }
    }
}
