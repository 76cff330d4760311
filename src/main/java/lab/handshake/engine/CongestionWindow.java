package lab.handshake.engine;

/**
 * The sender's congestion window (RFC 9293 §3.8.2, MUST-19: congestion control per RFC 5681): besides the peer's
 * window, it bounds what may be in flight. It starts at the profile's initial window when the connection is
 * established ({@link Profile#initialCongestionWindow}; Linux tcp_init_transfer), grows in slow start with every
 * ACK of new data ({@link Profile#slowStartIncrease}; Linux tcp_slow_start), goes back to the restart window after
 * the sender has been idle for longer than the RTO ({@link Profile#restartWindow}; RFC 5681 §4.1, Linux
 * tcp_cwnd_restart), and down to one segment, the loss window, when the retransmission timer fires, with ssthresh
 * lowered once per loss ({@link Profile#ssthreshAfterTimeout}; RFC 5681 §3.1 eq. 4, Linux tcp_enter_loss).
 *
 * <p>Bytes throughout. Linux counts segments (snd_cwnd, packets in flight), so for it the flight is measured as its
 * segments times the MSS ({@link Profile#countsFlightInSegments}). Not modelled: congestion avoidance above ssthresh
 * (the window stays at ssthresh; no capture of the project reaches it), CUBIC's HyStart (which the captures' steady
 * 100 ms round trip never triggers), the reduction in fast recovery (RFC 5681 §3.2, Linux PRR), and the smaller
 * window after a lost SYN or SYN,ACK (RFC 5681 §3.1).
 */
final class CongestionWindow {
    private final Profile profile;
    /** cwnd in bytes; 0 until the connection is established. */
    private int cwnd;
    /** ssthresh in bytes: arbitrarily high at first (RFC 5681 §3.1). */
    private int ssthresh = Integer.MAX_VALUE;
    /** When data was last sent (Linux lsndtime); -1 before any. */
    private long lastSentAt = -1;
    /** The largest flight since the window was last set, in the profile's measure (Linux max_packets_out). */
    private int largestFlight;

    CongestionWindow(Profile profile) {
        this.profile = profile;
    }

    /** The connection is established: the initial window (RFC 5681 §3.1; RFC 6928's ten segments for Linux). */
    void start(int mss) {
        cwnd = profile.initialCongestionWindow(mss);
    }

    /**
     * How many bytes more the window lets into flight (unbounded before the connection is established). Less than a
     * segment is none: what is left waits for the next ACK rather than leave as a small segment (sender SWS avoidance,
     * RFC 9293 §3.8.6.2.1; RFC 5681's 4380 bytes are three segments of 1448 and 36 bytes).
     *
     * @param flightBytes    SND.NXT - SND.UNA (RFC 5681's FlightSize)
     * @param flightSegments the segments sent and not yet acknowledged or SACKed
     */
    int room(int flightBytes, int flightSegments, int mss) {
        if (cwnd == 0) {
            return Integer.MAX_VALUE;
        }
        int left = cwnd - flight(flightBytes, flightSegments, mss);
        return left < mss ? 0 : left;
    }

    /** Data was sent; the flight after it (Linux tcp_event_data_sent, tcp_cwnd_validate). */
    void sent(long now, int flightBytes, int flightSegments, int mss) {
        lastSentAt = now;
        largestFlight = Math.max(largestFlight, flight(flightBytes, flightSegments, mss));
    }

    /**
     * An ACK of new data: slow start up to ssthresh. Linux grows the window only while the flight has used it,
     * that is while it is below twice the largest flight (tcp_is_cwnd_limited); RFC 5681 on every such ACK.
     */
    void acked(int bytes, int segments, int mss) {
        if (cwnd == 0 || cwnd >= ssthresh || profile.growsCongestionWindowOnlyWhenUsed() && cwnd >= 2 * largestFlight) {
            return;
        }
        cwnd = (int) Math.min((long) cwnd + profile.slowStartIncrease(bytes, segments, mss), ssthresh);
    }

    /**
     * New data is about to be sent with nothing in flight: after an idle time longer than the RTO the window
     * restarts (RFC 5681 §4.1; Linux tcp_slow_start_after_idle_check at the write).
     */
    void restartIfIdle(long now, int rto, int mss) {
        long idle = now - lastSentAt;
        if (cwnd > 0 && lastSentAt >= 0 && idle > rto) {
            cwnd = profile.restartWindow(cwnd, idle, rto, mss);
            largestFlight = 0;
        }
    }

    /**
     * The retransmission timer fired: one segment may be in flight (the loss window), and ssthresh is lowered for the
     * first timeout of a loss only (RFC 5681 §3.1: "no more than ... once", Linux tcp_enter_loss).
     */
    void timedOut(boolean firstOfLoss, int flightBytes, int mss) {
        if (cwnd == 0) {
            return;
        }
        if (firstOfLoss) {
            ssthresh = profile.ssthreshAfterTimeout(cwnd, flightBytes, mss);
        }
        cwnd = mss;
        largestFlight = 0;
    }

    int bytes() {
        return cwnd;
    }

    private int flight(int flightBytes, int flightSegments, int mss) {
        return profile.countsFlightInSegments() ? flightSegments * mss : flightBytes;
    }
}
