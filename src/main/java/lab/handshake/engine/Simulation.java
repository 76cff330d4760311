package lab.handshake.engine;

import java.util.List;
import java.util.Map;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceEndpoint;
import lab.handshake.engine.trace.TraceSegment;

/**
 * What one run produced, in no language yet: the segments, and the steps folded from the run's events with
 * their text as keys and arguments. {@link #render} tells it in English or Chinese, so one run serves every
 * language.
 *
 * @param title             the title per language code ("en", "zh"); English stands in for a missing language
 * @param synQueueCapacity  per endpoint that listens, the half-open entries that fill its SYN queue; null if none does
 */
public record Simulation(
        String scenario,
        Map<String, String> title,
        String profile,
        long seed,
        Map<String, TraceEndpoint> endpoints,
        List<TraceSegment> segments,
        List<FoldedStep> steps,
        Map<String, String> finalStates,
        Map<String, Integer> synQueueCapacity) {

    public Trace render(Language language) {
        Messages messages = Messages.of(language);
        return new Trace(scenario, Language.text(title, language.code()), profile, seed, language.code(), endpoints,
                segments, steps.stream().map(step -> step.render(messages)).toList(), finalStates, synQueueCapacity);
    }
}
