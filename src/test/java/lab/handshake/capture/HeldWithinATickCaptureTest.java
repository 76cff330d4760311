package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * Originals the path held back less than a tick of their sender's clock behind the segment that overtook them
 * (runs/everyday-s79 download-reordered-rtt30, taken at the client, RTT 30 ms; docs/linux-captures.md §118, §119).
 */
class HeldWithinATickCaptureTest {
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs", "everyday-s79");

    private static CapturedConnection connection(String capture) throws IOException {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(RUNS.resolve(capture + ".pcap")))).get(0);
    }

    /** As the replay reads it: the old duplicates and stale segments are the network's for their own reasons. */
    private static NetworkDuplicatesAndDelays read(CapturedConnection connection) {
        Set<Integer> otherwise = new HashSet<>(CaptureEvidence.oldDuplicates(connection).keySet());
        otherwise.addAll(CaptureEvidence.staleSegments(connection).keySet());
        return NetworkDuplicatesAndDelays.of(connection, CaptureEvidence.of(connection), otherwise);
    }

    /** The server's delayed segments in capture order, each as "K+offset behind K+offset of its overtaker". */
    private static List<String> relative(CapturedConnection connection, Map<Integer, Integer> byIndex) {
        long isn = Integer.toUnsignedLong(connection.isn(false));
        return byIndex.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> offset(connection, e.getKey(), isn) + " behind " + offset(connection, e.getValue(), isn)).toList();
    }

    private static long offset(CapturedConnection connection, int index, long isn) {
        return (Integer.toUnsignedLong(connection.segments().get(index).seq()) - isn + (1L << 32)) % (1L << 32);
    }

    /**
     * Seven originals of the server arrived 1.71–1.97 ms after the first later segment that overtook them, each with that
     * segment's TSval (K+21721 at 94.494 ms behind K+23169 at 92.780; K+43441; K+53577, K+60817 and K+65161 at
     * 125.0–125.3 ms; K+98465 and K+105705 at 155.5–155.8 ms). Within a tick the clock does not tell them from copies,
     * but nothing could have made the server send a copy then: the client's first ACK showing each hole (92.789 ms for
     * K+21721) reached the server a round trip before a RACK or fast-retransmit copy could arrive
     * (tcp_rack_detect_loss; the RACK copy of K+21721 came at 123.172, echoing that ACK's TSval, and stays the
     * server's own), a loss probe sends the highest segment, and the retransmission timer could not have run out since
     * each became the head. Their answers show them taken (RFC 7323 §4.3: the client's next ACK echoes each one's TSval).
     */
    @Test
    void heldOriginalsWithinATickOfTheirOvertaker_areTheNetworksDelay_noAckCouldHavePromptedACopy_rfc7323Section4_3_tcpRackDetectLoss()
            throws IOException {
        CapturedConnection download = connection("download-reordered-rtt30-client");

        assertEquals(List.of("21721 behind 23169", "43441 behind 44889", "53577 behind 55025", "60817 behind 62265",
                "65161 behind 66609", "98465 behind 99913", "105705 behind 107153"), relative(download, read(download).delays()));
    }

    /**
     * Five of them carry a TSval two ticks below the newest the server had sent (…10001 after …10003 at 124.84 ms;
     * …10031 after …10033), which alone read as old duplicates its PAWS would drop (RFC 7323 §5.3). But the client took
     * each at its left edge: its next ACK moves past it and echoes its TSval. TS.Recent moves only forward and only from
     * a segment PAWS let through at the left edge (tcp_replace_ts_recent); the newer segments queued beyond the hole left
     * it alone. upload-reordered-server's K+157833 (§111) is the same: …370 behind …372, answered with …370.
     */
    @Test
    void aSegmentItsReceiverTookAtTheLeftEdgeAndEchoed_isNoOldDuplicate_rfc7323Section4_3_tcpReplaceTsRecent() throws IOException {
        assertEquals(Map.of(), CaptureEvidence.oldDuplicates(connection("download-reordered-rtt30-client")));
        assertEquals(Map.of(), CaptureEvidence.oldDuplicates(connection("upload-reordered-server")));
    }

    /**
     * Replayed, the server sends each held original just before its overtaker, as the kernel did, and the client gets
     * the server's segments in the captured order, also within one millisecond (K+60817 and K+65161 after K+72401 to
     * K+78193, all at 125 ms): before, the server departed nine times at 91–155 ms (seven originals "not sent", its RACK
     * copy of K+21721 and K+43441 sent again), and taken in the sending order the client sent six more duplicate ACKs.
     */
    @Test
    void theHeldOriginals_leaveTheServerInItsOrder_andReachTheClientInTheCapturedOrder() throws IOException {
        CapturedConnection download = connection("download-reordered-rtt30-client");
        Trace trace = CaptureReplay.rebuild(download, Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

        List<String> serverBefore180 = trace.steps().stream()
                .filter(s -> s.kind() == StepKind.DEVIATION && "server".equals(s.endpoint()) && atMs(s.text()) < 180)
                .map(TraceStep::text).toList();
        assertEquals(List.of(), serverBefore180);
        long isn = Integer.toUnsignedLong(download.isn(false));
        List<Long> captured = download.segments().stream().filter(s -> !download.fromClient(s) && s.payloadLength() > 0)
                .map(s -> (Integer.toUnsignedLong(s.seq()) - isn + (1L << 32)) % (1L << 32)).toList();
        List<Long> arrived = trace.steps().stream()
                .filter(s -> s.kind() == StepKind.ARRIVE && "client".equals(s.endpoint()) && s.text().contains("<DATA="))
                .map(s -> (Long.parseLong(s.text().replaceAll("^<SEQ=(\\d+)>.*", "$1")) - isn + (1L << 32)) % (1L << 32)).toList();
        assertEquals(captured, arrived);
    }

    /** The replay tells each of the seven why it is no copy though its clock does not say so: the within-tick note. */
    @Test
    void eachHeldOriginalWithinATick_isToldAsSuch_notByItsClockAlone() throws IOException {
        Trace trace = CaptureReplay.rebuild(connection("download-reordered-rtt30-client"), Profile.parse("linux"), Language.EN,
                Map.of("en", "Capture")).trace();

        long withinTick = trace.steps().stream().filter(s -> s.kind() == StepKind.NOTE
                && s.text().contains("the clock alone does not tell it from a copy")).count();
        assertEquals(7, withinTick);
    }

    private static long atMs(String text) {
        return Long.parseLong(text.replaceAll(".* at (\\d+) ms.*", "$1"));
    }
}
