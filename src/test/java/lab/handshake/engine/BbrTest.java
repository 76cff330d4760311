package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BBR's congestion window, Linux 6.18 net/ipv4/tcp_bbr.c with tcp_rate.c's delivery-rate samples ({@link Bbr}), as
 * a {@link CongestionWindow} of the {@code linux} profile runs it when its host chose {@code bbr}
 * (net.ipv4.tcp_congestion_control). Windows in packets; times in the engine's ms.
 */
class BbrTest {
    private static final int VETH_MSS = 1448;
    private static final int LOOPBACK_MSS = 65_483;

    /** A sender: its window, what it sent and not yet had acknowledged (end sequence numbers), SND.NXT. */
    private static final class Sender {
        final CongestionWindow window;
        final int mss;
        final List<Integer> flight = new ArrayList<>();
        int sndNxt = 1_000;
        final long minRttUs;

        Sender(CongestionControl control, int mss, long minRttUs) {
            this.window = new CongestionWindow(Profile.LINUX, control);
            this.mss = mss;
            this.minRttUs = minRttUs;
            window.start(mss, 0, 0);
        }

        void send(long now, int packets) {
            for (int i = 0; i < packets; i++) {
                sndNxt += mss;
                flight.add(sndNxt);
                window.sent(now, sndNxt, mss, flight.size() * mss, flight.size(), mss);
            }
        }

        /** The ACK of the oldest packet in flight. */
        void ackOne(long now) {
            int ack = flight.remove(0);
            window.acked(ack, mss, 1, mss, now, (int) (minRttUs / 1000), minRttUs, minRttUs, flight.size());
        }

        int cwnd() {
            return window.bytes() / mss;
        }
    }

    /**
     * §48's veth observation (ss -i: cwnd 10 after the handshake, 12 after two one-segment answers, each acknowledged
     * alone). bbr_set_cwnd: in STARTUP cwnd + acked while cwnd is below the target or tp->delivered is below
     * TCP_INIT_CWND, with no tcp_is_cwnd_limited gate. At a round trip below the engine's millisecond the bandwidth
     * is unmeasured (every sample's interval 0), so the target is bbr_quantization_budget's alone: the pacing rate
     * from bbr_init_pacing_rate_from_rtt (2.885 × 10 packets over at least 1 µs) asks TSO packets of the most
     * 65,215 bytes take, 65,215 / 1448 = 45 segments; 3 × 45 = 135, rounded up to even 136. CUBIC keeps 10: a flight
     * of one is far below half the window (tcp_is_cwnd_limited: cwnd < 2 × max_packets_out).
     */
    @Test
    void startupGrowsByEveryPacketAcked_whateverTheFlight_bbrSetCwnd() {
        Sender bbr = new Sender(CongestionControl.BBR, VETH_MSS, 0);
        Sender cubic = new Sender(CongestionControl.CUBIC, VETH_MSS, 0);
        for (Sender sender : List.of(bbr, cubic)) {
            for (int answer = 0; answer < 2; answer++) {
                sender.send(5, 1);
                sender.ackOne(5);
            }
        }
        assertEquals(12, bbr.cwnd());
        assertEquals(10, cubic.cwnd());
        assertEquals(Bbr.Mode.STARTUP, bbr.window.bbr().mode());
        assertEquals(45, bbr.window.bbr().tsoSegsGoal(VETH_MSS));
        assertEquals(136, bbr.window.bbr().target(VETH_MSS, 0));
        assertNull(cubic.window.bbr());
    }

    /**
     * The same rule's other half: once tp->delivered reaches TCP_INIT_CWND the window grows only below the target.
     * With loopback's MSS of 65,483 a TSO packet is bbr_min_tso_segs' 2 segments (65,215 / 65,483 = 0), so the target
     * is 3 × 2 = 6 (bbr_bdp: 0 with no valid bandwidth sample). tp->delivered starts at 1 (the SYN,ACK, counted in
     * tcp_rcv_state_process): the ACKs of the first 8 packets bring it to 9 and the window from 10 to 18; the 9th
     * brings it to 10, and 18 is not below 6, so 18 stays.
     */
    @Test
    void startupStopsBelowTheTarget_onceTenPacketsWereDelivered_bbrSetCwnd() {
        Sender sender = new Sender(CongestionControl.BBR, LOOPBACK_MSS, 0);
        sender.send(5, 10);
        List<Integer> windows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sender.ackOne(5);
            windows.add(sender.cwnd());
        }
        assertEquals(List.of(11, 12, 13, 14, 15, 16, 17, 18, 18, 18), windows);
        assertEquals(6, sender.window.bbr().target(LOOPBACK_MSS, 0));
    }

    /**
     * A 100 ms path, 10 packets a round sent together and acknowledged one by one 100 ms later (tcp_rate.c: each
     * sample is the packets delivered since the acknowledged one was sent over max(send phase 0, ACK phase 100 ms),
     * so a round's largest is 10 / 100 ms: bw = 10 × 2^24 / 100,000 = 1677 packets/µs << 24). Rounds
     * (bbr_update_bw) start with the first ACK of each flight. bbr_check_full_bw_reached at each round's start: round
     * 1 sees only its first sample (1 packet, bw 167), full_bw 167; round 2 sees 1677 ≥ 1.25 × 167, full_bw 1677;
     * rounds 3, 4 and 5 see 1677 < 1.25 × 1677: counts 1, 2, 3, full bandwidth reached at round 5's first ACK. Then
     * DRAIN (bbr_check_drain), left at once, as the 9 packets in flight are at most bbr_inflight(bw, 1) =
     * ceil(1677 × 100,000 / 2^24) = 10, plus 3 × 2 (STARTUP's pacing rate, bbr_rate_bytes_per_sec:
     * 1677 × 1448 × 2.885 × 990,000 >> 24 = 413,638 bytes/s, 403 bytes a ms, below a segment, so bbr_min_tso_segs'
     * 2) = 16: PROBE_BW. Windows: STARTUP's target is ceil(9.9957 × 2.885) = 29, plus 6, 35, even 36 (while round
     * 1's samples are smaller it is smaller, but tp->delivered is below 10 there): 20 after round 1, 30 after round
     * 2, 36 from the 6th ACK of round 3 (no growth at the target), 36 through round 4. At round 5's first ACK
     * PROBE_BW paces at the bandwidth (gain 1: 143,290 bytes/s, below bbr_min_tso_rate's 150,000, so TSO packets of
     * 1 segment) and its cwnd gain 2 makes the target 20 + 3 = 23, even 24: the window min(36 + 1, 24) = 24
     * (bbr_set_cwnd once the pipe is full).
     */
    @Test
    void fullBandwidthAfterThreeRoundsWithoutGrowth_thenDrainAndProbeBwCutTheWindowToTwoBdps_bbrCheckFullBwReached() {
        Sender sender = new Sender(CongestionControl.BBR, VETH_MSS, 100_000);
        List<Integer> afterRound = new ArrayList<>();
        List<Bbr.Mode> modes = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long sentAt = 100L * round;
            sender.send(sentAt, 10);
            for (int i = 0; i < 10; i++) {
                sender.ackOne(sentAt + 100);
            }
            afterRound.add(sender.cwnd());
            modes.add(sender.window.bbr().mode());
        }
        assertEquals(List.of(20, 30, 36, 36, 24), afterRound);
        assertEquals(List.of(Bbr.Mode.STARTUP, Bbr.Mode.STARTUP, Bbr.Mode.STARTUP, Bbr.Mode.STARTUP, Bbr.Mode.PROBE_BW), modes);
        assertEquals(1677, sender.window.bbr().maxBw());
        assertEquals(143_290, sender.window.bbr().pacingRate());
    }

    /**
     * An exchange of small requests and answers (docs/linux-captures.md §92: ssh's key exchange before scp sends a
     * file over IPv6 veth, under BBR): each write finds nothing unsent and the window far from full
     * (tcp_sendmsg_locked → tcp_rate_check_app_limited), so the packet it sends is application-limited
     * (tcp_rate_skb_sent), and its sample, the same bandwidth round after round, neither lowers the filter
     * (bbr_update_bw) nor counts towards the pipe being full (bbr_check_full_bw_reached returns on
     * rs->is_app_limited). BBR stays in STARTUP and its window grows by every packet acknowledged: 10 + 5. Counting
     * those rounds, as the engine did, ended STARTUP after the third without growth and cut the window to PROBE_BW's
     * target (the kernel's client then sent 23 segments at once, which a window of 6 could not).
     */
    @Test
    void roundsTheApplicationLeftShort_doNotEndStartup_tcpRateCheckAppLimited() {
        Sender sender = new Sender(CongestionControl.BBR, VETH_MSS, 100_000);
        for (int round = 0; round < 5; round++) {
            long sentAt = 200L * round;
            sender.window.applicationWrites(0, VETH_MSS, sender.flight.size());
            sender.send(sentAt, 1);
            sender.ackOne(sentAt + 100);
        }
        assertEquals(Bbr.Mode.STARTUP, sender.window.bbr().mode());
        assertEquals(15, sender.cwnd());
    }

    /** The window of a host that chose BBR does not restart after idle: tcp_slow_start_after_idle_check returns for a cong_control module. */
    @Test
    void noRestartAfterIdle_tcpSlowStartAfterIdleCheck() {
        Sender bbr = new Sender(CongestionControl.BBR, VETH_MSS, 0);
        Sender cubic = new Sender(CongestionControl.CUBIC, VETH_MSS, 0);
        for (Sender sender : List.of(bbr, cubic)) {
            sender.send(5, 10);
            for (int i = 0; i < 10; i++) {
                sender.ackOne(5);
            }
            sender.window.restartIfIdle(5_000, 200, VETH_MSS);
        }
        assertEquals(20, bbr.cwnd());
        assertEquals(10, cubic.cwnd());
    }

    /** RFC 9293 asks for RFC 5681 (§3.8.2, MUST-19) whichever congestion control the host chose. */
    @Test
    void rfc9293IgnoresTheChoice() {
        assertNull(new CongestionWindow(Profile.RFC9293, CongestionControl.BBR).bbr());
    }
}
