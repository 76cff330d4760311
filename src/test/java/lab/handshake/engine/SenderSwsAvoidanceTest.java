package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static lab.handshake.engine.TcpConnectionTest.assertSegment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The sender's silly window syndrome avoidance as RFC 9293 §3.8.6.2.1 writes it (MUST-38): with U = SND.UNA + SND.WND
 * - SND.NXT and D the data waiting, send (1) a full segment, (2) all that waits if it fits and nothing is
 * unacknowledged, (3) at least Fs = 1/2 of Max(SND.WND), or (4) what fits when the override timeout fires.
 *
 * <p>Numbers by hand: our ISS is 100, the peer's 300; the peer offers no MSS option (536 bytes) and a window of 1000
 * on its SYN,ACK, so Max(SND.WND) = 1000 and Fs · Max(SND.WND) = 500. Its application does not read, so each ACK
 * keeps the right edge at 101 + 1000 = 1101. The SYN's round trip of 100 ms gives an RTO of 1 s (RFC 6298's minimum),
 * and the override timeout is min(1 s, 1 s).
 */
class SenderSwsAvoidanceTest {
    private static final int LARGEST_WINDOW = 1000;
    private static final int MSS = 536;
    private static final int RIGHT_EDGE = 101 + LARGEST_WINDOW;

    private final FakeEnvironment env = new FakeEnvironment(Profile.RFC9293);

    private static Segment ackWithWindow(int ack, int window) {
        return new Segment(B, A, 301, ack, Flags.ACK, 0, window);
    }

    private TcpConnection established() {
        TcpConnection connection = TcpConnection.create(env, A, B, false);
        connection.openActive(100);
        env.now = 100;
        connection.segmentArrives(new Segment(B, A, 300, 101, Flags.SYN | Flags.ACK, 0, LARGEST_WINDOW));
        env.takeSent();
        return connection;
    }

    /** 2000 bytes to send: one full segment fills 536 of the 1000 bytes; its ACK leaves U = 1101 - 637 = 464. */
    private TcpConnection heldBehindAWindowOf464() {
        TcpConnection connection = established();
        connection.send(2000, SendFlags.NONE);
        assertSegment(env.onlySent(), 101, 301, Flags.ACK, MSS);
        env.now = 300;
        connection.segmentArrives(ackWithWindow(101 + MSS, RIGHT_EDGE - (101 + MSS)));
        return connection;
    }

    @Nested
    class Established {
        @Test
        void fullSegmentFits_goesAtOnce_rfc9293Section3_8_6_2_1Rule1() {
            TcpConnection connection = established();
            connection.send(2000, SendFlags.NONE);
            assertEquals(List.of(MSS), env.takeSent().stream().map(Segment::len).toList(),
                    "536 fits; the 464 left of the window are below a segment and below half of 1000");
        }

        @Test
        void windowCutsTheSegmentBelowHalfTheLargestWindow_dataWaitsForTheOverrideTimeout_rfc9293Section3_8_6_2_1Rule3() {
            heldBehindAWindowOf464();
            assertTrue(env.takeSent().isEmpty(), "464 < 536 and 464 < 1000 / 2: no small segment");
            assertEquals(300L + 1000, env.timers.get(TimerKind.PERSIST), "the override timeout, 1 s after the ACK");
            assertEquals(Rules.SENDER_SWS_WHEN_TO_SEND, env.lastTimerWhy.rule());
            assertEquals(List.of(464, MSS, LARGEST_WINDOW, 1000), env.lastTimerWhy.args());
        }

        @Test
        void windowOpensToHalfTheLargestWindow_theSmallSegmentGoes_rfc9293Section3_8_6_2_1Rule3() {
            TcpConnection connection = heldBehindAWindowOf464();
            env.now = 400;
            connection.segmentArrives(ackWithWindow(637, 499));
            assertTrue(env.takeSent().isEmpty(), "499 is still below 500");
            connection.segmentArrives(ackWithWindow(637, 500));
            assertSegment(env.onlySent(), 637, 301, Flags.ACK, 500);
            assertEquals(Rules.SENDER_SWS_WHEN_TO_SEND, env.lastSentWhy.rule());
            assertEquals("send.data.sws-fraction", env.lastSentWhy.key());
            assertNull(env.timers.get(TimerKind.PERSIST), "data in flight: its ACK, not the override, comes next");
        }

        @Test
        void allThatWaitsFitsAndNothingIsUnacknowledged_goes_rfc9293Section3_8_6_2_1Rule2() {
            TcpConnection connection = established();
            connection.send(MSS + 300, SendFlags.NONE);
            assertSegment(env.onlySent(), 101, 301, Flags.ACK, MSS);
            env.now = 300;
            connection.segmentArrives(ackWithWindow(637, 464));
            assertSegment(env.onlySent(), 637, 301, Flags.ACK | Flags.PSH, 300);
        }

        @Test
        void allThatWaitsFitsButDataIsUnacknowledged_waitsForNagle_rfc9293Section3_8_6_2_1Rule2Bracket() {
            TcpConnection connection = established();
            connection.send(MSS + 300, SendFlags.NONE);
            assertEquals(List.of(MSS), env.takeSent().stream().map(Segment::len).toList(),
                    "300 <= U = 464, but SND.NXT != SND.UNA");
        }

        @Test
        void overrideTimeoutFires_whatTheWindowAllowsGoes_rfc9293Section3_8_6_2_1Rule4() {
            TcpConnection connection = heldBehindAWindowOf464();
            env.now = 1300;
            connection.timerFires(TimerKind.PERSIST);
            assertSegment(env.onlySent(), 637, 301, Flags.ACK | Flags.PSH, 464);
            assertEquals("send.data.sws-override", env.lastSentWhy.key());
            assertEquals(1300L + 1000, env.timers.get(TimerKind.RETRANSMISSION), "in flight now: the RTO takes over");
        }

        @Test
        void overrideTimeout_isThePersistIntervalAtMostOneSecond_rfc9293Section3_8_6_2_1() {
            assertEquals(1000, Profile.RFC9293.swsOverrideMs(3000));
            assertEquals(200, Profile.RFC9293.swsOverrideMs(200));
        }
    }
}
