package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * everyday-s99 self-connect (docs/linux-captures.md §99, §106): a socket bound to port 7000 connects to its own address
 * and port. Its SYN comes back to it in SYN-SENT as a SYN without ACK, a simultaneous open with itself (Linux
 * tcp_rcv_synsent_state_process: "Particularly, it can be connect to self"): SYN,ACK with its own ISN, its ACK of that
 * SYN,ACK (a D-SACK of the repeated SYN, tcp_data_queue), two bytes, their ACK, FIN, its ACK (tcp_fin in FIN-WAIT-1:
 * CLOSING). The replay runs the one socket and delivers each captured segment back to it.
 */
class SelfConnectCaptureTest {
    private static final Path RUN = Path.of("tools", "linux-captures", "runs", "everyday-s99");

    private static CapturedConnection connection(String name) throws IOException {
        List<CapturedConnection> connections = CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(RUN.resolve(name + ".pcap"))));
        assertEquals(1, connections.size());
        return connections.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lo-self-connect", "lo6-self-connect"})
    void aSocketConnectedToItself_isReplayedAsOneSocketWhoseSegmentsComeBackToIt_withNoDeparture_tcpRcvSynsentStateProcess(String name)
            throws IOException {
        CapturedConnection self = connection(name);
        assertTrue(self.selfConnected());
        assertEquals(ConnectionOutcome.CLOSED, self.summary(0).outcome());
        CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(self, Profile.LINUX, Language.EN, Map.of("en", "Capture"));
        List<TraceStep> steps = rebuilt.trace().steps();
        assertEquals(List.of(), steps.stream().filter(s -> s.kind() == StepKind.DEVIATION).map(TraceStep::text).toList());
        assertTrue(steps.stream().noneMatch(s -> s.kind() == StepKind.DROP), "nothing is lost");
        // Through SYN-RECEIVED (its own SYN) to CLOSING (its own FIN before the FIN's ACK) and TIME-WAIT.
        List<String> states = steps.stream().filter(s -> s.stateAfter() != null && !s.stateAfter().equals(s.stateBefore()))
                .map(TraceStep::stateAfter).toList();
        assertEquals(List.of("SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "CLOSING", "TIME_WAIT"), states);
        assertEquals("TIME_WAIT", rebuilt.trace().finalStates().get("client"));
        assertEquals(rebuilt.trace().endpoints().get("client"), rebuilt.trace().endpoints().get("server"));
    }

    /** A scenario's ends are two sockets: its mirror image, the same calls at both ends, with the same ISN (RFC 9293 §3.5, figure 7). */
    @ParameterizedTest
    @ValueSource(strings = {"lo-self-connect"})
    void theScenarioInferredFromASelfConnection_isItsMirrorImage_aSimultaneousOpenWithOneIsn(String name) throws IOException {
        CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(connection(name), Profile.LINUX, Language.EN, Map.of("en", "Capture"));
        List<ActionSpec> actions = rebuilt.scenario().actions();
        assertEquals(List.of("connect", "send", "close"), actions.stream().filter(a -> a.host().equals("client")).map(ActionSpec::call).toList());
        assertEquals(actions.stream().filter(a -> a.host().equals("client")).map(ActionSpec::call).toList(),
                actions.stream().filter(a -> a.host().equals("server")).map(ActionSpec::call).toList());
        assertEquals(rebuilt.scenario().params().clientIsn(), rebuilt.scenario().params().serverIsn());
        assertEquals(List.of(), rebuilt.scenario().faults());
        // Run, each end sends the capture's seven segments and ends in TIME-WAIT, as the one socket did.
        Trace run = ScenarioRunner.run(rebuilt.scenario(), new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        List<String> captured = connection(name).segments().stream()
                .map(s -> Flags.names(s.flags() & ~Flags.PSH) + " " + s.seq() + " " + s.ack() + " " + s.payloadLength()).toList();
        for (String end : List.of("client", "server")) {
            assertEquals(captured, run.segments().stream().filter(s -> s.from().equals(end))
                    .map(s -> s.flags().stream().filter(f -> !f.equals("PSH")).toList() + " " + (int) s.seq() + " "
                            + (s.ack() == null ? 0 : (int) (long) s.ack()) + " " + s.len()).toList());
            assertEquals("TIME_WAIT", run.finalStates().get(end));
        }
    }
}
