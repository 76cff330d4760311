package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the tail a cork held leaves once the cork is removed with data in flight (docs/linux-captures.md §150; captures
 * made by hlcap.py run-spec from the scenario files beside them, taken at the server): with TCP_NODELAY at once, the
 * uncork's push being TCP_NAGLE_PUSH (__tcp_sock_set_cork); without it Nagle holds it behind the unacknowledged small
 * write until that write's ACK (tcp_push_pending_frames with tp->nonagle 0, tcp_minshall_check). The segments
 * themselves are compared in {@link LinuxCaptureComparisonTest}; these files' times here.
 */
class CorkCapturesTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "linux");
    private static final int TAIL = 104;

    @ParameterizedTest
    @CsvSource({"cork-uncork-in-flight", "cork-uncork-in-flight-nodelay"})
    void theCorkedTailLeavesWhenTheKernelsDid_atUncorkWithNoDelay_elseAtTheAck_tcpSockSetCork(String capture) throws IOException {
        List<CapturedSegment> captured = PcapReader.read(Files.readAllBytes(CAPTURES.resolve(capture + ".pcap")));
        CapturedSegment kernelFirst = captured.stream().filter(s -> s.payloadLength() > 0).findFirst().orElseThrow();
        CapturedSegment kernelTail = captured.stream().filter(s -> s.payloadLength() == TAIL).findFirst().orElseThrow();
        double kernelGapMs = (kernelTail.timeMicros() - kernelFirst.timeMicros()) / 1000.0;

        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue(CAPTURES.resolve(capture + ".yaml").toFile(), ScenarioSpec.class);
        Trace trace = CapturedTimerWheel.runAsCaptured(capture, LinuxCaptureComparisonTest.withSysctls(spec, capture));
        List<TraceSegment> data = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 0).toList();
        assertEquals(List.of(100, 1448, 1448, TAIL), data.stream().map(TraceSegment::len).toList());
        // At the server, where the capture was taken: the first write and the tail crossed the same 50 ms path.
        long engineGapMs = data.get(3).sentAt() - data.get(0).sentAt();
        assertTrue(Math.abs(engineGapMs - kernelGapMs) <= 2.5,
                capture + ": the tail " + engineGapMs + " ms after the first write; the kernel's " + kernelGapMs + " ms");
    }
}
