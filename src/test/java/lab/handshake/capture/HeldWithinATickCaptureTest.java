package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * K+21721 arrived at 94.494 ms, 1.714 ms after K+23169 (92.780) with the same TSval; K+43441 at 124.654, 1.810 ms
     * after K+44889. Within a tick the clock does not tell them from copies, but nothing could have made the server send
     * a copy then: the client's first ACK showing the hole (K+21721 at 92.789, K+43441 at 122.863) reached the server a
     * round trip before a RACK or fast-retransmit copy could arrive (tcp_rack_detect_loss; it came at 123.172, echoing
     * that ACK's TSval), a loss probe sends the highest segment, and the retransmission timer could not have run out
     * since each became the head. So the originals were held, as their answers show (RFC 7323 §4.3: the client's ACKs
     * of 94.517 and 124.685 echo their TSvals). The RACK copy of K+21721 stays the server's own.
     */
    @Test
    void heldOriginalsWithinATickOfTheirOvertaker_areTheNetworksDelay_noAckCouldHavePromptedACopy_rfc7323Section4_3_tcpRackDetectLoss()
            throws IOException {
        CapturedConnection download = connection("download-reordered-rtt30-client");

        assertEquals(List.of("21721 behind 23169", "43441 behind 44889"), relative(download, read(download).delays()));
    }
}
