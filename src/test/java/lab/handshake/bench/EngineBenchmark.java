package lab.handshake.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.TraceLog;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.FloodSpec;
import lab.handshake.engine.spec.InjectSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the engine simulates. Run on demand, never in the test suite:
 * {@code ./mvnw -Pbench verify} (see the README for the figures measured on the reference machine).
 *
 * <ul>
 *   <li>{@code connectionLifecycle}: 50 back-to-back connections (handshake, 1 KB each way, four-way close)
 *       with the trace log off; the {@code events} counter gives simulated events per second.</li>
 *   <li>{@code synFlood100k}: 100,000 spoofed SYNs against a listener with a full backlog and SYN cookies.</li>
 *   <li>{@code fourWayCloseTrace}: the full bilingual trace of one catalogue-sized scenario, as the API builds it.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EngineBenchmark {

    /** Simulated events, reported by JMH as a rate next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    private ScenarioSpec lifecycle;
    private ScenarioSpec flood;
    private ScenarioSpec fourWayClose;

    @Setup
    public void prepare() {
        lifecycle = spec(lifecycleActions(50), List.of(), null);
        flood = spec(List.of(new ActionSpec(0L, null, null, null, "server", "listen", null, null)),
                List.of(new InjectSpec(0L, null, null, null, null, null, null, null,
                        new FloodSpec(100_000, "10.0.0.0/8", 10.0, "server"))), "on-overflow");
        fourWayClose = spec(List.of(
                new ActionSpec(0L, null, null, null, "server", "listen", null, null),
                new ActionSpec(10L, null, null, null, "client", "connect", null, null),
                new ActionSpec(null, "established", null, 300L, "client", "close", null, null),
                new ActionSpec(null, "eof", null, 250L, "server", "close", null, null)), List.of(), null);
    }

    /** Connect, exchange a kilobyte each way and close, 50 times in a row (the client reconnects after each close). */
    private static List<ActionSpec> lifecycleActions(int connections) {
        List<ActionSpec> actions = new java.util.ArrayList<>();
        actions.add(new ActionSpec(0L, null, null, null, "server", "listen", null, null));
        for (int i = 0; i < connections; i++) {
            long start = 10 + i * 2_000L;
            actions.add(new ActionSpec(start, null, null, null, "client", "connect", null, null));
            actions.add(new ActionSpec(start + 200, null, null, null, "client", "send", 1_000, null));
            actions.add(new ActionSpec(start + 400, null, null, null, "server", "send", 1_000, null));
            actions.add(new ActionSpec(start + 600, null, null, null, "client", "abort", null, null));
        }
        return actions;
    }

    private static ScenarioSpec spec(List<ActionSpec> actions, List<InjectSpec> inject, String cookies) {
        ScenarioParams params = ScenarioParams.builder().clientIsn(1000L).serverIsn(5000L).seed(7L).oneWayDelayMs(50)
                .listenBacklog(128).synCookies(cookies).build();
        return new ScenarioSpec("bench", Map.of("en", "bench"), null, null, "rfc9293", params, actions, List.of(), inject, 200_000L);
    }

    private static long runWithoutTrace(ScenarioSpec spec) {
        Network network = ScenarioRunner.Setup.of(spec, ScenarioRunner.Overrides.NONE).build(TraceLog.disabled(), Long.MAX_VALUE);
        network.runUntil(spec.untilMs());
        return network.eventsProcessed();
    }

    @Benchmark
    public long connectionLifecycle(Events counter) {
        long events = runWithoutTrace(lifecycle);
        counter.events += events;
        return events;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public long synFlood100k(Events counter) {
        long events = runWithoutTrace(flood);
        counter.events += events;
        return events;
    }

    @Benchmark
    public int fourWayCloseTrace() {
        return ScenarioRunner.run(fourWayClose, ScenarioRunner.Overrides.NONE, Language.ZH, Limits.API).steps().size();
    }
}
