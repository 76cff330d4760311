package lab.handshake.engine;

/**
 * A connection's smoothed round-trip time and the retransmission timeout it gives, from one sample per ACK
 * (RFC 6298 §2). The rfc9293 profile computes RFC 6298's formulas in whole milliseconds: RTO = SRTT + 4 × RTTVAR, at
 * least the tunable minimum (1 s). Linux ({@link Profile#estimatesRoundTripAsLinux()}) runs tcp_rtt_estimator() and
 * __tcp_set_rto() (net/ipv4/tcp_input.c) in microseconds: SRTT as RFC 6298; its mean deviation (mdev, four times
 * RTTVAR's scale) falls with a small error only an eighth as fast as it rises; the variance term of the RTO is the
 * largest deviation of the current round of data (mdev_max, at least TCP_RTO_MIN, the tunable minimum: 200 ms),
 * decaying a quarter of the way to it at each round's end (the ACK of what was sent when the round began); and the
 * RTO, SRTT plus that term, is rounded up to whole 4 ms ticks (usecs_to_jiffies at HZ=250). A first sample of 100 ms
 * thus gives 100 + max(2 × 100, 200) = 300 ms in both. Both are bounded by the tunable maximum.
 */
final class RoundTripEstimator {
    private static final long TICK_US = 4_000;

    private final boolean linux;
    private final int minRtoMs;
    private final int maxRtoMs;
    private boolean measured;
    /** The smallest round trip measured (Linux tcp_min_rtt, from ca_rtt_us: the newest acknowledged segment's). */
    private int minRttMs = Integer.MAX_VALUE;
    /** rfc9293: SRTT and RTTVAR in ms. */
    private int srttMs;
    private int rttvarMs;
    /** Linux: srtt_us << 3, mdev_us, mdev_max_us, rttvar_us, and rtt_seq, where the current round ends. */
    private long srttUsTimes8;
    private long mdevUs;
    private long mdevMaxUs;
    private long rttvarUs;
    private int roundEndSeq;

    RoundTripEstimator(Profile profile, TcpParams params) {
        this.linux = profile.estimatesRoundTripAsLinux();
        this.minRtoMs = params.minRtoMs();
        this.maxRtoMs = params.maxRtoMs();
    }

    /** Whether a round trip has been measured. */
    boolean measured() {
        return measured;
    }

    /** The smoothed round-trip time in whole ms, -1 while none was measured. */
    int srttMs() {
        if (!measured) {
            return -1;
        }
        return linux ? (int) ((srttUsTimes8 >> 3) / 1_000) : srttMs;
    }

    /** The smoothed round-trip time in µs as Linux keeps it (srtt_us >> 3), whole ms for rfc9293; -1 while none was measured. */
    long srttUs() {
        if (!measured) {
            return -1;
        }
        return linux ? srttUsTimes8 >> 3 : srttMs * 1_000L;
    }

    /** The smoothed round-trip time in µs × 8 as Linux keeps it (srtt_us), 0 while none was measured. */
    long srttUsTimes8() {
        if (!measured) {
            return 0;
        }
        return linux ? srttUsTimes8 : srttMs * 8_000L;
    }

    /**
     * The RTO Linux tcp_init_metrics sets from a cached RTT ({@code cachedUs8}, srtt_us × 8) "like tcp_rtt_estimator()":
     * in ticks, crtt + max(2 × crtt, TCP_RTO_MIN); a cached 200.7 ms gives 50 + max(100, 50) ticks = 600 ms.
     */
    int rtoFromCached(long cachedUs8) {
        long crtt = cachedUs8 / (8 * TICK_US);
        long rtoMin = minRtoMs * 1_000L / TICK_US;
        return (int) Math.min((crtt + Math.max(2 * crtt, rtoMin)) * TICK_US / 1_000, maxRtoMs);
    }

    /** The smallest round trip measured, in ms; 0 while none was (the window RACK and CUBIC take from it). */
    int minRttMs() {
        return measured ? minRttMs : 0;
    }

    /**
     * Takes one round-trip sample of {@code sampleMs}, made by an ACK that moved SND.UNA to {@code sndUna} while
     * SND.NXT is {@code sndNxt} ({@code newestMs}, the newest acknowledged segment's round trip, for the smallest
     * seen), and returns the RTO it gives, in ms.
     */
    int sample(int sampleMs, int newestMs, int sndUna, int sndNxt) {
        minRttMs = Math.min(minRttMs, newestMs);
        if (linux) {
            sampleAsLinux(sampleMs * 1_000L, sndUna, sndNxt);
        } else {
            sampleAsRfc6298(sampleMs);
        }
        measured = true;
        return rtoMs();
    }

    private void sampleAsRfc6298(int sample) {
        if (!measured) {
            srttMs = sample;
            rttvarMs = sample / 2;
        } else {
            rttvarMs = (3 * rttvarMs + Math.abs(srttMs - sample)) / 4;
            srttMs = (7 * srttMs + sample) / 8;
        }
    }

    /** tcp_rtt_estimator(), line for line. */
    private void sampleAsLinux(long sampleUs, int sndUna, int sndNxt) {
        long minRtoUs = minRtoMs * 1_000L;
        if (measured) {
            long error = sampleUs - (srttUsTimes8 >> 3);
            srttUsTimes8 += error;
            long deviation;
            if (error < 0) {
                // A sample below the average moves the deviation down, and up only an eighth as fast as above it.
                deviation = -error - (mdevUs >> 2);
                if (deviation > 0) {
                    deviation >>= 3;
                }
            } else {
                deviation = error - (mdevUs >> 2);
            }
            mdevUs += deviation;
            if (mdevUs > mdevMaxUs) {
                mdevMaxUs = mdevUs;
                rttvarUs = Math.max(rttvarUs, mdevMaxUs);
            }
            if (Seq.gt(sndUna, roundEndSeq)) {
                if (mdevMaxUs < rttvarUs) {
                    rttvarUs -= (rttvarUs - mdevMaxUs) >> 2;
                }
                roundEndSeq = sndNxt;
                mdevMaxUs = minRtoUs;
            }
        } else {
            srttUsTimes8 = sampleUs << 3;
            mdevUs = sampleUs << 1;
            rttvarUs = Math.max(mdevUs, minRtoUs);
            mdevMaxUs = rttvarUs;
            roundEndSeq = sndNxt;
        }
        srttUsTimes8 = Math.max(1, srttUsTimes8);
    }

    private int rtoMs() {
        int rto;
        if (linux) {
            long us = (srttUsTimes8 >> 3) + rttvarUs;
            rto = (int) ((us + TICK_US - 1) / TICK_US * TICK_US / 1_000);
        } else {
            rto = Math.max(minRtoMs, srttMs + Math.max(1, 4 * rttvarMs));
        }
        return Math.min(rto, maxRtoMs);
    }
}
