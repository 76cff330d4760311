package lab.handshake.engine;

/** Chooses the initial sequence number of each new connection of one host (RFC 9293 §3.4.1). */
@FunctionalInterface
public interface IsnGenerator {
    int next(long now);

    /**
     * The ISN clock of RFC 9293 §3.4.1 (one tick every 4 µs, i.e. 250 per millisecond), starting at
     * {@code first} for the host's first connection. Each further connection also adds 64000, as BSD did, so
     * two connections opened in the same millisecond differ.
     */
    static IsnGenerator clock(int first) {
        return new IsnGenerator() {
            private long start = -1;
            private int opened;

            @Override
            public int next(long now) {
                if (start < 0) {
                    start = now;
                }
                int isn = first + (int) ((now - start) * 250) + opened * 64_000;
                opened++;
                return isn;
            }
        };
    }
}
