package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.handshake.engine.trace.SackBlock;
import org.junit.jupiter.api.Test;

/**
 * RACK in fast recovery on an ACK without SACK blocks (RFC 8985 §6.2; Linux tcp_clean_rtx_queue → tcp_rack_advance,
 * tcp_fastretrans_alert → tcp_identify_packet_loss → tcp_rack_mark_lost; docs/linux-captures.md §102).
 */
class RackCumulativeAckTest {
    private static final int MSS = 1000;

    /**
     * The shape of keep-alive-lossy-both-server (runs/everyday-s79, 977 to 1046 ms): S1 and S2 leave at 50 ms, S1 is
     * lost; the ACK of 100 ms SACKs S2, and S3, new, goes; the reordering timer marks S1 lost, recovery begins (its
     * point past S3) and S1 goes again; S3 is lost too. The ACK of S1's copy a round trip later acknowledges up to
     * S3 with no SACK block. The kernel takes the copy for RACK (acknowledged cumulatively, not sooner than the
     * smallest round trip), so S3, sent before it, is lost once a round trip and the reordering window have passed
     * since it left, and goes at once (the capture: K+38065 again 0.05 ms after the ACK). Before, the engine's RACK saw
     * only new SACK blocks, and armed a loss probe instead.
     */
    @Test
    void cumulativeAckOfACopyInRecovery_advancesRack_andMarksDataSentBeforeItLost_linuxTcpRackAdvance() {
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        TcpConnection connection = env.sackClientEstablishedAt50(MSS);
        connection.send(2 * MSS, SendFlags.NONE);
        env.takeSent();

        env.now = 100;
        connection.segmentArrives(new Segment(B, A, 301, 101, Flags.ACK, 0, 64_000,
                new TcpOptions(null, false, null, null, List.of(new SackBlock(101 + MSS, 101 + 2 * MSS))), 0));
        connection.send(MSS, SendFlags.NONE);
        assertEquals(List.of(101 + 2 * MSS), seqsOfData(env), "S3, new");
        assertTrue(env.timers.containsKey(TimerKind.REORDER));

        env.now = env.timers.get(TimerKind.REORDER);
        connection.timerFires(TimerKind.REORDER);
        assertEquals(List.of(101), seqsOfData(env), "S1 again");

        env.now += 50;
        connection.segmentArrives(new Segment(B, A, 301, 101 + 2 * MSS, Flags.ACK, 0, 64_000));
        assertEquals(List.of(101 + 2 * MSS), seqsOfData(env), "S3 again, on that ACK");
    }

    private static List<Integer> seqsOfData(FakeEnvironment env) {
        return env.takeSent().stream().filter(segment -> segment.len() > 0).map(Segment::seq).toList();
    }
}
