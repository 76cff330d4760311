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

    /**
     * What the public API allows. The data is a count, never bytes held, so its bound is there for the segments it
     * makes, which {@code maxSegments} bounds too: 12 MB lets the scenario inferred from a capture of a 10 MB download
     * (a file of that size and its HTTP headers) run again, below what 200 actions of 65,535 bytes could send.
     */
    public static final Limits API = new Limits(200, 50, 100, 2_000, 12_000_000, 86_400_000L, 5_000, 30_000, 500_000);
}
