package lab.handshake.engine.run;

import static lab.handshake.engine.run.Sandbox.Move.call;
import static lab.handshake.engine.run.Sandbox.Move.spoofedSyns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's spoofed-syn move: the student plays a SYN flood's attacker (RFC 4987 §2), whose SYNs from forged
 * sources each put a listener's new connection into SYN-RECEIVED (RFC 9293 §3.10.7.2) and hold its place in the SYN
 * queue, since nobody answers the SYN,ACK.
 */
class SandboxSpoofedSynTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).findAndRegisterModules();

    /** A sandbox whose server listens with a backlog of 8, SYN cookies as {@code synCookies} says. */
    static Sandbox listening(Sandbox.Mode mode, String synCookies, List<Sandbox.Move> moves) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: sandbox
                title: {en: Sandbox}
                profile: rfc9293
                params: {clientIsn: 1000, serverIsn: 5000, seed: 1, listenBacklog: 8, synCookies: %s}
                """.formatted(synCookies), ScenarioSpec.class);
        List<Sandbox.Move> all = new ArrayList<>(List.of(call("server", "listen")));
        all.addAll(moves);
        return Sandbox.replay(spec, mode, all, Language.EN, Limits.API);
    }


    static int synQueue(Sandbox sandbox) {
        List<TraceStep> steps = sandbox.stepsWithoutWords();
        return steps.get(steps.size() - 1).synQueue().get("server");
    }

    static List<TraceSegment> fromAttacker(Sandbox sandbox) {
        return sandbox.view().trace().segments().stream().filter(s -> s.from().equals("attacker")).toList();
    }

    @Nested
    class InListen {

        @Test
        void eightSpoofedSyns_fillABacklogOfEight_whileTheListenerStaysInListen_rfc4987Section2_rfc9293Section3_10_7_2() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.MANUAL, "off", List.of(spoofedSyns(8)));
            assertEquals(8, synQueue(sandbox), "each SYN made a half-open entry");
            assertEquals(sandbox.synQueueCapacity(), synQueue(sandbox), "the queue is full");
            assertEquals(TcpState.LISTEN, sandbox.state("server"), "the listening socket itself stays in LISTEN");
            List<TraceSegment> spoofed = fromAttacker(sandbox);
            assertEquals(8, spoofed.size());
            assertTrue(spoofed.stream().allMatch(s -> s.injected() && s.flags().equals(List.of("SYN")) && s.src().startsWith("10.0.1.")),
                    "injected SYNs from the catalogue flood's subnet: " + spoofed);
            List<TraceSegment> synAcks = sandbox.view().trace().segments().stream().filter(s -> s.to().equals(Network.FORGED_SOURCE)).toList();
            assertEquals(8, synAcks.size(), "one SYN,ACK for each");
            assertTrue(synAcks.stream().allMatch(s -> s.fate() == SegmentFate.LOST), "nobody lives at a spoofed address");
            assertTrue(sandbox.view().inFlight().isEmpty(), "injected SYNs are not held for a decision, even in manual mode");
        }

        @Test
        void eachSynAck_isAddressedToTheForgedSourceItAnswers_notToTheAttacker_rfc4987Section2_rfc9293Section3_10_7_2() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.MANUAL, "off", List.of(spoofedSyns(2)));
            List<TraceSegment> segments = sandbox.view().trace().segments();
            for (TraceSegment syn : fromAttacker(sandbox)) {
                TraceSegment synAck = segments.stream().filter(s -> "server".equals(s.from()) && s.dst().equals(syn.src()))
                        .findFirst().orElseThrow();
                assertEquals(Network.FORGED_SOURCE, synAck.to(), "the SYN,ACK goes where the SYN says it came from: " + synAck);
            }
            assertTrue(segments.stream().noneMatch(s -> Network.ATTACKER.equals(s.to())), "nothing is sent to the attacker: " + segments);
        }

        @Test
        void eachSynAck_isToldAsSentToTheForgedSourceItAnswers_notToTheAttacker_rfc4987Section2() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.MANUAL, "off", List.of(spoofedSyns(2)));
            TraceSegment first = fromAttacker(sandbox).get(0);
            TraceStep sent = sandbox.view().trace().steps().stream()
                    .filter(s -> s.kind() == StepKind.SEND && "server".equals(s.endpoint()) && first.src().equals(s.peer()))
                    .findFirst().orElseThrow();
            assertTrue(sent.text().contains("to the forged source " + first.src() + "."), sent.text());
            assertFalse(sent.text().contains("attacker"), sent.text());
            TraceStep lost = sandbox.view().trace().steps().stream()
                    .filter(s -> s.kind() == StepKind.DROP && s.segmentId().equals(sent.segmentId())).findFirst().orElseThrow();
            assertTrue(lost.text().contains("from the server to the forged source " + first.src()), lost.text());
        }

        @Test
        void aFullQueueWithoutCookies_dropsTheRealClientsSyn_rfc4987Section2() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.AUTO, "off", List.of(spoofedSyns(8), call("client", "connect")));
            assertEquals(TcpState.LISTEN, sandbox.state("server"), "no place was left for the client's entry");
            assertEquals(TcpState.SYN_SENT, sandbox.state("client"));
            assertTrue(sandbox.view().trace().segments().stream().noneMatch(s -> s.from().equals("server") && s.to().equals("client")),
                    "the server never answers the client");
        }

        @Test
        void aFullQueueWithCookies_answersWithACookie_andTheClientConnects_rfc4987Section3_6() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.AUTO, "on-overflow", List.of(spoofedSyns(8), call("client", "connect")));
            assertEquals(TcpState.ESTABLISHED, sandbox.state("server"), "the final ACK alone made the connection");
            assertEquals(TcpState.ESTABLISHED, sandbox.state("client"));
            assertEquals(8, synQueue(sandbox), "the cookie took no place in the queue");
        }

        @Test
        void fewerThanTheBacklog_leaveRoom_andTheClientConnectsAsUsual_rfc9293Section3_5() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.AUTO, "off", List.of(spoofedSyns(7), call("client", "connect")));
            assertEquals(TcpState.ESTABLISHED, sandbox.state("server"));
        }

        @Test
        void theSameMovesAlwaysSpoofTheSameSources() throws IOException {
            List<Sandbox.Move> moves = List.of(spoofedSyns(5), spoofedSyns(3));
            Sandbox once = listening(Sandbox.Mode.MANUAL, "off", moves);
            Sandbox again = listening(Sandbox.Mode.MANUAL, "off", moves);
            assertEquals(once.view(), again.view());
            assertEquals(8, synQueue(once), "two moves add up");
        }

        @Test
        void inStepMode_theSynsLeaveAtTheMove_andArriveTogetherAtTheNextAdvance() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.STEP, "off", List.of(spoofedSyns(4)));
            assertEquals(4, fromAttacker(sandbox).size(), "all sent at the move's moment");
            assertEquals(0, synQueue(sandbox), "none has arrived yet");
            sandbox.apply(Sandbox.Move.advance());
            assertEquals(4, synQueue(sandbox), "they arrive in one moment, a one-way delay later");
        }
    }

    @Nested
    class AtTheDefaults {

        @Test
        void theLargestMoveFillsTheDefaultQueue_andItsEntriesRetriesPlayOutInsideASessionsBounds_rfc4987Section2() {
            Sandbox sandbox = Sandbox.replay(SandboxTest.EMPTY, Sandbox.Mode.MANUAL,
                    List.of(call("server", "listen"), spoofedSyns(Sandbox.MAX_SPOOFED_SYNS)), Language.EN, Limits.API);
            assertEquals(128, sandbox.synQueueCapacity(), "the default backlog");
            assertEquals(128, synQueue(sandbox), "one move fills it; the other 128 SYNs find no place");
            while (sandbox.view().canAdvance()) {
                sandbox.apply(Sandbox.Move.advance());
            }
            assertEquals(0, synQueue(sandbox), "every entry gave up after its SYN,ACK retries");
            assertTrue(sandbox.view().trace().segments().size() <= Limits.API.maxSegments());
        }
    }

    @Nested
    class Refused {

        @Test
        void whenTheServerDoesNotListen_withTheReason_andNothingChanges() {
            Sandbox sandbox = Sandbox.replay(SandboxTest.EMPTY, Sandbox.Mode.MANUAL, List.of(), Language.EN, Limits.API);
            int steps = sandbox.stepCount();
            Sandbox.RefusedMove refused = assertThrows(Sandbox.RefusedMove.class, () -> sandbox.apply(spoofedSyns(3)));
            assertTrue(refused.getMessage().contains("not listening"), refused.getMessage());
            assertEquals(steps, sandbox.stepCount());
        }

        @Test
        void withoutACountOrBeyondTheBound() throws IOException {
            Sandbox sandbox = listening(Sandbox.Mode.MANUAL, "off", List.of());
            for (Integer count : new Integer[] {null, 0, Sandbox.MAX_SPOOFED_SYNS + 1}) {
                Sandbox.RefusedMove refused = assertThrows(Sandbox.RefusedMove.class, () -> sandbox.apply(spoofedSyns(count)));
                assertTrue(refused.getMessage().contains("from 1 to " + Sandbox.MAX_SPOOFED_SYNS), refused.getMessage());
            }
        }
    }
}
