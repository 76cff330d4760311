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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sweep-s128 (docs/linux-captures.md §128, §130), SO_LINGER {1, 1} over loopback: the client's 20,000 bytes are
 * lost, its FIN arrives, and the server's duplicate ACK SACKs only that FIN. Linux 6.18 sends the data again 7 µs
 * later: tcp_sacktag_one takes the FIN-only segment like any other (tcp_rack_advance sets rack.advanced, FLAG_DATA_SACKED),
 * so tcp_fastretrans_alert → tcp_rack_mark_lost → tcp_rack_detect_loss finds the data, sent before the FIN, older than
 * RACK's round trip plus min_rtt/4. Before §130 the engine ran RACK only when data was SACKed, so its client waited for
 * the loss probe at 8 ms and the replay reported 2 departures. runs/rack-fin-s135 (§135): the relay's 50 ms each way,
 * the client's 1000 bytes held 40 ms (or 15 ms) behind its FIN; the SACK of the bare FIN arms RACK's reordering timer
 * (28 ms, fired at its timer-wheel bucket's end); the kernel sent the data again 29.3 to 33.2 ms after the SACK arrived,
 * before the ACK of the late data (39.7 ms), and not when that ACK came first (14.8 ms).
 */
class RackOnASackedFinCaptureTest {
    private static final Path RUN = Path.of("tools", "linux-captures", "runs", "sweep-s128");
    private static final Path RACK_FIN = Path.of("tools", "linux-captures", "runs", "rack-fin-s135");

    @Test
    void aDuplicateAckThatSacksOnlyTheFin_marksTheDataSentBeforeItLost_tcpRackMarkLost() throws IOException {
        assertEquals(List.of(), departures(RUN.resolve("lo-linger-1s-unacked-client.pcap")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"40ms-1-server", "40ms-2-server", "40ms-3-server", "40ms-4-server", "40ms-1-client",
            "40ms-2-client", "40ms-3-client", "40ms-4-client"})
    void dataFortyMsLateBehindItsFin_goesAgainWhenTheReorderingTimerFires_tcpRackMarkLost_tcpRackReoTimeout(String run)
            throws IOException {
        assertEquals(List.of(), departures(RACK_FIN.resolve("delayed-data-past-fin-" + run + ".pcap")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15ms-1-server", "15ms-2-server"})
    void dataFifteenMsLateBehindItsFin_isAcknowledgedBeforeTheReorderingTimerFires_noCopy(String run) throws IOException {
        assertEquals(List.of(), departures(RACK_FIN.resolve("delayed-data-past-fin-" + run + ".pcap")));
    }

    private static List<String> departures(Path pcap) throws IOException {
        CapturedConnection connection = CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(pcap))).get(0);
        Trace trace = CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "Capture")).trace();
        return trace.steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(TraceStep::text).toList();
    }
}
