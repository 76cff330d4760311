package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * RACK's reordering timer and an acknowledgement that reaches its sender within a tick of it (docs/linux-captures.md
 * §135, ReorderingTimerRace). The SACK of the client's bare FIN arms the timer for 28 ms (tcp_rack_mark_lost), which
 * the kernel's timer wheel fires at a bucket's end, 28 to 32 ms after it was armed (calc_index); with the client's
 * data 30 ms late behind the FIN, the ACK of the data comes back about 30 ms after the SACK. The relay's runs of
 * that exchange (runs/rack-fin-s135) show the kernel's copy once in five: which came first is the jiffies' phase
 * and the path's jitter, which no capture of it shows. The replay tells either order as a race, not a departure.
 */
class ReorderingTimerRaceCaptureTest {
    private static final Path RACK_FIN = Path.of("tools", "linux-captures", "runs", "rack-fin-s135");
    private static final Path LINUX = Path.of("src", "test", "resources", "captures", "linux");

    @Test
    void aCapturedCopyTheReplaysTimerDidNotSend_stoppedByTheAckWithinATick_isARace_tcpRackReoTimeout() throws IOException {
        // delayed-data-past-fin-30ms-2, taken at the server: the kernel's copy of the data 28.5 ms after the SACK
        // reached the client, 1.2 ms before the ACK did; the replay's timer, due at 232 ms, was stopped by that ACK at
        // 230. Before §135: "The client sends <…DATA=1000> at 230 ms, which a Linux 6.x endpoint would not send then".
        // Since §158 that copy also tells the tick phase (TickPhase: a copy sent with nothing arriving at its sender),
        // which moves the replay's clock by 3 ms: the same race, told at 233.
        Trace trace = replay(connection(RACK_FIN.resolve("delayed-data-past-fin-30ms-2-server.pcap")));

        assertEquals(List.of(), texts(trace, StepKind.DEVIATION));
        assertEquals(List.of("The client sends <SEQ=4097347011><ACK=1356700543><CTL=PSH,ACK><DATA=1000> again at 233 ms, when"
                + " RACK's reordering timer fires."), texts(trace, StepKind.RACE).stream().map(t -> t.substring(0, t.indexOf('.') + 1)).toList());
    }

    @Test
    void aReplayedRackCopyTheCaptureLacks_whoseAckArrivesWithinATick_isARace_tcpRackMarkLost_calcIndex() throws IOException {
        // delayed-data-past-fin-defaults with the late data and its ACK 3 ms later (33 ms behind the FIN, within the
        // relay's jitter and the wheel's tick of the 30 ms run): the replay's timer, due at 232 ms, fires before that
        // ACK reaches the client at 234, and the kernel's, a tick later on its jiffies, did not. Before §135:
        // "A Linux 6.x endpoint would have sent <…DATA=1000> at 232 ms; the client did not".
        List<CapturedSegment> segments = new ArrayList<>(connection(LINUX.resolve("delayed-data-past-fin-defaults.pcap")).segments());
        for (int late : List.of(5, 6)) {
            CapturedSegment s = segments.get(late);
            segments.set(late, new CapturedSegment(s.timeMicros() + 3_000, s.srcAddress(), s.srcPort(), s.dstAddress(),
                    s.dstPort(), s.seq(), s.ack(), s.headerFlags(), s.payloadLength(), s.window(), s.options()));
        }
        Trace trace = replay(CapturedConnection.split(segments).get(0));

        assertEquals(List.of(), texts(trace, StepKind.DEVIATION));
        assertEquals(1, texts(trace, StepKind.RACE).size());
        assertTrue(texts(trace, StepKind.RACE).get(0).contains("again here, when RACK's reordering timer fires, 2 ms before"));
    }

    private static CapturedConnection connection(Path pcap) throws IOException {
        return CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(pcap))).get(0);
    }

    private static Trace replay(CapturedConnection connection) {
        return CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "Capture")).trace();
    }

    private static List<String> texts(Trace trace, StepKind kind) {
        return trace.steps().stream().filter(s -> s.kind() == kind).map(TraceStep::text).toList();
    }
}
