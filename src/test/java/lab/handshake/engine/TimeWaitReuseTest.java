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
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * connect() from a host whose connection on the same 4-tuple is in TIME-WAIT. RFC 9293 §3.10.1 refuses the OPEN
 * ("connection already exists"); Linux refuses it with EADDRNOTAVAIL unless tcp_tw_reuse is on, the connection
 * carried timestamps and its TIME-WAIT is older than tcp_tw_reuse_delay (tcp_twsk_unique() in
 * net/ipv4/tcp_ipv4.c, the idea of RFC 6191); then the TIME-WAIT connection ends and the new one starts at its
 * SND.NXT + 65537. The client's TIME-WAIT begins at 760 ms (the server's FIN arrives) in every run here.
 */
class TimeWaitReuseTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final long TIME_WAIT_BEGINS_AT = 760;

    /** The four-way close of the catalogue's time-wait-reuse scenario, and a second connect() at {@code at}. */
    private static Trace run(String profile, String params, long at) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: reconnect
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, %s}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, delayMs: 300, host: client, call: close}
                  - {on: eof, delayMs: 250, host: server, call: close}
                  - {at: %d, host: client, call: connect}
                """.formatted(params, at), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<TraceSegment> synsFromClient(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("client") && s.flags().equals(List.of("SYN"))).toList();
    }

    /** The refusal step of the second connect(), if TCP refused it. */
    private static String refusalOf(Trace trace) {
        TraceStep second = trace.steps().stream()
                .filter(step -> "client".equals(step.endpoint()) && step.kind() == StepKind.CALL)
                .reduce((first, last) -> last).orElseThrow();
        return second.text();
    }

    private static void assertRefused(Trace trace, String error) {
        assertTrue(refusalOf(trace).contains(error), refusalOf(trace));
        assertEquals(1, synsFromClient(trace).size(), "no second SYN");
        assertTrue(trace.steps().stream().anyMatch(step -> "client".equals(step.endpoint())
                && step.kind() == StepKind.TIMER_FIRED && "CLOSED".equals(step.stateAfter())), "TIME-WAIT runs its course");
    }

    @Nested
    class Rfc9293 {
        @Test
        void connectInTimeWait_isRefusedAsConnectionAlreadyExists_rfc9293Section3_10_1() throws IOException {
            assertRefused(run("rfc9293", "timestamps: true, twReuse: true", 1910), "connection already exists");
        }
    }

    @Nested
    class Linux {
        @Test
        void connectInTimeWaitWithoutTwReuse_isRefusedWithEaddrnotavail_linuxInetHashConnect() throws IOException {
            assertRefused(run("linux", "twReuse: false", 1910), "EADDRNOTAVAIL");
        }

        @Test
        void connectInTimeWaitWithoutTimestamps_isRefusedEvenWithTwReuse_linuxTcpTwskUnique() throws IOException {
            assertRefused(run("linux", "timestamps: false, twReuse: true", 1910), "EADDRNOTAVAIL");
        }

        @Test
        void connectWithinTwReuseDelayOfTimeWait_isRefused_linuxTcpTwskUniqueTimeAfter32() throws IOException {
            assertRefused(run("linux", "twReuse: true", TIME_WAIT_BEGINS_AT + 1000), "EADDRNOTAVAIL");
        }

        @Test
        void twReuseDelayIsATunable() throws IOException {
            Trace trace = run("linux", "twReuse: true, twReuseDelayMs: 100", TIME_WAIT_BEGINS_AT + 101);
            assertEquals(2, synsFromClient(trace).size());
        }

        @Test
        void connectAfterTwReuseDelay_takesTheTupleOverAtOldSndNxtPlus65537_rfc6191_linuxTcpTwskUnique() throws IOException {
            Trace trace = run("linux", "twReuse: true", TIME_WAIT_BEGINS_AT + 1001);
            List<TraceSegment> syns = synsFromClient(trace);
            assertEquals(2, syns.size());
            // The old SND.NXT is J+2 (after the FIN): 1002 + 65537.
            assertEquals(66_539, syns.get(1).seq());
            TraceStep handOver = trace.steps().stream()
                    .filter(step -> "client".equals(step.endpoint()) && "TIME_WAIT".equals(step.stateBefore())
                            && "CLOSED".equals(step.stateAfter()))
                    .findFirst().orElseThrow();
            assertEquals(TIME_WAIT_BEGINS_AT + 1001, handOver.at(), "TIME-WAIT ends at the connect() call");
            assertTrue(handOver.rule().contains("RFC 6191"), handOver.rule());
            assertEquals("ESTABLISHED", trace.finalStates().get("client"), "no TIME-WAIT timer ends the new connection");
        }

        @Test
        void theServerIsBackInListenAfterItsFirstConnection_andItsListenerTakesTheSecondSyn_rfc9293Must41() throws IOException {
            Trace trace = run("linux", "twReuse: true", 1910);
            List<TraceStep> serverChanges = trace.steps().stream()
                    .filter(step -> "server".equals(step.endpoint()) && step.peer() == null && step.stateBefore() != null
                            && !step.stateBefore().equals(step.stateAfter()))
                    .toList();
            List<String> path = serverChanges.stream().map(step -> step.stateBefore() + "→" + step.stateAfter()).toList();
            assertEquals(List.of("CLOSED→LISTEN", "LISTEN→SYN_RECEIVED", "SYN_RECEIVED→ESTABLISHED", "ESTABLISHED→CLOSE_WAIT",
                    "CLOSE_WAIT→LAST_ACK", "LAST_ACK→CLOSED", "CLOSED→LISTEN", "LISTEN→SYN_RECEIVED", "SYN_RECEIVED→ESTABLISHED"), path);
            TraceStep backToListen = serverChanges.get(6);
            assertEquals(StepKind.STATE, backToListen.kind(), "a step of its own, after the ACK that closed the connection");
            assertEquals(serverChanges.get(5).at(), backToListen.at());
            assertEquals("LISTEN", backToListen.states().get("server"));
            assertTrue(backToListen.text().contains("listening socket"), backToListen.text());
            assertTrue(backToListen.rule().contains("MUST-41"), backToListen.rule());
        }

        @Test
        void takenOverSyn_echoesTheOldTsRecentAndContinuesTheTimestampClock_linuxTcpSynOptions() throws IOException {
            Trace trace = run("linux", "twReuse: true", 1910);
            TraceSegment serverFin = trace.segments().stream()
                    .filter(s -> s.from().equals("server") && s.flags().contains("FIN")).findFirst().orElseThrow();
            TraceSegment lastAck = trace.segments().stream()
                    .filter(s -> s.from().equals("client") && s.sentAt() < 1910).reduce((a, b) -> b).orElseThrow();
            TraceOption synTimestamps = timestamps(synsFromClient(trace).get(1));
            assertEquals(timestamps(serverFin).tsVal(), synTimestamps.tsEcr(), "TSecr = the old TS.Recent");
            assertEquals(timestamps(lastAck).tsVal() + (1910 - lastAck.sentAt()), synTimestamps.tsVal(), "one clock, 1 ms a tick");
            assertEquals(65_160, synsFromClient(trace).get(1).window(), "45 × 1448: the window counts the timestamps");
        }

        private static TraceOption timestamps(TraceSegment segment) {
            return segment.options().stream().filter(o -> o.kind() == OptionKind.TIMESTAMPS)
                    .findFirst().orElseThrow();
        }
    }
}
