package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * A copy of data that RACK's reordering timer sent at the far end of a capture tells where the kernel's ticks lay
 * (tcp_rack_mark_lost arms it in jiffies; tcp_write_timer_handler's ICSK_TIME_REO_TIMEOUT runs tcp_rack_reo_timeout on
 * the wheel), held to tools/linux-captures/runs/metrics-s136/ssthresh-nosave-client.pcap, connection 1
 * (docs/linux-captures.md §158): a 300,000-byte download over a relay of 10 ms each way, captured at the client, the
 * server's 30th packet lost; the two duplicate ACKs SACKing past it reach the server about 116.9 ms into the replay,
 * and the copy of 39097 leaves 9.4 ms later (126.5), 3.6 ms after the server's last send and with nothing arriving:
 * only a timer sent it. The capture has no other sign of the tick (no delayed ACK far from an arrival, no copy after a
 * probe timeout), so before the replay kept offset 0, its RACK timer fired at 128, after the captured copy, and the
 * replayed server's recovery ran 27 ms ahead of the kernel's: 136 departures.
 */
class RackCopyOnTheTickCaptureTest {
    private static final Path FILE = Path.of("tools", "linux-captures", "runs", "metrics-s136", "ssthresh-nosave-client.pcap");

    private static CapturedConnection firstConnection() throws Exception {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(FILE))).get(0);
    }

    @Test
    void aCopySentWithNothingArrivingAtItsSender_votesForTheTickBeforeItsMillisecond_tcpRackReoTimeout() throws Exception {
        CapturedConnection connection = firstConnection();
        // The copy at 126.539 ms on the replay's clock: a tick at 125 ms, the start of the millisecond before, 3 ms to
        // add (before: no vote, 0).
        assertEquals(3, TickPhase.offsetMs(connection, CaptureEvidence.of(connection)));
    }

    @Test
    void theReplayedReorderingTimerSendsTheCopy_andTheServerFollowsTheKernelsRecovery_rfc8985Section6_2() throws Exception {
        Trace trace = CaptureReplay.rebuild(firstConnection(), Profile.LINUX, Language.EN, Map.of()).trace();
        long fired = trace.steps().stream()
                .filter(step -> step.endpoint().equals("server") && step.kind() == StepKind.TIMER_FIRED && step.detail().startsWith("reorder"))
                .mapToLong(TraceStep::at).min().orElseThrow();
        long copy = trace.steps().stream()
                .filter(step -> step.endpoint().equals("server") && step.kind() == StepKind.SEND && step.detail().startsWith("<SEQ=1387841272>"))
                .mapToLong(TraceStep::at).max().orElseThrow();
        assertTrue(fired <= copy, "the timer fired at " + fired + ", the copy left at " + copy);
        // What is left is the client's receive side (its window update after a read, its last ACK: §137, §151) and
        // one server segment (136 before).
        assertEquals(4, ExplainedRun.departures(trace).size(), () -> ExplainedRun.departures(trace).toString());
    }
}
