package lab.handshake.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The list a simulation writes its {@link TraceEvent}s into, within the bounds on segments and steps that
 * keep a trace's memory small. A step that the fold merges into another (a state change) is counted when
 * the events are folded, see {@link #fold()}.
 */
public final class TraceLog {
    private final boolean keeps;
    private final int maxSegments;
    private final int maxSteps;
    private final List<TraceEvent> events = new ArrayList<>();
    private int segments;
    private int steps;

    public TraceLog(int maxSegments, int maxSteps) {
        this(true, maxSegments, maxSteps);
    }

    private TraceLog(boolean keeps, int maxSegments, int maxSteps) {
        this.keeps = keeps;
        this.maxSegments = maxSegments;
        this.maxSteps = maxSteps;
    }

    /** A log that keeps nothing, for benchmarks of the engine itself. */
    public static TraceLog disabled() {
        return new TraceLog(false, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Whether events are kept at all (the network builds none for a disabled log). */
    boolean keeps() {
        return keeps;
    }

    void add(TraceEvent event) {
        if (event instanceof TraceEvent.EventStarted && !events.isEmpty()
                && events.get(events.size() - 1) instanceof TraceEvent.EventStarted) {
            return; // an event of the queue that reported nothing
        }
        if (event instanceof TraceEvent.OnWire && segments++ >= maxSegments) {
            throw new SimulationLimitException("segments", maxSegments);
        }
        if (event instanceof TraceEvent.StepEvent && steps++ >= maxSteps) {
            throw new SimulationLimitException("steps", maxSteps);
        }
        events.add(event);
    }

    public int size() {
        return events.size();
    }

    /** The events folded into segments and steps; a fold with too many steps fails like the run would have. */
    public TraceFold.Folded fold() {
        TraceFold.Folded folded = TraceFold.fold(events);
        if (folded.steps().size() > maxSteps) {
            throw new SimulationLimitException("steps", maxSteps);
        }
        return folded;
    }
}
