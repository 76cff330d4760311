package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static lab.handshake.engine.TcpConnectionTest.assertSegment;
import static lab.handshake.engine.TcpConnectionTest.fromPeer;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A data segment whose ACK releases what Nagle held: Linux's tcp_rcv_established (slow path: tcp_ack, tcp_data_queue,
 * then tcp_data_snd_check and tcp_ack_snd_check; tcp_rcv_state_process likewise) queues the segment's text before it
 * pushes the data the ACK let go, so that data carries the ACK of the text and the ACK owed for it is not sent on its
 * own (tcp_event_ack_sent clears it). Held to relay-nagle-typing (docs/linux-captures.md §129), an interactive echo
 * with Nagle on behind 10 ms each way.
 */
class DataReleasedWithTheAckTest {
    final FakeEnvironment env = new FakeEnvironment(Profile.LINUX);

    /** ESTABLISHED as A with ISS 100 and the peer's ISS 300, quick ACKs left, Nagle on. */
    TcpConnection established() {
        env.params = Profile.LINUX.defaults().toBuilder().delayedAck(true).quickAcks(16).build();
        TcpConnection connection = TcpConnection.create(env, A, B, false);
        connection.openActive(100);
        env.now = 100;
        connection.segmentArrives(fromPeer(300, 101, Flags.SYN, 0));
        env.takeSent();
        return connection;
    }

    @Test
    void echoAcknowledgingTheSmallSegment_releasesTheHeldWriteCarryingTheEchosAck_linuxTcpRcvEstablished() {
        TcpConnection connection = established();
        connection.send(5, SendFlags.NONE);
        assertSegment(env.onlySent(), 101, 301, Flags.PSH | Flags.ACK, 5);
        connection.send(5, SendFlags.NONE);
        assertTrue(env.takeSent().isEmpty(), "Nagle holds the second write behind the first small segment");

        env.now = 120;
        connection.segmentArrives(fromPeer(301, 106, Flags.PSH, 5));

        // One segment: the held data, acknowledging the echo; before, the data with ACK 301, then a quick ACK of 306.
        assertSegment(env.onlySent(), 106, 306, Flags.PSH | Flags.ACK, 5);
    }
}
