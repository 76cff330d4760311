package lab.handshake.scenario;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;

/**
 * Runs specifications into traces. Catalogue traces are deterministic, so the most recently asked-for ones
 * are kept in a small bounded cache; a client's own specification is always run afresh.
 */
@ApplicationScoped
public class TraceService {
    private static final int CACHE_ENTRIES = 256;

    /** Keyed by the whole specification, so a teacher's republished scenario is run afresh. */
    private record Key(ScenarioSpec scenario, ScenarioRunner.Overrides overrides, Language language) {
    }

    private final Map<Key, Trace> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Trace> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    private final Counter catalogueRuns;
    private final Counter customRuns;

    public TraceService(MeterRegistry metrics) {
        this.catalogueRuns = Counter.builder("handshake.simulations").tag("source", "catalogue")
                .description("Simulations run (a cached catalogue trace is not counted again)").register(metrics);
        this.customRuns = Counter.builder("handshake.simulations").tag("source", "custom")
                .description("Simulations run (a cached catalogue trace is not counted again)").register(metrics);
    }

    public Trace catalogueTrace(ScenarioSpec spec, ScenarioRunner.Overrides overrides, Language language) {
        Key key = new Key(spec, overrides, language);
        synchronized (cache) {
            Trace cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Trace trace = ScenarioRunner.run(spec, overrides, language, Limits.API);
        catalogueRuns.increment();
        synchronized (cache) {
            cache.put(key, trace);
        }
        return trace;
    }

    public Trace run(ScenarioSpec spec, Language language) {
        customRuns.increment();
        return ScenarioRunner.run(spec, ScenarioRunner.Overrides.NONE, language, Limits.API);
    }
}
