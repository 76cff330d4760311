package lab.handshake.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;

/**
 * What one move changed in a session's trace, for a client that holds the trace from before it: the steps from
 * {@code fromStep} on (those before it are unchanged), the segments that are new or changed (a held segment's
 * fate is decided later), and the final states. A client keeps its steps before {@code fromStep}, puts these
 * after them, and replaces or adds these segments by id.
 */
public record TraceChange(int fromStep, List<TraceStep> steps, List<TraceSegment> segments, Map<String, String> finalStates) {

    /** The change from {@code before} to {@code after}; empty when it cannot be told this way (a segment is gone). */
    static Optional<TraceChange> between(Trace before, Trace after) {
        Map<Integer, TraceSegment> earlier = byId(before.segments());
        Map<Integer, TraceSegment> later = byId(after.segments());
        if (!later.keySet().containsAll(earlier.keySet()) || !before.endpoints().equals(after.endpoints())
                || !before.language().equals(after.language())) {
            return Optional.empty();
        }
        List<TraceSegment> changed = after.segments().stream().filter(segment -> !segment.equals(earlier.get(segment.id()))).toList();
        int from = 0;
        int common = Math.min(before.steps().size(), after.steps().size());
        while (from < common && before.steps().get(from).equals(after.steps().get(from))) {
            from++;
        }
        return Optional.of(new TraceChange(from, after.steps().subList(from, after.steps().size()), changed, after.finalStates()));
    }

    private static Map<Integer, TraceSegment> byId(List<TraceSegment> segments) {
        Map<Integer, TraceSegment> byId = new HashMap<>();
        segments.forEach(segment -> byId.put(segment.id(), segment));
        return byId;
    }
}
