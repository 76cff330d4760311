package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The smoothed round trip and the RTO, RFC 6298 §2 and Linux's tcp_rtt_estimator() / __tcp_set_rto()
 * (net/ipv4/tcp_input.c), held to the `ss -i` readings of two kernel captures (docs/linux-captures.md §53). Sequence
 * numbers are relative to the ISN; every number below is worked out by hand in microseconds as the kernel counts.
 */
class RoundTripEstimatorTest {
    private static RoundTripEstimator estimator(Profile profile) {
        return new RoundTripEstimator(profile, profile.defaults());
    }

    @Test
    void aFirstSample_givesSrttPlusTwiceIt_atLeastTheMinimumRto_rfc6298Section2_2() {
        // RFC 6298 (2.2) with (2.4): 100 + 4 × 50 = 300, raised to 1 s. Linux: rttvar_us = max(2 × 100, 200) ms.
        assertEquals(1_000, estimator(Profile.RFC9293).sample(100, 100, 1, 1));
        assertEquals(300, estimator(Profile.LINUX).sample(100, 100, 1, 1));
        // Loopback: a sample of 0 ms leaves only TCP_RTO_MIN.
        assertEquals(200, estimator(Profile.LINUX).sample(0, 0, 1, 1));
    }

    @Test
    void theLinuxRto_isRoundedUpToWholeTicks_linuxUsecsToJiffies() {
        // Capture rtt-sample-oldest-segment-defaults: the SYN's sample, then one ACK of two segments sent 150 ms apart,
        // whose sample is the older one's (the capture: 100.597 ms, then 250.4). Here 101 and 250:
        // srtt 101,000; mdev 202,000; rttvar 202,000. Error 149,000: srtt 101,000 + 149,000 / 8 = 119,625;
        // mdev 202,000 + 149,000 − 202,000 / 4 = 300,500, above mdev_max, so rttvar 300,500. RTO 420,125 µs, up to
        // the next 4 ms tick: 424 ms, as ss read (rto:424 rtt:119.321/75.172, mdev / 4 = 75.1 here).
        RoundTripEstimator linux = estimator(Profile.LINUX);
        assertEquals(304, linux.sample(101, 101, 1, 1));
        assertEquals(424, linux.sample(250, 250, 2897, 2897));
        assertEquals(119, linux.srttMs());
    }

    @Test
    void theLinuxVarianceTerm_isTheRoundsLargestDeviation_decayingAtTheRoundsEnd_linuxTcpRttEstimator() {
        // Capture zero-window-probe-give-up (the client): SYN sample 103 ms, three ACKs of one segment each at 103,
        // then the ACKs of two segments each at 145 and 164 (the capture: 102.645, then about 145 and 164).
        //   SYN: srtt 103,000; mdev = rttvar = mdev_max = 206,000; the round ends past SND.NXT 1.
        //   ACK 1461 (SND.NXT 7301): error 0, mdev 206,000 − 51,500 = 154,500; past 1: a round ends, rttvar stays
        //     (mdev_max is not below it), the next ends past 7301, mdev_max 200,000.
        //   ACK 2921, 4381: mdev 115,875, then 86,907.
        //   ACK 7301 at 145: error 42,000, srtt 108,250; mdev 86,907 + 42,000 − 21,726 = 107,181. Not past 7301.
        //   ACK 10221 at 164: error 55,750, srtt 115,218; mdev 136,136. Past 7301: mdev_max 200,000 is below rttvar,
        //     which falls by a quarter of the gap: 206,000 − 1,500 = 204,500. RTO 319,718 µs: 320 ms, as ss read
        //     (rto:320 rtt:113.921/33.835). RFC 6298's formula with Linux's 200 ms floor would give 315.
        RoundTripEstimator linux = estimator(Profile.LINUX);
        linux.sample(103, 103, 1, 1);
        linux.sample(103, 103, 1461, 7301);
        linux.sample(103, 103, 2921, 7301);
        linux.sample(103, 103, 4381, 7301);
        linux.sample(145, 145, 7301, 7301);
        assertEquals(320, linux.sample(164, 164, 10221, 10221));
        assertEquals(115, linux.srttMs());
    }

    @Test
    void rfc6298_smoothsWithAnEighthAndAQuarter_rfc6298Section2_3() {
        // SRTT 100, RTTVAR 50; then R' = 300: RTTVAR = 3/4 × 50 + 1/4 × 200 = 87, SRTT = 7/8 × 100 + 1/8 × 300 = 125;
        // RTO = 125 + 4 × 87 = 473, raised to 1 s. R' = 2,000: RTTVAR (261 + 1,875) / 4 = 534, SRTT (875 + 2,000) / 8 = 359,
        // RTO 359 + 2,136 = 2,495.
        RoundTripEstimator rfc = estimator(Profile.RFC9293);
        rfc.sample(100, 100, 1, 1);
        assertEquals(1_000, rfc.sample(300, 300, 2, 2));
        assertEquals(2_495, rfc.sample(2_000, 2_000, 3, 3));
        assertEquals(359, rfc.srttMs());
    }
}
