package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a tail loss probe sends when data written waits unsent (RFC 8985 §7.3; Linux tcp_send_loss_probe in
 * net/ipv4/tcp_output.c, docs/linux-captures.md §102).
 */
class TailLossProbeTest {
    /** A peer that offers an MSS of 536 (the numbers of SmallWindowTest's deferred packet). */
    private static final int MSS = 536;
    /** Twelve segments and 300 bytes: the window cuts the third ACK's packet of two short. */
    private static final int WINDOW = 12 * MSS + 300;

    /**
     * tcp_send_loss_probe sends data waiting with tcp_write_xmit(push_one 2, TCP_NAGLE_OFF): one packet of up to the
     * congestion window's quota (forced to one only when the window is full) and tcp_tso_segs, cut at the peer's
     * window by tcp_mss_split_point, which keeps the part of a segment there when Nagle is off. As in
     * SmallWindowTest, the third ACK at 200 ms leaves 11 segments in flight, cwnd 13 and 836 bytes of window, and the
     * packet waits for the ACK due then (tcp_tso_should_defer). The probe's packet: a segment and the 300 bytes at the
     * window's edge, PSH on the last (a packet of more than one segment, __tcp_transmit_skb); one MSS before. The
     * capture veth6-jumbo-client-1 (runs/everyday-s66) shows such a probe: 8,928 + 1,312 bytes up to the window's edge.
     */
    @Test
    void probeWithRoomInTheCongestionWindow_sendsAPacketUpToThePeersWindowEdge_linuxTcpSendLossProbe() {
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        TcpConnection connection = TcpConnection.create(env, A, B, false);
        connection.openActive(100);
        env.now = 100;
        connection.segmentArrives(new Segment(B, A, 300, 101, Flags.SYN | Flags.ACK, 0, WINDOW,
                new TcpOptions(MSS, true, null, null), 0));
        connection.send(20 * MSS, SendFlags.NONE);
        env.takeSent();
        env.now = 200;
        for (int acked = 1; acked <= 3; acked++) {
            connection.segmentArrives(new Segment(B, A, 301, 101 + acked * MSS, Flags.ACK, 0, WINDOW));
        }
        env.takeSent();
        assertTrue(env.timers.containsKey(TimerKind.LOSS_PROBE), "the probe's timer");

        env.now = env.timers.get(TimerKind.LOSS_PROBE);
        connection.timerFires(TimerKind.LOSS_PROBE);
        List<Segment> probe = env.takeSent().stream().filter(segment -> segment.len() > 0).toList();
        assertEquals(List.of(MSS, 300), probe.stream().map(Segment::len).toList());
        assertEquals(101 + 14 * MSS, probe.get(0).seq(), "new data, from SND.NXT");
        assertEquals(List.of(false, true), probe.stream().map(segment -> Flags.has(segment.flags(), Flags.PSH)).toList());
    }
}
