package lab.handshake.engine.run;

import static lab.handshake.engine.run.Sandbox.Move.advance;
import static lab.handshake.engine.run.Sandbox.Move.call;
import static lab.handshake.engine.run.Sandbox.Move.delay;
import static lab.handshake.engine.run.Sandbox.Move.deliver;
import static lab.handshake.engine.run.Sandbox.Move.drop;
import static lab.handshake.engine.run.Sandbox.Move.duplicate;
import static lab.handshake.engine.run.Sandbox.Move.markCe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.SegmentFate;
import org.junit.jupiter.api.Test;

/** Interactive sessions: the student drives the connection move by move; the log replays to the same session. */
class SandboxTest {
    static final ScenarioSpec EMPTY = new ScenarioSpec("sandbox", Map.of("en", "Sandbox"), null, null, "rfc9293",
            ScenarioParams.EMPTY.withOverrides(1000L, 5000L, null), List.of(), List.of(), List.of(), null);

    /** Applies moves, remembering them, as the session service does. */
    static final class Student {
        final List<Sandbox.Move> log = new ArrayList<>();
        final Sandbox sandbox;

        Student(Sandbox.Mode mode) {
            this(EMPTY, mode);
        }

        Student(ScenarioSpec spec, Sandbox.Mode mode) {
            sandbox = Sandbox.replay(spec, mode, List.of(), Language.EN, Limits.API);
        }

        Student does(Sandbox.Move move) {
            sandbox.apply(move);
            log.add(move);
            return this;
        }

        String state(String host) {
            return sandbox.view().states().get(host);
        }

        int onlyInFlight() {
            List<Sandbox.InFlight> inFlight = sandbox.view().inFlight();
            assertEquals(1, inFlight.size(), "segments in flight: " + inFlight);
            return inFlight.get(0).id();
        }
    }

    @Test
    void manualHandshake_eachSegmentWaitsForTheStudent_rfc9293Figure6() {
        Student student = new Student(Sandbox.Mode.MANUAL).does(call("server", "listen")).does(call("client", "connect"));
        assertEquals("SYN_SENT", student.state("client"));
        Sandbox.InFlight syn = student.sandbox.view().inFlight().get(0);
        assertEquals(List.of("SYN"), syn.flags());
        assertEquals("LISTEN", student.state("server"), "nothing arrives until the student delivers it");
        student.does(deliver(syn.id()));
        assertEquals("SYN_RECEIVED", student.state("server"));
        student.does(deliver(student.onlyInFlight()));
        assertEquals("ESTABLISHED", student.state("client"));
        assertEquals("SYN_RECEIVED", student.state("server"), "the third segment is still in flight");
        student.does(deliver(student.onlyInFlight()));
        assertEquals("ESTABLISHED", student.state("server"));
    }

    @Test
    void sendInSynSent_isRefusedWithTheReason_andChangesNothing() {
        Student student = new Student(Sandbox.Mode.MANUAL).does(call("server", "listen")).does(call("client", "connect"));
        int steps = student.sandbox.stepCount();
        Sandbox.RefusedMove refused = assertThrows(Sandbox.RefusedMove.class,
                () -> student.sandbox.apply(call("client", "send", 10)));
        assertTrue(refused.getMessage().contains("SYN_SENT"), refused.getMessage());
        assertEquals(steps, student.sandbox.stepCount());
    }

    @Test
    void corkAndSendWithMore_holdTheirPartialSegment_andUncorkPushesIt_linuxTcpSockSetCork() {
        Student student = new Student(Sandbox.Mode.AUTO).does(call("server", "listen")).does(call("client", "connect"));
        assertEquals("ESTABLISHED", student.state("client"));
        assertTrue(student.sandbox.view().possibleCalls().get("client").contains("cork"));
        int segments = student.sandbox.view().trace().segments().size();
        student.does(Sandbox.Move.sendWithMore("client", 100)).does(call("client", "cork")).does(call("client", "send", 100));
        assertEquals(segments, student.sandbox.view().trace().segments().size(), "MSG_MORE, then the cork, hold both writes");
        assertTrue(student.sandbox.view().possibleCalls().get("client").contains("uncork"));
        student.does(call("client", "uncork"));
        assertEquals(200, student.sandbox.view().trace().segments().get(segments).len());
    }

    /**
     * TCP_CORK set on the listener before the client connects: the accepted socket inherits it (Linux sk_clone_lock
     * copies tp->nonagle; docs/linux-captures.md §156, capture cork-on-listener), so its first small write waits.
     */
    @Test
    void corkOnTheListenerBeforeAnyConnection_isOffered_andTheAcceptedSocketKeepsItsWriteHeld_linuxSkCloneLock() {
        Student student = new Student(Sandbox.Mode.AUTO).does(call("server", "listen"));
        assertTrue(student.sandbox.view().possibleCalls().get("server").contains("cork"));
        assertTrue(student.sandbox.view().possibleCalls().get("client").contains("cork"), "before connect(), too");
        student.does(call("server", "cork"));
        assertTrue(student.sandbox.view().possibleCalls().get("server").contains("uncork"));
        student.does(call("client", "connect"));
        assertEquals("ESTABLISHED", student.state("server"));
        int segments = student.sandbox.view().trace().segments().size();
        student.does(call("server", "send", 100));
        assertEquals(segments, student.sandbox.view().trace().segments().size(), "the inherited cork holds the 100 bytes");
        student.does(call("server", "uncork"));
        assertEquals(100, student.sandbox.view().trace().segments().get(segments).len());
    }

    @Test
    void unknownSegmentAndNothingToAdvance_areRefused() {
        Student student = new Student(Sandbox.Mode.MANUAL);
        assertThrows(Sandbox.RefusedMove.class, () -> student.sandbox.apply(deliver(42)));
        assertThrows(Sandbox.RefusedMove.class, () -> student.sandbox.apply(advance()));
    }

    @Test
    void droppedSyn_isRetransmittedWhenTheStudentAdvancesToTheTimer_rfc6298() {
        Student student = new Student(Sandbox.Mode.MANUAL).does(call("server", "listen")).does(call("client", "connect"));
        student.does(drop(student.onlyInFlight()));
        assertTrue(student.sandbox.view().inFlight().isEmpty());
        assertTrue(student.sandbox.view().canAdvance());
        student.does(advance());
        Sandbox.View view = student.sandbox.view();
        assertEquals(1_000L, view.now(), "the retransmission timer of the SYN sent at 0 ms");
        assertTrue(view.trace().segments().get(1).retransmission());
        assertEquals(SegmentFate.LOST, view.trace().segments().get(0).fate());
    }

    @Test
    void simultaneousOpenByHand_thenAFinIsLost_rfc9293Figures7And13() {
        Student student = new Student(Sandbox.Mode.MANUAL).does(call("client", "connect")).does(call("server", "connect"));
        List<Sandbox.InFlight> syns = student.sandbox.view().inFlight();
        assertEquals(2, syns.size());
        student.does(deliver(syns.get(0).id())).does(deliver(syns.get(1).id()));
        assertEquals("SYN_RECEIVED", student.state("client"));
        assertEquals("SYN_RECEIVED", student.state("server"));
        for (Sandbox.InFlight synAck : student.sandbox.view().inFlight()) {
            student.does(deliver(synAck.id()));
        }
        assertEquals("ESTABLISHED", student.state("client"));
        assertEquals("ESTABLISHED", student.state("server"));
        student.does(call("client", "close"));
        student.does(drop(student.onlyInFlight()));
        assertEquals("FIN_WAIT_1", student.state("client"));
        student.does(advance());
        assertEquals(1, student.sandbox.view().inFlight().size(), "the FIN is retransmitted");
        assertTrue(student.sandbox.view().trace().segments().get(student.onlyInFlight() - 1).retransmission());
    }

    @Test
    void theSameLogAlwaysRebuildsTheSameSession() {
        Student student = new Student(Sandbox.Mode.MANUAL).does(call("server", "listen")).does(call("client", "connect"));
        student.does(duplicate(student.onlyInFlight()));
        student.does(delay(student.sandbox.view().inFlight().get(0).id(), 300L));
        student.does(advance());
        Sandbox again = Sandbox.replay(EMPTY, Sandbox.Mode.MANUAL, student.log, Language.EN, Limits.API);
        assertEquals(student.sandbox.view(), again.view());
    }

    @Test
    void autoMode_playsOnUntilTheNextTimer_andAdvanceFiresIt() {
        ScenarioSpec spec = new ScenarioSpec("auto", null, null, null, "rfc9293", EMPTY.params(), List.of(
                new ActionSpec(0L, null, null, null, "server", "listen", null, null),
                new ActionSpec(10L, null, null, null, "client", "connect", null, null)), List.of(), List.of(), null);
        Sandbox sandbox = Sandbox.replay(spec, Sandbox.Mode.AUTO, List.of(), Language.EN, Limits.API);
        assertEquals("ESTABLISHED", sandbox.view().states().get("server"));
        sandbox.apply(call("client", "close"));
        sandbox.apply(call("server", "close"));
        assertEquals("TIME_WAIT", sandbox.view().states().get("client"));
        assertFalse(sandbox.view().timers().isEmpty());
        sandbox.apply(advance());
        assertEquals("CLOSED", sandbox.view().states().get("client"));
        // The client closes at 160 ms; its FIN and the ACK of it settle by 260 ms, when the server closes; the
        // server's FIN arrives at 310 ms and TIME-WAIT lasts 2MSL from there.
        assertEquals(310L + 240_000L, sandbox.view().now());
    }

    @Test
    void markCe_anEcnCapableSegmentArrivesMarked_andIsEchoedWithEce_aNotEctOneIsDropped_rfc3168Section5() throws IOException {
        // Linux, the client at tcp_ecn 1 and the server at its default 2: ECN agreed on the SYNs, new data leaves ECT(0).
        ScenarioSpec ecn = new ObjectMapper(new YAMLFactory()).readValue("""
                id: sandbox
                title: {en: Sandbox}
                profile: linux
                params: {clientIsn: 1000, serverIsn: 5000, client: {ecn: 1}}
                """, ScenarioSpec.class);
        Student student = new Student(ecn, Sandbox.Mode.MANUAL).does(call("server", "listen")).does(call("client", "connect"));
        for (int i = 0; i < 3; i++) {
            student.does(deliver(student.onlyInFlight()));
        }
        student.does(call("client", "send", 100));
        int data = student.onlyInFlight();
        student.does(markCe(data));

        TraceSegment marked = student.sandbox.view().trace().segments().get(data - 1);
        assertEquals(SegmentFate.CE_MARKED, marked.fate());
        TraceStep arrival = student.sandbox.view().trace().steps().stream()
                .filter(step -> step.segmentId() != null && step.segmentId() == data && step.kind() == StepKind.ARRIVE).findFirst().orElseThrow();
        assertTrue(arrival.text().contains("marks this segment CE"), arrival.text());
        Sandbox.InFlight echo = student.sandbox.view().inFlight().get(0);
        assertTrue(echo.flags().contains("ECE"), "the server echoes the mark at once (tcp_data_ecn_check): " + echo.flags());

        // The server's pure ACK is Not-ECT (tcp_ecn_send): the router that would mark it drops it instead.
        student.does(markCe(echo.id()));
        assertEquals(SegmentFate.LOST, student.sandbox.view().trace().segments().get(echo.id() - 1).fate());
    }
}
