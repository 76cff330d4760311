package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
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

    /** delayed-data-out-of-order-noopts (docs/linux-captures.md §63, §95): the relay held J+1 20 ms; no options. */
    private static List<CapturedSegment> untimedDelay() throws Exception {
        return PcapReader.read(Files.readAllBytes(Path.of("tools", "linux-captures", "runs", "delayed-data-out-of-order-noopts",
                "delayed-data-out-of-order-noopts.pcap")));
    }

    @Test
    void withoutTimestamps_aSegmentBelowOneCapturedBeforeIt_soonerThanAnyRetransmissionCouldCome_isTheNetworksDelay_rfc6298Section2()
            throws Exception {
        // At the server: index 3, J+1461 (1436 bytes) at 101.266 ms; index 5, J+1 (1460 bytes), never captured before, at
        // 120.942. The SYN,ACK at 0.086 ms first let it go, so its original left no sooner than 50 ms; a copy on the
        // retransmission timer (tcp_rto_min 200 ms) or a loss probe (2 SRTT) arrives at 0.086 + 100 + min(200, 100) ms at
        // the soonest, and the server's one segment that leaves it unacknowledged (its duplicate ACK at 101.291) is less
        // than a round trip (100 ms) before it: no fast retransmit either. So the network held it back.
        CapturedConnection connection = connection(untimedDelay());

        NetworkDuplicatesAndDelays network = read(connection);

        assertEquals(Map.of(5, 3), network.delays());
        assertEquals(List.of(0, 1, 2, 5, 3, 4, 6, 7, 8, 9, 10), network.sendingOrder());
        Trace trace = CaptureReplay.rebuild(connection, Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();
        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(TraceStep::text).toList());
        assertTrue(trace.steps().stream().anyMatch(step -> step.kind() == StepKind.NOTE && step.text().contains("Without timestamps")));
    }

    @Test
    void withoutTimestamps_aSegmentAsLateAsARetransmissionOfALostOriginalCouldBe_isNoDelay_rfc6298Section5() throws Exception {
        // The same file up to J+1, which now arrives 199.9 ms, then 200.1 ms, after the SYN,ACK: from 200 ms an RTO's or
        // loss probe's copy of an original lost before the capture point could be what arrives, so the timing no longer tells.
        assertEquals(Map.of(5, 3), read(connection(arrivingAfterTheSynAck(199_900))).delays());
        assertEquals(Map.of(), read(connection(arrivingAfterTheSynAck(200_100))).delays());
    }

    private static List<CapturedSegment> arrivingAfterTheSynAck(long micros) throws Exception {
        List<CapturedSegment> segments = new ArrayList<>(untimedDelay().subList(0, 6));
        CapturedSegment late = segments.get(5);
        segments.set(5, new CapturedSegment(segments.get(1).timeMicros() + micros, late.srcAddress(), late.srcPort(), late.dstAddress(),
                late.dstPort(), late.seq(), late.ack(), late.headerFlags(), late.payloadLength(), late.window(), late.options()));
        return segments;
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
