package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import lab.handshake.engine.trace.SackBlock;
import org.junit.jupiter.api.Test;

/**
 * RACK on a duplicate ACK that SACKs only a bare FIN (RFC 8985 §6.2; Linux tcp_sacktag_one → tcp_rack_advance sets
 * rack.advanced for the FIN-only segment too, tcp_fastretrans_alert → tcp_identify_packet_loss → tcp_rack_mark_lost),
 * and when its reordering timer fires: tcp_rack_mark_lost arms it with inet_csk_reset_xmit_timer, the socket's one
 * kernel timer (ICSK_TIME_REO_TIMEOUT), which the timer wheel fires at a bucket's end, one tick after its expiry on
 * level 0 (calc_index() in kernel/time/timer.c). The captures of runs/rack-fin-s135 (docs/linux-captures.md §135):
 * the client's data 40 ms late behind its FIN, the copy 29.3 to 33.2 ms after the SACK arrived, never sooner than
 * the 28 ms timeout.
 */
class RackOnASackedFinTest {
    private static final int MSS = 1000;

    @Test
    void aSackOfTheBareFin_armsTheReorderingTimer_atTheEndOfItsWheelBucket_tcpRackMarkLost_calcIndex() {
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        TcpConnection connection = env.sackClientEstablishedAt50(MSS);
        connection.send(MSS, SendFlags.NONE);
        connection.close();
        env.takeSent();

        // At 101 the peer's duplicate ACK SACKs the FIN (101 + MSS, one sequence number) and nothing else. RACK's
        // round trip is the FIN's 51 ms, the window min_rtt / 4 = 12 ms, the data waited 51 ms: 12 ms to go, + 2 ms
        // (TCP_TIMEOUT_MIN_US) = 4 ticks (16 ms). Armed in tick 25 (100 to 104 ms): due at tick 29, filed and fired
        // at tick 30, 120 ms. Before §130 no timer (RACK ran only when data was SACKed; the loss probe stayed), and
        // off the wheel 101 + 16 = 117 ms.
        env.now = 101;
        connection.segmentArrives(new Segment(B, A, 301, 101, Flags.ACK, 0, 64_000,
                new TcpOptions(null, false, null, null, List.of(new SackBlock(101 + MSS, 102 + MSS))), 0));
        assertEquals(120L, env.timers.get(TimerKind.REORDER));
        assertFalse(env.timers.containsKey(TimerKind.LOSS_PROBE));

        env.now = 120;
        connection.timerFires(TimerKind.REORDER);
        assertEquals(List.of(101), env.takeSent().stream().filter(s -> s.len() > 0).map(Segment::seq).toList(),
                "the data again, marked lost (tcp_rack_reo_timeout)");
    }
}
