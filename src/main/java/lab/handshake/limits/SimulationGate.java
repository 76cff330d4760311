package lab.handshake.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.config.HandshakeConfig;

/**
 * Bounds how many simulations run at once on this instance. A simulation is pure CPU work, so running more
 * of them than there are processors only makes every one slower, and everything else with them (pages,
 * other answers). A request that finds every permit taken waits at most a moment and is then answered 503
 * with {@code Retry-After}: nothing queues up behind a flood.
 */
@ApplicationScoped
public class SimulationGate {
    /** Simulations take milliseconds up to a few seconds; a client told to wait a second rarely finds it full again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int permits;
    private final Duration maxWait;
    private final Semaphore running;
    private final Counter refused;

    public SimulationGate(HandshakeConfig config, MeterRegistry metrics) {
        this.permits = config.limits().simulations().concurrent().orElse(Runtime.getRuntime().availableProcessors());
        if (permits < 1) {
            throw new IllegalArgumentException("handshake.limits.simulations.concurrent must be at least 1");
        }
        this.maxWait = config.limits().simulations().maxWait();
        this.running = new Semaphore(permits);
        this.refused = Counter.builder("handshake.limits.refused").tag("limit", "simulations")
                .description("Requests refused because a client or the instance was over a limit").register(metrics);
        Gauge.builder("handshake.simulations.running", running, gate -> permits - gate.availablePermits())
                .description("Simulations running now").register(metrics);
    }

    /** Runs the simulation when a permit is free (now or within the short wait), or refuses with 503. */
    public <T> T run(Supplier<T> simulation) {
        boolean admitted;
        try {
            admitted = running.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refused.increment();
            throw Refusal.Later.busy("busy", Worded.of(LimitProblemMessages.class, LimitProblemMessages::busy_title), Worded.of(LimitProblemMessages.class, words -> words.busy(permits)), RETRY_AFTER);
        }
        try {
            return simulation.get();
        } finally {
            running.release();
        }
    }
}
