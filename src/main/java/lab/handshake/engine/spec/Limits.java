package lab.handshake.engine.spec;

/**
 * The bounds that keep one simulation's work and memory small, whoever asks for it. Exceeding a size bound
 * is answered with 413, a value out of range with 400.
 */
public record Limits(
        int maxActions,
        int maxFaults,
        int maxInjections,
        int maxFloodSegments,
        long maxBytesSent,
        long maxUntilMs,
        int maxSegments,
        int maxSteps,
        long maxEvents) {

    /** What the public API allows. */
    public static final Limits API = new Limits(200, 50, 100, 2_000, 1_000_000, 86_400_000L, 5_000, 30_000, 500_000);
}
