package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * sweep-s128 (docs/linux-captures.md §128), captured at the client behind the relay's 10 ms each way: both programs
 * call close() at one moment, so the client's FIN leaves 59 µs before the server's FIN reaches it, and its ACK of that
 * FIN follows, all in one millisecond of the capture. The client's FIN acknowledges nothing of the server's: sent with
 * RCV.NXT as its ACK number (RFC 9293 §3.10.7.4; Linux __tcp_transmit_skb), it left before that FIN arrived, a close()
 * in ESTABLISHED (tcp_close_state: FIN-WAIT-1, then CLOSING on the peer's FIN, RFC 9293 §3.6 case 3). Before §128 the
 * replay put the whole millisecond after the arrival, as the ACK needs, took the FIN for a close() in CLOSE-WAIT and
 * reported 3 departures.
 */
class SimultaneousCloseWithinAMillisecondCaptureTest {
    private static final String RUN = "sweep-s128/explained";

    @Test
    void aFinCapturedBeforeThePeersFinArrivesInTheSameMillisecond_leftBeforeIt_aSimultaneousClose_rfc9293Section3_6()
            throws IOException {
        Trace trace = ExplainedRun.replayed(RUN, "relay-simultaneous-close-client");

        assertEquals(List.of(), ExplainedRun.departures(trace));
        List<String> clientStates = trace.steps().stream().filter(s -> "client".equals(s.endpoint()) && s.stateAfter() != null
                        && !s.stateAfter().equals(s.stateBefore())).map(s -> s.stateAfter()).toList();
        assertEquals(List.of(TcpState.FIN_WAIT_1.name(), TcpState.CLOSING.name(), TcpState.TIME_WAIT.name()),
                clientStates.subList(clientStates.indexOf(TcpState.FIN_WAIT_1.name()), clientStates.size()));
    }
}
