package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.assertSegment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * TCP_CORK and MSG_MORE, as Linux 6.18 does them: a corked socket sends only full segments (__tcp_sock_set_cork sets
 * TCP_NAGLE_CORK, tcp_nagle_check holds a partial one whatever is in flight), a send() with MSG_MORE corks its own push
 * (tcp_push), removing the cork pushes what waits, a FIN goes past it (tcp_nagle_test), and a tail held with nothing in
 * flight leaves at the probe timer (__tcp_push_pending_frames → tcp_check_probe_timer, tcp_probe0_base; tcp_write_wakeup),
 * about 200 ms on in the capture everyday-s58 cork (docs/linux-captures.md §58, §150). Under rfc9293 these are SENDs
 * without the PUSH flag (RFC 9293 §3.9.1.2, MAY-16), held no longer than the override timeout (MUST-60).
 */
class CorkTest {
    static final int MSS = 1460;
    final FakeEnvironment env = new FakeEnvironment(Profile.LINUX);

    TcpConnection established() {
        return env.sackClientEstablishedAt50(MSS);
    }

    @Test
    void corkedSocket_sendsTheFullSegmentAndHoldsThePartialTail_tcpNagleCheck() {
        TcpConnection connection = established();
        connection.setCork(true);
        connection.send(2 * MSS - 460, SendFlags.NONE);
        // Without the cork the 1,000-byte tail goes too: Linux's Nagle holds only behind a small segment (Minshall).
        assertSegment(env.onlySent(), 101, 301, Flags.ACK, MSS);
    }

    @Test
    void corkedTailWithNothingInFlight_leavesAtTheProbeTimer_tcpCheckProbeTimerAndTcpWriteWakeup() {
        TcpConnection connection = established();
        connection.setCork(true);
        connection.send(100, SendFlags.NONE);
        assertTrue(env.takeSent().isEmpty(), "a corked partial segment waits even with nothing in flight");
        long due = env.timers.get(TimerKind.PERSIST);
        assertTrue(due - env.now >= 200, "the probe timer is the RTO, at least TCP_RTO_MIN: " + (due - env.now));
        assertEquals("timer.cork", env.lastTimerWhy.key());

        env.now = due;
        connection.timerFires(TimerKind.PERSIST);
        assertSegment(env.onlySent(), 101, 301, Flags.PSH | Flags.ACK, 100);
        assertEquals("send.data.cork-timer", env.lastSentWhy.key());
    }

    @Test
    void writesWhileCorked_leaveAsOneSegment_whenTheCorkIsRemoved_tcpSockSetCork() {
        TcpConnection connection = established();
        connection.setCork(true);
        connection.send(100, SendFlags.NONE);
        env.now = 100;
        connection.send(100, SendFlags.NONE);
        assertTrue(env.takeSent().isEmpty());

        connection.setCork(false);
        assertSegment(env.onlySent(), 101, 301, Flags.PSH | Flags.ACK, 200);
    }

    @Test
    void sendWithMsgMore_holdsItsTail_andTheNextSendPushesBoth_tcpPush() {
        TcpConnection connection = established();
        connection.send(100, SendFlags.MORE);
        assertTrue(env.takeSent().isEmpty(), "MSG_MORE corks this call's push");
        env.now = 100;
        connection.send(100, SendFlags.NONE);
        assertSegment(env.onlySent(), 101, 301, Flags.PSH | Flags.ACK, 200);
    }

    @Test
    void corkedTail_leavesWithTheFin_tcpNagleTestLetsAFinGo() {
        TcpConnection connection = established();
        connection.setCork(true);
        connection.send(100, SendFlags.NONE);
        connection.close();
        assertSegment(env.onlySent(), 101, 301, Flags.FIN | Flags.PSH | Flags.ACK, 100);
    }

    @Test
    void corkOutweighsNoDelay_andItsRemovalPushesPastNagle_tcpNagleCheckAndTcpNaglePush() {
        env.params = Profile.LINUX.defaults().toBuilder().noDelay(true).build();
        TcpConnection connection = established();
        connection.setCork(true);
        connection.send(2 * MSS - 460, SendFlags.NONE);
        assertSegment(env.onlySent(), 101, 301, Flags.ACK, MSS);
        connection.send(100, SendFlags.NONE);
        assertTrue(env.takeSent().isEmpty(), "TCP_NODELAY does not open a cork");

        connection.setCork(false);
        assertSegment(env.onlySent(), 101 + MSS, 301, Flags.PSH | Flags.ACK, MSS - 460 + 100);
    }

    @Test
    void rfc9293_holdsASendWithoutPushNoLongerThanTheOverrideTimeout_mustSixty() {
        FakeEnvironment rfc = new FakeEnvironment(Profile.RFC9293);
        TcpConnection connection = rfc.sackClientEstablishedAt50(MSS);
        connection.send(100, SendFlags.MORE);
        assertTrue(rfc.takeSent().isEmpty(), "MAY-16: data sent without PUSH may wait for more");
        long due = rfc.timers.get(TimerKind.PERSIST);
        assertTrue(due - rfc.now <= 1_000, "at most the override timeout's 1 s: " + (due - rfc.now));
        rfc.now = due;
        connection.timerFires(TimerKind.PERSIST);
        assertSegment(rfc.onlySent(), 101, 301, Flags.PSH | Flags.ACK, 100);
    }
}
