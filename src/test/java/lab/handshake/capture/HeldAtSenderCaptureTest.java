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
import lab.handshake.engine.spec.FaultMatch;
import lab.handshake.engine.spec.FaultSpec;
import org.junit.jupiter.api.Test;

/**
 * A data segment the path held back, in a capture taken at its sender (runs/everyday-s79 upload-reordered,
 * docs/linux-captures.md §111): the client sent K+157833 again once the server's SACK blocks showed three segments
 * beyond it, but the server's ACK of it (K+178105, 0.17 ms after the copy left, the round trip some 50 ms) echoes the
 * original's TSval, not the copy's. The original filled the hole (RFC 7323 §4.3), and the copy came as a duplicate
 * (the server's D-SACK at 377 ms).
 */
class HeldAtSenderCaptureTest {
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs", "everyday-s79");

    private static CapturedConnection connection(String capture) throws IOException {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(RUNS.resolve(capture + ".pcap")))).get(0);
    }

    /** K+offset from the client's ISN of each captured segment the map names, and of what it maps to. */
    private static Map<Long, Long> relative(CapturedConnection connection, Map<Integer, Integer> byIndex) {
        long isn = Integer.toUnsignedLong(connection.isn(true));
        return byIndex.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> (Integer.toUnsignedLong(connection.segments().get(e.getKey()).seq()) - isn + (1L << 32)) % (1L << 32),
                e -> (Integer.toUnsignedLong(connection.segments().get(e.getValue()).ack()) - isn + (1L << 32)) % (1L << 32)));
    }

    @Test
    void aSegmentWhoseAnswerEchoesTheOriginalsTsval_wasHeldBackNotLost_itsCopyProvesNoLoss_rfc7323Section4_3() throws IOException {
        CapturedConnection reordered = connection("upload-reordered-client");
        assertEquals(Map.of(157_833L, 178_105L), relative(reordered, CaptureEvidence.heldOriginals(reordered)));
        CaptureEvidence evidence = CaptureEvidence.of(reordered);
        long isn = Integer.toUnsignedLong(reordered.isn(true));
        List<Long> lostCopies = evidence.losses().entrySet().stream()
                .filter(e -> e.getValue().kind() == CaptureEvidence.LossKind.COPY)
                .map(e -> (Integer.toUnsignedLong(reordered.segments().get(e.getKey()).seq()) - isn + (1L << 32)) % (1L << 32)).toList();
        // K+55025, which nft dropped at the server, stays lost: the answer to its copy echoes the copy's TSval.
        assertEquals(List.of(55_025L), lostCopies);
        // The relay lost upload-lossy's K+1449 and a later segment: each answer echoes its copy's TSval.
        assertEquals(Map.of(), CaptureEvidence.heldOriginals(connection("upload-lossy-client")));
    }

    /**
     * Before, the replay lost K+157833, so its server, with the hole open until the copy came a round trip later, could
     * not send the captured ACKs of 322–378 ms (K+178105 and the 16 after it, one a segment): 17 departures. Now the
     * original reaches it just before it sent K+178105, told once.
     */
    @Test
    void theHeldOriginal_reachesTheReceiverJustBeforeItsAnswer_andTheAcksAfterTheHoleDoNotDepart() throws IOException {
        CapturedConnection reordered = connection("upload-reordered-client");
        CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(reordered, Profile.parse("linux"), Language.EN, Map.of("en", "Capture"));
        List<TraceStep> steps = rebuilt.trace().steps();
        assertEquals(1, steps.stream().filter(s -> s.kind() == StepKind.NOTE && "client".equals(s.endpoint())
                && s.detail().equals("replay.network-held")).count());
        long isn = Integer.toUnsignedLong(reordered.isn(true));
        List<String> beyondTheHole = steps.stream().filter(s -> s.kind() == StepKind.DEVIATION && "server".equals(s.endpoint()))
                .map(TraceStep::text)
                .filter(text -> (Long.parseLong(text.replaceAll(".*?<ACK=(\\d+)>.*", "$1")) - isn + (1L << 32)) % (1L << 32) > 157_833L)
                .toList();
        assertEquals(List.of(), beyondTheHole);
    }

    /**
     * download-reordered-server (docs/linux-captures.md §110): the relay held K+57921, sent at 324.93 ms, 4 ms behind the
     * 29 segments after it; the server sent it again at 433.57 ms on the client's SACKs, and the client's ACK of
     * K+101361 (434.51 ms) echoes the original's TSval. The server's side replays without departure, and the scenario
     * inferred from the capture delays that segment instead of dropping it: 110 ms from its capture to the ACK's, less
     * a 100 ms round trip.
     */
    @Test
    void aHeldOriginalOfTheServer_becomesADelayFaultOfTheInferredScenario_notADrop() throws IOException {
        CaptureReplay.Rebuilt download = CaptureReplay.rebuild(connection("download-reordered-server"), Profile.parse("linux"),
                Language.EN, Map.of("en", "Capture"));
        assertEquals(List.of(), download.trace().steps().stream()
                .filter(s -> s.kind() == StepKind.DEVIATION && "server".equals(s.endpoint())).map(TraceStep::text).toList());
        assertEquals(List.of(new FaultSpec(new FaultMatch("server", List.of("ACK"), 42, null, null), "delay", 10L, null, null, null)),
                download.scenario().faults());
    }
}
