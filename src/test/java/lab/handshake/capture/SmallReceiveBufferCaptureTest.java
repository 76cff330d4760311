package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.Profile;
import lab.handshake.engine.TcpParams;
import org.junit.jupiter.api.Test;

/**
 * A late reader of 2,000 bytes a call behind a buffer nobody locked, tcp_rmem[1] 6144 or 8192, which both SYN,ACKs show
 * as 2896 (tcp_select_initial_window) with a shift of 7 (tools/linux-captures/runs/rcvbuf-s148, docs/linux-captures.md
 * §148, §154; `ss` shows sk_rcvbuf 8192 and 6144 from first to last).
 */
class SmallReceiveBufferCaptureTest {
    private static final String RUN = "rcvbuf-s148";

    private static CapturedConnection connection(String name) throws IOException {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(
                Path.of("tools", "linux-captures", "runs", RUN, name + ".pcap")))).get(0);
    }

    private static int serverWindow(String name) throws IOException {
        CapturedConnection connection = connection(name);
        TcpParams linux = Profile.LINUX.defaults();
        return CaptureEvidence.ShownLimits.of(connection, CaptureEvidence.of(connection), linux).window(false);
    }

    @Test
    void anUnlockedSmallBuffer_isReadFromTheFirstWindowAfterData_notTheSynAcksWindow_tcpSelectInitialWindow() throws IOException {
        // Half the buffer (SO_RCVBUF's measure), within the 102 a scale unit of 128 leaves: 4096 in 4020..4122 (win 29
        // after the first segment), 3072 in 2996..3098 (win 19); the SYN,ACK alone allows up to 4343 for both.
        int of8192 = serverWindow("d35-rmem-8192-16384-r2000-server");
        int of6144 = serverWindow("d35-rmem-6144-16384-r2000-server");

        assertTrue(of8192 >= 4020 && of8192 <= 4122, "8192: " + of8192);
        assertTrue(of6144 >= 2996 && of6144 <= 3098, "6144: " + of6144);
    }

    @Test
    void aBufferLockedBySoRcvbuf_keepsTheSynAcksMeasure_itsShiftIsZero_tcpSelectInitialWindow() throws IOException {
        // d35-late-read-rcvbuf4k (round18-s144/explained): SO_RCVBUF 4096 before listen(), window 2896, shift 0: the
        // largest buffer that window allows, as before.
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("tools",
                "linux-captures", "runs", "round18-s144", "explained", "d35-late-read-rcvbuf4k-server.pcap")))).get(0);

        assertEquals(4343, CaptureEvidence.ShownLimits.of(connection, CaptureEvidence.of(connection),
                Profile.LINUX.defaults()).window(false));
    }

    @Test
    void theLateReadersWindowsBehind8192And6144_areTheKernels_readsAtTheLargestWindowToldByTheNextAck() throws IOException {
        // main at 82130310: 2 and 2 departures in the 8192 files, 8 and 9 in the 6144 files (the replay's buffer 4343).
        for (String name : List.of("d35-rmem-8192-16384-r2000-client", "d35-rmem-8192-16384-r2000-server",
                "d35-rmem-8192-16384-r2000-again-server", "d35-rmem-6144-16384-r2000-client")) {
            assertEquals(List.of(), ExplainedRun.departures(ExplainedRun.replayed(RUN, name)), name);
        }
        // §144's late reader behind 4096 8192 16384: 2 departures at main, the window updates at 4120 and 5022 ms.
        assertEquals(List.of(), ExplainedRun.departures(ExplainedRun.replayed("round18-s144", "d35-late-read-rmem-client")));
    }

    @Test
    void anAckOnlyAReadWouldSend_whoseNextAckKeepsTheBuffersFull_isTheKernelsDelayedAck_notARead_tcpDelackTimer()
            throws IOException {
        // d35-rmem-8192-16384-r1000-server at 18319 ms: ACK of 39593 win 1, 72 ms after the 728 bytes it acknowledges,
        // where the replayed delayed-ACK timer is not yet due; the next ACK (39721, after 128 bytes more) offers 0, where
        // a read of all would have left 3712. Taken as a read of all (4,480 bytes), the replay then reports the server's
        // update at 19171 ms as one Linux would not send. Left: the client's zero-window probe at 13526 ms, as at main.
        List<String> departures = ExplainedRun.departures(ExplainedRun.replayed(RUN, "d35-rmem-8192-16384-r1000-server"));

        assertEquals(1, departures.size(), departures.toString());
        assertTrue(departures.get(0).startsWith("The client sends"), departures.get(0));
    }
}
