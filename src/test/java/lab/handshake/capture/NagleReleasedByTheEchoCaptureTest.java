package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * everyday-s122's relay-nagle-typing (docs/linux-captures.md §129): Nagle on, the client writes 5 bytes every 15 ms
 * behind the relay's 10 ms each way and the server echoes. The echo K+6:11 acknowledges the client's small segment
 * J+6:11, and the client's next segment is J+11:16 with the ACK of the echo, no pure ACK before it, where the client,
 * in quick-ACK mode, would have acknowledged the echo at once: J+11:16 was written before the echo came, held by Nagle
 * (tcp_nagle_check, tcp_minshall_check), and left on its arrival after the echo was queued (tcp_rcv_established:
 * tcp_ack, tcp_data_queue, then tcp_data_snd_check, then tcp_ack_snd_check). Before §129 the replay took the write
 * when the data showed and its client sent a pure ACK of the echo first (one replay.missing in each file).
 */
class NagleReleasedByTheEchoCaptureTest {
    private static final String RUN = "everyday-s122/explained";

    @ParameterizedTest
    @ValueSource(strings = {"relay-nagle-typing-client", "relay-nagle-typing-server"})
    void heldWriteLeavesOnTheEchoCarryingItsAck_noPureAckFirst_linuxTcpRcvEstablished(String name) throws IOException {
        Trace trace = ExplainedRun.replayed(RUN, name);

        assertEquals(List.of(), ExplainedRun.departures(trace));
    }
}
