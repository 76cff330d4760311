package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
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
    private static final String RUN = "everyday-s122/explained";

    @ParameterizedTest
    @ValueSource(strings = {"relay-nodelay-typing-server", "relay-shutwr-partial-server"})
    void dataInFlightTowardAFinThenAcknowledgedWithoutReset_showsShutdownNotClose_linuxTcpRcvStateProcess(String name)
            throws IOException {
        Trace trace = ExplainedRun.replayed(RUN, name);

        assertEquals(List.of(), ExplainedRun.departures(trace));
        // The client's shutdown(), then the server's close() at the client's EOF: one close() in all.
        List<String> closes = trace.steps().stream().filter(s -> s.kind() == StepKind.CALL)
                .map(TraceStep::detail).filter(call -> call.equals("shutdown()") || call.equals("close()")).toList();
        assertEquals(List.of("shutdown()", "close()"), closes);
    }
}
