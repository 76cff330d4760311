package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.Rules;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a replayed capture leaves the server (RFC 9293 §3.10): a server that answered the SYN with a SYN,ACK opened
 * passively (§3.10.1), so the replay has it listen. Its connection ends where the capture shows it ending (CLOSED after
 * the last ACK or a reset, TIME_WAIT when it closed first); the listening socket is a record of its own that no
 * connection affects (§3.9.1.1, MUST-41), so once the connection is deleted the server listens on, in a step of its own.
 * That is what a catalogue run of the same exchange shows, and the replay is held to it.
 */
class CaptureReplayEndStateTest {
    private static final Path LINUX = Path.of("src", "test", "resources", "captures", "linux");

    private static CaptureReplay.Rebuilt rebuilt(String capture) throws IOException {
        List<CapturedSegment> segments = PcapReader.read(Files.readAllBytes(LINUX.resolve(capture + ".pcap")));
        return CaptureReplay.rebuild(CapturedConnection.split(segments).get(0), Profile.parse("linux"), Language.EN, Map.of("en", "Capture"));
    }

    /** The same exchange as a catalogue scenario: the calls and losses inferred from the capture, run by the engine. */
    private static Trace catalogueRun(CaptureReplay.Rebuilt rebuilt) {
        return ScenarioRunner.run(rebuilt.scenario(), new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
    }

    /** The server's states as the simulator shows them step by step, from its listen() on, each change once. */
    private static List<String> serverStates(Trace trace) {
        List<String> states = new ArrayList<>();
        for (TraceStep step : trace.steps()) {
            String state = step.states().get("server");
            if ((!states.isEmpty() || "LISTEN".equals(state)) && (states.isEmpty() || !states.get(states.size() - 1).equals(state))) {
                states.add(state);
            }
        }
        return states;
    }

    @ParameterizedTest
    @ValueSource(strings = {"four-way-close", "three-segment-close", "last-ack-lost", "half-close", "data-transfer", "abort",
            "close-unread-data", "server-closes-first", "simultaneous-close"})
    void theReplayedServerEndsAsACatalogueRunOfTheSameExchangeShowsIt(String capture) throws IOException {
        CaptureReplay.Rebuilt rebuilt = rebuilt(capture);
        Trace catalogue = catalogueRun(rebuilt);
        assertEquals(serverStates(catalogue), serverStates(rebuilt.trace()), "the server's states step by step");
        assertEquals(catalogue.finalStates(), rebuilt.trace().finalStates());
    }

    @Nested
    class Rfc9293Section3_10_7_4 {
        @Test
        void afterTheLastAckThePassivelyOpenedConnectionIsClosedAndTheListenerListensOnInAStepOfItsOwn() throws IOException {
            Trace trace = rebuilt("four-way-close").trace();
            assertEquals(List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED", "LISTEN"), serverStates(trace));
            TraceStep last = trace.steps().get(trace.steps().size() - 1);
            assertEquals(StepKind.STATE, last.kind());
            assertEquals("CLOSED → LISTEN", last.detail());
            assertEquals(Rules.LISTENER_REMAINS, last.rule());
            assertEquals("LISTEN", trace.finalStates().get("server"));
        }

        @Test
        void aResetClosesTheConnectionAndTheListenerListensOn() throws IOException {
            assertEquals(List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSED", "LISTEN"), serverStates(rebuilt("abort").trace()));
        }

        @Test
        void aServerThatClosedFirstIsStillInTimeWaitWhereTheCaptureEnds() throws IOException {
            Trace trace = rebuilt("server-closes-first").trace();
            assertEquals("TIME_WAIT", trace.finalStates().get("server"), "its connection is not deleted before 2MSL");
        }
    }
}
