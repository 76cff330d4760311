package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.KeptCongestion;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * The degree of reordering one connection leaves the next, held to tools/linux-captures/runs/metrics-s142
 * (docs/linux-captures.md §142): a download whose server packets the relay held 8 ms now and then, its last segment
 * and the loss probe's copy lost, so that the server's RTO leaves it in slow start at the close; Linux
 * tcp_update_metrics keeps its tp->reordering (`ip tcp_metrics`: reordering 62), and tcp_init_metrics gives it to the
 * next download, whose 60th packet is lost: with 12 segments SACKed, fewer than 62, RACK keeps its reordering window
 * (tcp_rack_reo_wnd) and the copy goes on the reordering timer, 11.6 ms after the first duplicate ACK.
 */
class KeptReorderingCaptureTest {
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs", "metrics-s142");

    @Test
    void aConnectionEndingInSlowStartAfterItsRto_leavesItsDegreeOfReordering_linuxTcpUpdateMetrics() throws IOException {
        KeptRoundTrips kept = KeptRoundTrips.before(connections(), 1, Profile.LINUX);
        assertTrue(kept.serverCongestion().reordering() > 12, "more than the 12 SACKed in connection 2: " + kept);
        assertEquals(0, kept.serverCongestion().ssthresh(), "tcp_no_ssthresh_metrics_save=1, the default");
        assertEquals(KeptCongestion.NONE, kept.clientCongestion(), "the client only received");
    }

    @Test
    void theKeptDegree_keepsRacksReorderingTimerUntilTheCopy_linuxTcpInitMetrics_tcpRackReoWnd() throws IOException {
        List<CapturedConnection> connections = connections();
        KeptRoundTrips kept = KeptRoundTrips.before(connections, 1, Profile.LINUX);
        Trace trace = CaptureReplay.wholeWritesTrace(connections.get(1), Profile.LINUX, kept);
        assertTrue(ExplainedRun.departures(trace).stream().noneMatch(text -> text.contains("The server")),
                ExplainedRun.departures(trace).toString());
        assertEquals(StepKind.TIMER_ARMED, lastReorderTimerStepBeforeTheCopy(trace).kind());
        // The same round trips without the degree: the third SACKed segment takes the window away (tcp_reordering's
        // 3), the timer is stopped and the copy would wait for the RTO.
        KeptRoundTrips roundTripsOnly = new KeptRoundTrips(kept.client(), kept.server());
        Trace without = CaptureReplay.wholeWritesTrace(connections.get(1), Profile.LINUX, roundTripsOnly);
        assertEquals(StepKind.TIMER_CANCELLED, lastReorderTimerStepBeforeTheCopy(without).kind());
    }

    /** The server's last step of its RACK reordering timer before it sends the first copy of data. */
    private static TraceStep lastReorderTimerStepBeforeTheCopy(Trace trace) {
        long copyAt = trace.segments().stream()
                .filter(s -> s.from().equals("server") && s.len() > 0 && s.retransmission()).findFirst().orElseThrow().sentAt();
        return trace.steps().stream()
                .filter(step -> step.endpoint().equals("server") && step.at() < copyAt && step.detail() != null
                        && step.detail().startsWith("reorder"))
                .reduce((first, second) -> second).orElseThrow();
    }

    private static List<CapturedConnection> connections() throws IOException {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(RUNS.resolve("reorder-rto-server.pcap"))));
    }
}
