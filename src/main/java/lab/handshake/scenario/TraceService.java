package lab.handshake.scenario;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lab.handshake.engine.Language;
import lab.handshake.engine.ScenarioRunner;
import lab.handshake.engine.Simulation;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;

/**
 * Runs specifications into traces. Catalogue traces are deterministic, so the most recently asked-for runs
 * are kept in a small bounded cache; a client's own specification is always run afresh. A run is cached
 * before it is put into words, so one run serves every language.
 */
@ApplicationScoped
public class TraceService {
    private static final int CACHE_ENTRIES = 256;

    /** Keyed by the whole specification, so a teacher's republished scenario is run afresh. */
    private record Key(ScenarioSpec scenario, ScenarioRunner.Overrides overrides) {
    }

    /** One run, and its trace in each language it was asked for so far. */
    private record Entry(Simulation simulation, Map<Language, Trace> rendered) {
        Trace in(Language language) {
            return rendered.computeIfAbsent(language, simulation::render);
        }
    }

    private final Map<Key, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
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
        Key key = new Key(spec, overrides);
        Entry entry;
        synchronized (cache) {
            entry = cache.get(key);
        }
        if (entry == null) {
            Simulation simulation = ScenarioRunner.simulate(spec, overrides, Limits.API);
            catalogueRuns.increment();
            entry = new Entry(simulation, new ConcurrentHashMap<>());
            synchronized (cache) {
                cache.put(key, entry);
            }
        }
        return entry.in(language);
    }

    public Trace run(ScenarioSpec spec, Language language) {
        customRuns.increment();
        return ScenarioRunner.run(spec, ScenarioRunner.Overrides.NONE, language, Limits.API);
    }
}
