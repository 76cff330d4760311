package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.trace.SackBlock;
import org.junit.jupiter.api.Test;

/**
 * The ssthresh and degree of reordering a host's TCP metrics keep for a peer (Linux net/ipv4/tcp_metrics.c, 6.18:
 * tcp_update_metrics, tcp_init_metrics), with the numbers `ip tcp_metrics show` gave in
 * tools/linux-captures/runs/metrics-s136 and metrics-s142 (docs/linux-captures.md §136, §142).
 */
class KeptCongestionTest {
    private static final SocketAddress PEER = new SocketAddress("10.0.0.1", 40_000);
    private static final int MSS = 1000;
    private static final int NO_SSTHRESH = Integer.MAX_VALUE;

    @Test
    void theSsthreshIsKeptOnlyWithTcpNoSsthreshMetricsSave0_linuxTcpUpdateMetrics() {
        // metrics-s136/ssthresh-kept: the server ends in congestion avoidance, in TCP_CA_Open, with ssthresh 26
        // (cwnd 28: `cwnd 14` is the kept window, half of it): max(cwnd / 2, ssthresh) = 26. metrics-s136/ssthresh,
        // the same at the default tcp_no_ssthresh_metrics_save=1: no ssthresh.
        Host saving = host(false);
        saving.congestionEnded(PEER, 28, 26, true, 3);
        assertEquals(new KeptCongestion(26, 0), saving.keptCongestion(PEER));
        Host byDefault = host(true);
        byDefault.congestionEnded(PEER, 28, 26, true, 3);
        assertEquals(KeptCongestion.NONE, byDefault.keptCongestion(PEER));
    }

    @Test
    void theDegreeOfReorderingIsKept_onlyWhenTheConnectionEndsInSlowStartAfterALossOrInRecovery_linuxTcpUpdateMetrics() {
        // metrics-s136/reordering: the server ends in its initial slow start (cwnd 193, no ssthresh): nothing kept.
        Host host = host(true);
        host.congestionEnded(PEER, 193, NO_SSTHRESH, true, 40);
        assertEquals(KeptCongestion.NONE, host.keptCongestion(PEER));
        // In congestion avoidance in TCP_CA_Open the reordering is not looked at either.
        host.congestionEnded(PEER, 60, 45, true, 40);
        assertEquals(KeptCongestion.NONE, host.keptCongestion(PEER));
        // metrics-s142/reorder-rto: its last segment and the loss probe's copy lost, the server's RTO leaves it in slow
        // start (cwnd 2 below ssthresh) at the close: `reordering 62`.
        host.congestionEnded(PEER, 2, 45, true, 62);
        assertEquals(new KeptCongestion(0, 62), host.keptCongestion(PEER));
        // A smaller degree, or tcp_reordering's 3, leaves it; in recovery a larger one replaces it.
        host.congestionEnded(PEER, 2, 45, true, 30);
        host.congestionEnded(PEER, 2, 45, true, 3);
        assertEquals(62, host.keptCongestion(PEER).reordering());
        host.congestionEnded(PEER, 50, 45, false, 70);
        assertEquals(70, host.keptCongestion(PEER).reordering());
    }

    @Test
    void afterALoss_aKeptSsthreshOnlyRises_andANewEntryGetsNone_linuxTcpUpdateMetrics() {
        // metrics-s142/reorder-rto-ssthresh: tcp_no_ssthresh_metrics_save=0, yet after connection 1 (slow start after
        // its RTO) `reordering 48` and no ssthresh: that branch raises a kept one, it does not make one.
        Host host = host(false);
        host.congestionEnded(PEER, 2, 45, true, 48);
        assertEquals(new KeptCongestion(0, 48), host.keptCongestion(PEER));
        // metrics-s142/ssthresh-rto: ssthresh 25 kept from a recovery; the next connection ends after an RTO with a
        // lower ssthresh: 25 stays. A higher one would replace it.
        Host other = host(false);
        other.congestionEnded(PEER, 26, 25, true, 3);
        other.congestionEnded(PEER, 2, 12, true, 3);
        assertEquals(new KeptCongestion(25, 0), other.keptCongestion(PEER));
        other.congestionEnded(PEER, 2, 30, true, 3);
        assertEquals(30, other.keptCongestion(PEER).ssthresh());
    }

    @Test
    void tcpNoMetricsSave_keepsNoSsthreshOrReorderingEither() {
        Host host = host(Profile.LINUX.defaults().toBuilder().noMetricsSave(true).noSsthreshMetricsSave(false).build());
        host.congestionEnded(PEER, 28, 26, true, 3);
        host.congestionEnded(PEER, 2, 45, true, 62);
        assertEquals(KeptCongestion.NONE, host.keptCongestion(PEER));
    }

    @Test
    void aKeptSsthreshEndsTheNextConnectionsSlowStartThere_linuxTcpInitMetrics() {
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        env.keptCongestion = new KeptCongestion(10, 0);
        TcpConnection connection = env.sackClientEstablishedAt50(MSS);
        connection.send(14 * MSS, SendFlags.NONE);
        assertEquals(10, env.takeSent().size(), "the initial window");
        env.now = 100;
        connection.segmentArrives(new Segment(B, A, 301, 101 + 2 * MSS, Flags.ACK, 0, 64_000));
        assertEquals(Rules.CONGESTION_AVOIDANCE, env.lastSentWhy.rule(), "cwnd 10 is at the kept ssthresh of 10");
    }

    @Test
    void aKeptDegreeOfReordering_keepsRacksReorderingWindowWhileFewerAreSacked_linuxTcpInitMetrics_tcpRackReoWnd() {
        // metrics-s142/reorder-rto, connection 2: 12 segments SACKed behind the lost one, fewer than the kept 62: the
        // copy waits for RACK's reordering timer (11.6 ms after the first duplicate ACK); without the cache
        // (reorder-rto-nosave) it goes on the third duplicate ACK.
        assertTrue(sentAtOnceOnFourSacked(KeptCongestion.NONE), "tcp_reordering's 3: the copy at once");
        assertTrue(!sentAtOnceOnFourSacked(new KeptCongestion(0, 62)), "a kept 62: the reordering timer");
    }

    /** S1 to S5 sent at 50 ms, S1 lost; whether the ACK at 100 ms that SACKs S2 to S5 sends S1 again at once. */
    private static boolean sentAtOnceOnFourSacked(KeptCongestion kept) {
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        env.keptCongestion = kept;
        TcpConnection connection = env.sackClientEstablishedAt50(MSS);
        connection.send(5 * MSS, SendFlags.NONE);
        env.takeSent();
        env.now = 100;
        connection.segmentArrives(new Segment(B, A, 301, 101, Flags.ACK, 0, 64_000,
                new TcpOptions(null, false, null, null, List.of(new SackBlock(101 + MSS, 101 + 5 * MSS))), 0));
        boolean again = env.takeSent().stream().anyMatch(segment -> segment.len() > 0 && segment.seq() == 101);
        assertEquals(!again, env.timers.containsKey(TimerKind.REORDER));
        return again;
    }

    private static Host host(boolean noSsthreshMetricsSave) {
        return host(Profile.LINUX.defaults().toBuilder().noSsthreshMetricsSave(noSsthreshMetricsSave).build());
    }

    private static Host host(TcpParams params) {
        Network network = new Network(Profile.LINUX, params, 1, new TraceLog(Limits.API.maxSegments(), Limits.API.maxSteps()), 100_000);
        return network.addHost("server", new SocketAddress("10.0.0.2", 7000), now -> 1_000);
    }
}
