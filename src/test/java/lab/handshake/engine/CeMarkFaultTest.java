package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * The {@code mark-ce} fault: a congested router on the path marks the matched segment CE instead of dropping it when it
 * is ECN-capable, and drops it when it is Not-ECT (RFC 3168 §5). The connection of {@link EcnTest} (the client at
 * tcp_ecn 1, the server at Linux's default 2, 50 ms each way), the server writing 3000 bytes at 400 ms and 3000 more at
 * 1000 ms, as everyday-s96's ecn-ce captures mark the server's first burst (docs/linux-captures.md §96, §141).
 */
class CeMarkFaultTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Trace run(String clientEcn, String fault) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: ce-mark
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, client: {ecn: %s}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {at: 200, host: client, call: send, bytes: 4}
                  - {at: 400, host: server, call: send, bytes: 3000}
                  - {at: 1000, host: server, call: send, bytes: 3000}
                faults:
                  - %s
                untilMs: 3000
                """.formatted(clientEcn, fault), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
    }

    /** The server's first segment of data (flags ACK, PSH aside), marked on its way to the client. */
    private static final String FIRST_DATA = "{match: {from: server, flags: [ACK], afterMs: 400, nth: 1}, action: mark-ce}";

    private static TraceSegment firstData(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("server") && s.len() > 0).findFirst().orElseThrow();
    }

    private static TraceStep arrivalOf(Trace trace, TraceSegment segment) {
        return trace.steps().stream().filter(s -> s.kind() == StepKind.ARRIVE && Integer.valueOf(segment.id()).equals(s.segmentId()))
                .findFirst().orElseThrow();
    }

    @Test
    void anEcnCapableSegment_arrivesMarkedCe_andTheReceiverEchoesEceUntilCwr_rfc3168Section5And6_1_3() throws IOException {
        Trace trace = run("1", FIRST_DATA);
        TraceSegment marked = firstData(trace);
        assertEquals("ECT(0)", marked.ecn(), "sent ECT(0), as the sender's interface sees it");
        assertEquals(SegmentFate.CE_MARKED, marked.fate());
        TraceStep arrival = arrivalOf(trace, marked);
        assertTrue(arrival.text().contains("marks this segment CE"), arrival.text());
        assertEquals("RFC 3168 §5 (a router's CE mark)", arrival.rule());
        // RFC 3168 §6.1.3: the receiver sets ECE on its ACKs after a CE packet until a packet with CWR arrives.
        List<TraceSegment> clientAfter = trace.segments().stream().filter(s -> s.from().equals("client") && s.sentAt() >= marked.arrivesAt())
                .toList();
        assertTrue(clientAfter.get(0).flags().contains("ECE"), "the ACK of the marked data echoes it: " + clientAfter.get(0));
        TraceSegment cwr = trace.segments().stream().filter(s -> s.flags().contains("CWR") && !s.flags().contains("SYN"))
                .findFirst().orElseThrow();
        assertEquals("server", cwr.from());
        assertTrue(cwr.len() > 0 && cwr.sentAt() >= 1000, "CWR on the server's next new data (tcp_ecn_queue_cwr): " + cwr);
        assertEquals(List.of(), clientAfter.stream().filter(s -> s.sentAt() > cwr.arrivesAt() && s.flags().contains("ECE")).toList(),
                "no ECE once CWR arrived (tcp_ecn_accept_cwr)");
    }

    @Test
    void aNotEctSegment_cannotCarryTheMark_andTheRouterDropsIt_rfc3168Section5() throws IOException {
        // Without ECN agreed (the client at tcp_ecn 0 does not ask), the same data leaves Not-ECT.
        Trace trace = run("0", FIRST_DATA);
        TraceSegment dropped = firstData(trace);
        assertNull(dropped.ecn());
        assertEquals(SegmentFate.LOST, dropped.fate());
        TraceStep drop = trace.steps().stream().filter(s -> s.kind() == StepKind.DROP && Integer.valueOf(dropped.id()).equals(s.segmentId()))
                .findFirst().orElseThrow();
        assertTrue(drop.text().contains("it left Not-ECT"), drop.text());
        assertEquals(List.of(), trace.segments().stream().filter(s -> s.flags().contains("ECE")).toList(), "nothing to echo");
    }
}
