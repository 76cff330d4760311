package lab.handshake.engine;

/**
 * How the congestion window grows at or above ssthresh (congestion avoidance), each profile's own: RFC 5681 §3.1's
 * one segment per round trip ({@link Rfc5681}), or Linux's default, CUBIC ({@link Cubic}). An instance belongs to one
 * connection ({@link Profile#congestionAvoidance}) and keeps what it learnt of the path between ACKs.
 */
interface CongestionAvoidance {

    /**
     * The window after an ACK of new data in congestion avoidance.
     *
     * @param cwnd     the window now, in bytes
     * @param bytes    the bytes the ACK newly delivered
     * @param segments the segments it newly delivered
     * @param now      the virtual time (ms)
     * @param minRtt   the smallest round trip measured (ms)
     */
    int grow(int cwnd, int bytes, int segments, int mss, long now, int minRtt);

    /** A loss made the sender lower ssthresh from a window of {@code cwnd} bytes: a new epoch of growth begins. */
    void reduced(int cwnd, int mss);

    /** A retransmission timeout at {@code now} with SND.NXT {@code sndNxt}: what was learnt of the path is forgotten. */
    void reset(long now, int sndNxt);

    /** The connection is established at {@code now} with SND.NXT {@code sndNxt}: the window starts. */
    default void started(long now, int sndNxt) {
        // Nothing to learn yet.
    }

    /**
     * An ACK gave a round-trip sample of {@code rttMs}; whether slow start ends now, before the window of {@code cwnd}
     * segments grows (ssthresh becomes the window). Only CUBIC's HyStart ends it so ({@link Cubic}).
     */
    default boolean endsSlowStart(int rttMs, int cwnd, boolean inSlowStart, int sndUna, int sndNxt, long now) {
        return false;
    }

    /** The window, ssthresh (segments), the segments in flight and the smoothed round trip (µs) after an ACK. */
    default void paced(int cwnd, int ssthresh, int packetsOut, int mss, long srttUs) {
        // Only CUBIC's HyStart reads the pacing rate.
    }

    /**
     * RFC 5681 §3.1 equation 3: every ACK of new data adds SMSS × SMSS / cwnd, at least one byte, so about one segment
     * per round trip. It keeps nothing between ACKs.
     */
    final class Rfc5681 implements CongestionAvoidance {
        @Override
        public int grow(int cwnd, int bytes, int segments, int mss, long now, int minRtt) {
            return cwnd + Math.max(1, mss * mss / cwnd);
        }

        @Override
        public void reduced(int cwnd, int mss) {
            // RFC 5681's growth depends on cwnd alone.
        }

        @Override
        public void reset(long now, int sndNxt) {
            // Nothing kept.
        }
    }
}
