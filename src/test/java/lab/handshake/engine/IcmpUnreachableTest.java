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
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * A segment answered by an ICMP Destination Unreachable (a {@code reject} fault), 50 ms each way. RFC 9293 §3.9.2.2
 * goes by the code: net, host (0, 1) are soft errors, never abort (MUST-56); protocol and port (2–4) hard, abort
 * (SHLD-26). Linux 6.18 goes by the state (tcp_v4_err, tcp_v6_err): in SYN_SENT any code ends the connection
 * (tcp_done_with_error), as captures everyday-s96 icmp-port and icmp-host show (connect() refused or "no route to host" at
 * once); once established only sk_err_soft is set and the connection goes on.
 */
class IcmpUnreachableTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Trace run(String profile, String fault) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: icmp-unreachable
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50}
                untilMs: 5000
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, delayMs: 100, host: client, call: send, bytes: 100}
                faults:
                  - %s
                """.formatted(fault), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<Long> synsSent(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("client") && s.flags().equals(List.of("SYN")))
                .map(TraceSegment::sentAt).toList();
    }

    private static TraceStep icmpStep(Trace trace) {
        return trace.steps().stream().filter(s -> s.kind() == StepKind.ARRIVE && s.detail().startsWith("ICMP")).findFirst().orElseThrow();
    }

    private static final String SYN_PORT = "{match: {from: client, flags: [SYN], nth: 1}, action: reject, code: port}";
    private static final String SYN_HOST = "{match: {from: client, flags: [SYN], nth: 1}, action: reject, code: host}";

    /** The SYN sent at 10 is rejected at 60; the ICMP is back at 110 and connect() fails: no SYN again, CLOSED. */
    @Test
    void portUnreachableInSynSent_endsTheConnectionAtOnce_linuxTcpV4Err() throws IOException {
        Trace trace = run("linux", SYN_PORT);
        assertEquals(List.of(10L), synsSent(trace));
        TraceStep icmp = icmpStep(trace);
        assertEquals(110, icmp.at());
        assertEquals("SYN_SENT", icmp.stateBefore());
        assertEquals("CLOSED", icmp.stateAfter());
        assertEquals(Rules.LINUX_ICMP, icmp.rule());
        assertTrue(icmp.text().contains("ECONNREFUSED"), icmp.text());
        assertEquals("CLOSED", trace.finalStates().get("client"));
    }

    /** Host unreachable is soft in RFC 9293, but Linux ends a connection in SYN_SENT on it too (EHOSTUNREACH). */
    @Test
    void hostUnreachableInSynSent_endsTheConnectionUnderLinux_tcpV4Err() throws IOException {
        Trace trace = run("linux", SYN_HOST);
        assertEquals(List.of(10L), synsSent(trace));
        assertTrue(icmpStep(trace).text().contains("EHOSTUNREACH"));
        assertEquals("CLOSED", trace.finalStates().get("client"));
    }

    /** RFC 9293: a hard error (port, code 3) aborts the connection (SHLD-26). */
    @Test
    void portUnreachable_isAHardErrorThatAbortsTheConnection_rfc9293Section3_9_2_2_shld26() throws IOException {
        Trace trace = run("rfc9293", SYN_PORT);
        assertEquals(List.of(10L), synsSent(trace));
        assertEquals("CLOSED", icmpStep(trace).stateAfter());
        assertEquals(Rules.ICMP, icmpStep(trace).rule());
    }

    /** RFC 9293: host unreachable (code 1) is soft (MUST-56): the SYN is sent again after the 1 s RTO and connects. */
    @Test
    void hostUnreachable_isASoftErrorThatNeverAborts_rfc9293Section3_9_2_2_must56() throws IOException {
        Trace trace = run("rfc9293", SYN_HOST);
        assertEquals(List.of(10L, 1010L), synsSent(trace));
        assertEquals("SYN_SENT", icmpStep(trace).stateAfter());
        assertEquals("ESTABLISHED", trace.finalStates().get("client"));
    }

    /** Once established Linux keeps even port unreachable as a soft error: the data is sent again and arrives. */
    @Test
    void portUnreachableWhenEstablished_isOnlyASoftErrorUnderLinux_tcpV4Err() throws IOException {
        Trace trace = run("linux", "{match: {from: client, flags: [ACK], nth: 2}, action: reject, code: port}");
        TraceStep icmp = icmpStep(trace);
        assertEquals("ESTABLISHED", icmp.stateAfter());
        assertEquals(2, trace.segments().stream().filter(s -> s.from().equals("client") && s.len() == 100).count());
        assertEquals("ESTABLISHED", trace.finalStates().get("client"));
    }

    /** A rejected SYN,ACK drops the listener's half-open connection (tcp_req_err); the client's SYN again makes a new one. */
    @Test
    void portUnreachableForTheSynAck_dropsTheHalfOpenConnection_linuxTcpReqErr() throws IOException {
        Trace trace = run("linux", "{match: {from: server, flags: [SYN, ACK], nth: 1}, action: reject, code: port}");
        TraceStep icmp = icmpStep(trace);
        assertEquals("server", icmp.endpoint());
        assertEquals(Rules.LINUX_ICMP_REQUEST, icmp.rule());
        assertEquals("ESTABLISHED", trace.finalStates().get("client"));
    }
}
