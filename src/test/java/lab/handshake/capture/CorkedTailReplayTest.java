package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay of the cork captures (docs/linux-captures.md §150, §156; hlcap.py run-spec, taken at the server): a write
 * whose partial tail left only with the FIN, 20 ms after its full segments, is inferred with MSG_MORE and the close()
 * when the FIN shows, which only a cork explains (tcp_push, tcp_nagle_check, tcp_send_fin); the others replay as writes
 * when their data shows, with no departure.
 */
class CorkedTailReplayTest {
    private static final Path LINUX = Path.of("src", "test", "resources", "captures", "linux");

    private static CaptureReplay.Rebuilt replay(String name) throws IOException {
        CapturedConnection connection = CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(LINUX.resolve(name + ".pcap")))).get(0);
        return CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "Capture"));
    }

    private static List<String> details(CaptureReplay.Rebuilt rebuilt, StepKind kind) {
        return rebuilt.trace().steps().stream().filter(s -> s.kind() == kind).map(TraceStep::detail).toList();
    }

    @Test
    void aPartialTailThatLeftOnlyWithTheFin_isInferredAsAWriteWithMsgMore_andCloseWhenTheFinShows_tcpPushTcpSendFin() throws IOException {
        CaptureReplay.Rebuilt rebuilt = replay("cork-tail-with-fin");
        assertEquals(List.of(), details(rebuilt, StepKind.DEVIATION));
        List<String> notes = details(rebuilt, StepKind.NOTE);
        assertEquals(1, notes.stream().filter("replay.corked-tail"::equals).count(), notes.toString());
        assertEquals(0, notes.stream().filter("replay.fin-on-corked-data"::equals).count(), notes.toString());
        List<ActionSpec> client = rebuilt.scenario().actions().stream().filter(a -> a.host().equals("client")).toList();
        // The capture: 1448 + 1448 at the write (12 ms after ESTABLISHED), the 104 with the FIN 20 ms later.
        assertEquals(List.of("connect null null", "send 3000 true", "close null null"),
                client.stream().map(a -> a.call() + " " + a.bytes() + " " + a.more()).toList());
        assertEquals(21, client.get(2).delayMs() - client.get(1).delayMs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cork-tail-at-probe-timer", "cork-before-connect", "cork-on-listener", "msg-more-push",
            "cork-uncork-in-flight", "cork-uncork-in-flight-nodelay"})
    void theOtherCorkCaptures_replayWithNoDepartureAndNoInferredCork(String name) throws IOException {
        CaptureReplay.Rebuilt rebuilt = replay(name);
        assertEquals(List.of(), details(rebuilt, StepKind.DEVIATION));
        assertEquals(List.of(), rebuilt.scenario().actions().stream().filter(a -> Boolean.TRUE.equals(a.more())).toList());
    }
}
