package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zero-window probing (RFC 9293 §3.8.6.1): a server whose application does not read lets its window fall to zero
 * while the client still has data; the client's persist timer probes the window, the probes back off, and the data
 * goes once the window opens. Linux's probe is tcp_xmit_probe_skb's (no data, SND.UNA - 1), held to the kernel in
 * the zero-window-probe and zero-window-update-lost captures; the textbook's carries one octet of new data.
 */
class ZeroWindowProbeTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * The server offers 2920 bytes and never reads unless {@code read} says when; the client writes 5840 as soon as it
     * is connected. {@code more}: further params.
     */
    private static Trace run(String profile, String read, String more, int untilMs) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: zero-window
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, serverReads: on-call, timestamps: false,
                         sack: false, windowScaling: false, server: {window: 2920} %s}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 5840}
                %s
                untilMs: %d
                """.formatted(more, read, untilMs), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    /** As {@link #run}, but every segment the server sends from 400 ms on, once its window is shut, is lost. */
    private static Trace silentAfterTheWindowShut(String profile, String more, int untilMs) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: zero-window-silent
                params: {oneWayDelayMs: 50, serverReads: on-call, timestamps: false, sack: false,
                         windowScaling: false, server: {window: 2920} %s}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 5840}
                faults:
                  - {match: {from: server, flags: [ACK], afterMs: 400}, action: drop}
                untilMs: %d
                """.formatted(more, untilMs), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<TraceSegment> probes(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("client") && s.len() <= 1
                && s.flags().equals(List.of("ACK")) && trace.segments().stream().anyMatch(z -> z.from().equals("server")
                && z.window() == 0 && z.sentAt() < s.sentAt())).toList();
    }

    private static TraceSegment firstZeroWindow(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("server") && s.window() == 0 && s.len() == 0)
                .findFirst().orElseThrow(() -> new AssertionError("the server never offers a zero window"));
    }

    @Nested
    class Established {
        @Test
        void zeroWindow_linuxProbesWithSndUnaMinusOneAndNoData_oneRtoAfterTheWindowShut_tcpXmitProbeSkb() throws IOException {
            Trace trace = run("linux", "", "", 3_000);
            TraceSegment shut = firstZeroWindow(trace);
            List<TraceSegment> probes = probes(trace);
            assertTrue(!probes.isEmpty(), "a probe");
            TraceSegment probe = probes.get(0);
            assertEquals(0, probe.len(), "no data");
            assertEquals((long) shut.ack() - 1, probe.seq(), "SND.UNA - 1: an old sequence number every receiver answers");
            assertTrue(probe.sentAt() - shut.arrivesAt() >= 200 && probe.sentAt() - shut.arrivesAt() <= 400,
                    "one RTO (about 300 ms here) after the zero window arrived: " + (probe.sentAt() - shut.arrivesAt()));
        }

        @Test
        void zeroWindow_textbookProbeCarriesOneOctetOfNewData_rfc9293Section3_8_6_1() throws IOException {
            Trace trace = run("rfc9293", "", "", 5_000);
            TraceSegment shut = firstZeroWindow(trace);
            TraceSegment probe = probes(trace).get(0);
            assertEquals(1, probe.len(), "at least one octet of new data");
            assertEquals((long) shut.ack(), probe.seq(), "at SND.NXT, beyond the shut window");
            assertTrue(probe.sentAt() - shut.arrivesAt() >= 1_000, "after an RTO (at least 1 s, RFC 6298): SHLD-29");
        }

        @ParameterizedTest
        @ValueSource(strings = {"rfc9293", "linux"})
        void probesAnswered_backOffExponentiallyUpToTheLargestRto_andKeepTheConnectionOpen_must37(String profile) throws IOException {
            // maxRtoMs 4 s: the cap shows within the run; dataRetries 3: more probes than that, all answered.
            Trace trace = run(profile, "", ", maxRtoMs: 4000, dataRetries: 3", 60_000);
            List<TraceSegment> probes = probes(trace);
            assertTrue(probes.size() > 3 + 5, "probing goes on: " + probes.size());
            // Each answer restarts the timer when it arrives (Linux tcp_ack_probe), a round trip after its probe.
            long first = probes.get(1).sentAt() - probes.get(0).sentAt();
            long second = probes.get(2).sentAt() - probes.get(1).sentAt();
            assertTrue(second > first * 3 / 2, "doubling (SHLD-30): " + first + " then " + second);
            long last = probes.get(probes.size() - 1).sentAt() - probes.get(probes.size() - 2).sentAt();
            assertTrue(last <= 4_000 + 100 + 1, "at most the largest RTO (plus the answer's round trip): " + last);
            assertEquals("ESTABLISHED", trace.finalStates().get("client"), "answered probes never time out (MUST-37)");
        }

        /**
         * The server goes silent once its window is shut (every segment it sends from 400 ms on is lost): the probes go
         * unanswered, and after dataRetries of them the next expiry of the persist timer times the connection out,
         * with no segment (Linux tcp_probe_timer: icsk_probes_out >= tcp_retries2, tcp_write_err; capture
         * zero-window-probe-give-up). RFC 9293 §3.8.6.1 lets an unanswered probe count as any retransmission does
         * (R2 of §3.8.3).
         */
        @ParameterizedTest
        @ValueSource(strings = {"rfc9293", "linux"})
        void probesUnanswered_giveUpAfterDataRetriesProbesWithoutAReset_linuxTcpProbeTimer(String profile) throws IOException {
            Trace trace = silentAfterTheWindowShut(profile, ", client: {dataRetries: 3}", 60_000);
            assertEquals(3, probes(trace).size(), "dataRetries probes");
            assertEquals("CLOSED", trace.finalStates().get("client"));
            assertTrue(trace.steps().stream().anyMatch(step -> "client".equals(step.endpoint())
                    && "CLOSED".equals(step.stateAfter()) && Rules.ZERO_WINDOW_PROBE.equals(step.rule())), "given up by the persist timer");
            assertTrue(trace.segments().stream().noneMatch(s -> s.flags().contains("RST")), "no RST: the peer is silent");
        }

        /**
         * Window probes (no data at RCV.NXT - 1, below the window) reach an ESTABLISHED server at 1050, 1250 and 1650 ms.
         * Linux answers a segment without data outside the window at most once per tcp_invalid_ratelimit, 500 ms
         * (tcp_validate_incoming → tcp_oow_rate_limited), so the second goes unanswered, as the slow-reader captures
         * show it; RFC 9293 §3.10.7.4 answers each unacceptable segment with an ACK.
         */
        @ParameterizedTest
        @ValueSource(strings = {"rfc9293", "linux"})
        void probesWithin500MsOfAnAnsweredOne_linuxLeavesThemUnanswered_tcpOowRateLimited(String profile) throws IOException {
            ScenarioSpec spec = YAML.readValue("""
                    id: probes-rate-limited
                    params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: false, sack: false,
                             windowScaling: false}
                    actions:
                      - {at: 0, host: server, call: listen}
                      - {at: 10, host: client, call: connect}
                    inject:
                      - {at: 1000, from: client, to: server, flags: [ACK], seq: 1000, ack: 5001, len: 0}
                      - {at: 1200, from: client, to: server, flags: [ACK], seq: 1000, ack: 5001, len: 0}
                      - {at: 1600, from: client, to: server, flags: [ACK], seq: 1000, ack: 5001, len: 0}
                    untilMs: 3000
                    """, ScenarioSpec.class);
            Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
            List<Long> answers = trace.segments().stream().filter(s -> s.from().equals("server") && s.sentAt() >= 1000)
                    .map(TraceSegment::sentAt).toList();
            assertEquals(profile.equals("linux") ? List.of(1050L, 1650L) : List.of(1050L, 1250L, 1650L), answers);
        }

        /**
         * Unanswered probes back off (one RTO, about 300 ms, then twice and four times that): each timeout is 63 ticks or more, which Linux's timer
         * wheel files on its second level and runs at the next multiple of 8 jiffies (calc_wheel_index() in
         * kernel/time/timer.c; the engine's jiffies count from its clock's 0), so every probe leaves on a 32 ms
         * boundary, up to 32 ms after its timeout.
         */
        @Test
        void unansweredProbes_linuxSendsEachOnTheTimerWheelsEightTickBoundary_calcWheelIndex() throws IOException {
            Trace trace = silentAfterTheWindowShut("linux", "", 3_000);
            List<TraceSegment> probes = probes(trace);
            assertTrue(probes.size() >= 3, "three probes: " + probes.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(0, probes.get(i).sentAt() % 32, "probe " + i + " on an 8-tick boundary: " + probes.get(i).sentAt());
            }
            for (int i = 1; i < 3; i++) {
                long gap = probes.get(i).sentAt() - probes.get(i - 1).sentAt();
                // The RTO after a 100 ms sample is 300 ms, rounded up to whole ticks by Linux's estimator: 300 to 304.
                assertTrue(gap > 300 << i && gap <= (304 << i) + 32, "the back-off's timeout, then the bucket's end: " + gap);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"rfc9293", "linux"})
        void readReopensTheWindow_theUpdateStopsThePersistTimerAndTheDataGoes_rfc9293Section3_8_6_2_2(String profile) throws IOException {
            Trace trace = run(profile, "  - {on: established, delayMs: 2500, host: server, call: read, bytes: 5840}", "", 6_000);
            TraceSegment update = trace.segments().stream().filter(s -> s.from().equals("server") && s.window() > 0
                    && s.sentAt() > firstZeroWindow(trace).sentAt()).findFirst().orElseThrow();
            long acked = trace.segments().stream().filter(s -> s.from().equals("server")).mapToLong(TraceSegment::ack).max().orElseThrow();
            assertEquals(1000 + 1 + 5840, acked, "every byte arrives");
            assertTrue(trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 1)
                    .allMatch(s -> s.sentAt() < firstZeroWindow(trace).arrivesAt() || s.sentAt() >= update.arrivesAt()),
                    "no data behind the shut window before the update");
        }
    }
}
