package lab.handshake.engine.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.TraceStep;

/**
 * What a sandbox task asks the student to bring about, checked on the session's replayed state: a pure function of
 * the {@link Sandbox}, so the same moves always meet it or always do not.
 *
 * @param kind     what is checked
 * @param endpoint the named endpoint it is about: client or server (for {@link Kind#THROUGH_FULL_SYN_QUEUE}, the listener)
 * @param state    for {@link Kind#STATE_NOW} and {@link Kind#REACHED}: the state; null for the other kind
 */
public record SandboxGoal(Kind kind, String endpoint, TcpState state) {

    private static final List<String> ENDPOINTS = List.of("client", "server");
    /** How a problem names the goal's kind it is about: {@code goal.kind: STATE_NOW}. */
    private static final String KIND_FIELD = "goal.kind: ";

    public enum Kind {
        /** The endpoint is in {@code state} now. */
        STATE_NOW,
        /** The endpoint was in {@code state} after some step so far (it may have left it since). */
        REACHED,
        /**
         * The listener's connection with the other endpoint became ESTABLISHED while its SYN queue was full (as many
         * half-open entries as it holds, {@link Sandbox#synQueueCapacity()}): a connection got through a SYN flood, as
         * SYN cookies let one (RFC 4987 §3.6).
         */
        THROUGH_FULL_SYN_QUEUE
    }

    /**
     * What is wrong with this goal as a task file gives it, as the rules a specification breaks (the edge words them);
     * empty when nothing is.
     */
    public List<Violation> problems() {
        List<Violation> problems = new ArrayList<>();
        if (kind == null) {
            problems.add(Violation.notOneOf("goal.kind", Arrays.stream(Kind.values()).map(Kind::name).toList()));
            return problems;
        }
        if (endpoint == null || !ENDPOINTS.contains(endpoint)) {
            problems.add(Violation.notOneOf("goal.endpoint", ENDPOINTS));
        }
        boolean needsState = kind != Kind.THROUGH_FULL_SYN_QUEUE;
        if (needsState && state == null) {
            problems.add(Violation.requiredWith("goal.state", KIND_FIELD + kind));
        }
        if (!needsState && state != null) {
            // The state is ESTABLISHED for the other kind; a state given there would be silently ignored.
            problems.add(Violation.onlyWith("goal.state", Arrays.stream(Kind.values()).filter(k -> k != Kind.THROUGH_FULL_SYN_QUEUE)
                    .map(k -> KIND_FIELD + k).toList()));
        }
        return problems;
    }

    /** Whether the session, as it stands after its moves, meets this goal. */
    public boolean metIn(Sandbox sandbox) {
        return switch (kind) {
            case STATE_NOW -> sandbox.state(endpoint) == state;
            case REACHED -> sandbox.state(endpoint) == state || steps(sandbox).stream()
                    .anyMatch(step -> state.name().equals(step.states().get(endpoint)));
            case THROUGH_FULL_SYN_QUEUE -> steps(sandbox).stream().anyMatch(step -> establishedThroughFullQueue(step, sandbox.synQueueCapacity()));
        };
    }

    private boolean establishedThroughFullQueue(TraceStep step, int capacity) {
        Integer queued = step.synQueue() == null ? null : step.synQueue().get(endpoint);
        // peer null: the listener's connection with the other named endpoint, not one of the flood's.
        return endpoint.equals(step.endpoint()) && step.peer() == null && queued != null && queued >= capacity
                && TcpState.ESTABLISHED.name().equals(step.stateAfter()) && !TcpState.ESTABLISHED.name().equals(step.stateBefore());
    }

    private static List<TraceStep> steps(Sandbox sandbox) {
        return sandbox.stepsWithoutWords();
    }
}
