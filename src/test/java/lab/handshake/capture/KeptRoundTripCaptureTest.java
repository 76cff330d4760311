package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.Rules;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * What one connection leaves the next through the kernel's TCP metrics, held to the captures of
 * tools/linux-captures/runs/metrics-s136 (docs/linux-captures.md §136): two connections between the same namespaces, the
 * first over a 200 ms path, the second over a 20 ms one with the client's request and its loss probe lost. Linux
 * tcp_update_metrics keeps the first's smoothed round trip (`ip tcp_metrics`: rtt 200669us), and tcp_init_metrics makes
 * the second's first RTO crtt + max(2 × crtt, TCP_RTO_MIN) = 600 ms where its handshake alone gives 220.
 */
class KeptRoundTripCaptureTest {
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs", "metrics-s136");

    @Test
    void theRoundTripTheLastConnectionMeasured_setsTheNextOnesFirstRto_linuxTcpInitMetrics() throws IOException {
        List<CapturedConnection> connections = connections("rtt-client.pcap");
        KeptRoundTrips kept = KeptRoundTrips.before(connections, 1, Profile.LINUX);
        assertTrue(Math.abs(kept.client() / 8 - 200_669) < 5_000, "the client keeps about 200.7 ms: " + kept.client() / 8);
        Trace trace = CaptureReplay.rebuild(connections.get(1), Profile.LINUX, Language.EN, Map.of(), kept).trace();
        assertEquals(List.of(), ExplainedRun.departures(trace));
        // The request goes three times: sent, the loss probe 240 ms later (2 × srtt + 200, before the RTO), then the
        // RTO 600 ms after the probe, which the timer wheel runs at its bucket's end, 620 ms (the kernel: 616).
        List<Long> request = trace.segments().stream()
                .filter(s -> s.from().equals("client") && s.len() > 0).map(TraceSegment::sentAt).toList();
        assertEquals(3, request.size());
        TraceStep armed = trace.steps().stream()
                .filter(step -> step.endpoint().equals("client") && step.kind() == StepKind.TIMER_ARMED && step.at() > request.get(0)
                        && step.text().contains("RTO ="))
                .findFirst().orElseThrow();
        assertTrue(armed.text().contains("RTO = 600 ms"), armed.text());
        assertEquals(Rules.LINUX_TCP_METRICS_RTO, armed.rule(), "the step says the RTO came from the kept round trip");
        assertEquals(620, armed.timers().stream().filter(t -> t.endpoint().equals("client")).findFirst().orElseThrow()
                .expiresAt() - armed.at());
        assertEquals(616, sentAgainAfterProbeMs(connections.get(1)), 2);
    }

    @Test
    void withTcpNoMetricsSave_theNextConnectionStartsAfresh_andTheReplayKeepsNothing() throws IOException {
        // rtt-nosave: the same with net.ipv4.tcp_no_metrics_save=1: the probe and the RTO each 228 ms after the last
        // (the handshake's 220 ms), which the replay that keeps the first connection's round trip cannot send.
        List<CapturedConnection> connections = connections("rtt-nosave-client.pcap");
        KeptRoundTrips kept = KeptRoundTrips.before(connections, 1, Profile.LINUX);
        assertTrue(kept.client() > 0, "the replay of the first connection keeps its round trip");
        assertEquals(228, sentAgainAfterProbeMs(connections.get(1)), 2);
        Trace trace = CaptureReplay.rebuild(connections.get(1), Profile.LINUX, Language.EN, Map.of(), kept).trace();
        assertEquals(List.of(), ExplainedRun.departures(trace));
    }

    private static List<CapturedConnection> connections(String file) throws IOException {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(RUNS.resolve(file))));
    }

    /** How long after the loss probe the client's request went a third time, in the capture. */
    private static double sentAgainAfterProbeMs(CapturedConnection connection) {
        List<Long> sent = connection.segments().stream()
                .filter(s -> connection.fromClient(s) && s.payloadLength() > 0).map(CapturedSegment::timeMicros).toList();
        return (sent.get(2) - sent.get(1)) / 1000.0;
    }
}
