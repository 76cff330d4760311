package lab.handshake.engine.trace;

import java.util.List;
import java.util.Map;

/**
 * The one trace model: every segment put on the wire and every event, in time order. The JSON API, the
 * lesson pages, the diagrams, quiz generation and the exports all read this.
 */
public record Trace(
        String scenario,
        String title,
        String profile,
        long seed,
        String language,
        Map<String, TraceEndpoint> endpoints,
        List<TraceSegment> segments,
        List<TraceStep> steps,
        Map<String, String> finalStates) {
}
