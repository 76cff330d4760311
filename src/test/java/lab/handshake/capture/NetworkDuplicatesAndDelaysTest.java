package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The network's copies and delays as one value (docs/linux-captures.md §60, §63), read from the relay's captures of
 * §59, taken at the server: what the replay sends in which order and the inferred scenario's faults both come from it.
 */
class NetworkDuplicatesAndDelaysTest {

    private static CapturedConnection connection(List<CapturedSegment> segments) {
        return CapturedConnection.split(segments).get(0);
    }

    private static List<CapturedSegment> capture(String name) throws Exception {
        return PcapReader.read(Files.readAllBytes(Path.of("src", "test", "resources", "captures", "linux", name + ".pcap")));
    }

    /** As the replay reads it: the old duplicates and stale segments are the network's for their own reasons. */
    private static NetworkDuplicatesAndDelays read(CapturedConnection connection) {
        Set<Integer> otherwise = new HashSet<>(CaptureEvidence.oldDuplicates(connection).keySet());
        otherwise.addAll(CaptureEvidence.staleSegments(connection).keySet());
        return NetworkDuplicatesAndDelays.of(connection, CaptureEvidence.of(connection), otherwise);
    }

    @Test
    void aSegmentOvertakenByALaterOneOfItsSender_isSentJustBeforeIt_rfc7323Section3_2() throws Exception {
        // delayed-data-out-of-order-defaults: row 4 (index 3) J+1449, 1448 bytes, TSval 1705153023 at 101.302 ms; row 6
        // (index 5) J+1, 1448 bytes, the same TSval, at 120.991 ms: below the end of index 3 (J+2897), no later clock,
        // 19.7 ms after it (more than a 2 ms tick). So index 5 left before index 3, and the network held it.
        CapturedConnection connection = connection(capture("delayed-data-out-of-order-defaults"));

        NetworkDuplicatesAndDelays network = read(connection);

        assertEquals(Map.of(5, 3), network.delays());
        assertEquals(Map.of(), network.duplicates());
        List<Integer> expected = new ArrayList<>(List.of(0, 1, 2, 5, 3, 4));
        IntStream.range(6, connection.segments().size()).forEach(expected::add);
        assertEquals(expected, network.sendingOrder());
    }

    @Test
    void aCopyCarryingTheFirstsTsVal_isTheNetworks_andEveryIndexKeepsItsCapturedPlace_rfc7323Section3_2() throws Exception {
        // duplicate-data-defaults: the client's 1000 bytes at 101.175 ms (index 3) and again at 121.139 ms (index 5),
        // both TSval 1705126916: 20 ticks later with the first's clock, so the network's copy of index 3.
        CapturedConnection connection = connection(capture("duplicate-data-defaults"));

        NetworkDuplicatesAndDelays network = read(connection);

        assertEquals(Map.of(5, 3), network.duplicates());
        assertEquals(Map.of(), network.delays());
        assertEquals(IntStream.range(0, connection.segments().size()).boxed().toList(), network.sendingOrder());
    }

    @Test
    void aThirdCopyWithTheSameClock_isHeldAgainstTheFirst_notAgainstTheCopyBeforeIt() throws Exception {
        // duplicate-data-defaults with one more copy of index 3 (TSval 1705126916) 20 ms after the server's ACK at
        // 121.186 ms: index 7. The latest earlier segment of the same sender, bits, numbers and ACK that is no copy
        // itself is index 3, 40 ms and 40 ticks before it with the same clock: the network's copy of index 3 again.
        List<CapturedSegment> segments = new ArrayList<>(capture("duplicate-data-defaults"));
        CapturedSegment first = segments.get(3);
        CapturedSegment copy = new CapturedSegment(segments.get(6).timeMicros() + 20_000, first.srcAddress(), first.srcPort(),
                first.dstAddress(), first.dstPort(), first.seq(), first.ack(), first.headerFlags(), first.payloadLength(),
                first.window(), first.options());
        segments.add(7, copy);

        NetworkDuplicatesAndDelays network = read(connection(segments));

        assertEquals(Map.of(5, 3, 7, 3), network.duplicates());
    }

    @Test
    void aCopyWithTheFirstsTsValWithinATick_isTheNetworksWhenNoTimerOrPeerCouldHaveSentIt_rfc7323Section3_2() throws Exception {
        // request-duplicated-reply-lost-defaults (docs/linux-captures.md §68, §74), taken at the server: the client's
        // 200-byte request at 152.187 ms (index 3) and again at 153.077 ms (index 5), both TSval 3578462209. 0.9 ms is
        // within a tick, so the clock alone cannot tell; but no RTO (200 ms) or loss probe (2 SRTT) runs out that soon,
        // and nothing of the server's since a round trip (100 ms) before the first left the request unacknowledged.
        CapturedConnection connection = connection(capture("request-duplicated-reply-lost-defaults"));

        assertEquals(Map.of(5, 3), read(connection).duplicates());
    }

    @Test
    void aPureAckRepeatedWithNothingNewFromTheCapturingEnd_answersACopyMadeAfterTheCapturePoint_rfc9293Section3_10_7_4()
            throws Exception {
        // duplicate-syn-ack-defaults and duplicate-fin-time-wait (docs/linux-captures.md §59, §84), taken at the server:
        // the relay copied the server's SYN,ACK (index 1) and FIN (index 5) after tcpdump saw them; the file shows only the
        // client's second ACK (index 3, echoing the SYN,ACK's TSval; index 7), the same as its first.
        assertEquals(Map.of(3, 1), read(connection(capture("duplicate-syn-ack-defaults"))).unseenCopies());
        assertEquals(Map.of(7, 5), read(connection(capture("duplicate-fin-time-wait"))).unseenCopies());
    }

    @Test
    void repeatedAcksThatEachAnswerACapturedSegment_answerNoCopy_rfc9293Section3_10_7_4() throws Exception {
        // syn-ack-lost (docs/linux-captures.md §9): the server's SYN,ACK three times (the first lost on the way, the
        // second from its timer, the third for the client's SYN sent again); the client's two ACKs answer the last two.
        assertEquals(Map.of(), read(connection(capture("syn-ack-lost"))).unseenCopies());
    }
}
