package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The state machine of RFC 9293 §3.10, one nested class per state. Numbers follow the RFC's figures: our
 * ISS is 100 when we open actively, the peer's is 300. Each fixture derives from the one before it
 * (ESTABLISHED from SYN-SENT, FIN-WAIT-1 from ESTABLISHED, …), so a test starts from a state reached the
 * way a real connection reaches it.
 */
class TcpConnectionTest {
    static final SocketAddress A = new SocketAddress("10.0.0.1", 49152);
    static final SocketAddress B = new SocketAddress("10.0.0.2", 80);
    static final int WINDOW = 65_535;

    final FakeEnvironment env = new FakeEnvironment(Profile.RFC9293);

    /** A segment from the peer B to us (A). */
    static Segment fromPeer(int seq, Integer ack, int flags, int len) {
        return new Segment(B, A, seq, ack == null ? 0 : ack, flags | (ack == null ? 0 : Flags.ACK), len, WINDOW);
    }

    static void assertSegment(Segment segment, int seq, Integer ack, int flags, int len) {
        assertEquals(seq, segment.seq(), "seq of " + segment);
        assertEquals(flags, segment.flags(), "flags of " + segment);
        if (ack != null) {
            assertEquals(ack, segment.ack(), "ack of " + segment);
        }
        assertEquals(len, segment.len(), "len of " + segment);
    }

    // --- fixtures, each built on the previous one ----------------------------------------------------

    TcpConnection synSent() {
        TcpConnection connection = TcpConnection.create(env, A, B, false);
        connection.openActive(100);
        env.takeSent();
        return connection;
    }

    TcpConnection established() {
        TcpConnection connection = synSent();
        env.now = 100;
        connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
        env.takeSent();
        return connection;
    }

    TcpConnection finWait1() {
        TcpConnection connection = established();
        env.now = 400;
        connection.close();
        env.takeSent();
        return connection;
    }

    TcpConnection finWait2() {
        TcpConnection connection = finWait1();
        env.now = 500;
        connection.segmentArrives(fromPeer(301, 102, 0, 0));
        env.takeSent();
        return connection;
    }

    TcpConnection closeWait() {
        TcpConnection connection = established();
        env.now = 400;
        connection.segmentArrives(fromPeer(301, 101, Flags.FIN, 0));
        env.takeSent();
        return connection;
    }

    TcpConnection lastAck() {
        TcpConnection connection = closeWait();
        env.now = 700;
        connection.close();
        env.takeSent();
        return connection;
    }

    TcpConnection closing() {
        TcpConnection connection = finWait1();
        env.now = 450;
        connection.segmentArrives(fromPeer(301, 101, Flags.FIN, 0));
        env.takeSent();
        return connection;
    }

    TcpConnection timeWait() {
        TcpConnection connection = finWait2();
        env.now = 800;
        connection.segmentArrives(fromPeer(301, 102, Flags.FIN, 0));
        env.takeSent();
        return connection;
    }

    /** ESTABLISHED with 100 bytes received that an application reading on its own calls has not read. */
    TcpConnection establishedWithUnreadData() {
        env.readMode = ReadMode.ON_CALL;
        TcpConnection connection = established();
        connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
        env.takeSent();
        return connection;
    }

    /** B's side: a listener forked this connection for A's SYN <SEQ=100>; our ISS is 300. */
    TcpConnection synReceivedPassive() {
        TcpConnection connection = TcpConnection.create(env, A, B, true);
        connection.synArrivedAtListener(fromPeer(100, null, Flags.SYN, 0), 300);
        env.takeSent();
        return connection;
    }

    @Nested
    class SequenceNumbers {
        @Test
        void comparisonsWrapAroundModulo2To32_rfc9293Section3_4() {
            int nearTop = 0xFFFF_FFF0;
            assertTrue(Seq.lt(nearTop, 0x10), "4294967280 comes before 16 once the space wraps");
            assertTrue(Seq.gt(0x10, nearTop));
            assertTrue(Seq.inWindow(nearTop, 0x05, nearTop + 100));
            assertFalse(Seq.inWindow(0x05, nearTop, 0x05 + 100));
            assertEquals(4294967280L, Seq.unsigned(nearTop));
        }

        @Test
        void synAndFinOccupyOneNumberEach_dataItsLength_pureAckNone_rfc9293Section3_4() {
            assertEquals(1, fromPeer(0, null, Flags.SYN, 0).seqLength());
            assertEquals(1, fromPeer(0, 1, Flags.FIN, 0).seqLength());
            assertEquals(101, fromPeer(0, 1, Flags.FIN, 100).seqLength());
            assertEquals(0, fromPeer(0, 1, 0, 0).seqLength());
        }

        @Test
        void dataAcrossTheWrap_isAcknowledgedModulo2To32_rfc9293Section3_4() {
            TcpConnection connection = TcpConnection.create(env, A, B, false);
            connection.openActive(0xFFFF_FFF0);
            env.takeSent();
            int peerIss = 0xFFFF_FFFE;
            connection.segmentArrives(fromPeer(peerIss, 0xFFFF_FFF1, Flags.SYN, 0));
            assertSegment(env.onlySent(), 0xFFFF_FFF1, 0xFFFF_FFFF, Flags.ACK, 0);
            connection.segmentArrives(fromPeer(0xFFFF_FFFF, 0xFFFF_FFF1, 0, 100));
            Segment ack = env.onlySent();
            assertEquals(99, ack.ack(), "4294967295 + 100 wraps to 99");
        }
    }

    @Nested
    class SynSent {
        @Test
        void activeOpen_sendsSynWithIssAndArmsOneSecondRetransmission_rfc9293Section3_10_1() {
            TcpConnection connection = TcpConnection.create(env, A, B, false);
            connection.openActive(100);
            assertEquals(TcpState.SYN_SENT, connection.state());
            assertSegment(env.onlySent(), 100, null, Flags.SYN, 0);
            assertEquals(1_000L, env.timers.get(TimerKind.RETRANSMISSION));
            assertEquals(101, connection.sndNxt());
        }

        @Test
        void synAckAcknowledgingOurSyn_goesToEstablishedAndSendsPlainAck_rfc9293Section3_10_7_3() {
            TcpConnection connection = synSent();
            connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
            assertEquals(TcpState.ESTABLISHED, connection.state());
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, 0);
            assertEquals(List.of(UserSignal.ESTABLISHED), env.signals);
            assertNull(env.timers.get(TimerKind.RETRANSMISSION), "nothing left to retransmit");
        }

        @Test
        void synAckWithAckBelowIss_isAnsweredWithResetAtSegAck_rfc9293Figure8() {
            TcpConnection connection = synSent();
            connection.segmentArrives(fromPeer(300, 91, Flags.SYN, 0));
            assertSegment(env.onlySent(), 91, null, Flags.RST, 0);
            assertEquals(TcpState.SYN_SENT, connection.state());
        }

        @Test
        void ackOfAnOlderConnection_isAnsweredWithReset_theRfcKeepsItsRetransmissionTimer_rfc9293Section3_10_7_3() {
            TcpConnection connection = synSent();
            env.now = 50;
            connection.segmentArrives(fromPeer(5002, 90, 0, 0));
            assertSegment(env.onlySent(), 90, null, Flags.RST, 0);
            assertEquals(1000L, env.timers.get(TimerKind.RETRANSMISSION));
        }

        @Test
        void resetForAnUnacceptableAck_offersWindowZeroAndNoOptions_asForNoConnection_rfc9293Section3_10_7_1() {
            // Linux builds it in tcp_v4_send_reset (time-wait-syn-old-isn capture, row 10: win 0); an application that
            // reads only when it calls read (a receive memory with no peer known yet) answers the same.
            env.profile = Profile.LINUX;
            env.readMode = ReadMode.ON_CALL;
            TcpConnection connection = synSent();
            connection.segmentArrives(fromPeer(300, 91, Flags.SYN, 0));
            Segment reset = env.onlySent();
            assertSegment(reset, 91, null, Flags.RST, 0);
            assertEquals(0, reset.window());
            assertEquals(TcpOptions.NONE, reset.options());
        }

        @Test
        void ackOfAnOlderConnection_linuxSendsTheSynAgainAfterTwoTicks_linuxTcpRcvSynsentStateProcess() {
            // The TIME-WAIT that sent the ACK may have ended at the RST (time-wait-syn-old-isn capture: 10.6 ms): 2
            // ticks from tick 12, and the timer wheel's one more on its first level, tick 15.
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults().toBuilder().timestamps(false).sack(false).windowScaling(false).build();
            TcpConnection connection = synSent();
            env.now = 50;
            connection.segmentArrives(fromPeer(5002, 90, 0, 0));
            assertSegment(env.onlySent(), 90, null, Flags.RST, 0);
            assertEquals(60L, env.timers.get(TimerKind.RETRANSMISSION));
            env.now = 60;
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertSegment(env.onlySent(), 100, null, Flags.SYN, 0);
            env.now = 100;
            connection.segmentArrives(fromPeer(5002, 90, 0, 0));
            env.takeSent();
            // The SYN's RTO, 250 ticks from tick 15, at the end of the wheel's 8-tick bucket: tick 272.
            assertEquals(1088L, env.timers.get(TimerKind.RETRANSMISSION), "once only: the SYN has been sent again");
        }

        @Test
        void rstAcknowledgingOurSyn_closesWithConnectionRefused_rfc9293Section3_10_7_3() {
            TcpConnection connection = synSent();
            connection.segmentArrives(new Segment(B, A, 0, 101, Flags.RST | Flags.ACK, 0, 0));
            assertEquals(TcpState.CLOSED, connection.state());
            assertEquals(List.of(UserSignal.RESET), env.signals);
            assertTrue(env.deleted);
        }

        @Test
        void rstWithoutAck_isDropped_rfc9293Section3_10_7_3() {
            TcpConnection connection = synSent();
            connection.segmentArrives(new Segment(B, A, 0, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.SYN_SENT, connection.state());
            assertTrue(env.takeSent().isEmpty());
        }

        @Test
        void synWithoutAck_isSimultaneousOpen_goesToSynReceivedWithSynAck_rfc9293Figure7() {
            TcpConnection connection = synSent();
            connection.segmentArrives(fromPeer(300, null, Flags.SYN, 0));
            assertEquals(TcpState.SYN_RECEIVED, connection.state());
            assertSegment(env.onlySent(), 100, 301, Flags.SYN | Flags.ACK, 0);
        }

        @Test
        void segmentWithNeitherSynNorRst_isDropped_rfc9293Section3_10_7_3() {
            TcpConnection connection = synSent();
            connection.segmentArrives(fromPeer(300, 101, 0, 0));
            assertEquals(TcpState.SYN_SENT, connection.state());
            assertTrue(env.takeSent().isEmpty());
        }

        @Test
        void retransmissionTimeout_resendsTheSameSynAndDoublesRto_rfc6298Section5() {
            TcpConnection connection = synSent();
            env.now = 1_000;
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertSegment(env.onlySent(), 100, null, Flags.SYN, 0);
            assertEquals(3_000L, env.timers.get(TimerKind.RETRANSMISSION), "RTO doubled to 2 s");
        }

        @Test
        void retriesExhausted_givesUpWithTimeout_rfc9293Section3_8_3() {
            env.params = TcpParams.builder().synRetries(2).synAckRetries(2).dataRetries(2).window(WINDOW).build();
            TcpConnection connection = synSent();
            connection.timerFires(TimerKind.RETRANSMISSION);
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertEquals(2, env.takeSent().size());
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertEquals(TcpState.CLOSED, connection.state());
            assertEquals(List.of(UserSignal.TIMEOUT), env.signals);
        }

        @Test
        void linuxSynSchedule_fiveLinearTimeoutsThenDoubling_elevenSynsOnTheTimerWheel_linuxTcpRetransmitTimer() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            TcpConnection connection = synSent();
            List<Long> synTimes = new ArrayList<>(List.of(0L));
            while (connection.state() == TcpState.SYN_SENT) {
                env.now = env.timers.get(TimerKind.RETRANSMISSION);
                connection.timerFires(TimerKind.RETRANSMISSION);
                if (!env.takeSent().isEmpty()) {
                    synTimes.add(env.now);
                }
            }
            // Captured on Linux 6.18 (docs/linux-captures.md, syn-unanswered): 11 SYNs, connect() fails at 133.7 s.
            // Timeouts of 1, 1, 1, 1, 1, 2, 4, 8, 16, 32 and 64 s, each armed when the last fired and run at the end of
            // its bucket on the timer wheel from jiffies 0 (8 ticks up to 2 s, 64 up to 16 s, 512 beyond: §77).
            assertEquals(List.of(0L, 1_024L, 2_048L, 3_072L, 4_096L, 5_120L, 7_136L, 11_264L, 19_456L, 35_584L, 69_632L), synTimes);
            assertEquals(135_168L, env.now, "given up at the timer after the 11th SYN");
            assertEquals(List.of(UserSignal.TIMEOUT), env.signals);
        }

        @Test
        void linuxSynRetries_areATimeBudgetFromTheFirstSyn_linuxRetransmitsTimedOut() {
            env.profile = Profile.LINUX;
            // tcp_syn_retries = 2 is a budget of (2^3 - 1) x 1 s = 7 s; with 4 linear timeouts the count would allow
            // six retransmissions, but the timer due 2 s after the fifth (at 7120 ms, run by the timer wheel at 7136)
            // finds the budget spent.
            env.params = Profile.LINUX.defaults().toBuilder().synRetries(2).synLinearTimeouts(4).build();
            assertEquals(7_000L, Profile.LINUX.synSentTimeBudgetMs(env.params).getAsLong());
            assertEquals(6, Profile.LINUX.synSentRetryLimit(env.params));
            TcpConnection connection = synSent();
            List<Long> synTimes = new ArrayList<>();
            while (connection.state() == TcpState.SYN_SENT) {
                env.now = env.timers.get(TimerKind.RETRANSMISSION);
                connection.timerFires(TimerKind.RETRANSMISSION);
                if (!env.takeSent().isEmpty()) {
                    synTimes.add(env.now);
                }
            }
            assertEquals(List.of(1_024L, 2_048L, 3_072L, 4_096L, 5_120L), synTimes);
            assertEquals(7_136L, env.now, "gives up when 7 s are spent, though the count would allow a sixth");
        }

        @Test
        void linuxSynTimeBudget_beyondSixDoublingsAddsOneMaximumRtoPerRetry_linuxTcpModelTimeout() {
            assertEquals(127_000L, Profile.LINUX.synSentTimeBudgetMs(Profile.LINUX.defaults()).getAsLong());
            assertEquals(127_000L + 3 * 120_000L,
                    Profile.LINUX.synSentTimeBudgetMs(Profile.LINUX.defaults().toBuilder().synRetries(9).build()).getAsLong());
        }

        @Test
        void rfcSynRetries_areACount_rfc9293Section3_8_3() {
            assertTrue(Profile.RFC9293.synSentTimeBudgetMs(Profile.RFC9293.defaults()).isEmpty());
            assertEquals(Profile.RFC9293.defaults().synRetries(), Profile.RFC9293.synSentRetryLimit(Profile.RFC9293.defaults()));
        }

        @Test
        void close_deletesTheTcbWithoutSending_rfc9293Section3_10_4() {
            TcpConnection connection = synSent();
            assertNull(connection.close());
            assertEquals(TcpState.CLOSED, connection.state());
            assertTrue(env.takeSent().isEmpty());
        }

        @Test
        void dataSentBeforeEstablished_waitsAndLeavesAfterTheAck_rfc9293Section3_10_2() {
            TcpConnection connection = synSent();
            assertNull(connection.send(10, SendFlags.NONE));
            assertTrue(env.takeSent().isEmpty());
            connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
            assertSegment(env.onlySent(), 101, 301, Flags.ACK | Flags.PSH, 10);
        }
    }

    @Nested
    class SynReceived {
        @Test
        void synAtListener_answersSynAckWithOwnIssAndAckOfTheirs_rfc9293Section3_10_7_2() {
            TcpConnection connection = TcpConnection.create(env, A, B, true);
            connection.synArrivedAtListener(fromPeer(100, null, Flags.SYN, 0), 300);
            assertEquals(TcpState.SYN_RECEIVED, connection.state());
            assertSegment(env.onlySent(), 300, 101, Flags.SYN | Flags.ACK, 0);
        }

        @Test
        void ackOfOurSyn_goesToEstablished_rfc9293Section3_10_7_4() {
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(fromPeer(101, 301, 0, 0));
            assertEquals(TcpState.ESTABLISHED, connection.state());
            assertTrue(env.takeSent().isEmpty(), "a pure ACK is not acknowledged");
        }

        @Test
        void ackThatAcknowledgesNothingWeSent_isAnsweredWithReset_rfc9293Section3_10_7_4() {
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(fromPeer(101, 999, 0, 0));
            assertSegment(env.onlySent(), 999, null, Flags.RST, 0);
            assertEquals(TcpState.SYN_RECEIVED, connection.state());
        }

        @Test
        void ackOfOurSynWithTheAcceptQueueFull_isDroppedAndTheEntryKept_linuxTcpCheckReqListenOverflow() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            env.acceptQueue = AcceptQueue.FULL;
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(fromPeer(101, 301, Flags.PSH, 2));
            assertTrue(env.takeSent().isEmpty(), "tcp_abort_on_overflow = 0: nothing is sent");
            assertEquals(TcpState.SYN_RECEIVED, connection.state());
            assertTrue(env.timers.containsKey(TimerKind.RETRANSMISSION), "the SYN,ACK timer goes on");
            assertEquals(101, connection.rcvNxt(), "the data is dropped with the ACK");
        }

        @Test
        void ackOfOurSynWithTheAcceptQueueFullUnderAbortOnOverflow_isAnsweredWithBareReset_linuxTcpCheckReqEmbryonicReset() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            env.acceptQueue = AcceptQueue.FULL_ABORT_ON_OVERFLOW;
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(fromPeer(101, 301, 0, 0));
            // <SEQ=SEG.ACK><CTL=RST>: SEG.ACK = 301, our ISS 300 plus the SYN.
            assertSegment(env.onlySent(), 301, null, Flags.RST, 0);
            assertEquals(TcpState.LISTEN, connection.state());
            assertTrue(env.backToListen);
            assertTrue(env.signals.isEmpty(), "the application never heard of the connection");
        }

        @Test
        void rstAfterPassiveOpen_returnsToListen_rfc9293Section3_10_7_4() {
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(new Segment(B, A, 101, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.LISTEN, connection.state());
            assertTrue(env.backToListen);
            assertTrue(env.signals.isEmpty(), "the user need not be informed");
        }

        @Test
        void rstInWindowButNotExact_getsChallengeAck_rfc5961Section3() {
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(new Segment(B, A, 150, 0, Flags.RST, 0, 0));
            assertSegment(env.onlySent(), 301, 101, Flags.ACK, 0);
            assertEquals(TcpState.SYN_RECEIVED, connection.state());
        }

        @Test
        void retransmittedSyn_rfcProfileAnswersWithBareAck_rfc9293Section3_10_7_4() {
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(fromPeer(100, null, Flags.SYN, 0));
            assertSegment(env.onlySent(), 301, 101, Flags.ACK, 0);
        }

        @Test
        void retransmittedSyn_linuxProfileResendsSynAck_linuxTcpCheckReq() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            TcpConnection connection = synReceivedPassive();
            env.now = 1_000;
            connection.segmentArrives(fromPeer(100, null, Flags.SYN, 0));
            assertSegment(env.onlySent(), 300, 101, Flags.SYN | Flags.ACK, 0);
            // The SYN,ACK's RTO restarted at 1000 ms (tick 250): 250 ticks, to the end of the wheel's 8-tick bucket, 504.
            assertEquals(2_016L, env.timers.get(TimerKind.RETRANSMISSION));
        }

        @Test
        void anotherSynInTheWindow_rfcProfileReturnsToListenSilently_rfc9293Section3_10_7_4() {
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(fromPeer(110, null, Flags.SYN, 0));
            assertTrue(env.takeSent().isEmpty(), "the fourth check returns a passive open to LISTEN and sends nothing");
            assertEquals(TcpState.LISTEN, connection.state());
        }

        @Test
        void anotherSynInTheWindow_linuxProfileResetsTheRequest_linuxTcpCheckReqEmbryonicReset() {
            // old-duplicate-syn capture, row 4: the client's own SYN reaches the request of an old duplicate SYN.
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            TcpConnection connection = synReceivedPassive();
            connection.segmentArrives(fromPeer(110, null, Flags.SYN, 0));
            // tcp_v4_send_reset for a segment without ACK: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, window 0.
            Segment reset = env.onlySent();
            assertSegment(reset, 0, 111, Flags.RST | Flags.ACK, 0);
            assertEquals(0, reset.window());
            assertEquals(TcpState.LISTEN, connection.state());
            assertTrue(env.backToListen);
        }

        @Test
        void synAckInSimultaneousOpen_goesToEstablished_rfc9293Figure7() {
            TcpConnection connection = synSent();
            connection.segmentArrives(fromPeer(300, null, Flags.SYN, 0));
            env.takeSent();
            connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
            assertEquals(TcpState.ESTABLISHED, connection.state());
            assertTrue(env.takeSent().isEmpty(), "Figure 7 sends nothing more");
        }

        @Test
        void rstAfterActiveOpen_closesWithConnectionRefused_rfc9293Section3_10_7_4() {
            TcpConnection connection = synSent();
            connection.segmentArrives(fromPeer(300, null, Flags.SYN, 0));
            connection.segmentArrives(new Segment(B, A, 301, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.CLOSED, connection.state());
            assertEquals(List.of(UserSignal.RESET), env.signals);
        }

        @Test
        void synAckRetransmissionsExhausted_dropsTheHalfOpenEntry_rfc4987Section3() {
            env.params = Profile.LINUX.defaults();
            env.profile = Profile.LINUX;
            TcpConnection connection = synReceivedPassive();
            for (int i = 0; i < 5; i++) {
                connection.timerFires(TimerKind.RETRANSMISSION);
            }
            assertEquals(5, env.takeSent().size(), "tcp_synack_retries = 5");
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertEquals(TcpState.LISTEN, connection.state());
            assertTrue(env.backToListen);
            assertEquals("give-up.syn-received", env.lastStateWhy.key(), "a queue with room: the plain give-up");
        }

        @Test
        void linuxFullQueueWithNoYoungEntries_prunesAnOldEntryAfterTwoSynAckRetries_linuxReqskTimerHandler() {
            env.params = Profile.LINUX.defaults().toBuilder().listenBacklog(8).build();
            env.profile = Profile.LINUX;
            TcpConnection connection = synReceivedPassive();
            env.synQueueLength = 9;
            env.youngSynQueueEntries = 0;
            connection.timerFires(TimerKind.RETRANSMISSION);
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertEquals(2, env.takeSent().size());
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertEquals(TcpState.LISTEN, connection.state(), "dropped after 2 retries instead of tcp_synack_retries = 5");
            assertTrue(env.takeSent().isEmpty());
            assertEquals(Explanation.of(Rules.LINUX_SYN_QUEUE_PRUNING, "give-up.syn-received.pruned", 9, 0, 2, 5),
                    env.lastStateWhy, "the trace names the pruning, not the plain give-up");
        }

        @Test
        void synAckRetryLimit_linuxKeepsFiveWhileHalfTheQueueIsFreeOrYoung_rfcAlwaysKeepsIts() {
            TcpParams linux = Profile.LINUX.defaults().toBuilder().listenBacklog(8).build();
            assertEquals(5, Profile.LINUX.synAckRetryLimit(linux, 4, 0), "4 of max(8, 8): not more than half");
            assertEquals(5, Profile.LINUX.synAckRetryLimit(linux, 9, 9), "all young: 9 < 18");
            assertEquals(4, Profile.LINUX.synAckRetryLimit(linux, 9, 4), "9 >= 8, then 9 < 16");
            assertEquals(2, Profile.LINUX.synAckRetryLimit(linux, 9, 0), "none young: down to 2");
            assertEquals(5, Profile.RFC9293.synAckRetryLimit(linux, 9, 0));
        }

        @Test
        void synQueueCapacity_linuxListenNHoldsNPlusOne_linuxInetCskReqskQueueIsFull() {
            assertEquals(9, Profile.LINUX.synQueueCapacity(8));
            assertEquals(8, Profile.RFC9293.synQueueCapacity(8));
        }

        @Test
        void synWithoutCookies_linuxDropsItWhenUnderAQuarterOfMaxSynBacklogIsFree_rfcHasNoSuchRule_linuxTcpConnRequest() {
            TcpParams noCookies = Profile.LINUX.defaults().toBuilder().synCookies(SynCookieMode.OFF).maxSynBacklog(4).build();
            assertFalse(Profile.LINUX.keepsLastQuarterForProvenPeers(noCookies, 3), "4 - 3 = 1 free, not under 4 / 4");
            assertTrue(Profile.LINUX.keepsLastQuarterForProvenPeers(noCookies, 4), "4 - 4 = 0 free, under 1");
            TcpParams cookies = noCookies.toBuilder().synCookies(SynCookieMode.ON_OVERFLOW).build();
            assertFalse(Profile.LINUX.keepsLastQuarterForProvenPeers(cookies, 4), "with cookies only the backlog counts");
            assertFalse(Profile.RFC9293.keepsLastQuarterForProvenPeers(noCookies, 4));
        }
    }

    @Nested
    class Established {
        @Test
        void dataInWindow_isAcknowledgedWithSeqPlusLength_rfc9293Section3_10_7_4() {
            TcpConnection connection = established();
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 200));
            assertSegment(env.onlySent(), 101, 501, Flags.ACK, 0);
            assertEquals(List.of(UserSignal.ESTABLISHED, UserSignal.DATA), env.signals);
        }

        @Test
        void sendData_usesSndNxtAndAdvancesByLength_rfc9293Section3_10_2() {
            TcpConnection connection = established();
            connection.send(100, SendFlags.NONE);
            assertSegment(env.onlySent(), 101, 301, Flags.ACK | Flags.PSH, 100);
            assertEquals(201, connection.sndNxt());
        }

        @Test
        void smallTailOfALargeSend_waitsForTheAckOfTheFullSegments_rfc9293Section3_7_4Nagle() {
            TcpConnection connection = established();
            connection.send(2 * 536 + 100, SendFlags.NONE);
            assertEquals(List.of(536, 536), env.takeSent().stream().map(Segment::len).toList(), "the 100-byte tail waits");
            connection.segmentArrives(fromPeer(301, 101 + 2 * 536, Flags.ACK, 0));
            assertSegment(env.onlySent(), 101 + 2 * 536, 301, Flags.ACK | Flags.PSH, 100);
        }

        @Test
        void smallTailOfALargeSend_leavesBehindTheFullSegmentsUnderLinux_linuxTcpMinshallCheck() {
            env.profile = Profile.LINUX;
            TcpConnection connection = established();
            connection.send(2 * 536 + 100, SendFlags.NONE);
            assertEquals(List.of(536, 536, 100), env.takeSent().stream().map(Segment::len).toList(), "no small segment unacknowledged");
            connection.send(100, SendFlags.NONE);
            assertTrue(env.takeSent().isEmpty(), "this one waits behind the unacknowledged 100 bytes");
        }

        @Test
        void finArrives_goesToCloseWaitAndAcknowledgesUPlusOne_rfc9293Section3_10_7_4() {
            TcpConnection connection = established();
            connection.segmentArrives(fromPeer(301, 101, Flags.FIN, 0));
            assertEquals(TcpState.CLOSE_WAIT, connection.state());
            assertSegment(env.onlySent(), 101, 302, Flags.ACK, 0);
            assertTrue(env.signals.contains(UserSignal.EOF));
        }

        @Test
        void finArrivesWithDelayedAck_theAckWaitsForTheTimer_rfc9293Section3_8_6_3() {
            env.params = Profile.LINUX.defaults();
            TcpConnection connection = established();
            connection.segmentArrives(fromPeer(301, 101, Flags.FIN, 0));
            assertTrue(env.takeSent().isEmpty());
            assertEquals(140L, env.timers.get(TimerKind.DELAYED_ACK), "40 ms after the FIN arrived at 100 ms");
            assertNull(connection.close(), "the application closes at once");
            assertSegment(env.onlySent(), 101, 302, Flags.FIN | Flags.ACK, 0);
            assertNull(env.timers.get(TimerKind.DELAYED_ACK), "the FIN carried the ACK");
        }

        @Test
        void close_sendsFinAckAndGoesToFinWait1_rfc9293Section3_10_4() {
            TcpConnection connection = established();
            connection.close();
            assertEquals(TcpState.FIN_WAIT_1, connection.state());
            assertSegment(env.onlySent(), 101, 301, Flags.FIN | Flags.ACK, 0);
        }

        @Test
        void rstWithExactSequence_resetsTheConnection_rfc9293Section3_10_7_4() {
            TcpConnection connection = established();
            connection.segmentArrives(new Segment(B, A, 301, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.CLOSED, connection.state());
            assertTrue(env.signals.contains(UserSignal.RESET));
        }

        @Test
        void rstInWindowButNotExact_getsChallengeAck_rfc5961Section3_2() {
            TcpConnection connection = established();
            connection.segmentArrives(new Segment(B, A, 400, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.ESTABLISHED, connection.state());
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, 0);
        }

        @Test
        void secondRstInWindowWithin500ms_getsNoSecondChallengeAck_linuxTcpSendChallengeAck() {
            // everyday-s96 veth-challenge-rst: two such RSTs 125 ms apart, one challenge ACK (TCPACKSkippedChallenge 1).
            env.profile = Profile.LINUX;
            TcpConnection connection = established();
            connection.segmentArrives(new Segment(B, A, 400, 0, Flags.RST, 0, 0));
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, 0);
            env.now += 125;
            connection.segmentArrives(new Segment(B, A, 400, 0, Flags.RST, 0, 0));
            assertTrue(env.takeSent().isEmpty(), "the per-socket tcp_invalid_ratelimit, 500 ms, is not over");
            env.now += 400;
            connection.segmentArrives(fromPeer(301, null, Flags.SYN, 0));
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, 0);
            assertEquals(TcpState.ESTABLISHED, connection.state());
        }

        @Test
        void rstOutsideWindow_isSilentlyDropped_rfc5961Section3_2() {
            TcpConnection connection = established();
            connection.segmentArrives(new Segment(B, A, 200, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.ESTABLISHED, connection.state());
            assertTrue(env.takeSent().isEmpty());
        }

        @Test
        void synInSynchronizedState_getsChallengeAck_rfc5961Section4() {
            TcpConnection connection = established();
            connection.segmentArrives(fromPeer(301, null, Flags.SYN, 0));
            assertEquals(TcpState.ESTABLISHED, connection.state());
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, 0);
        }

        @Test
        void oldDuplicateBelowRcvNxt_isAnsweredWithAckAndDropped_rfc9293Section3_10_7_4() {
            TcpConnection connection = established();
            connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, 0);
            assertEquals(TcpState.ESTABLISHED, connection.state());
        }

        @Test
        void ackOfSomethingNotYetSent_isAnsweredWithAck_rfc9293Section3_10_7_4() {
            TcpConnection connection = established();
            connection.segmentArrives(fromPeer(301, 500, 0, 0));
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, 0);
        }

        @Test
        void abort_sendsRstAtSndNxt_rfc9293Section3_10_5() {
            TcpConnection connection = established();
            connection.abort();
            assertSegment(env.onlySent(), 101, null, Flags.RST, 0);
            assertEquals(TcpState.CLOSED, connection.state());
        }

        @Test
        void abort_linuxSetsAckOnTheRst_linuxTcpSendActiveReset() {
            env.profile = Profile.LINUX;
            TcpConnection connection = established();
            connection.abort();
            assertSegment(env.onlySent(), 101, 301, Flags.RST | Flags.ACK, 0);
        }

        @Test
        void lostData_isRetransmittedWithTheSameSequenceNumber_rfc9293Section3_10_8() {
            TcpConnection connection = established();
            connection.send(100, SendFlags.NONE);
            env.takeSent();
            env.now = 2_000;
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertSegment(env.onlySent(), 101, 301, Flags.ACK | Flags.PSH, 100);
        }

        @Test
        void closeWithUnreadData_sendsRstInsteadOfFin_rfc9293Section3_6_1_rfc2525Section2_17() {
            TcpConnection connection = establishedWithUnreadData();
            assertEquals(100, connection.unreadBytes());
            assertNull(connection.close());
            assertSegment(env.onlySent(), 101, null, Flags.RST, 0);
            assertEquals(TcpState.CLOSED, connection.state());
            assertTrue(env.deleted);
        }

        @Test
        void closeWithUnreadData_linuxSetsAckOnTheRst_linuxTcpClose() {
            env.profile = Profile.LINUX;
            TcpConnection connection = establishedWithUnreadData();
            connection.close();
            assertSegment(env.onlySent(), 101, 401, Flags.RST | Flags.ACK, 0);
        }

        @Test
        void closeAfterReadingEverything_sendsFin_rfc9293Section3_10_4() {
            TcpConnection connection = establishedWithUnreadData();
            connection.read(60);
            assertEquals(40, connection.unreadBytes());
            connection.read(60);
            assertEquals(0, connection.unreadBytes());
            connection.close();
            assertSegment(env.onlySent(), 101, 401, Flags.FIN | Flags.ACK, 0);
            assertEquals(TcpState.FIN_WAIT_1, connection.state());
        }

        @Test
        void applicationReadingOnArrival_leavesNothingUnread_soCloseSendsFin_rfc9293Section3_10_4() {
            TcpConnection connection = established();
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            env.takeSent();
            assertEquals(0, connection.unreadBytes());
            connection.close();
            assertSegment(env.onlySent(), 101, 401, Flags.FIN | Flags.ACK, 0);
        }
    }

    @Nested
    class FinWait1 {
        @Test
        void ackOfOurFin_goesToFinWait2_rfc9293Section3_10_7_4() {
            TcpConnection connection = finWait1();
            connection.segmentArrives(fromPeer(301, 102, 0, 0));
            assertEquals(TcpState.FIN_WAIT_2, connection.state());
            assertTrue(env.takeSent().isEmpty());
        }

        @Test
        void finWithAckOfOurFin_goesToTimeWait_rfc9293Section3_10_7_4() {
            TcpConnection connection = finWait1();
            connection.segmentArrives(fromPeer(301, 102, Flags.FIN, 0));
            assertEquals(TcpState.TIME_WAIT, connection.state());
            assertSegment(env.onlySent(), 102, 302, Flags.ACK, 0);
            assertEquals(400L + 240_000L, env.timers.get(TimerKind.TIME_WAIT), "2MSL = 4 minutes");
        }

        @Test
        void finWithoutAckOfOurFin_goesToClosing_rfc9293Figure13() {
            TcpConnection connection = finWait1();
            connection.segmentArrives(fromPeer(301, 101, Flags.FIN, 0));
            assertEquals(TcpState.CLOSING, connection.state());
            assertSegment(env.onlySent(), 102, 302, Flags.ACK, 0);
        }

        @Test
        void lostFin_isRetransmitted_rfc9293Section3_10_8() {
            TcpConnection connection = finWait1();
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertSegment(env.onlySent(), 101, 301, Flags.FIN | Flags.ACK, 0);
            assertEquals(TcpState.FIN_WAIT_1, connection.state());
        }

        @Test
        void sendAfterClose_isRefusedAsConnectionClosing_rfc9293Section3_10_2() {
            TcpConnection connection = finWait1();
            assertEquals("error.connection-closing", connection.send(10, SendFlags.NONE));
        }
    }

    @Nested
    class FinWait2 {
        @Test
        void finArrives_goesToTimeWaitAndAcksAtOnce_rfc9293Section3_10_7_4() {
            TcpConnection connection = finWait2();
            connection.segmentArrives(fromPeer(301, 102, Flags.FIN, 0));
            assertEquals(TcpState.TIME_WAIT, connection.state());
            assertSegment(env.onlySent(), 102, 302, Flags.ACK, 0);
        }

        @Test
        void dataStillArrivesAfterShutdown_halfClose_rfc9293Section3_6_1() {
            TcpConnection connection = established();
            connection.shutdown();
            connection.segmentArrives(fromPeer(301, 102, 0, 0));
            env.takeSent();
            connection.segmentArrives(fromPeer(301, 102, Flags.PSH, 100));
            assertEquals(TcpState.FIN_WAIT_2, connection.state());
            assertSegment(env.onlySent(), 102, 401, Flags.ACK, 0);
        }

        @Test
        void dataAfterClose_linuxAnswersWithResetAsForNoConnection_rfc9293Section3_6_1_linuxTcpV4SendReset() {
            env.profile = Profile.LINUX;
            TcpConnection connection = finWait2();
            connection.segmentArrives(fromPeer(301, 102, Flags.PSH, 100));
            // <SEQ=SEG.ACK><CTL=RST>, as §3.10.7.1 answers a segment for no connection: no ACK bit (everyday-close-after-request capture).
            assertSegment(env.onlySent(), 102, 0, Flags.RST, 0);
            assertEquals(TcpState.CLOSED, connection.state());
        }

        @Test
        void orphanedFinWait2_linuxDropsItAfterFinTimeout_linuxTcpFinTimeout() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            TcpConnection connection = finWait2();
            assertEquals(500L + 60_000L, env.timers.get(TimerKind.FIN_WAIT_2));
            connection.timerFires(TimerKind.FIN_WAIT_2);
            assertEquals(TcpState.CLOSED, connection.state());
        }

        @Test
        void linger2Negative_orphanResetsTheAckOfItsFinAsForNoConnection_linuxTcpRcvStateProcess() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults().toBuilder().finWait2TimeoutMs(-1).build();
            TcpConnection connection = finWait1();
            connection.segmentArrives(fromPeer(301, 102, 0, 0));
            // tcp_done, then tcp_v4_send_reset: <SEQ=SEG.ACK><CTL=RST> (everyday-s99 linger2-negative), no FIN-WAIT-2.
            assertSegment(env.onlySent(), 102, 0, Flags.RST, 0);
            assertEquals(TcpState.CLOSED, connection.state());
        }

        @Test
        void linger2Negative_closeInFinWait2ResetsWithAck_linuxTcpClose() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults().toBuilder().finWait2TimeoutMs(-1).build();
            TcpConnection connection = established();
            connection.shutdown();
            connection.segmentArrives(fromPeer(301, 102, 0, 0));
            env.takeSent();
            assertEquals(TcpState.FIN_WAIT_2, connection.state());
            connection.close();
            // __tcp_close: tcp_send_active_reset (everyday-s99 linger2-half-close).
            assertSegment(env.onlySent(), 102, 301, Flags.RST | Flags.ACK, 0);
            assertEquals(TcpState.CLOSED, connection.state());
        }

        @Test
        void rfcProfileHasNoFinWait2Timer_rfc9293Section3_10_7_4() {
            finWait2();
            assertNull(env.timers.get(TimerKind.FIN_WAIT_2));
        }
    }

    @Nested
    class CloseWait {
        @Test
        void canStillSendData_halfClose_rfc9293Section3_10_2() {
            TcpConnection connection = closeWait();
            assertNull(connection.send(100, SendFlags.NONE));
            assertSegment(env.onlySent(), 101, 302, Flags.ACK | Flags.PSH, 100);
        }

        @Test
        void close_sendsFinAndGoesToLastAck_rfc9293Section3_10_4() {
            TcpConnection connection = closeWait();
            connection.close();
            assertEquals(TcpState.LAST_ACK, connection.state());
            assertSegment(env.onlySent(), 101, 302, Flags.FIN | Flags.ACK, 0);
        }

        @Test
        void hasNoTimer_rfc9293Section3_6() {
            closeWait();
            assertTrue(env.timers.isEmpty(), "CLOSE-WAIT waits for the application as long as it takes");
        }
    }

    @Nested
    class Closing {
        @Test
        void ackOfOurFin_goesToTimeWait_rfc9293Section3_10_7_4() {
            TcpConnection connection = closing();
            connection.segmentArrives(fromPeer(302, 102, 0, 0));
            assertEquals(TcpState.TIME_WAIT, connection.state());
            assertNotNull(env.timers.get(TimerKind.TIME_WAIT));
        }
    }

    @Nested
    class LastAck {
        @Test
        void ackOfOurFin_closesAndDeletesTheTcb_rfc9293Section3_10_7_4() {
            TcpConnection connection = lastAck();
            connection.segmentArrives(fromPeer(302, 102, 0, 0));
            assertEquals(TcpState.CLOSED, connection.state());
            assertTrue(env.deleted);
            assertTrue(env.takeSent().isEmpty());
        }

        @Test
        void noAck_finIsRetransmitted_rfc9293Section3_10_8() {
            TcpConnection connection = lastAck();
            connection.timerFires(TimerKind.RETRANSMISSION);
            assertSegment(env.onlySent(), 101, 302, Flags.FIN | Flags.ACK, 0);
        }

        @Test
        void rst_closes_rfc9293Section3_10_7_4() {
            TcpConnection connection = lastAck();
            connection.segmentArrives(new Segment(B, A, 302, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.CLOSED, connection.state());
        }
    }

    @Nested
    class TimeWait {
        @Test
        void timerExpiresAfter2Msl_closes_rfc9293Section3_10_8() {
            TcpConnection connection = timeWait();
            assertEquals(800L + 240_000L, env.timers.get(TimerKind.TIME_WAIT));
            connection.timerFires(TimerKind.TIME_WAIT);
            assertEquals(TcpState.CLOSED, connection.state());
            assertTrue(env.deleted);
        }

        @Test
        void linuxHoldsTimeWaitForAFixed60Seconds_linuxTcpTimewaitLen() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            timeWait();
            assertEquals(800L + 60_000L, env.timers.get(TimerKind.TIME_WAIT));
        }

        @Test
        void retransmittedFin_isAcknowledgedAgainAndRestarts2Msl_rfc9293Section3_10_7_4() {
            TcpConnection connection = timeWait();
            env.now = 2_000;
            connection.segmentArrives(fromPeer(301, 102, Flags.FIN, 0));
            assertSegment(env.onlySent(), 102, 302, Flags.ACK, 0);
            assertEquals(2_000L + 240_000L, env.timers.get(TimerKind.TIME_WAIT));
            assertEquals(TcpState.TIME_WAIT, connection.state());
        }

        @Test
        void rst_closes_rfc9293Section3_10_7_4() {
            TcpConnection connection = timeWait();
            connection.segmentArrives(new Segment(B, A, 302, 0, Flags.RST, 0, 0));
            assertEquals(TcpState.CLOSED, connection.state());
        }
    }

    @Nested
    class RoundTripTime {
        @Test
        void firstSample_setsRtoToSrttPlusFourRttvar_withOneSecondFloor_rfc6298Section2() {
            TcpConnection connection = established();
            assertEquals(1_000, connection.rto(), "100 ms + 4 × 50 ms = 300 ms, raised to the 1 s floor");
        }

        @Test
        void linuxKeepsA200MsFloorOnTheVarianceTerm_linuxTcpRtoMin() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults();
            TcpConnection connection = established();
            assertEquals(300, connection.rto(), "100 ms + max(200 ms, 200 ms)");
        }
    }
}
