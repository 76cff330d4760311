package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The window's reduction after an ECE (RFC 3168 §6.1.2: "treated just as a congestion loss", at most once per window of
 * data) as Linux 6.18 makes it (net/ipv4/tcp_input.c: tcp_enter_cwr → tcp_init_cwnd_reduction, tcp_cwnd_reduction in
 * the CWR state, tcp_end_cwnd_reduction once an ACK passes high_seq; docs/linux-captures.md §146), held to the numbers
 * of runs/ecn-cwr-s146/relay-ce-25-server: a CUBIC sender at 42 segments in slow start takes an ECE on an ACK of 17
 * segments with 25 left in flight; ss -ti then shows cwnd 29 and ssthresh 29.
 */
class EcnReductionTest {
    private static final int MSS = 1448;
    /** SND.NXT when the ECE arrives (the capture's 107153, relative). */
    private static final int HIGH_SEQ = 100_000;

    /** The segments the window lets leave now, the flight before them given (each counted as PRR's prr_out). */
    private static int sendable(CongestionWindow window, int flight) {
        int sent = 0;
        while (window.room(flight * MSS, flight, MSS) > 0) {
            flight++;
            sent++;
            window.sent(0, MSS, flight * MSS, flight, MSS);
        }
        return sent;
    }

    /** A first burst of 20,000 bytes (ten segments) that no ACK answers, then the retransmission timer at 2 s; returns SND.NXT. */
    private static int burstThenTimeout(FakeEnvironment env, TcpConnection a) {
        a.send(20_000, SendFlags.NONE);
        List<Segment> burst = env.takeSent();
        env.now = 2_000;
        env.timers.clear();
        a.timerFires(TimerKind.RETRANSMISSION);
        return burst.get(burst.size() - 1).seq() + burst.get(burst.size() - 1).len();
    }

    @Test
    void anEce_lowersSsthreshTo717Of1024OfTheWindow_andPrrLetsTheFlightGrowOnlyToIt_tcpEnterCwr_tcpCwndReduction() {
        CongestionWindow window = CongestionWindowTest.grownTo(Profile.LINUX, 42, MSS);
        int ack = HIGH_SEQ - 25 * MSS;

        assertTrue(window.enterCwr(ack, HIGH_SEQ, 42 * MSS, MSS), "RFC 3168 §6.1.2: the ECE reduces the window");
        window.acked(ack, 17 * MSS, 17, MSS, 0, 100);
        window.reduce(17 * MSS, 17, true, 25 * MSS, 25, MSS);

        // cubictcp_recalc_ssthresh: 42 × 717 / 1024 = 29.4; tcp_cwnd_reduction: flight 25 below ssthresh, so
        // min(29 - 25, 17 + 1): four segments, the four the capture shows after the ECE (the first with CWR).
        assertEquals(29, window.ssthreshSegments());
        assertEquals(29, window.segments());
        assertEquals(4, sendable(window, 25));
        assertTrue(window.inCwr());
        assertFalse(window.inRecovery(), "the CWR state is not fast recovery: no NewReno partial ACK, no undo");
    }

    @Test
    void aSecondEceBeforeHighSeqIsPassed_reducesNoMore_andTheAckBeyondItLeavesTheWindowAtSsthresh_tcpEndCwndReduction() {
        CongestionWindow window = CongestionWindowTest.grownTo(Profile.LINUX, 42, MSS);
        window.enterCwr(HIGH_SEQ - 25 * MSS, HIGH_SEQ, 42 * MSS, MSS);

        // "CWR is to be held something *above* high_seq is ACKed" (tcp_fastretrans_alert): an ECE at high_seq is ignored.
        assertFalse(window.enterCwr(HIGH_SEQ, HIGH_SEQ + 29 * MSS, 29 * MSS, MSS));
        window.acked(HIGH_SEQ, MSS, 1, MSS, 0, 100);
        assertEquals(29, window.ssthreshSegments());
        assertTrue(window.inCwr());

        window.acked(HIGH_SEQ + MSS, MSS, 1, MSS, 0, 100);
        assertFalse(window.inReduction());
        assertEquals(29, window.ssthreshSegments());
        // relay-ce-25-server: ss -ti shows cwnd 29, then 30 and 31 as CUBIC grows it again.
        assertEquals(29, window.segments());
    }

    @Test
    void anEceAfterTheReductionEnded_reducesAgain_fromSsthresh_tcpFastretransAlertEndsCwrThenTcpTryToOpen() {
        CongestionWindow window = CongestionWindowTest.grownTo(Profile.LINUX, 42, MSS);
        window.enterCwr(HIGH_SEQ - 25 * MSS, HIGH_SEQ, 42 * MSS, MSS);

        // One ACK beyond high_seq with ECE: tcp_end_cwnd_reduction (29), then tcp_enter_cwr from it: 29 × 717 / 1024 = 20.
        assertTrue(window.enterCwr(HIGH_SEQ + MSS, HIGH_SEQ + 29 * MSS, 28 * MSS, MSS));
        assertEquals(20, window.ssthreshSegments());
    }

    @Test
    void underRfc9293_anEceHalvesTheWindowAtOnce_andHoldsItForTheWindowOfData_rfc3168Section612() {
        CongestionWindow window = CongestionWindowTest.grownTo(Profile.RFC9293, 20, MSS);
        int before = window.bytes();

        assertTrue(window.enterCwr(HIGH_SEQ - 10 * MSS, HIGH_SEQ, before, MSS));
        assertEquals(before / 2, window.bytes(), "\"the TCP source halves the congestion window\"");
        assertEquals(before / 2, window.ssthresh());
        window.reduce(MSS, 1, true, 10 * MSS, 10, MSS);
        window.acked(HIGH_SEQ - 9 * MSS, MSS, 1, MSS, 0, 100);
        assertEquals(before / 2, window.bytes(), "no PRR and no growth until the data then in flight is acknowledged");
        assertFalse(window.enterCwr(HIGH_SEQ - 8 * MSS, HIGH_SEQ, 9 * MSS, MSS), "at most once per window of data");
    }

    @Test
    void aRecoveryBegunInCwr_goesOnWithItsReduction_tcpEnterRecoveryWithoutTcpInitCwndReduction() {
        CongestionWindow window = CongestionWindowTest.grownTo(Profile.LINUX, 42, MSS);
        window.enterCwr(HIGH_SEQ - 25 * MSS, HIGH_SEQ, 42 * MSS, MSS);

        assertFalse(window.enterRecovery(HIGH_SEQ + 5 * MSS, 30 * MSS, MSS, false), "no second tcp_init_cwnd_reduction");
        assertTrue(window.inRecovery());
        assertEquals(29, window.ssthreshSegments());
        assertTrue(window.isPartialAck(HIGH_SEQ - MSS), "recovery ends at the CWR state's high_seq");
        assertFalse(window.isPartialAck(HIGH_SEQ + MSS));
    }

    @Test
    void aTimeoutQueuesCwr_onTheFirstNewDataAfterIt_tcpEnterLossTcpEcnQueueCwr() {
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        TcpConnection a = EcnTest.agreedAt50(env);
        int sndNxt = burstThenTimeout(env, a);
        assertEquals(List.of(), env.takeSent().stream().filter(s -> s.has(Flags.CWR)).toList(), "CWR on new data only");

        env.now += 100;
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 301, sndNxt, Flags.ACK, 0, 64_000));
        List<Segment> next = env.takeSent();
        assertEquals(sndNxt, next.get(0).seq());
        assertTrue(next.get(0).has(Flags.CWR), "the timeout reduced the window: CWR on the next new data (RFC 3168 §6.1.2)");
        assertEquals(List.of(), next.stream().skip(1).filter(s -> s.has(Flags.CWR)).toList());
    }

    @Test
    void anEceInATimeoutsLoss_beginsNoCwrState_theWindowGrowsFromTheLossWindow_tcpProcessLossReturnsBeforeTcpEnterCwr() {
        // runs/ecn-loss-s155/relay-ce-2-rto: the ECE on the ACK of the timeout's retransmission (SND.UNA below high_seq)
        // left ssthresh at 8 and the window grew from 1 by slow start (ss -ti: cwnd 1, 2, 4, 8 with ssthresh 8).
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        TcpConnection a = EcnTest.agreedAt50(env);
        int sndNxt = burstThenTimeout(env, a);
        env.takeSent();

        // The first segment's copy arrived; the peer still owes ECE for a CE mark (no new data with CWR reached it).
        env.now += 100;
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 301, 1101, Flags.ACK | Flags.ECE, 0, 64_000));
        List<Segment> frtoNew = env.takeSent();
        assertEquals(List.of(sndNxt, sndNxt + 1000), frtoNew.stream().map(Segment::seq).toList(), "F-RTO step 2.b: new data first");
        assertTrue(frtoNew.get(0).has(Flags.CWR), "the CWR tcp_enter_loss queued");

        // Without SACK a duplicate ACK raises no window (tcp_may_raise_cwnd: no FLAG_DATA_ACKED): one lost segment goes.
        env.now += 100;
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 301, 1101, Flags.ACK, 0, 64_000));
        assertEquals(List.of(1101), env.takeSent().stream().map(Segment::seq).toList());

        // ACKs of the segments sent again: slow start from the loss window (3, then 4) lets one go, then two. With a CWR
        // state begun on the ECE (ssthresh 2 by 717/1024 of one segment, PRR) the flight would stay at two.
        env.now += 100;
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 301, 2101, Flags.ACK, 0, 64_000));
        assertEquals(List.of(2101), env.takeSent().stream().map(Segment::seq).toList());
        env.now += 100;
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 301, 3101, Flags.ACK, 0, 64_000));
        assertEquals(List.of(3101, 4101), env.takeSent().stream().map(Segment::seq).toList());
    }
}
