package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The congestion window after a loss found without the retransmission timer, in ESTABLISHED: fast recovery's ssthresh,
 * Proportional Rate Reduction while it lasts (RFC 6937 §3; Linux tcp_cwnd_reduction), the window at its end (Linux
 * tcp_end_cwnd_reduction), and congestion avoidance after it (RFC 5681 §3.1; Linux CUBIC, tcp_cubic.c bictcp_update
 * and tcp_cong_avoid_ai). The linux numbers are the kernel's in the download-one-loss-defaults capture
 * (docs/linux-captures.md §43): a window of 29 segments when RACK found the 20th segment lost, its 3rd SACK.
 */
class FastRecoveryTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MSS = 1448;

    /** A linux window grown in slow start to {@code segments}, every flight full. */
    private static CongestionWindow linuxWindowOf(int segments) {
        CongestionWindow window = new CongestionWindow(Profile.LINUX);
        window.start(MSS, 0, 0);
        while (window.bytes() < segments * MSS) {
            window.sent(0, MSS, window.bytes(), window.bytes() / MSS, MSS);
            window.acked(0, MSS, 1, MSS, 0, 100);
        }
        return window;
    }

    /** The segments the window lets leave after PRR set it for an ACK, the flight before them given. */
    private static int sendAfterReduce(CongestionWindow window, int flight, int now) {
        int sent = 0;
        while (window.room(flight * MSS, flight, MSS) > 0) {
            flight++;
            sent++;
            window.sent(now, MSS, flight * MSS, flight, MSS);
        }
        return sent;
    }

    @Nested
    class Established {
        @Test
        void lossFoundBySack_lowersSsthreshTo717Of1024OfTheWindow_linuxCubictcpRecalcSsthresh() {
            CongestionWindow window = linuxWindowOf(29);

            window.enterRecovery(100_000, 27 * MSS, MSS, false);

            // 29 × 717 / 1024 = 20.3: twenty segments (download-one-loss-defaults: 20 in flight after recovery).
            assertEquals(20 * MSS, window.ssthresh());
            assertTrue(window.inRecovery());
        }

        @Test
        void whileTheFlightIsAboveSsthresh_prrSendsSsthreshOverRecoverFsOfWhatIsDelivered_rfc6937Section3_linuxTcpCwndReduction() {
            CongestionWindow window = linuxWindowOf(29);
            window.enterRecovery(100_000, 27 * MSS, MSS, false);
            // The kernel's round 3: the SACK that found the loss (27 segments then in flight), then seven more SACKs of
            // one segment each. sndcnt = ceil(20 × prr_delivered / 29) - prr_out: 1 (the retransmission), then
            // ceil(40/29) - 1 = 1, ceil(60/29) - 2 = 1, ceil(80/29) - 3 = 0, ceil(100/29) - 3 = 1, ceil(120/29) - 4 = 1,
            // ceil(140/29) - 5 = 0, ceil(160/29) - 5 = 1.
            List<Integer> sent = new ArrayList<>();
            int flight = 27;
            for (int ack = 0; ack < 8; ack++) {
                window.reduce(MSS, 1, false, flight * MSS, flight, MSS);
                int now = sendAfterReduce(window, flight, 0);
                sent.add(now);
                flight += now - 1; // the next SACK takes one segment out of the flight
            }

            assertEquals(List.of(1, 1, 1, 0, 1, 1, 0, 1), sent, "the retransmission, then 5 of the next 7 ACKs' worth");
        }

        @Test
        void atOrBelowSsthresh_prrGrowsTheFlightBackToSsthreshByWhatIsDelivered_rfc6937Section3PrrSsrb() {
            CongestionWindow window = linuxWindowOf(10);
            window.enterRecovery(100_000, 10 * MSS, MSS, false);
            // ssthresh 7; a flight of 3 after more losses: an ACK that delivered 1 and moved SND.UNA lets
            // min(7 - 3, max(1 - 0, 1) + 1) = 2 go.
            window.reduce(MSS, 1, true, 3 * MSS, 3, MSS);

            assertEquals(5 * MSS, window.bytes());
        }

        @Test
        void recoveryEnds_whenTheRecoveryPointIsAcknowledged_withTheWindowAtSsthresh_rfc6937Section3_linuxTcpEndCwndReduction() {
            CongestionWindow window = linuxWindowOf(29);
            window.enterRecovery(100_000, 27 * MSS, MSS, false);
            window.reduce(MSS, 1, false, 27 * MSS, 27, MSS);

            window.acked(99_000, MSS, 1, MSS, 405, 100);
            assertTrue(window.inRecovery(), "an ACK below the recovery point: still recovering");
            window.acked(100_000, 0, 0, MSS, 405, 100);

            assertEquals(20 * MSS, window.ssthresh());
            assertEquals(20 * MSS, window.bytes(), "ssthresh, and an ACK of nothing new grows nothing");
        }

        @Test
        void afterRecovery_cubicGrowsAboutOneSegmentPerRoundTripTowardsTheOldWindow_linuxBictcpUpdate() {
            CongestionWindow window = linuxWindowOf(29);
            window.enterRecovery(100_000, 27 * MSS, MSS, false);
            window.reduce(MSS, 1, false, 27 * MSS, 27, MSS);
            // The kernel's ACKs (download-one-loss-defaults), 100 ms round trips. At 405 ms the ACK that ends recovery
            // newly delivers 21 segments: W_max 29, K = cbrt(9 / 0.4) = 2.82 s, and at t = delay_min (25 jiffies,
            // 100 ms) the curve is at 29 - 0.4 × (2.82 - 0.1)³ = 21: cnt = 20 / (21 - 20) = 20, so 21 segments acknowledged
            // grow the window by one (tcp_cong_avoid_ai), 21; the next ACK, 5 segments, leaves it there.
            window.acked(100_000, 21 * MSS, 21, MSS, 405, 100);
            assertEquals(21 * MSS, window.bytes());
            window.acked(100_100, 5 * MSS, 5, MSS, 405, 100);
            assertEquals(21 * MSS, window.bytes());
            // At 506 ms the curve is at 22: cnt = 21; 2 and then 19 segments acknowledged: 22.
            window.acked(100_200, 2 * MSS, 2, MSS, 506, 100);
            window.acked(100_300, 19 * MSS, 19, MSS, 506, 100);
            assertEquals(22 * MSS, window.bytes());
            // At 607 ms the curve is at 23: cnt = 22; 22 segments acknowledged: 23.
            window.acked(100_400, 22 * MSS, 22, MSS, 607, 100);
            assertEquals(23 * MSS, window.bytes());
        }

        @Test
        void cubicRoot_isTheKernelsTableAndNewtonStep_withinAFewTenthsOfAPercent_linuxCubicRoot() {
            // 9 segments below W_max: 9 × 2^40 / 410 = 2.41e10 in the kernel's units, whose cube root is 2889.9.
            long k = Cubic.cubicRoot(9L * ((1L << 40) / 410));
            assertTrue(Math.abs(k - 2889.9) / 2889.9 < 0.003, "K = " + k);
            assertEquals(1, Cubic.cubicRoot(1));
        }

        @Test
        void rfc9293_aboveSsthresh_eachAckAddsSmssSquaredOverCwnd_rfc5681Section3_1Equation3() {
            CongestionWindow window = new CongestionWindow(Profile.RFC9293);
            window.start(1460, 0, 0);
            window.timedOut(true, 20 * 1460, 1460, 0, 0);
            // ssthresh 10 segments: nine ACKs of a segment each reach it in slow start; the tenth adds
            // 1460 × 1460 / 14600 = 146 bytes, the eleventh 1460 × 1460 / 14746 = 144.
            for (int ack = 0; ack < 11; ack++) {
                window.sent(0, 1460, window.bytes(), window.bytes() / 1460, 1460);
                window.acked(0, 1460, 1, 1460, 0, 100);
            }

            assertEquals(14600 + 146 + 144, window.bytes());
        }

        @Test
        void linux_aDownloadThatLosesItsTwentiethSegment_sendsTheKernelsRounds_rfc6937_rfc9438() throws IOException {
            // The capture's own file. 10 and 20 segments of slow start; round 3 the 26 of §43 (16 + 4 while the
            // SACKs come, the retransmission, 5 by PRR); after recovery 20 + 1 (CUBIC), then 22 (the rest).
            ScenarioSpec spec = YAML.readValue(
                    Path.of("src", "test", "resources", "captures", "linux", "download-one-loss-defaults.yaml").toFile(),
                    ScenarioSpec.class);
            Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);

            assertEquals(List.of(10, 20, 26, 21, 22), List.copyOf(CongestionWindowTest.flights(trace, "server").values()));
            // Each sending step names its phase: PRR's five new segments in recovery, then avoidance's.
            assertEquals(5, sendsCiting(trace, Rules.FAST_RECOVERY), "new data sent in fast recovery");
            assertTrue(sendsCiting(trace, Rules.CONGESTION_AVOIDANCE) > 0, "new data sent in congestion avoidance");
        }

        @Test
        void linuxWithoutSack_aDownloadThatLosesItsTwentiethSegment_recoversFromDuplicateAcksInTheKernelsRounds_rfc6582_linuxTcpAddRenoSack()
                throws IOException {
            // The capture's own file (docs/linux-captures.md §46), SACK off. Round 3, cwnd 20 → 29 by the nine ACKs
            // before the hole (18 new segments); then ten duplicate ACKs, each counted as a segment that left the
            // network (tcp_add_reno_sack): the 1st and 2nd let one new segment go each (flight 28 < cwnd 29), the 3rd
            // marks the hole lost and starts recovery (ssthresh 29 × 717 / 1024 = 20); PRR lets go, for duplicates
            // 3 to 10, ceil(20 × d / 29) - prr_out = 1 (the retransmission), 1, 1, 0, 1, 1, 0, 1: 26 in all.
            // Round 4: twenty more duplicates, prr_delivered 9 … 28, bring PRR to ceil(20 × 28 / 29) = 20 sent, 14
            // of them new; the ACK of the recovery point (K+72401) holds recovery (no SACK) and, the flight 19 at
            // ssthresh 20, lets 1 go; the next ends it at cwnd 20: 5 more, 20 in all. Then 22 (CUBIC), and the last.
            ScenarioSpec spec = YAML.readValue(
                    Path.of("src", "test", "resources", "captures", "linux", "download-one-loss-no-sack.yaml").toFile(),
                    ScenarioSpec.class);
            Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);

            assertEquals(List.of(10, 20, 26, 20, 22, 1), List.copyOf(CongestionWindowTest.flights(trace, "server").values()));
            assertEquals(2, sendsCiting(trace, Rules.DUPLICATE_ACK_SENDS), "one new segment for each of the first two duplicates");
            assertEquals(1, sendsCiting(trace, Rules.FAST_RETRANSMIT), "the hole sent again once, at the third duplicate ACK");
            assertEquals(20, sendsCiting(trace, Rules.FAST_RECOVERY), "new data sent in fast recovery: 5, 14, and 1 at the recovery point");
        }

        private static long sendsCiting(Trace trace, String rule) {
            return trace.steps().stream().filter(step -> step.endpoint().equals("server") && rule.equals(step.rule())).count();
        }
    }
}
