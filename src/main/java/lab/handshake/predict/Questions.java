package lab.handshake.predict;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;

/**
 * The questions of predict mode, generated from a trace, the same way for every scenario: one before every
 * step where an endpoint of the taught connection decides something (a call, an arrival, a timer firing).
 * The first step is never asked: it is where the student starts.
 */
public final class Questions {
    /** The kinds of step where the engine decides; the sends, timers armed and state changes of the same moment follow them. */
    private static final Set<StepKind> DECISIONS = EnumSet.of(StepKind.CALL, StepKind.ARRIVE, StepKind.TIMER_FIRED);

    private Questions() {
    }

    /** Every question of the trace, in step order. */
    public static List<Question> of(Trace trace) {
        return from(trace, 1);
    }

    /**
     * The questions at or after step {@code from}: what a sandbox move about to be made decides, in step order (more
     * than one when endpoints decide at the same moment, as in a simultaneous open). There the first step is asked
     * too: it is the learner's own first move, not where a scenario starts.
     */
    public static List<Question> ofMove(Trace trace, int from) {
        return from(trace, Math.max(from, 0));
    }

    private static List<Question> from(Trace trace, int start) {
        Map<Integer, TraceSegment> segments = trace.segments().stream()
                .collect(Collectors.toMap(TraceSegment::id, Function.identity()));
        List<TraceStep> steps = trace.steps();
        List<Question> questions = new ArrayList<>();
        for (int i = start; i < steps.size(); i++) {
            TraceStep step = steps.get(i);
            if (!decides(step, trace)) {
                continue;
            }
            int last = i;
            List<TraceSegment> sent = new ArrayList<>();
            for (int j = i + 1; j < steps.size() && steps.get(j).at() == step.at() && !decides(steps.get(j), trace); j++) {
                TraceStep next = steps.get(j);
                last = j;
                if (next.kind() == StepKind.SEND && step.endpoint().equals(next.endpoint()) && next.peer() == null) {
                    sent.add(segments.get(next.segmentId()));
                }
            }
            TraceSegment arriving = step.kind() == StepKind.ARRIVE ? segments.get(step.segmentId()) : null;
            String state = connectionStateAfter(steps, i, last, step.endpoint());
            questions.add(new Question(step, arriving, state, List.copyOf(sent), last,
                    lastSentBefore(trace, step.endpoint(), step.at())));
        }
        return questions;
    }

    /**
     * The endpoint's state once the moment is over, as its connection has it. When the connection is deleted while
     * the host still listens, the moment ends with the listening socket's own CLOSED → LISTEN step (RFC 9293 §3.9.1.1,
     * MUST-41): that is the listener's state, and the connection's, CLOSED, stays the answer the lessons teach.
     */
    private static String connectionStateAfter(List<TraceStep> steps, int first, int last, String endpoint) {
        for (int j = first + 1; j <= last; j++) {
            TraceStep next = steps.get(j);
            if (next.kind() == StepKind.STATE && next.endpoint().equals(endpoint)
                    && TcpState.CLOSED.name().equals(next.stateBefore()) && TcpState.LISTEN.name().equals(next.stateAfter())) {
                return next.stateBefore();
            }
        }
        return steps.get(last).states().get(endpoint);
    }

    /** A decision at one of the trace's named endpoints, on its connection with the other (not one of a flood's). */
    private static boolean decides(TraceStep step, Trace trace) {
        return DECISIONS.contains(step.kind()) && step.peer() == null && trace.endpoints().containsKey(step.endpoint())
                && step.stateBefore() != null;
    }

    private static TraceSegment lastSentBefore(Trace trace, String endpoint, long at) {
        TraceSegment last = null;
        for (TraceSegment segment : trace.segments()) {
            if (segment.from().equals(endpoint) && !segment.injected() && segment.sentAt() < at) {
                last = segment;
            }
        }
        return last;
    }
}
