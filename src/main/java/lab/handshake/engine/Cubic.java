package lab.handshake.engine;

/**
 * Linux's default congestion avoidance, CUBIC (RFC 9438; net/ipv4/tcp_cubic.c as of 6.18, in segments): after a loss
 * the window climbs back towards the window it had, W_max, along a cubic curve in the time since the loss, slowly near
 * W_max, and never more slowly than Reno would (the "TCP-friendly" estimate). {@link #grow} is bictcp_update, which
 * sets how many segments must be acknowledged for the window to grow by one (cnt), followed by tcp_cong_avoid_ai,
 * which counts them (snd_cwnd_cnt).
 *
 * <p>The kernel's clock is jiffies (HZ = 250 on the machine of the captures, a 4 ms tick): the engine's time in whole
 * ticks. Its delay_min is the smallest RTT sample in microseconds; the engine's is the connection's smallest round trip
 * in whole milliseconds, turned into jiffies as the kernel does (usecs_to_jiffies, rounded up).
 *
 * <p>HyStart (hybrid slow start, on by default: hystart = 1, hystart_detect = 3) ends slow start early by setting
 * ssthresh to the window ({@link #endsSlowStart}, cubictcp_acked → hystart_update) once the window is 16 segments or
 * more (hystart_low_window), on either of two signs that the path is full: a train of ACKs, each within 2 ms of the one
 * before (hystart_ack_delta_us), that has lasted more than half the smallest round trip since the round began (plus
 * hystart_ack_delay, at most 1 ms, halved with it: the sender does not pace); or a round whose smallest round trip,
 * over its first eight samples and more (HYSTART_MIN_SAMPLES), is above the smallest ever by clamp(delay_min / 8,
 * 4 ms, 16 ms) (HYSTART_DELAY_THRESH). A round (bictcp_hystart_reset) begins when the connection starts, after a
 * retransmission timeout, and at the first ACK beyond the SND.NXT of the round before. Its times are the engine's whole
 * milliseconds in the kernel's microseconds. Not modelled: the shift of the epoch when sending resumes after idle
 * (cubictcp_cwnd_event, CA_EVENT_TX_START), and HyStart's samples from ACKs that only SACK (the engine samples the
 * round trip when SND.UNA advances).
 */
final class Cubic implements CongestionAvoidance {
    private static final int HZ = 250;
    private static final int TICK_MS = 1_000 / HZ;
    /** BICTCP_HZ: the cubic function's time in 1/1024 s. */
    private static final int BICTCP_HZ = 10;
    private static final int BETA = 717;
    private static final int BETA_SCALE = 1_024;
    private static final int BIC_SCALE = 41;
    /** cube_rtt_scale = bic_scale × 10: C = 0.4 in the kernel's fixed point. */
    private static final long CUBE_RTT_SCALE = BIC_SCALE * 10L;
    /** cube_factor = 2^(10 + 3 × BICTCP_HZ) / (bic_scale × 10). */
    private static final long CUBE_FACTOR = (1L << (10 + 3 * BICTCP_HZ)) / (BIC_SCALE * 10);
    /** beta_scale = 8 × (1024 + beta) / 3 / (1024 − beta) = 15: Reno's growth in CUBIC's units. */
    private static final int FRIENDLY_SCALE = 8 * (BETA_SCALE + BETA) / 3 / (BETA_SCALE - BETA);
    /** hystart_low_window: HyStart looks at the window from 16 segments on. */
    static final int HYSTART_LOW_WINDOW = 16;
    /** HYSTART_MIN_SAMPLES: a round's smallest round trip is taken over its first eight samples at least. */
    private static final int HYSTART_MIN_SAMPLES = 8;
    /** HYSTART_DELAY_MIN, HYSTART_DELAY_MAX: the clamp of the delay threshold, delay_min / 8, in µs. */
    private static final long HYSTART_DELAY_MIN_US = 4_000;
    private static final long HYSTART_DELAY_MAX_US = 16_000;
    /** hystart_ack_delta_us: ACKs at most this far apart make a train. */
    private static final long HYSTART_ACK_DELTA_US = 2_000;
    /** USEC_PER_MSEC: hystart_ack_delay's cap. */
    private static final long ACK_DELAY_CAP_US = 1_000;
    /** sk_gso_max_size: GSO_LEGACY_MAX_SIZE, what a TCP socket takes from an IPv4 device (sk_setup_caps). */
    private static final long GSO_MAX_SIZE = 65_536;
    /** sysctl_tcp_pacing_ss_ratio and sysctl_tcp_pacing_ca_ratio, percent. */
    private static final long PACING_SS_RATIO = 200;
    private static final long PACING_CA_RATIO = 120;

    private int cnt;
    private int lastMaxCwnd;
    private int lastCwnd;
    private long lastTime;
    private int originPoint;
    private long k;
    private long epochStart = -1;
    private int ackCnt;
    private int tcpCwnd;
    /** tp->snd_cwnd_cnt: segments acknowledged towards the next growth by one. */
    private int cwndCnt;

    /** ca->delay_min: CUBIC's own smallest round trip since its last reset, µs; 0 before any sample. */
    private long delayMinUs;
    /** ca->found: HyStart has ended slow start (until the next reset). */
    private boolean found;
    /** ca->round_start, ca->last_ack (µs) and ca->end_seq: the round HyStart watches. */
    private long roundStartUs;
    private long lastAckUs;
    private int endSeq;
    /** ca->curr_rtt (µs, ~0U before a sample) and ca->sample_cnt: the round's smallest round trip and its samples. */
    private long currRttUs = Long.MAX_VALUE;
    private int sampleCnt;
    /** sk_pacing_rate (bytes per second) as the last ACK left it (tcp_update_pacing_rate); 0 before the first. */
    private long pacingRate;

    @Override
    public int grow(int cwnd, int bytes, int segments, int mss, long now, int minRtt) {
        int window = cwnd / mss;
        update(window, segments, now / TICK_MS, minRtt);
        return avoidAi(window, segments) * mss;
    }

    /** cubictcp_recalc_ssthresh (with fast convergence) and tcp_init_cwnd_reduction's snd_cwnd_cnt = 0. */
    @Override
    public void reduced(int cwnd, int mss) {
        int window = cwnd / mss;
        epochStart = -1;
        lastMaxCwnd = window < lastMaxCwnd ? window * (BETA_SCALE + BETA) / (2 * BETA_SCALE) : window;
        cwndCnt = 0;
    }

    /** cubictcp_init at the connection's start (tcp_init_transfer): bictcp_reset, then bictcp_hystart_reset. */
    @Override
    public void started(long now, int sndNxt) {
        reset(now, sndNxt);
    }

    /**
     * cubictcp_acked, for an ACK with a round-trip sample of {@code rttMs} (rtt_us, the newest acknowledged segment's;
     * the engine has none when it has none): CUBIC's delay_min, then HyStart while slow start lasts. Delay samples
     * within a second of a new epoch of growth are discarded ("right after fast recovery"). Returns whether HyStart
     * found the exit now; the caller sets ssthresh to the window (hystart_update: tp->snd_ssthresh = cwnd).
     *
     * @param cwnd        the window in segments before this ACK grows it
     * @param inSlowStart tcp_in_slow_start: the window below ssthresh
     * @param sndUna      SND.UNA after this ACK
     * @param sndNxt      SND.NXT before what this ACK lets go
     */
    @Override
    public boolean endsSlowStart(int rttMs, int cwnd, boolean inSlowStart, int sndUna, int sndNxt, long now) {
        long jiffies = now / TICK_MS;
        if (epochStart >= 0 && jiffies - epochStart < HZ) {
            return false;
        }
        long delayUs = Math.max(rttMs * 1_000L, 1);
        if (delayMinUs == 0 || delayMinUs > delayUs) {
            delayMinUs = delayUs;
        }
        if (found || !inSlowStart) {
            return false;
        }
        return hystartUpdate(delayUs, cwnd, sndUna, sndNxt, now * 1_000);
    }

    /** hystart_update: a new round after the ACK beyond end_seq; from 16 segments, the ACK train and the delay test. */
    private boolean hystartUpdate(long delayUs, int cwnd, int sndUna, int sndNxt, long nowUs) {
        if (Seq.gt(sndUna, endSeq)) {
            hystartReset(nowUs, sndNxt);
        }
        if (cwnd < HYSTART_LOW_WINDOW) {
            return false;
        }
        if (nowUs - lastAckUs <= HYSTART_ACK_DELTA_US) {
            lastAckUs = nowUs;
            // The sender does not pace (SK_PACING_NONE): the threshold is halved.
            long threshold = (delayMinUs + ackDelayUs()) >> 1;
            if (nowUs - roundStartUs > threshold) {
                found = true;
            }
        }
        if (currRttUs > delayUs) {
            currRttUs = delayUs;
        }
        if (sampleCnt < HYSTART_MIN_SAMPLES) {
            sampleCnt++;
        } else if (currRttUs > delayMinUs + Math.min(Math.max(delayMinUs >> 3, HYSTART_DELAY_MIN_US), HYSTART_DELAY_MAX_US)) {
            found = true;
        }
        return found;
    }

    /**
     * hystart_ack_delay: room for the TSO/GRO aggregation of a short round trip, min(1 ms, sk_gso_max_size × 4 s /
     * sk_pacing_rate); 0 before any rate.
     */
    private long ackDelayUs() {
        return pacingRate == 0 ? 0 : Math.min(ACK_DELAY_CAP_US, GSO_MAX_SIZE * 4 * 1_000_000 / pacingRate);
    }

    /**
     * tcp_update_pacing_rate at the end of an ACK: mss × max(cwnd, packets out) / srtt, times 200 % in slow start below
     * half ssthresh, else 120 %; not divided while no round trip was measured.
     */
    @Override
    public void paced(int cwnd, int ssthresh, int packetsOut, int mss, long srttUs) {
        long rate = (long) mss * 1_000_000 * (cwnd < ssthresh / 2 ? PACING_SS_RATIO : PACING_CA_RATIO) / 100
                * Math.max(cwnd, packetsOut);
        pacingRate = srttUs > 0 ? rate / srttUs : rate;
    }

    /** cubictcp_state(TCP_CA_Loss): bictcp_reset and bictcp_hystart_reset; tcp_enter_loss: snd_cwnd_cnt = 0. */
    @Override
    public void reset(long now, int sndNxt) {
        delayMinUs = 0;
        found = false;
        hystartReset(now * 1_000, sndNxt);
        cnt = 0;
        lastMaxCwnd = 0;
        lastCwnd = 0;
        lastTime = 0;
        originPoint = 0;
        k = 0;
        epochStart = -1;
        ackCnt = 0;
        tcpCwnd = 0;
        cwndCnt = 0;
    }

    /** bictcp_hystart_reset: a round begins now and lasts until SND.NXT is acknowledged. */
    private void hystartReset(long nowUs, int sndNxt) {
        roundStartUs = nowUs;
        lastAckUs = nowUs;
        endSeq = sndNxt;
        currRttUs = Long.MAX_VALUE;
        sampleCnt = 0;
    }

    /** ssthresh after a loss (cubictcp_recalc_ssthresh): 717/1024 of the window, at least two segments. */
    static int ssthresh(int cwndSegments) {
        return Math.max(cwndSegments * BETA / BETA_SCALE, 2);
    }

    /** bictcp_update: cnt from the cubic function of the time since the epoch began, bounded by Reno's pace. */
    private void update(int cwnd, int acked, long jiffies, int minRtt) {
        ackCnt += acked;
        if (lastCwnd == cwnd && jiffies - lastTime <= HZ / 32) {
            return;
        }
        // The cubic function is recomputed at most once per jiffy; a new epoch (after a loss) always.
        if (epochStart < 0 || jiffies != lastTime) {
            lastCwnd = cwnd;
            lastTime = jiffies;
            if (epochStart < 0) {
                epochStart = jiffies;
                ackCnt = acked;
                tcpCwnd = cwnd;
                if (lastMaxCwnd <= cwnd) {
                    k = 0;
                    originPoint = cwnd;
                } else {
                    k = cubicRoot(CUBE_FACTOR * (lastMaxCwnd - cwnd));
                    originPoint = lastMaxCwnd;
                }
            }
            long delayMinJiffies = ((long) minRtt * 1_000 + TICK_MS * 1_000 - 1) / (TICK_MS * 1_000);
            long t = ((jiffies - epochStart + delayMinJiffies) << BICTCP_HZ) / HZ;
            long offs = t < k ? k - t : t - k;
            long delta = (CUBE_RTT_SCALE * offs * offs * offs) >>> (10 + 3 * BICTCP_HZ);
            long target = t < k ? originPoint - delta : originPoint + delta;
            cnt = target > cwnd ? (int) (cwnd / (target - cwnd)) : 100 * cwnd;
            if (lastMaxCwnd == 0 && cnt > 20) {
                cnt = 20;
            }
        }
        // TCP friendliness: the window Reno would have reached from the ACKs counted since the epoch began.
        int renoStep = cwnd * FRIENDLY_SCALE >> 3;
        while (ackCnt > renoStep) {
            ackCnt -= renoStep;
            tcpCwnd++;
        }
        if (tcpCwnd > cwnd) {
            cnt = Math.min(cnt, cwnd / (tcpCwnd - cwnd));
        }
        cnt = Math.max(cnt, 2);
    }

    /** tcp_cong_avoid_ai: one segment more for every cnt segments acknowledged. */
    private int avoidAi(int cwnd, int acked) {
        int window = cwnd;
        if (cwndCnt >= cnt) {
            cwndCnt = 0;
            window++;
        }
        cwndCnt += acked;
        if (cwndCnt >= cnt) {
            int delta = cwndCnt / cnt;
            cwndCnt -= delta * cnt;
            window += delta;
        }
        return window;
    }

    /** The kernel's cubic_root: a table lookup and one Newton-Raphson step, as exact (and inexact) as the kernel's. */
    static long cubicRoot(long a) {
        int b = 64 - Long.numberOfLeadingZeros(a);
        if (b < 7) {
            return (CUBE_ROOT_TABLE[(int) a] + 35) >> 6;
        }
        b = ((b * 84) >> 8) - 1;
        int shift = (int) (a >>> (b * 3));
        long x = (((long) (CUBE_ROOT_TABLE[shift] + 10) << b) & 0xFFFF_FFFFL) >>> 6;
        x = 2 * x + a / (x * (x - 1));
        x = (x * 341) >>> 10;
        return x;
    }

    /** cbrt(x << 18) − 1 for x in 0..63 (tcp_cubic.c, "refined by hand"). */
    private static final int[] CUBE_ROOT_TABLE = {
        0, 54, 54, 54, 118, 118, 118, 118,
        123, 129, 134, 138, 143, 147, 151, 156,
        157, 161, 164, 168, 170, 173, 176, 179,
        181, 185, 187, 190, 192, 194, 197, 199,
        200, 202, 204, 206, 209, 211, 213, 215,
        217, 219, 221, 222, 224, 225, 227, 229,
        231, 232, 234, 236, 237, 239, 240, 242,
        244, 245, 246, 248, 250, 251, 252, 254,
    };
}
