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
import lab.handshake.engine.spec.FaultMatch;
import lab.handshake.engine.spec.FaultSpec;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * runs/rack-fin-s135 taken at the client (docs/linux-captures.md §135, §139): the relay held the client's 1000 bytes
 * 15 or 30 ms behind its FIN. The client's file shows the data sent before the FIN, the server's duplicate ACK that
 * SACKs only the FIN, then the ACK of data and FIN together (echoing the data's TSval), and no copy of the data: it
 * reached the server late, not lost. Before, the replay delivered it on time, so its server never saw the FIN first and
 * the captured SACK of the FIN departed ("The server sends <…ACK> at 201 ms").
 */
class HeldBehindItsFinCaptureTest {
    private static final Path RUN = Path.of("tools", "linux-captures", "runs", "rack-fin-s135");

    private static CaptureReplay.Rebuilt rebuilt(String run) throws IOException {
        CapturedConnection connection = CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(
                RUN.resolve("delayed-data-past-fin-" + run + "-client.pcap")))).get(0);
        return CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "Capture"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15ms-1", "15ms-2", "30ms-1", "30ms-3", "30ms-4", "30ms-5"})
    void dataSackedPastAndNeverSentAgain_reachesTheServerJustBeforeItsAck_tcpDataQueue_rfc5681Section4_2(String run) throws IOException {
        List<TraceStep> steps = rebuilt(run).trace().steps();
        assertEquals(List.of(), steps.stream().filter(s -> s.kind() == StepKind.DEVIATION).map(TraceStep::text).toList());
        assertEquals(1, steps.stream().filter(s -> s.kind() == StepKind.NOTE && "client".equals(s.endpoint())
                && s.detail().equals("replay.network-held.uncopied")).count());
    }

    /**
     * The scenario inferred from the 15 ms file delays the data as delayed-data-past-fin-15ms.yaml did: the client's
     * second ACK-flagged segment, 15 ms (115 ms from the data to the ACK of it, less a 100 ms round trip).
     */
    @Test
    void theHeldData_becomesTheDelayFaultTheRunWasMadeWith() throws IOException {
        assertEquals(List.of(new FaultSpec(new FaultMatch("client", List.of("ACK"), 2, null, null), "delay", 15L, null, null, null)),
                rebuilt("15ms-1").scenario().faults());
    }

    /**
     * round17-s134 d2-loss-server (§134): the server sent K+2897 again at 29.84 ms on the client's SACKs of 4345 and
     * beyond, all data sent before that copy; the client's later SACKs, sent before the copy reached it, do not hold it
     * either. No segment sent after the copy overtook it, so it is no held segment (two drafts of the rule, taking any SACK
     * block beyond a segment, or one that holds it too, took d2 from 7 departures to 14 and 17).
     */
    @Test
    void aRetransmissionTheSacksSentBeforeItArrivedDoNotHold_isNotTakenAsHeld() throws IOException {
        CapturedConnection d2 = CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(
                Path.of("tools", "linux-captures", "runs", "round17-s134", "d2-loss-server.pcap")))).get(0);
        assertEquals(Map.of(), CaptureEvidence.heldUncopied(d2));
    }
}
