package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * everyday-s122 (docs/linux-captures.md §122), captured at the server, behind the relay's 10 ms each way: the client
 * calls shutdown(SHUT_WR) while the server's data is still on its way to it, so the capture shows that data before the
 * client's FIN, whose ACK does not cover it. The client then acknowledges it with no reset: a socket closed with
 * close() would have answered data arriving after its FIN with RST (Linux tcp_rcv_state_process, FIN-WAIT-1/2 with
 * RCV_SHUTDOWN: tcp_reset; RFC 9293 §3.6.1, a half-duplex close, MAY-1 and SHLD-3), so it had shut down its sending
 * side only (a half-closed connection, RFC 9293 §3.6.1). Before §122 the replay looked for the peer's data after the
 * FIN only, inferred close() and expected the client's resets (3 and 23 departures).
 */
class HalfCloseSeenFromThePeerCaptureTest {
    private static final Path RUN = Path.of("tools", "linux-captures", "runs", "everyday-s122", "explained");

    @ParameterizedTest
    @ValueSource(strings = {"relay-nodelay-typing-server", "relay-shutwr-partial-server"})
    void dataInFlightTowardAFinThenAcknowledgedWithoutReset_showsShutdownNotClose_linuxTcpRcvStateProcess(String name)
            throws IOException {
        CapturedConnection connection = CapturedConnection.split(PcapReader.readCapture(
                Files.readAllBytes(RUN.resolve(name + ".pcap")))).get(0);
        Trace trace = CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "Capture")).trace();

        assertEquals(List.of(), trace.steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(TraceStep::text).toList());
        // The client's shutdown(), then the server's close() at the client's EOF: one close() in all.
        List<String> closes = trace.steps().stream().filter(s -> s.kind() == StepKind.CALL)
                .map(TraceStep::detail).filter(call -> call.equals("shutdown()") || call.equals("close()")).toList();
        assertEquals(List.of("shutdown()", "close()"), closes);
    }
}
