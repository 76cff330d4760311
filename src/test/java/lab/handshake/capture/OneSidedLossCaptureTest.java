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
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * Captures taken at one end of a lossy path (runs/everyday-s79, both ends of each run kept; docs/linux-captures.md §97).
 * A capture at the receiver shows only what arrived: data the relay lost on its way never shows, only the copy its
 * sender sent again.
 */
class OneSidedLossCaptureTest {
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs", "everyday-s79");

    private static CaptureReplay.Rebuilt rebuilt(String capture) throws IOException {
        List<CapturedSegment> segments = PcapReader.read(Files.readAllBytes(RUNS.resolve(capture + ".pcap")));
        return CaptureReplay.rebuild(CapturedConnection.split(segments).get(0), Profile.parse("linux"), Language.EN, Map.of("en", "Capture"));
    }

    private static List<String> steps(CaptureReplay.Rebuilt rebuilt, StepKind kind, String endpoint) {
        return rebuilt.trace().steps().stream().filter(s -> s.kind() == kind && endpoint.equals(s.endpoint())).map(TraceStep::text).toList();
    }

    /** The server's data segments the replay tells lost before the capture point, as K+offset from the server's ISN. */
    private static List<Long> lostBeforeTheCapturePoint(CaptureReplay.Rebuilt rebuilt, String capture) throws IOException {
        return lostBeforeTheCapturePoint(rebuilt, capture, false);
    }

    /** The data segments of the server (or the client) the replay tells lost before the capture point, as K+offset. */
    private static List<Long> lostBeforeTheCapturePoint(CaptureReplay.Rebuilt rebuilt, String capture, boolean ofClient) throws IOException {
        long isn = Integer.toUnsignedLong(CapturedConnection.split(PcapReader.read(Files.readAllBytes(RUNS.resolve(capture + ".pcap"))))
                .get(0).isn(ofClient));
        String sender = ofClient ? "client" : "server";
        return rebuilt.trace().steps().stream().filter(s -> s.kind() == StepKind.NOTE && sender.equals(s.endpoint())
                        && s.detail().equals("replay.lost-before-capture"))
                .map(s -> (Long.parseLong(s.text().replaceAll(".*?<SEQ=(\\d+)>.*", "$1")) - isn + (1L << 32)) % (1L << 32)).toList();
    }

    /**
     * download-loss-sack-client: the relay lost K+98840 on its way to the client (the server's file: sent at 403.97 ms,
     * again at 504.62). The client's file shows K+100288 beyond it and the copy only, and the client acknowledged
     * nothing of K+98840 before that copy (ACK K+95944, SACK blocks above it). Before, the replay's server, which sent it
     * as the kernel's did, was told as departing ("would have sent … the server did not"); now it is told lost before
     * the capture point, and none of the server's segments departs.
     */
    @Test
    void dataLostBeforeACaptureAtItsReceiver_isToldLostOnTheWay_notADepartureOfItsSender_rfc9293Section3_10_7_4() throws IOException {
        CaptureReplay.Rebuilt rebuilt = rebuilt("download-loss-sack-client");
        assertEquals(List.of(), steps(rebuilt, StepKind.DEVIATION, "server"));
        assertEquals(List.of(98_840L), lostBeforeTheCapturePoint(rebuilt, "download-loss-sack-client"));
        // Without SACK: the original of K+176369 (913.87 ms at the server) and the second copy of K+40545 (404.04 ms;
        // the original reached the client's capture point at 303.32 ms and went no further) were lost on the relay.
        CaptureReplay.Rebuilt noSack = rebuilt("download-loss-no-sack-client");
        assertEquals(List.of(), steps(noSack, StepKind.DEVIATION, "server"));
        assertEquals(List.of(40_545L, 176_369L), lostBeforeTheCapturePoint(noSack, "download-loss-no-sack-client"));
    }

    /**
     * keep-alive-lossy-both-client: the relay lost the originals of K+1449, K+13449, K+27929 and K+35169 (the server's
     * file shows each sent, and sent again). K+38065 and K+40961 stay departures: the client's file shows nothing of
     * the server's beyond them before they arrive, so it cannot tell a lost original from a first send, and K+40961's
     * original came later than the replayed server sends it (the client's ACK of 1141 ms was lost: "Not done").
     */
    @Test
    void onlyDataWithAHoleBehindIt_isToldLostBeforeTheCapturePoint_aFirstArrivalInOrderIsNot() throws IOException {
        CaptureReplay.Rebuilt rebuilt = rebuilt("keep-alive-lossy-both-client");
        assertEquals(List.of(1_449L, 13_449L, 27_929L, 35_169L), lostBeforeTheCapturePoint(rebuilt, "keep-alive-lossy-both-client"));
        // upload-lossy-server: the relay lost the client's second segment (the client's file: sent at 21.08 ms, again at
        // 41.69; the server's shows the copy only, its TSval a tick after the segments beyond it).
        assertEquals(List.of(1_449L), lostBeforeTheCapturePoint(rebuilt("upload-lossy-server"), "upload-lossy-server", true));
    }

    /**
     * download-reordered-rtt30-client: the path held segments back 2 ms (§83); K+21721 arrived 32 ms late behind data
     * beyond it, yet its TSval is its first send's (the server's file: sent at 61.91 ms, again at 92.70), and K+43441
     * was sent once. The replayed server's copies of them, which the kernel's did not send then (RACK's window, §83, §87),
     * stay departures: they were not lost, and a segment captured with a TSval no later than the data beyond it is no copy.
     */
    @Test
    void aSegmentHeldBackOnAReorderingPath_isNotToldLost_itsTsvalIsNoLaterThanTheDataBeyondIt_tcpRetransmitSkb() throws IOException {
        assertEquals(List.of(), lostBeforeTheCapturePoint(rebuilt("download-reordered-rtt30-client"), "download-reordered-rtt30-client"));
        assertEquals(List.of(), lostBeforeTheCapturePoint(rebuilt("upload-reordered-server"), "upload-reordered-server", true));
    }

    /**
     * download-reordered-rtt30-server (docs/linux-captures.md §120): the partial ACK of 94.54 ms echoes the original
     * K+21721's TSval with fifteen segments SACKed above it (tcp_try_undo_partial → tcp_check_sack_reordering:
     * tp->reordering 15). From then on the kernel grew its window by every segment an ACK SACKed (tcp_may_raise_cwnd),
     * sent two segments on each such ACK of 122.81–123.23 ms and had sent all it had, the FIN too, by 125.14 ms.
     * Before, the replayed server grew only on ACKs of new data: it sent its last 17 segments and the FIN 28 ms late, and
     * RACK, timing from them (a round trip of 2 ms), sent K+105705 again, which the kernel never did.
     */
    @Test
    void onceThePeerReorderedFar_theSenderGrowsItsWindowOnSacks_andSendsNothingTheKernelDidNot_linuxTcpMayRaiseCwnd() throws IOException {
        assertEquals(List.of(), steps(rebuilt("download-reordered-rtt30-server"), StepKind.DEVIATION, "server"));
    }
}
