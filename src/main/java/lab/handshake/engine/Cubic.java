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
 * in whole milliseconds, turned into jiffies as the kernel does (usecs_to_jiffies, rounded up). Not modelled:
 * HyStart (which ends slow start early on a train of ACKs spread over half the smallest round trip or a round trip
 * 4–16 ms above it; no capture shows it), and the shift of the epoch when sending resumes after idle
 * (cubictcp_cwnd_event, CA_EVENT_TX_START).
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

    /** cubictcp_state(TCP_CA_Loss): bictcp_reset; tcp_enter_loss: snd_cwnd_cnt = 0. */
    @Override
    public void reset() {
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
