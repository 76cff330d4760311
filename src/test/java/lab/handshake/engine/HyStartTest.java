package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CUBIC's HyStart (net/ipv4/tcp_cubic.c, Linux 6.18: cubictcp_acked → hystart_update, bictcp_hystart_reset,
 * hystart_ack_delay), which ends slow start by setting ssthresh to the window: the ACK train and the delay detection,
 * their thresholds with the kernel's clamps, the round's start and the low window of 16 segments. Each ACK here carries
 * a round-trip sample; the connection starts at 0 ms with SND.NXT 1, so the first ACK of data (SND.UNA 1449) is beyond
 * the first round's end and starts a round whose end is SND.NXT then, 100000, which the ACKs below stay under.
 */
class HyStartTest {
    private static final int MSS = 1448;
    private static final int ROUND_END = 100_000;

    /** Whether the ACK at {@code now}, with SND.UNA {@code sndUna} and a sample of {@code rttMs}, ends slow start. */
    private static boolean ack(Cubic cubic, long now, int rttMs, int cwnd, int sndUna, int sndNxt) {
        return cubic.endsSlowStart(rttMs, cwnd, true, sndUna, sndNxt, now);
    }

    /** The first time (ms) an ACK every {@code everyMs} from {@code from} to {@code to} ends slow start; -1 if none. */
    private static long firstExit(Cubic cubic, long from, long to, long everyMs, int rttMs, int cwnd, int firstUna, int sndNxt) {
        int sndUna = firstUna;
        for (long now = from; now <= to; now += everyMs) {
            if (ack(cubic, now, rttMs, cwnd, sndUna, sndNxt)) {
                return now;
            }
            sndUna += 100;
        }
        return -1;
    }

    @Test
    void anAckTrain_endsSlowStart_onceItLastsMoreThanHalfOfDelayMinPlusTheAckDelay_hystartUpdateAckTrain() {
        Cubic cubic = new Cubic();
        cubic.started(0, 1);
        // tcp_update_pacing_rate after an ACK of a window of 20 in slow start, srtt 101 ms:
        // 1448 × 10^6 × 200 % × 20 / 101000 µs = 573465 bytes/s, so hystart_ack_delay = min(1000 µs,
        // 65536 × 4 × 10^6 / 573465 = 457121 µs) = 1000 µs. The threshold: (delay_min + 1000) / 2 =
        // (101000 + 1000) / 2 = 51000 µs (SK_PACING_NONE halves it).
        cubic.paced(20, Integer.MAX_VALUE, 20, MSS, 101_000);
        // A round starts at the ACK of 101 ms; ACKs every 1 ms (within hystart_ack_delta_us, 2 ms) keep the train: at
        // 152 ms it has lasted 51000 µs, not more than the threshold; at 153 ms, 52000 µs is. Without the ACK delay the
        // threshold would be 50500 µs and 152 ms would end it.
        assertEquals(153, firstExit(cubic, 101, 200, 1, 101, 20, 1449, ROUND_END));
    }

    @Test
    void aGapOfMoreThanTwoMilliseconds_endsTheTrainForTheRound_theNextRoundStartsAnother_bictcpHystartReset() {
        Cubic cubic = new Cubic();
        cubic.started(0, 1);
        // No rate yet: hystart_ack_delay is 0 and the threshold 100000 / 2 = 50000 µs. The round starts at 100 ms; ACKs
        // every 2 ms to 120 ms, then one at 123 ms: 3 ms after the last, so last_ack stays at 120 ms and every later ACK
        // of the round is more than 2 ms from it. The round lasts until SND.UNA passes 100000.
        assertEquals(-1, firstExit(cubic, 100, 120, 2, 100, 20, 1449, ROUND_END));
        assertEquals(-1, firstExit(cubic, 123, 199, 1, 100, 20, 5000, ROUND_END));
        // The next round begins at the ACK beyond 100000 (200 ms; its end, SND.NXT then, 200000); its train of ACKs
        // every 1 ms lasts 51000 µs > 50000 µs at 251 ms.
        assertEquals(251, firstExit(cubic, 200, 300, 1, 100, 20, ROUND_END + 1, 200_000));
    }

    @Test
    void belowSixteenSegments_hyStartDoesNotLook_hystartLowWindow() {
        Cubic cubic = new Cubic();
        cubic.started(0, 1);
        // A window of 15: the train of the first round (100 to 199 ms) would have ended slow start at 151 ms.
        assertEquals(-1, firstExit(cubic, 100, 199, 1, 100, 15, 1449, ROUND_END));
        // At 16 (hystart_low_window) the next round's train does, 51000 µs after it began at 200 ms.
        assertEquals(251, firstExit(cubic, 200, 300, 1, 100, 16, ROUND_END + 1, 200_000));
    }

    @ParameterizedTest(name = "delay_min {0} ms: a round at {1} ms goes on, one at {2} ms ends slow start")
    @CsvSource({
        // delay_min / 8 = 2.5 ms, clamped up to HYSTART_DELAY_MIN, 4 ms: threshold 24 ms.
        "20, 24, 25",
        // 100 / 8 = 12.5 ms, within the clamp: threshold 112.5 ms.
        "100, 112, 113",
        // 200 / 8 = 25 ms, clamped down to HYSTART_DELAY_MAX, 16 ms: threshold 216 ms.
        "200, 216, 217"})
    void aRoundWhoseSmallestRoundTripIsAboveDelayMinByItsClampedEighth_endsSlowStartAtItsNinthSample_hystartUpdateDelay(
            int delayMin, int below, int above) {
        // The first round's samples (ACKs 5 ms apart: no train) set delay_min; the second round's are all larger. Its
        // first eight samples only count (HYSTART_MIN_SAMPLES); the ninth compares the round's smallest.
        Cubic staying = new Cubic();
        staying.started(0, 1);
        assertEquals(-1, firstExit(staying, delayMin, delayMin + 95, 5, delayMin, 20, 1449, ROUND_END));
        assertEquals(-1, firstExit(staying, 400, 600, 5, below, 20, ROUND_END + 1, 200_000));

        Cubic leaving = new Cubic();
        leaving.started(0, 1);
        assertEquals(-1, firstExit(leaving, delayMin, delayMin + 95, 5, delayMin, 20, 1449, ROUND_END));
        assertEquals(400 + 8 * 5, firstExit(leaving, 400, 600, 5, above, 20, ROUND_END + 1, 200_000));
    }

    @Test
    void theSampleThatEndsSlowStart_makesSsthreshTheWindow_andTheSameAckGrowsItInCongestionAvoidance_cubictcpCongAvoid() {
        CongestionWindow window = new CongestionWindow(Profile.LINUX);
        window.start(MSS, 0, 1);
        // The first round (from the ACK of 101 ms, until SND.UNA passes 100000): slow start from 10 to 20 segments, the
        // flight full, each ACK of one segment adding one (tcp_slow_start), ACKs 1 ms apart, every sample 100 ms. Its
        // train never counts: below 16 segments last_ack stays at the round's start, and at 16 (107 ms) it is 6 ms old.
        long now = 101;
        int sndUna = 1449;
        while (window.bytes() < 20 * MSS) {
            ackOne(window, now++, sndUna, ROUND_END);
            sndUna += 100;
        }
        assertEquals(Integer.MAX_VALUE, window.ssthresh(), "no exit in the first round");
        // The second round starts at the ACK of 201 ms, the first beyond 100000. Its ACKs every 1 ms: the ACK delay is
        // 1000 µs (the rate, 1448 × 10^6 × 200 % × cwnd / 100000 µs, stays far below 65536 × 4 × 10^6 / 1000 µs), the
        // threshold (100000 + 1000) / 2 = 50500 µs, passed at 252 ms (51000 µs), when the window before that ACK's
        // growth is 20 + (252 − 201) = 71 segments.
        now = 201;
        sndUna = ROUND_END + 1;
        while (window.ssthresh() == Integer.MAX_VALUE && now < 300) {
            ackOne(window, now++, sndUna, 2 * ROUND_END);
            sndUna += 100;
        }
        assertEquals(253, now, "the ACK of 252 ms ended it");
        assertEquals(71 * MSS, window.ssthresh(), "ssthresh = the window before this ACK's growth");
        // That ACK grew the window in congestion avoidance, not slow start: a new epoch with W_max 0, its target the
        // window itself (t = usecs_to_jiffies(100 ms) = 25 jiffies, 25 × 1024 / 250 = 102, 410 × 102³ >> 40 = 0
        // segments beyond origin), cnt 100 × 71 capped at 20 (bictcp_update: "last_max_cwnd == 0"): one segment
        // acknowledged of 20, no growth. Slow start would have made it 72.
        assertEquals(71 * MSS, window.bytes());
    }

    /**
     * One segment sent with the flight full, then its ACK at {@code now} with SND.NXT {@code sndNxt}: its 100 ms sample,
     * then the window's growth.
     */
    private static void ackOne(CongestionWindow window, long now, int sndUna, int sndNxt) {
        window.sent(now, MSS, window.bytes(), window.bytes() / MSS, MSS);
        window.sampled(100, sndUna, sndNxt, now);
        window.acked(sndUna, MSS, 1, MSS, now, 100, 100_000, 100_000, window.bytes() / MSS);
    }
}
