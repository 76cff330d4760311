package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import lab.handshake.engine.TraceEvent.Where;
import lab.handshake.engine.TraceEvent.World;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/** The fold is a pure function of the events: steps from hand-written events, text rendered afterwards. */
class TraceFoldTest {
    private static final World CLOSED = new World(Map.of("client", "CLOSED"), List.of(), null);
    private static final World SYN_SENT = new World(Map.of("client", "SYN_SENT"), List.of(), null);
    private static final Explanation CONNECT = Explanation.of(Rules.OPEN, "call.connect");
    private static final Explanation ACTIVE_OPEN = Explanation.of(Rules.OPEN, "open.active");

    private static List<TraceEvent> connectThenStateChange(boolean sameEvent) {
        TraceEvent call = new TraceEvent.Called(new Where(10, "client", TcpState.CLOSED, null, CLOSED), Call.CONNECT, null, CONNECT);
        TraceEvent change = new TraceEvent.StateChanged(new Where(10, "client", TcpState.CLOSED, null, SYN_SENT),
                TcpState.SYN_SENT, ACTIVE_OPEN);
        return sameEvent
                ? List.of(new TraceEvent.EventStarted(), call, change)
                : List.of(new TraceEvent.EventStarted(), call, new TraceEvent.EventStarted(), change);
    }

    @Test
    void aStateChangeJoinsTheCallOfTheSameEvent() {
        List<FoldedStep> steps = TraceFold.fold(connectThenStateChange(true)).steps();
        assertEquals(1, steps.size());
        TraceStep step = steps.get(0).step();
        assertEquals(StepKind.CALL, step.kind());
        assertEquals("connect()", step.detail());
        assertEquals("CLOSED", step.stateBefore());
        assertEquals("SYN_SENT", step.stateAfter());
        assertEquals(Rules.OPEN, step.rule());
        assertEquals(SYN_SENT.states(), step.states(), "the step shows the world after the change");
        assertEquals("The client calls connect(). An active OPEN: the application asks TCP to connect. CLOSED → SYN_SENT:"
                + " Active OPEN: TCP picks its initial sequence number (ISS) and sends a SYN.",
                steps.get(0).render(Messages.of(Language.EN)).text());
    }

    @Test
    void aStateChangeOfALaterEventIsAStepOfItsOwn() {
        List<FoldedStep> steps = TraceFold.fold(connectThenStateChange(false)).steps();
        assertEquals(List.of(StepKind.CALL, StepKind.STATE), steps.stream().map(s -> s.step().kind()).toList());
        assertEquals("CLOSED", steps.get(0).step().stateAfter());
        assertEquals("CLOSED → SYN_SENT", steps.get(1).step().detail());
    }

    @Test
    void oneFoldIsToldInEveryLanguageWithOnlyTheTextAndTheRulesWordsDiffering() {
        FoldedStep step = TraceFold.fold(connectThenStateChange(true)).steps().get(0);
        TraceStep english = step.render(Messages.of(Language.EN));
        TraceStep chinese = step.render(Messages.of(Language.ZH));
        assertNotEquals(english.text(), chinese.text());
        assertEquals(english.withWords(null, null), chinese.withWords(null, null));
        assertEquals("客户端调用 connect()。", chinese.text().substring(0, "客户端调用 connect()。".length()));
    }
}
