package lab.handshake.predict;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>A SYN flood's thousands of spoofed SYNs are other connections of the listener (steps with a {@code peer}); of
 * those, a listening endpoint is asked about three moments only, each the first of its kind in the trace
 * ({@link SpoofedSyn.Moment}): the first spoofed SYN it keeps a half-open entry for, the first it keeps none for
 * (its SYN queue is full: it drops it, or answers with a SYN cookie), and the first retransmission timer of a
 * half-open entry for a spoofed source. What is graded there: the listening socket's state (LISTEN: the entry is a
 * connection of its own, in the SYN queue) and the SYN,ACK's flags and ack, not the seq the listener chose.
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
        Map<Integer, SpoofedSyn> flood = floodMoments(trace, segments);
        List<Question> questions = new ArrayList<>();
        for (int i = start; i < steps.size(); i++) {
            TraceStep step = steps.get(i);
            SpoofedSyn spoofed = flood.get(i);
            if (spoofed == null && !decides(step, trace)) {
                continue;
            }
            int last = momentEnd(steps, i, trace, flood);
            List<TraceSegment> sent = new ArrayList<>();
            for (int j = i + 1; j <= last; j++) {
                TraceStep next = steps.get(j);
                if (next.kind() == StepKind.SEND && step.endpoint().equals(next.endpoint()) && Objects.equals(next.peer(), step.peer())) {
                    sent.add(segments.get(next.segmentId()));
                }
            }
            TraceSegment arriving = step.kind() == StepKind.ARRIVE ? segments.get(step.segmentId()) : null;
            // A spoofed SYN's moment is the listener's: it listens on, whatever its taught connection does.
            String state = spoofed != null ? TcpState.LISTEN.name() : connectionStateAfter(steps, i, last, step.endpoint());
            questions.add(new Question(step, arriving, state, List.copyOf(sent), last,
                    lastSentBefore(trace, step.endpoint(), step.at()), spoofed));
        }
        return questions;
    }

    /**
     * The last step of the moment that step {@code first} begins: the steps of the same time that follow it, up to the
     * next decision on any connection (a spoofed SYN arriving in the same instant is a moment of its own).
     */
    private static int momentEnd(List<TraceStep> steps, int first, Trace trace, Map<Integer, SpoofedSyn> flood) {
        int last = first;
        for (int j = first + 1; j < steps.size() && steps.get(j).at() == steps.get(first).at(); j++) {
            TraceStep next = steps.get(j);
            if (decides(next, trace) || flood.containsKey(j) || next.peer() != null && DECISIONS.contains(next.kind())) {
                break;
            }
            last = j;
        }
        return last;
    }

    /**
     * The flood's moments asked about, by step index: at each listening endpoint, the first spoofed SYN that gets a
     * half-open entry, the first that gets none and the first SYN,ACK retransmission timer of such an entry.
     */
    private static Map<Integer, SpoofedSyn> floodMoments(Trace trace, Map<Integer, TraceSegment> segments) {
        Map<Integer, SpoofedSyn> moments = new HashMap<>();
        Set<String> asked = new HashSet<>();
        Map<String, TraceSegment> synOf = new HashMap<>(); // the spoofed SYN of each half-open entry, by its source
        List<TraceStep> steps = trace.steps();
        for (int i = 0; i < steps.size(); i++) {
            TraceStep step = steps.get(i);
            String endpoint = step.endpoint();
            if (step.peer() == null || !trace.endpoints().containsKey(endpoint) || step.synQueue() == null
                    || !step.synQueue().containsKey(endpoint)) {
                continue;
            }
            SpoofedSyn.Moment moment;
            TraceSegment syn;
            if (step.kind() == StepKind.ARRIVE && spoofedSyn(segments.get(step.segmentId()))) {
                syn = segments.get(step.segmentId());
                moment = keepsEntry(steps, i) ? SpoofedSyn.Moment.TAKEN : SpoofedSyn.Moment.NOT_KEPT;
                synOf.put(step.peer(), syn);
            } else if (step.kind() == StepKind.TIMER_FIRED && "retransmission".equals(step.detail()) && synOf.containsKey(step.peer())) {
                syn = synOf.get(step.peer());
                moment = SpoofedSyn.Moment.SYN_ACK_RESENT;
            } else {
                continue;
            }
            if (asked.add(endpoint + " " + moment)) {
                Integer capacity = trace.synQueueCapacity() == null ? null : trace.synQueueCapacity().get(endpoint);
                moments.put(i, new SpoofedSyn(moment, syn, step.peer(), step.synQueue().get(endpoint),
                        capacity == null ? 0 : capacity));
            }
        }
        return moments;
    }

    /** A SYN alone, put on the wire by the scenario (a flood's attacker), not by a state machine. */
    private static boolean spoofedSyn(TraceSegment segment) {
        return segment != null && segment.injected() && segment.flags().equals(List.of("SYN"));
    }

    /** Whether the arrival at step {@code i} makes a half-open entry: its connection goes to SYN_RECEIVED in that instant. */
    private static boolean keepsEntry(List<TraceStep> steps, int i) {
        TraceStep arrival = steps.get(i);
        for (int j = i + 1; j < steps.size() && steps.get(j).at() == arrival.at(); j++) {
            TraceStep next = steps.get(j);
            if (next.kind() == StepKind.STATE && next.endpoint().equals(arrival.endpoint()) && arrival.peer().equals(next.peer())
                    && TcpState.SYN_RECEIVED.name().equals(next.stateAfter())) {
                return true;
            }
        }
        return false;
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
