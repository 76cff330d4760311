package lab.handshake.engine;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * BBR's congestion window (Linux {@code net.ipv4.tcp_congestion_control = bbr}; net/ipv4/tcp_bbr.c of 6.18, with the
 * delivery-rate samples of net/ipv4/tcp_rate.c), in packets, for a {@link CongestionWindow} whose host chose it.
 * BBR replaces the whole of Linux's window rule ({@code tcp_cong_control} calls {@code bbr_main} on every ACK and
 * nothing else): no {@code tcp_is_cwnd_limited} gate, no ssthresh, no restart after idle
 * ({@code tcp_slow_start_after_idle_check} returns for a {@code cong_control} module).
 *
 * <p>On every ACK that newly delivers packets ({@code bbr_main}): a delivery-rate sample ({@code tcp_rate_gen}: the
 * packets delivered since the newest acknowledged packet was sent, over the longer of its send phase and its ACK
 * phase; invalid when shorter than the smallest round trip or zero) feeds the largest-bandwidth filter of the last 10
 * rounds ({@code bbr_update_bw}); STARTUP ends when three rounds in a row raised that bandwidth by less than 25 %
 * ({@code bbr_check_full_bw_reached}), DRAIN when the flight is down to one bandwidth-delay product
 * ({@code bbr_check_drain}); then PROBE_BW. The window ({@code bbr_set_cwnd}): in STARTUP and DRAIN it grows by the
 * packets acknowledged while below the target or while fewer than TCP_INIT_CWND (10) packets were delivered, and
 * once the pipe is full it is at most the target; never below {@code bbr_cwnd_min_target} (4). The target
 * ({@code bbr_bdp}, {@code bbr_quantization_budget}) is the bandwidth times the smallest round trip times the cwnd
 * gain (2.885 in STARTUP and DRAIN, 2 in PROBE_BW), rounded up, plus three TSO packets of {@code bbr_tso_segs_goal}
 * (the pacing rate's 1 ms of data, within 64 KB, at least 2 segments), rounded up to an even number.
 *
 * <p>The engine's clock counts whole milliseconds: on a path whose round trip is below one (loopback, a veth pair)
 * every sample's interval is 0 and invalid, as the kernel's own would be at that resolution, so the bandwidth stays
 * unmeasured (0), STARTUP lasts, and the target is the quantization budget alone, from the pacing rate
 * {@code bbr_init_pacing_rate_from_rtt} gives (2.885 × cwnd over a round trip of at least 1 µs): 45 segments of
 * 1448 bytes a TSO packet, a target of 136 packets; of 65,483 bytes (loopback), 2 a packet, a target of 6. Not
 * modelled: pacing itself (when each packet leaves; {@code sk_pacing_rate}, {@code tcp_pacing_check}), PROBE_BW's
 * gain cycle (it starts at a random phase), PROBE_RTT (after 10 s without a lower round trip), the ACK-aggregation
 * allowance ({@code bbr_ack_aggregation_cwnd}), the long-term bandwidth of policed paths ({@code bbr_lt_bw_sampling}),
 * and BBR's own loss recovery (the engine keeps its PRR there).
 *
 * <p>Application-limited samples (net/ipv4/tcp_rate.c): a write that finds less than a packet unsent and the window
 * not full ({@code tcp_sendmsg_locked} → {@code tcp_rate_check_app_limited}) marks the packets sent until the flight
 * then is delivered; a sample from such a packet feeds the filter only if it raises the bandwidth
 * ({@code bbr_update_bw}) and never counts towards the end of STARTUP ({@code bbr_check_full_bw_reached}), so an
 * exchange of small requests and answers (ssh's key exchange) leaves BBR in STARTUP, its window growing by every
 * ACK. Of the kernel's test, the host's qdisc (empty here) and {@code lost_out <= retrans_out} are not read.
 */
final class Bbr {
    enum Mode {
        STARTUP, DRAIN, PROBE_BW
    }

    private static final int BBR_SCALE = 8;
    private static final int BBR_UNIT = 1 << BBR_SCALE;
    private static final int BW_SCALE = 24;
    private static final long BW_UNIT = 1L << BW_SCALE;
    /** bbr_high_gain: 2/ln(2), the smallest gain that doubles the sending rate every round. */
    static final int HIGH_GAIN = BBR_UNIT * 2885 / 1000 + 1;
    /** bbr_cwnd_gain in PROBE_BW. */
    static final int CWND_GAIN = BBR_UNIT * 2;
    private static final int DRAIN_GAIN = BBR_UNIT * 1000 / 2885;
    private static final int CWND_MIN_TARGET = 4;
    private static final int FULL_BW_THRESH = BBR_UNIT * 5 / 4;
    private static final int FULL_BW_COUNT = 3;
    /** bbr_bw_rtts: the bandwidth filter's window, in rounds (CYCLE_LEN + 2). */
    private static final int BW_RTTS = 10;
    static final int TCP_INIT_CWND = 10;
    /** bbr_min_tso_rate, 1.2 Mbit/s, in bytes a second. */
    private static final long MIN_TSO_RATE_BYTES = 1_200_000 / 8;
    /** GSO_LEGACY_MAX_SIZE - 1 - MAX_TCP_HEADER (320 on x86-64): the largest TSO packet's payload. */
    private static final int TSO_MAX_BYTES = 65_536 - 1 - 320;
    /** sk_pacing_shift: a TSO packet holds about 1 ms (2^-10 s) of the pacing rate. */
    private static final int PACING_SHIFT = 10;
    private static final int PACING_MARGIN_PERCENT = 1;

    /**
     * A packet sent and not yet acknowledged, with the connection's delivery state then and whether the flight had an
     * application's bubble (tcp_rate_skb_sent: tx.is_app_limited).
     */
    private record Sent(int end, long sentUs, long firstTxUs, long deliveredUs, long delivered, boolean appLimited) {
    }

    /** A bandwidth sample of the filter: packets a µs << BW_SCALE, and the round it was taken in. */
    private record BwSample(long bw, long round) {
    }

    private Mode mode = Mode.STARTUP;
    /** tp->delivered: 1 for the SYN or SYN,ACK, which the handshake delivered (tcp_rcv_state_process, tcp_ack). */
    private long delivered = 1;
    /** tp->delivered_mstamp and first_tx_mstamp, in µs; -1 before the first send. */
    private long deliveredUs = -1;
    private long firstTxUs = -1;
    private final Deque<Sent> inFlight = new ArrayDeque<>();
    /** tp->app_limited: the delivered count that ends the application's bubble; 0 when there is none. */
    private long appLimited;
    private final List<BwSample> bwFilter = new ArrayList<>();
    private long roundCount;
    private long nextRoundDelivered;
    private boolean roundStart;
    private long fullBw;
    private int fullBwCount;
    private boolean fullBwReached;
    private int cwndGain = HIGH_GAIN;
    /** sk_pacing_rate, bytes a second, and whether it was set from a measured round trip (has_seen_rtt). */
    private long pacingRate;
    private boolean hasSeenRtt;

    /** bbr_init: the pacing rate from the initial window over a nominal 1 ms round trip, until one is measured. */
    Bbr(int cwnd, int mss) {
        pacingRate = pacingRateFromRtt(cwnd, mss, -1);
    }

    Mode mode() {
        return mode;
    }

    /** The bandwidth estimate, packets a µs << 24 ({@code bbr_max_bw}); 0 while no sample was valid. */
    long maxBw() {
        long max = 0;
        for (BwSample sample : bwFilter) {
            max = Math.max(max, sample.bw());
        }
        return max;
    }

    long pacingRate() {
        return pacingRate;
    }

    /**
     * A packet ending at {@code end} leaves with {@code packetsOut} packets already in flight (tcp_rate_skb_sent): the
     * first after an empty flight starts the send phase and the ACK phase anew.
     */
    void sent(int end, long nowMs, int packetsOut) {
        long now = nowMs * 1_000;
        if (packetsOut == 0) {
            firstTxUs = now;
            deliveredUs = now;
        }
        inFlight.removeIf(sent -> sent.end() == end);
        inFlight.addLast(new Sent(end, now, firstTxUs, deliveredUs, delivered, appLimited != 0));
    }

    /**
     * The application writes with {@code unsentBytes} queued and not sent ({@code tcp_sendmsg_locked} →
     * {@code tcp_rate_check_app_limited}): with less than a packet to send and the window not full, the sender is
     * limited by the application, and the packets it sends until all now in flight are delivered say so.
     */
    void applicationWrites(long unsentBytes, int mss, int packetsOut, int cwnd) {
        if (unsentBytes < mss && packetsOut < cwnd) {
            appLimited = Math.max(delivered + packetsOut, 1);
        }
    }

    /**
     * An ACK up to {@code ack} newly delivered {@code acked} packets ({@code bbr_main}); returns the new window in
     * packets.
     *
     * @param cwnd       the window before it, in packets
     * @param packetsOut the packets still in flight after it
     * @param minRttUs   the smallest round trip measured, µs (tcp_min_rtt); -1 while none was
     * @param srttUs     the smoothed round trip, µs; -1 while none was measured
     */
    int acked(int ack, int acked, int cwnd, int packetsOut, int mss, long nowMs, long minRttUs, long srttUs) {
        long now = nowMs * 1_000;
        // tcp_rate_skb_delivered: the sample is the newest packet acknowledged (sent last; of two sent at once, the
        // later in sequence).
        Sent newest = null;
        long intervalUs = -1;
        while (!inFlight.isEmpty() && Seq.le(inFlight.peekFirst().end(), ack)) {
            Sent done = inFlight.pollFirst();
            if (newest == null || done.sentUs() > firstTxUs || done.sentUs() == firstTxUs && Seq.gt(done.end(), newest.end())) {
                newest = done;
                firstTxUs = done.sentUs();
                intervalUs = done.sentUs() - done.firstTxUs();
            }
        }
        // tcp_rate_gen
        delivered += acked;
        if (acked > 0) {
            deliveredUs = now;
        }
        if (appLimited != 0 && delivered > appLimited) {
            appLimited = 0;     // the bubble was delivered
        }
        long sampleDelivered = -1;
        if (newest != null) {
            sampleDelivered = delivered - newest.delivered();
            intervalUs = Math.max(intervalUs, now - newest.deliveredUs());
            if (intervalUs < Math.max(minRttUs, 0)) {
                intervalUs = -1;
            }
        }
        updateBw(newest, sampleDelivered, intervalUs);
        checkFullBwReached(newest != null && newest.appLimited());
        checkDrain(packetsOut, mss, minRttUs);
        cwndGain = mode == Mode.PROBE_BW ? CWND_GAIN : HIGH_GAIN;
        setPacingRate(cwnd, mss, srttUs);
        return setCwnd(acked, cwnd, mss, minRttUs);
    }

    /**
     * bbr_update_bw: a valid sample starts a round when it began after the last one's end, and feeds the filter unless
     * it is application-limited and below the estimate.
     */
    private void updateBw(Sent newest, long sampleDelivered, long intervalUs) {
        roundStart = false;
        if (newest == null || sampleDelivered < 0 || intervalUs <= 0) {
            return;
        }
        if (newest.delivered() >= nextRoundDelivered) {
            nextRoundDelivered = delivered;
            roundCount++;
            roundStart = true;
        }
        long bw = sampleDelivered * BW_UNIT / intervalUs;
        if (newest.appLimited() && bw < maxBw()) {
            return;
        }
        bwFilter.add(new BwSample(bw, roundCount));
        bwFilter.removeIf(sample -> sample.round() <= roundCount - BW_RTTS);
    }

    /** bbr_check_full_bw_reached: three rounds without 25 % more bandwidth, not counting application-limited ones. */
    private void checkFullBwReached(boolean appLimitedSample) {
        if (fullBwReached || !roundStart || appLimitedSample) {
            return;
        }
        long max = maxBw();
        if (max >= fullBw * FULL_BW_THRESH >> BBR_SCALE) {
            fullBw = max;
            fullBwCount = 0;
            return;
        }
        fullBwReached = ++fullBwCount >= FULL_BW_COUNT;
    }

    /** bbr_check_drain: STARTUP gives way to DRAIN, and DRAIN to PROBE_BW once the flight is one BDP. */
    private void checkDrain(int packetsOut, int mss, long minRttUs) {
        if (mode == Mode.STARTUP && fullBwReached) {
            mode = Mode.DRAIN;
        }
        if (mode == Mode.DRAIN && packetsOut <= quantizationBudget(bdp(maxBw(), minRttUs, BBR_UNIT), mss)) {
            mode = Mode.PROBE_BW;
        }
    }

    /** bbr_set_pacing_rate: in STARTUP the rate only rises; from the round trip once one is measured. */
    private void setPacingRate(int cwnd, int mss, long srttUs) {
        if (!hasSeenRtt && srttUs >= 0) {
            pacingRate = pacingRateFromRtt(cwnd, mss, srttUs);
            hasSeenRtt = true;
        }
        int pacingGain = switch (mode) {
            case STARTUP -> HIGH_GAIN;
            case DRAIN -> DRAIN_GAIN;
            case PROBE_BW -> BBR_UNIT;
        };
        long rate = rateBytesPerSecond(maxBw(), pacingGain, mss);
        if (fullBwReached || rate > pacingRate) {
            pacingRate = rate;
        }
    }

    /** bbr_init_pacing_rate_from_rtt: high_gain × cwnd over the round trip (at least 1 µs; 1 ms before any). */
    private static long pacingRateFromRtt(int cwnd, int mss, long srttUs) {
        long rttUs = srttUs >= 0 ? Math.max(srttUs, 1) : 1_000;
        return rateBytesPerSecond(cwnd * BW_UNIT / rttUs, HIGH_GAIN, mss);
    }

    /** bbr_rate_bytes_per_sec, less the 1 % pacing margin. */
    private static long rateBytesPerSecond(long bw, int gain, int mss) {
        // In 64 bits the kernel's order overflows beyond about 2.9 Tbit/s, which a round trip of a few µs on loopback
        // reaches; such a rate only ever meets the 64 KB TSO cap, so it is kept whole here.
        BigInteger rate = BigInteger.valueOf(bw).multiply(BigInteger.valueOf(mss)).multiply(BigInteger.valueOf(gain))
                .shiftRight(BBR_SCALE).multiply(BigInteger.valueOf(1_000_000 / 100 * (100 - PACING_MARGIN_PERCENT)))
                .shiftRight(BW_SCALE);
        return rate.bitLength() < Long.SIZE ? rate.longValue() : Long.MAX_VALUE;
    }

    /** bbr_tso_segs_goal: the segments of a TSO packet, about 1 ms of the pacing rate, at least bbr_min_tso_segs. */
    int tsoSegsGoal(int mss) {
        long bytes = Math.min(pacingRate >> PACING_SHIFT, TSO_MAX_BYTES);
        int minSegs = pacingRate < MIN_TSO_RATE_BYTES ? 1 : 2;
        return (int) Math.min(Math.max(bytes / mss, minSegs), 0x7F);
    }

    /** bbr_bdp: ceil(bw × min_rtt × gain); TCP_INIT_CWND before any round trip was measured. */
    private static long bdp(long bw, long minRttUs, int gain) {
        if (minRttUs < 0) {
            return TCP_INIT_CWND;
        }
        long w = bw * minRttUs;
        return ((w * gain >> BBR_SCALE) + BW_UNIT - 1) / BW_UNIT;
    }

    /** bbr_quantization_budget: three TSO packets more, rounded up to an even number. */
    private long quantizationBudget(long cwnd, int mss) {
        cwnd += 3L * tsoSegsGoal(mss);
        return cwnd + 1 & ~1L;
    }

    /** The window the next ACK's rule aims at ({@code bbr_set_cwnd}'s target_cwnd), in packets. */
    long target(int mss, long minRttUs) {
        return quantizationBudget(bdp(maxBw(), minRttUs, cwndGain), mss);
    }

    /** bbr_set_cwnd: slow start towards the target, or down to it once the pipe was full. */
    private int setCwnd(int acked, int cwnd, int mss, long minRttUs) {
        if (acked <= 0) {
            return cwnd;
        }
        long target = target(mss, minRttUs);
        long next = cwnd;
        if (fullBwReached) {
            next = Math.min(cwnd + (long) acked, target);
        } else if (cwnd < target || delivered < TCP_INIT_CWND) {
            next = cwnd + (long) acked;
        }
        return (int) Math.min(Math.max(next, CWND_MIN_TARGET), Integer.MAX_VALUE / Math.max(mss, 1));
    }
}
