package lab.handshake.scenario;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import lab.handshake.engine.Language;
import lab.handshake.engine.Simulation;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;
import lab.handshake.limits.SimulationGate;

/**
 * The one place where answering a request runs the engine: traces of the catalogue and of clients' own
 * specifications, sandbox replays and moves, rebuilt captures. Every run passes the {@link SimulationGate},
 * so only so many simulations use the processors at once.
 * <p>
 * Catalogue traces are deterministic, so the runs of the traces pages show (no overrides) are kept, at most
 * {@value #CACHE_ENTRIES} of them (Caffeine keeps the ones asked for most); a run is cached before it is put
 * into words, so one run serves every language. Runs of traces with ISNs, seed or profile chosen in a query are kept for a short while, bounded
 * by their size ({@value #QUERY_RUNS_WEIGHT} segments and steps in all), so that the same trace asked for in a
 * second language is not run again yet no choice of parameters can grow the heap; the API keeps their bytes in
 * {@code scenario.EncodedTraces}, bounded in bytes. A client's own specification is always run afresh.
 */
@ApplicationScoped
public class TraceService {
    private static final int CACHE_ENTRIES = 256;
    /** About 25 MB of runs: ten syn-flood runs, or hundreds of handshakes. */
    private static final long QUERY_RUNS_WEIGHT = 50_000;

    private record QueryRun(ScenarioSpec spec, ScenarioRunner.Overrides overrides) {
    }

    private final Cache<QueryRun, Simulation> queryRuns = Caffeine.newBuilder()
            .maximumWeight(QUERY_RUNS_WEIGHT)
            .weigher((QueryRun key, Simulation run) -> 1 + run.segments().size() + run.steps().size())
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();

    /** One run, and its trace in each language it was asked for so far. */
    private record Entry(Simulation simulation, Map<Language, Trace> rendered) {
        Trace in(Language language) {
            return rendered.computeIfAbsent(language, simulation::render);
        }
    }

    /** Keyed by the whole specification, so a teacher's republished scenario is run afresh. */
    private final Cache<ScenarioSpec, Entry> pageTraces = Caffeine.newBuilder().maximumSize(CACHE_ENTRIES).build();

    private final SimulationGate gate;
    private final ClientLimits limits;
    private final Counter catalogueRuns;
    private final Counter customRuns;

    public TraceService(SimulationGate gate, ClientLimits limits, MeterRegistry metrics) {
        this.gate = gate;
        this.limits = limits;
        this.catalogueRuns = Counter.builder("handshake.simulations").tag("source", "catalogue")
                .description("Simulations run (a cached catalogue trace is not counted again)").register(metrics);
        this.customRuns = Counter.builder("handshake.simulations").tag("source", "custom")
                .description("Simulations run (a cached catalogue trace is not counted again)").register(metrics);
    }

    /** A catalogue trace for a page or a quiz: cached, or simulated once. */
    public Trace catalogueTrace(ScenarioSpec spec, ScenarioRunner.Overrides overrides, Language language) {
        return catalogueTrace(spec, overrides, language, null);
    }

    /**
     * A catalogue trace an API client asked for; one that is not cached yet counts against the client's
     * trace allowance ({@link ClientLimit#TRACES}).
     */
    public Trace catalogueTrace(ScenarioSpec spec, ScenarioRunner.Overrides overrides, Language language, String clientKey) {
        if (!overrides.equals(ScenarioRunner.Overrides.NONE)) {
            return queryRuns.get(new QueryRun(spec, overrides), run -> simulate(spec, overrides, clientKey)).render(language);
        }
        Entry entry = pageTraces.get(spec, key -> new Entry(simulate(spec, overrides, clientKey), new ConcurrentHashMap<>()));
        return entry.in(language);
    }

    private Simulation simulate(ScenarioSpec spec, ScenarioRunner.Overrides overrides, String clientKey) {
        if (clientKey != null) {
            limits.take(ClientLimit.TRACES, clientKey);
        }
        Simulation simulation = gate.run(() -> ScenarioRunner.simulate(spec, overrides, Limits.API));
        catalogueRuns.increment();
        return simulation;
    }

    /** A client's own specification ({@code POST /api/traces}), within the client's trace allowance. */
    public Trace run(ScenarioSpec spec, Language language, String clientKey) {
        limits.take(ClientLimit.TRACES, clientKey);
        return run(spec, ScenarioRunner.Overrides.NONE, language);
    }

    /** A fresh run that is not cached: a generated quiz question, a teacher's draft being checked. */
    public Trace run(ScenarioSpec spec, ScenarioRunner.Overrides overrides, Language language) {
        customRuns.increment();
        return gate.run(() -> ScenarioRunner.run(spec, overrides, language, Limits.API));
    }

    /** A sandbox session rebuilt from its specification and moves. */
    public Sandbox sandbox(ScenarioSpec spec, Sandbox.Mode mode, List<Sandbox.Move> moves, Language language) {
        return gate.run(() -> Sandbox.replay(spec, mode, moves, language, Limits.API));
    }

    /** One more move in a rebuilt sandbox; throws {@link Sandbox.RefusedMove} if it is not possible now. */
    public void apply(Sandbox sandbox, Sandbox.Move move) {
        gate.run(() -> {
            sandbox.apply(move);
            return sandbox;
        });
    }

    /** A captured connection replayed through the engine ({@code capture.CaptureReplay}, which knows captures). */
    public <T> T replay(Supplier<T> rebuild) {
        return gate.run(rebuild);
    }
}
