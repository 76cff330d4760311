package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static lab.handshake.engine.TcpConnectionTest.assertSegment;
import static lab.handshake.engine.TcpConnectionTest.fromPeer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * When an ACK of data leaves at once and when it waits for the delayed-ACK timer, once the quick ACKs of a
 * connection's start are spent (the tunable is 0 here). RFC 9293 §3.8.6.3: an ACK may wait, under 0.5 s, but at least
 * every second full-sized segment is acknowledged. Linux: __tcp_ack_snd_check() (net/ipv4/tcp_input.c) acknowledges
 * at once when more than one rcv_mss of bytes arrived since the last ACK and the window would not shrink, and
 * tcp_cleanup_rbuf() (net/ipv4/tcp.c) when the application's read empties the queue of small or pushed data; held
 * to the delayed-ack-small-segments capture (docs/linux-captures.md).
 */
class DelayedAckTest {
    final FakeEnvironment env = new FakeEnvironment(Profile.RFC9293);

    /** ESTABLISHED as A with ISS 100, the peer's ISS 300, no quick ACKs left; the peer announced no MSS (536). */
    TcpConnection established(Profile profile, ReadMode readMode) {
        return established(profile, readMode, 0);
    }

    /** ESTABLISHED at 100 ms (an RTT of 100 ms: the RTO is 300 ms under Linux) with this many quick ACKs. */
    TcpConnection established(Profile profile, ReadMode readMode, int quickAcks) {
        env.profile = profile;
        env.params = profile.defaults().toBuilder().delayedAck(true).delayedAckMs(40).quickAcks(quickAcks).build();
        env.readMode = readMode;
        TcpConnection connection = TcpConnection.create(env, A, B, false);
        connection.openActive(100);
        env.now = 100;
        connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
        env.takeSent();
        return connection;
    }

    /** Two quick ACKs, spent at 100 and 130 ms; the unread segment at 160 ms waits for the timer, which sends its ACK. */
    TcpConnection quickAcksSpent(Profile profile) {
        TcpConnection connection = established(profile, ReadMode.ON_CALL, 2);
        for (int i = 0; i < 2; i++) {
            env.now = 100 + 30 * i;
            connection.segmentArrives(fromPeer(301 + 100 * i, 101, Flags.PSH, 100));
            assertSegment(env.onlySent(), 101, 401 + 100 * i, Flags.ACK, 0);
        }
        env.now = 160;
        connection.segmentArrives(fromPeer(501, 101, Flags.PSH, 100));
        assertTrue(env.takeSent().isEmpty(), "the quick ACKs are spent");
        env.now = env.timers.remove(TimerKind.DELAYED_ACK);
        connection.timerFires(TimerKind.DELAYED_ACK);
        assertSegment(env.onlySent(), 101, 601, Flags.ACK, 0);
        return connection;
    }

    @Nested
    class Rfc9293Section3_8_6_3 {
        @Test
        void smallSegment_waitsForTheTimerAndTheSecondIsAcknowledgedAtOnce() {
            TcpConnection connection = established(Profile.RFC9293, ReadMode.ON_ARRIVAL);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "the first ACK may wait");
            assertEquals(140L, env.timers.get(TimerKind.DELAYED_ACK));
            connection.segmentArrives(fromPeer(401, 101, Flags.PSH, 100));
            assertSegment(env.onlySent(), 101, 501, Flags.ACK, 0);
        }

        @Test
        void readOfEverythingWaiting_leavesTheOwedAckToTheTimer() {
            TcpConnection connection = established(Profile.RFC9293, ReadMode.ON_CALL);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            connection.read(100);
            assertTrue(env.takeSent().isEmpty());
            assertEquals(140L, env.timers.get(TimerKind.DELAYED_ACK));
        }
    }

    @Nested
    class Linux {
        @Test
        void smallPushedSegmentReadOnArrival_isAcknowledgedAtOnce_linuxTcpCleanupRbuf() {
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_ARRIVAL);
            for (int i = 0; i < 3; i++) {
                connection.segmentArrives(fromPeer(301 + 100 * i, 101, Flags.PSH, 100));
                assertSegment(env.onlySent(), 101, 401 + 100 * i, Flags.ACK, 0);
                assertEquals(Rules.LINUX_ACK_ON_READ, env.lastSentWhy.rule());
            }
        }

        @Test
        void smallSegmentWithFin_waitsForTheTimer_theFinMadeTheConnectionInteractive_linuxTcpFin() {
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_ARRIVAL);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH | Flags.FIN, 100));
            assertTrue(env.takeSent().isEmpty(), "ping-pong mode: one pushed segment does not make the read ACK at once");
            assertEquals(144L, env.timers.get(TimerKind.DELAYED_ACK), "jiffies + 10 from the tick at 100 ms, run a tick later");
        }

        @Test
        void fullSegmentWithoutPush_waitsAndTheNextBeyondOneRcvMssIsAcknowledgedAtOnce_linuxTcpAckSndCheck() {
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_ARRIVAL);
            // 536 bytes: as large as the first guess of rcv_mss (tcp_initialize_rcv_mss), so neither small nor pushed.
            connection.segmentArrives(fromPeer(301, 101, 0, 536));
            assertTrue(env.takeSent().isEmpty(), "536 bytes are not more than one rcv_mss");
            assertEquals(144L, env.timers.get(TimerKind.DELAYED_ACK));
            connection.segmentArrives(fromPeer(837, 101, 0, 536));
            assertSegment(env.onlySent(), 101, 1373, Flags.ACK, 0);
        }

        @Test
        void partialRead_sendsTheOwedAckOnlyOnceMoreThanOneRcvMssArrived_linuxTcpCleanupRbuf() {
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_CALL);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 200));
            connection.segmentArrives(fromPeer(501, 101, Flags.PSH, 200));
            connection.read(100);
            assertTrue(env.takeSent().isEmpty(), "two segments but 400 bytes: not more than rcv_mss (536)");
            connection.segmentArrives(fromPeer(701, 101, Flags.PSH, 200));
            assertTrue(env.takeSent().isEmpty(), "600 bytes, but the window would shrink while they wait");
            connection.read(100);
            assertSegment(env.onlySent(), 101, 901, Flags.ACK, 0);
        }

        @Test
        void readThatEmptiesTheQueueOfPushedData_sendsTheOwedAck_linuxTcpCleanupRbuf() {
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_CALL);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "unread, the ACK waits");
            connection.read(60);
            assertTrue(env.takeSent().isEmpty(), "40 bytes still wait");
            connection.read(40);
            assertSegment(env.onlySent(), 101, 401, Flags.ACK, 0);
            assertEquals(Rules.LINUX_ACK_ON_READ, env.lastSentWhy.rule());
        }
    }

    /**
     * Quick ACKs again after an idle gap. Linux's tcp_event_data_recv() (net/ipv4/tcp_input.c) calls
     * tcp_incr_quickack(sk, TCP_MAX_QUICKACKS) when data arrives more than icsk_rto after the data before it, so a
     * receiver whose quick ACKs were spent acknowledges at once again; held to the quick-ack-after-idle capture
     * (docs/linux-captures.md). RFC 9293 §3.8.6.3 has no such rule.
     */
    @Nested
    class IdleGap {
        @Test
        void dataAfterAGapLongerThanTheRto_isAcknowledgedAtOnceAgain_linuxTcpEventDataRecv() {
            TcpConnection connection = quickAcksSpent(Profile.LINUX);
            env.now = 500; // 340 ms after the last arrival, more than the RTO of 300 ms
            connection.segmentArrives(fromPeer(601, 101, Flags.PSH, 100));
            assertSegment(env.onlySent(), 101, 701, Flags.ACK, 0);
            env.now = 530;
            connection.segmentArrives(fromPeer(701, 101, Flags.PSH, 100));
            assertSegment(env.onlySent(), 101, 801, Flags.ACK, 0);
            env.now = 560;
            connection.segmentArrives(fromPeer(801, 101, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "the new quick ACKs (two, the tunable) are spent again");
        }

        @Test
        void dataAfterAGapShorterThanTheRto_waitsForTheTimer_linuxTcpEventDataRecv() {
            TcpConnection connection = quickAcksSpent(Profile.LINUX);
            env.now = 440; // 280 ms after the last arrival
            connection.segmentArrives(fromPeer(601, 101, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty());
            assertTrue(env.timers.containsKey(TimerKind.DELAYED_ACK));
        }

        @Test
        void dataAfterAGapLongerThanTheRto_waitsForTheTimer_rfc9293Section3_8_6_3() {
            TcpConnection connection = quickAcksSpent(Profile.RFC9293);
            env.now = 1500;
            connection.segmentArrives(fromPeer(601, 101, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "no quick ACKs come back in the RFC");
            assertEquals(1540L, env.timers.get(TimerKind.DELAYED_ACK));
        }
    }

    /**
     * Quick ACKs after sequence space that arrives again. Linux's tcp_send_dupack() (a segment below the window,
     * tcp_validate_incoming()) and tcp_data_queue() ("A retransmit, 2nd most common case"), net/ipv4/tcp_input.c, call
     * tcp_enter_quickack_mode(sk, TCP_MAX_QUICKACKS): the peer sent again what this end had acknowledged, so an ACK was
     * lost or late, and the segments that follow are acknowledged one by one (docs/linux-captures.md §79: a download
     * whose reordered segment was sent again, eleven segments ACKed one by one after the D-SACK). RFC 9293 §3.10.7.4
     * answers the copy with an ACK and nothing more.
     */
    @Nested
    class DataArrivingAgain {
        @Test
        void aCopyOfAcknowledgedData_hasTheNextSegmentsAcknowledgedAtOnce_linuxTcpSendDupack() {
            TcpConnection connection = quickAcksSpent(Profile.LINUX);
            env.now = 200;
            connection.segmentArrives(fromPeer(501, 101, Flags.PSH, 100)); // the third segment again
            assertSegment(env.onlySent(), 101, 601, Flags.ACK, 0);
            for (int i = 0; i < 2; i++) {
                env.now = 230 + 30 * i;
                connection.segmentArrives(fromPeer(601 + 100 * i, 101, Flags.PSH, 100));
                assertSegment(env.onlySent(), 101, 701 + 100 * i, Flags.ACK, 0);
            }
            env.now = 290;
            connection.segmentArrives(fromPeer(801, 101, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "the quick ACKs granted (two, the tunable) are spent");
        }

        @Test
        void aCopyOfAcknowledgedData_leavesTheNextSegmentToTheTimer_rfc9293Section3_10_7_4() {
            TcpConnection connection = quickAcksSpent(Profile.RFC9293);
            env.now = 200;
            connection.segmentArrives(fromPeer(501, 101, Flags.PSH, 100));
            assertSegment(env.onlySent(), 101, 601, Flags.ACK, 0);
            env.now = 230;
            connection.segmentArrives(fromPeer(601, 101, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "the RFC grants no quick ACKs");
            assertEquals(270L, env.timers.get(TimerKind.DELAYED_ACK));
        }
    }

    /**
     * How many quick ACKs Linux grants at the start: tcp_event_data_recv() (net/ipv4/tcp_input.c) counts them with the
     * first data (icsk_ack.ato still 0), tcp_incr_quickack(): rcv_wnd / (2 * icsk_ack.rcv_mss), two if that is 0, at most
     * TCP_MAX_QUICKACKS (16), with rcv_mss measured from that data first (tcp_measure_rcv_mss()). A first segment
     * smaller than the first guess (tcp_initialize_rcv_mss(): at most TCP_MSS_DEFAULT, 536) leaves the guess; held to
     * the quick-acks-small-first-data capture (docs/linux-captures.md §44). Segments of 100 bytes, below the 128 that
     * tcp_grow_window() needs, owe no quick ACK of their own.
     */
    @Nested
    class QuickAckCount {
        /** The window offered when SO_RCVBUF is 16384: 11 segments of 1460 (the fixture's MSS), 16060. */
        static final int WINDOW = 16_060;

        /** ESTABLISHED at 100 ms with the tunable 16 and a buffer of 16384; the application reads nothing. */
        TcpConnection establishedWithSmallBuffer() {
            env.profile = Profile.LINUX;
            env.params = Profile.LINUX.defaults().toBuilder().window(16_384).build();
            env.readMode = ReadMode.ON_CALL;
            TcpConnection connection = TcpConnection.create(env, A, B, false);
            connection.openActive(100);
            env.now = 100;
            connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
            List<Segment> sent = env.takeSent();
            Segment ack = sent.get(sent.size() - 1);
            assertSegment(ack, 101, 301, Flags.ACK, 0);
            assertEquals(WINDOW, ack.window());
            return connection;
        }

        /** Small pushed segments of 100 bytes from {@code seq}, 30 ms apart; returns how many were ACKed at once. */
        int smallSegmentsAckedAtOnce(TcpConnection connection, int seq, int count) {
            int ackedAtOnce = 0;
            for (int i = 0; i < count; i++) {
                env.now += 30;
                connection.segmentArrives(fromPeer(seq + 100 * i, 101, Flags.PSH, 100));
                ackedAtOnce += env.takeSent().size();
            }
            return ackedAtOnce;
        }

        @Test
        void smallFirstData_countsWithTheFirstGuessOfTheSegmentSize_linuxTcpIncrQuickackTcpInitializeRcvMss() {
            TcpConnection connection = establishedWithSmallBuffer();
            // 16060 / (2 * 536) = 14 quick ACKs (advmss would give 16060 / (2 * 1460) = 5).
            assertEquals(14, smallSegmentsAckedAtOnce(connection, 301, 15));
            assertTrue(env.timers.containsKey(TimerKind.DELAYED_ACK), "the fifteenth waits for the timer");
        }

        /**
         * A window of two or three segments grants one quick ACK, not two: only a count of 0 becomes 2. The catalogue's
         * zero-window-probe with the default sysctls (window 2896): the kernel ACKs the first segment at once and the
         * second, which closes the window, 48 ms later.
         */
        @Test
        void aWindowOfTwoOrThreeSegmentsGrantsOne_andOfFewerThanTwoGrantsTwo_linuxTcpIncrQuickack() {
            TcpParams params = Profile.LINUX.defaults();
            assertEquals(1, Profile.LINUX.quickAcks(params, 2 * 1448, 1448));
            assertEquals(1, Profile.LINUX.quickAcks(params, 4 * 1448 - 1, 1448));
            assertEquals(2, Profile.LINUX.quickAcks(params, 2 * 1448 - 1, 1448));
            assertEquals(16, Profile.LINUX.quickAcks(params, 65_535, 1448));
        }

        @Test
        void fullFirstSegment_countsWithTheSizeMeasuredFromIt_linuxTcpMeasureRcvMss() {
            TcpConnection connection = establishedWithSmallBuffer();
            env.now = 130;
            connection.segmentArrives(fromPeer(301, 101, 0, 1460));
            // 16060 / (2 * 1460) = 5 quick ACKs: this one and four small segments.
            assertSegment(env.onlySent(), 101, 1761, Flags.ACK, 0);
            assertEquals(4, smallSegmentsAckedAtOnce(connection, 1761, 5));
            assertTrue(env.timers.containsKey(TimerKind.DELAYED_ACK), "the fifth small segment waits for the timer");
        }
    }

    /**
     * Linux's ping-pong ("interactive") mode entered by answering: tcp_event_data_sent() (net/ipv4/tcp_output.c) counts
     * a send within ato of the last data received (inet_csk_inc_pingpong_cnt; tcp_pingpong_thresh is 1), and then
     * tcp_in_quickack_mode() (net/ipv4/tcp_input.c) is false, so the next request waits for the answer or the timer
     * although quick ACKs are left; held to the request-response-ping-pong capture (docs/linux-captures.md).
     */
    @Nested
    class PingPong {
        /** The first request at 100 ms is ACKed at once (a quick ACK); the answer follows at {@code answerAt}. */
        TcpConnection answered(long answerAt) {
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_CALL, 16);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            assertSegment(env.onlySent(), 101, 401, Flags.ACK, 0);
            env.now = answerAt;
            connection.send(200, SendFlags.NONE);
            assertSegment(env.onlySent(), 101, 401, Flags.ACK | Flags.PSH, 200);
            return connection;
        }

        @Test
        void answerWithinAto_makesTheNextRequestWaitForTheTimer_linuxTcpEventDataSent() {
            TcpConnection connection = answered(110); // 10 ms after the request, within ato (40 ms)
            env.now = 210;
            connection.segmentArrives(fromPeer(401, 301, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "quick ACKs are left, but the connection is interactive");
            assertTrue(env.timers.containsKey(TimerKind.DELAYED_ACK));
        }

        @Test
        void answerLaterThanAto_leavesTheNextRequestAQuickAck_andOnlyAnAnswerWithinAtoEndsThem_linuxTcpEventDataSent() {
            TcpConnection connection = answered(200); // 100 ms after the request, more than ato
            env.now = 300;
            connection.segmentArrives(fromPeer(401, 301, Flags.PSH, 100));
            assertSegment(env.onlySent(), 301, 501, Flags.ACK, 0);
            env.now = 310; // 10 ms after the second request
            connection.send(200, SendFlags.NONE);
            assertSegment(env.onlySent(), 301, 501, Flags.ACK | Flags.PSH, 200);
            env.now = 410;
            connection.segmentArrives(fromPeer(501, 501, Flags.PSH, 100));
            assertTrue(env.takeSent().isEmpty(), "the answer within ato made the connection interactive");
        }
    }

    /**
     * When the timer fires. RFC 9293 §3.8.6.3 only bounds the wait, and the RFC's timer runs from the moment it is set.
     * Linux's tcp_send_delayed_ack() (net/ipv4/tcp_output.c) sets it to jiffies + ato, in 4 ms ticks from the start of
     * the current tick, and the timer wheel runs a timer one tick after its deadline (calc_index() in
     * kernel/time/timer.c), so it fires on a tick boundary ato to ato + 1 ticks later (the engine's ticks count from the
     * simulation's start); docs/linux-captures.md, finding 3.
     */
    @Nested
    class TickGrid {
        @Test
        void ackOfData_waitsForTheTickBoundaryAfterJiffiesPlusAto_linuxTcpSendDelayedAck() {
            for (long arrival : new long[] {100, 101, 103}) {
                TcpConnection connection = established(Profile.LINUX, ReadMode.ON_CALL);
                env.now = arrival;
                connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
                assertEquals(144L, env.timers.get(TimerKind.DELAYED_ACK), "data at " + arrival + " ms, in the tick from 100 ms");
            }
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_CALL);
            env.now = 104;
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            assertEquals(148L, env.timers.get(TimerKind.DELAYED_ACK), "data at 104 ms, in the next tick");
        }

        @Test
        void ackOfAFinBeforeAnyData_leavesAtTheNextTick_linuxTcpSendDelayedAck() {
            for (long arrival : new long[] {100, 103}) {
                TcpConnection connection = established(Profile.LINUX, ReadMode.ON_ARRIVAL);
                env.now = arrival;
                connection.segmentArrives(fromPeer(301, 101, Flags.FIN, 0));
                assertTrue(env.takeSent().isEmpty(), "ato is 0, but the ACK still waits for the timer");
                assertEquals(104L, env.timers.get(TimerKind.DELAYED_ACK), "FIN at " + arrival + " ms: jiffies + 0, run at the next tick");
            }
        }

        @Test
        void ackOfData_waitsTheTunableFromTheMomentTheTimerIsSet_rfc9293Section3_8_6_3() {
            TcpConnection connection = established(Profile.RFC9293, ReadMode.ON_CALL);
            env.now = 101;
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            assertEquals(141L, env.timers.get(TimerKind.DELAYED_ACK));
        }
    }

    /**
     * How long the ACK waits once it may wait. RFC 9293 §3.8.6.3 and RFC 1122 §4.2.3.2 bound it (under 0.5 s); Linux's
     * ato starts at 40 ms (10 ticks of 4 ms), follows the arrival gaps (tcp_event_data_recv), doubles when the timer
     * had to send the ACK (tcp_delack_timer_handler), and is bounded by the smoothed RTT, 100 ms here
     * (tcp_send_delayed_ack); a server that does not read waited 40.3 ms, then, with ato doubled and pulled back by
     * segments 5 ms apart, 64 ms for the first of eight (docs/linux-captures.md, 20i).
     */
    @Nested
    class AckWait {
        /**
         * A small unread segment at 100 ms whose ACK the timer sends 40 ms later, at 140 ms in the RFC, at the tick
         * boundary 144 ms under Linux (its timer fires on the tick grid).
         */
        TcpConnection afterOneDelayedAck(Profile profile, long firesAt) {
            TcpConnection connection = established(profile, ReadMode.ON_CALL);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            assertEquals(firesAt, env.timers.get(TimerKind.DELAYED_ACK));
            env.now = firesAt;
            env.timers.remove(TimerKind.DELAYED_ACK);
            connection.timerFires(TimerKind.DELAYED_ACK);
            assertSegment(env.onlySent(), 101, 401, Flags.ACK, 0);
            return connection;
        }

        @Test
        void rfc9293_keepsTheTunableWait() {
            TcpConnection connection = afterOneDelayedAck(Profile.RFC9293, 140);
            env.now = 300;
            connection.segmentArrives(fromPeer(401, 101, Flags.PSH, 100));
            assertEquals(340L, env.timers.get(TimerKind.DELAYED_ACK));
        }

        @Test
        void timerThatHadToSendTheAck_doublesTheWait_linuxTcpDelackTimerHandler() {
            TcpConnection connection = afterOneDelayedAck(Profile.LINUX, 144);
            env.now = 300;
            connection.segmentArrives(fromPeer(401, 101, Flags.PSH, 100));
            assertEquals(384L, env.timers.get(TimerKind.DELAYED_ACK), "80 ms and a tick: a gap of 200 ms leaves ato as it was");
        }

        @Test
        void segmentsBackToBack_pullTheWaitTowards40ms_andTheEarlierDeadlineWins_linuxTcpEventDataRecv() {
            TcpConnection connection = afterOneDelayedAck(Profile.LINUX, 144);
            env.now = 300;
            connection.segmentArrives(fromPeer(401, 101, Flags.PSH, 100));
            connection.segmentArrives(fromPeer(501, 101, Flags.PSH, 100));
            assertEquals(364L, env.timers.get(TimerKind.DELAYED_ACK), "ato 20 / 2 + 5 ticks = 60 ms, and a tick");
            connection.segmentArrives(fromPeer(601, 101, Flags.PSH, 100));
            assertEquals(352L, env.timers.get(TimerKind.DELAYED_ACK), "ato 15 / 2 + 5 ticks = 48 ms, and a tick");
            assertTrue(env.takeSent().isEmpty());
        }

        @Test
        void segmentWhileTheTimerIsDueWithinAQuarterOfTheWait_isAcknowledgedAtOnce_linuxTcpSendDelayedAck() {
            TcpConnection connection = established(Profile.LINUX, ReadMode.ON_CALL);
            connection.segmentArrives(fromPeer(301, 101, Flags.PSH, 100));
            env.now = 130;
            connection.segmentArrives(fromPeer(401, 101, Flags.PSH, 100));
            assertSegment(env.onlySent(), 101, 501, Flags.ACK, 0);
        }

        @Test
        void timerInPingPongMode_leavesItAndTheWaitFallsBackTo40ms_linuxTcpDelackTimerHandler() {
            AckTimeout ato = new AckTimeout(Profile.LINUX, Profile.LINUX.defaults());
            ato.dataArrived(100, 300);
            assertFalse(ato.timerSentAck(false, 300), "outside ping-pong mode ato doubles");
            assertEquals(80, ato.waitMs(true, 100));
            assertTrue(ato.timerSentAck(true, 300), "a delayed ACK in ping-pong mode ends it");
            assertEquals(40, ato.waitMs(true, 100));
        }

        @Test
        void lastQuickAck_deflatesTheWaitTo40ms_linuxTcpDecQuickackMode() {
            AckTimeout ato = new AckTimeout(Profile.LINUX, Profile.LINUX.defaults());
            ato.dataArrived(100, 300);
            ato.timerSentAck(false, 300);
            assertEquals(80, ato.waitMs(true, 100));
            ato.atoToMinimum();
            assertEquals(40, ato.waitMs(true, 100), "leaving quick-ACK mode, ato falls back to TCP_ATO_MIN");
        }

        @Test
        void waitThatDoubledPastTheRoundTripTime_isBoundedByIt_linuxTcpSendDelayedAck() {
            TcpConnection connection = afterOneDelayedAck(Profile.LINUX, 144);
            env.now = 400;
            connection.segmentArrives(fromPeer(401, 101, Flags.PSH, 100));
            assertEquals(484L, env.timers.get(TimerKind.DELAYED_ACK));
            env.now = 484;
            env.timers.remove(TimerKind.DELAYED_ACK);
            connection.timerFires(TimerKind.DELAYED_ACK);
            env.takeSent();
            env.now = 800;
            connection.segmentArrives(fromPeer(501, 101, Flags.PSH, 100));
            assertEquals(904L, env.timers.get(TimerKind.DELAYED_ACK), "ato 160 ms, bounded by the 100 ms RTT, and a tick");
        }
    }
}
