package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import org.junit.jupiter.api.Test;

/**
 * The window's reduction after an ECE (RFC 3168 §6.1.2; Linux tcp_enter_cwr, tcp_cwnd_reduction in the CWR state,
 * tcp_end_cwnd_reduction; docs/linux-captures.md §146), held to runs/ecn-cwr-s146: a download over the relay (20 ms
 * each way) from a server at tcp_ecn 2 to a client at 1, nft marking CE on chosen data packets of the server.
 */
class EcnReductionCaptureTest {
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs", "ecn-cwr-s146");

    @Test
    void oneMark_theFlightComesDownFrom42SegmentsTo29ByPrr_andStaysThere_tcpEnterCwr_tcpCwndReduction() throws IOException {
        // Replayed with the answer as the one write it was, so that only the congestion window holds the data back (the
        // per-segment writes a rebuild may fall back to would hide it): with the window kept after the ECE, as before
        // §146, the replayed server sends what the kernel held back (60 departures).
        CapturedConnection capture = connection("relay-ce-25-server.pcap");
        assertEquals(List.of(), ExplainedRun.departures(CaptureReplay.wholeWritesTrace(capture, Profile.LINUX, KeptRoundTrips.NONE)));
    }

    @Test
    void marksInTwoRounds_reduceTwice_57To40Then40To28_onceEachWindowOfData_tcpFastretransAlertEndsCwr() throws IOException {
        // The second ECE comes a round trip after the first reduction ended; before §146 the rebuild departed 4 times.
        CapturedConnection capture = connection("relay-ce-25-80-server.pcap");
        assertEquals(List.of(), ExplainedRun.departures(
                CaptureReplay.rebuild(capture, Profile.LINUX, Language.EN, Map.of("en", "Capture")).trace()));
    }

    private static CapturedConnection connection(String file) throws IOException {
        return CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(RUNS.resolve(file)))).get(0);
    }
}
