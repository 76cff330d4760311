package lab.handshake.engine.trace;

import java.util.List;
import java.util.Map;

/**
 * The one trace model: every segment put on the wire and every event, in time order. The JSON API, the
 * lesson pages, the diagrams, quiz generation and the exports all read this.
 *
 * @param synQueueCapacity per endpoint that listens at some step, how many half-open entries fill its SYN queue (a
 *                         step's {@code synQueue} counts them; the listen backlog, one more under the linux profile);
 *                         null when no endpoint listens
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
        Map<String, String> finalStates,
        Map<String, Integer> synQueueCapacity) {
}
