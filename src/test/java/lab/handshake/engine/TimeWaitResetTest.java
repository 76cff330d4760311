package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A RST, or an old SYN, that meets TIME-WAIT (RFC 1337's "TIME-WAIT assassination"; docs/linux-captures.md §37). The
 * timeline of the time-wait-old-segments-noopts capture: the client sends 500 bytes when established and both close at
 * 410 ms, so both are in TIME-WAIT from 510 ms; the server's RCV.NXT is 1000502, its SND.NXT 5000002. Each segment is
 * injected from the client's side and reaches the server 50 ms later. RFC 9293 §3.10.7.4 ends TIME-WAIT on a RST at
 * RCV.NXT and answers one elsewhere in the window with a challenge ACK (RFC 5961 §3.2); Linux's TIME-WAIT mini-socket
 * (tcp_timewait_state_process() in net/ipv4/tcp_minisocks.c) ends it on a RST at RCV.NXT only, drops any other without a
 * word and, with tcp_rfc1337 = 1 (RFC 1337 §3, F1), ignores every RST.
 */
class TimeWaitResetTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String RST_AT_RCV_NXT = "{at: 3000, from: client, to: server, flags: [RST], seq: 1000502%s}";
    private static final String RST_IN_WINDOW = "{at: 2600, from: client, to: server, flags: [RST], seq: 1001502}";
    private static final String OLD_FIN = "{at: 3500, from: client, to: server, flags: [FIN, ACK], seq: 1000501, ack: 5000001%s}";
    private static final String OLD_SYN = "{at: %d, from: client, to: server, flags: [SYN], seq: 990000}";

    private static Trace run(String profile, String params, String... injections) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: time-wait-reset
                params: {clientIsn: 1000000, serverIsn: 5000000, oneWayDelayMs: 50%s}
                untilMs: 4200
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 500}
                  - {at: 410, host: client, call: close}
                  - {at: 410, host: server, call: close}
                inject:
                %s
                """.formatted(params, Arrays.stream(injections).map(i -> "  - " + i).collect(Collectors.joining("\n"))),
                ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    /** The server's segments sent at {@code at}, as "FLAGS seq ack". */
    private static List<String> serverSent(Trace trace, long at) {
        return trace.segments().stream().filter(s -> s.from().equals("server") && s.sentAt() == at)
                .map(s -> String.join(",", s.flags()) + " " + s.seq() + " " + s.ack()).toList();
    }

    /** The step that ended the server's TIME-WAIT, if one did. */
    private static Optional<TraceStep> timeWaitEnded(Trace trace) {
        return trace.steps().stream().filter(s -> "server".equals(s.endpoint()) && "TIME_WAIT".equals(s.stateBefore())
                && "CLOSED".equals(s.stateAfter())).findFirst();
    }

    /** The rule of the server's discard step at {@code at}. */
    private static String discardedBy(Trace trace, long at) {
        return trace.steps().stream().filter(s -> "server".equals(s.endpoint()) && s.kind() == StepKind.DISCARD && s.at() == at)
                .map(TraceStep::rule).findFirst().orElse("no discard step at " + at);
    }

    @Nested
    class Linux {
        @Test
        void rstAtRcvNxt_endsTimeWait_andTheOldFinThenMeetsTheListenersRst_linuxTcpTimewaitStateProcessRfc1337Assassination()
                throws IOException {
            Trace trace = run("linux", "", RST_AT_RCV_NXT.formatted(""), OLD_FIN.formatted(""));

            TraceStep ended = timeWaitEnded(trace).orElseThrow();
            assertEquals(3050, ended.at());
            assertEquals(Rules.LINUX_TIME_WAIT_RST, ended.rule());
            assertEquals(List.of(), serverSent(trace, 3050), "inet_twsk_deschedule_put: nothing sent");
            assertEquals(List.of("RST 5000001 null"), serverSent(trace, 3550), "<SEQ=SEG.ACK><CTL=RST> (§3.10.7.1)");
        }

        @Test
        void rstInTheWindowButNotAtRcvNxt_isDroppedWithoutAChallengeAck_linuxTcpTimewaitStateProcess() throws IOException {
            Trace trace = run("linux", "", RST_IN_WINDOW);

            assertEquals(List.of(), serverSent(trace, 2650));
            assertEquals(Rules.LINUX_TIME_WAIT_RST, discardedBy(trace, 2650));
            assertTrue(timeWaitEnded(trace).isEmpty());
        }

        @Test
        void withRfc1337_rstAtRcvNxtIsIgnored_andTheOldFinIsAcked_linuxTcpRfc1337() throws IOException {
            Trace trace = run("linux", ", rfc1337: true", RST_AT_RCV_NXT.formatted(""), OLD_FIN.formatted(""));

            assertEquals(Rules.RFC1337, discardedBy(trace, 3050));
            assertTrue(timeWaitEnded(trace).isEmpty());
            assertEquals(List.of("ACK 5000002 1000502"), serverSent(trace, 3550));
        }

        @Test
        void withTimestamps_rstAtRcvNxtWithAnOldTsVal_isDroppedByPaws_linuxTcpPawsReject() throws IOException {
            // The time-wait-rst-old-tsval capture: at 1000 ms the client's clock of 1 s before, older than the TSval of
            // its FIN (TS.Recent); the FIN again at 1500 ms finds TIME-WAIT still there.
            Trace trace = run("linux", ", timestamps: true",
                    "{at: 1000, from: client, to: server, flags: [RST], seq: 1000502, tsValAgeMs: 1000}",
                    "{at: 1500, from: client, to: server, flags: [FIN, ACK], seq: 1000501, ack: 5000001, tsValAgeMs: 0}");

            assertEquals(Rules.LINUX_TIME_WAIT_RST, discardedBy(trace, 1050));
            assertTrue(timeWaitEnded(trace).isEmpty(), "tcp_paws_reject(rst): TS.Recent is younger than TCP_PAWS_MSL");
            assertEquals(List.of("ACK 5000002 1000502"), serverSent(trace, 1550));
        }

        @Test
        void withTimestamps_rstAtRcvNxtWithACurrentTsVal_endsTimeWait_linuxTcpTimewaitStateProcess() throws IOException {
            Trace trace = run("linux", ", timestamps: true", RST_AT_RCV_NXT.formatted(", tsValAgeMs: 0"));

            assertEquals(3050, timeWaitEnded(trace).orElseThrow().at());
        }

        @Test
        void oldSynBelowRcvNxt_isAckedOnce_theSameSyn100MsLaterIsRateLimited_linuxTcpOowRateLimited() throws IOException {
            // A SYN is no "data packet without SYN": its ACK counts against tcp_invalid_ratelimit (500 ms).
            Trace trace = run("linux", "", OLD_SYN.formatted(2000), OLD_SYN.formatted(2100));

            assertEquals(List.of("ACK 5000002 1000502"), serverSent(trace, 2050));
            assertEquals(List.of(), serverSent(trace, 2150));
            assertEquals(Rules.LINUX_OOW_RATE_LIMIT, discardedBy(trace, 2150));
        }
    }

    @Nested
    class Rfc9293 {
        @Test
        void rstAtRcvNxt_endsTimeWait_rfc9293Section3_10_7_4() throws IOException {
            Trace trace = run("rfc9293", "", RST_AT_RCV_NXT.formatted(""));

            TraceStep ended = timeWaitEnded(trace).orElseThrow();
            assertEquals(3050, ended.at());
            assertEquals(Rules.RST_CHECK, ended.rule());
        }

        @Test
        void rstInTheWindowButNotAtRcvNxt_getsAChallengeAck_rfc9293Section3_10_7_4_rfc5961Section3_2() throws IOException {
            Trace trace = run("rfc9293", "", RST_IN_WINDOW);

            assertEquals(List.of("ACK 5000002 1000502"), serverSent(trace, 2650));
            assertEquals(Rules.CHALLENGE_ACK, discardedBy(trace, 2650));
            assertTrue(timeWaitEnded(trace).isEmpty());
        }

        @Test
        void withRfc1337_everyRstIsIgnored_rfc1337Section3F1() throws IOException {
            Trace trace = run("rfc9293", ", rfc1337: true", RST_IN_WINDOW, RST_AT_RCV_NXT.formatted(""));

            assertEquals(List.of(), serverSent(trace, 2650), "no challenge ACK either");
            assertEquals(Rules.RFC1337, discardedBy(trace, 2650));
            assertEquals(Rules.RFC1337, discardedBy(trace, 3050));
            assertTrue(timeWaitEnded(trace).isEmpty());
        }
    }
}
