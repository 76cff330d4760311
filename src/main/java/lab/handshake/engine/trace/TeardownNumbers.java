package lab.handshake.engine.trace;

import java.util.List;
import java.util.Optional;

/**
 * The numbers the lessons name in a teardown, as the simulator finds them (teardownSymbols in
 * segment-format.js), among the segments client and server send each other (none injected): u the active
 * closer's first FIN's seq, v the seq of the passive side's first ACK of it, w the seq of the passive side's
 * first FIN.
 *
 * @param v               null when the passive side never acknowledges the FIN
 * @param w               null when the passive side sends no FIN
 * @param finIndex        the active FIN's index in the trace's segments
 * @param passiveFinIndex the passive FIN's index, -1 without one
 */
public record TeardownNumbers(String active, long u, Long v, Long w, int finIndex, int passiveFinIndex) {
    private static final long MOD = 1L << 32;

    /** The teardown of these segments; empty when neither side sends a FIN. */
    public static Optional<TeardownNumbers> of(List<TraceSegment> segments) {
        int finIndex = -1;
        for (int i = 0; i < segments.size() && finIndex < 0; i++) {
            if (ofTheConnection(segments.get(i)) && segments.get(i).flags().contains("FIN")) {
                finIndex = i;
            }
        }
        if (finIndex < 0) {
            return Optional.empty();
        }
        TraceSegment fin = segments.get(finIndex);
        long finAcked = (fin.seq() + fin.len() + 1) % MOD;
        Long v = null;
        Long w = null;
        int passiveFinIndex = -1;
        for (int i = finIndex + 1; i < segments.size(); i++) {
            TraceSegment s = segments.get(i);
            if (!ofTheConnection(s) || !s.from().equals(fin.to())) {
                continue;
            }
            if (v == null && s.ack() != null && s.ack() == finAcked) {
                v = s.seq();
            }
            if (passiveFinIndex < 0 && s.flags().contains("FIN")) {
                passiveFinIndex = i;
                w = s.seq();
            }
        }
        return Optional.of(new TeardownNumbers(fin.from(), fin.seq(), v, w, finIndex, passiveFinIndex));
    }

    /** A segment client and server send each other, not one the scenario injects. */
    public static boolean ofTheConnection(TraceSegment segment) {
        return !segment.injected() && isHost(segment.from()) && isHost(segment.to());
    }

    private static boolean isHost(String endpoint) {
        return "client".equals(endpoint) || "server".equals(endpoint);
    }
}
