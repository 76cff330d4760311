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
import org.junit.jupiter.api.Test;

/**
 * A listener closed while a handshake was half done: the client's ACK of the SYN,ACK is lost, the server's application
 * calls close() at 100 ms, the client sends 4 bytes at 200 ms (everyday-s107 listener-closed-syn-recv, docs/linux-captures.md
 * §107, §109).
 */
class ListenerClosedTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Trace run(String profile) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: listener-closed-syn-recv
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 1}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 0, host: client, call: connect}
                  - {at: 100, host: server, call: close}
                  - {on: established, delayMs: 200, host: client, call: send, bytes: 4}
                faults:
                  - {match: {from: client, flags: [ACK], nth: 1}, action: drop}
                untilMs: 3000
                """, ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<String> serverSends(Trace trace) {
        return trace.segments().stream().filter(segment -> segment.from().equals("server")).map(ListenerClosedTest::line).toList();
    }

    /**
     * Linux keeps the half-done handshake as a request socket of the listener, which no application holds: close() closes
     * the listener, and the request is dropped without a SYN,ACK sent again or a FIN (tcp_v4_rcv and reqsk_timer_handler
     * drop a request whose listener is not in LISTEN), so the data finds no socket and gets {@code <SEQ=SEG.ACK><CTL=RST>}
     * (tcp_v4_send_reset; RFC 9293 §3.10.7.1).
     */
    @Test
    void closeWithTheHandshakeHalfDone_dropsTheRequestSilently_andTheDataMeetsABareReset_linuxTcpV4RcvClosedListener() throws IOException {
        assertEquals(List.of("SYN,ACK 5000 1001", "RST 5001 -"), serverSends(run("linux")));
    }

    /** In the RFC the connection in SYN-RECEIVED is the application's: CLOSE queues its FIN (RFC 9293 §3.10.4). */
    @Test
    void closeInSynReceived_underTheRfc_closesTheConnectionWithAFin_rfc9293Section3_10_4() throws IOException {
        List<String> sent = serverSends(run("rfc9293"));
        assertTrue(sent.stream().anyMatch(segment -> segment.startsWith("FIN")), sent.toString());
    }

    private static String line(TraceSegment segment) {
        return String.join(",", segment.flags()) + " " + segment.seq() + " " + (segment.ack() == null ? "-" : segment.ack())
                + (segment.len() > 0 ? " +" + segment.len() : "");
    }
}
