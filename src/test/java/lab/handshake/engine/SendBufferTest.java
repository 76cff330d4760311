package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.handshake.engine.trace.StepKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The send buffer a write fills (docs/linux-captures.md §86). Linux 6.18 (net/ipv4/tcp.c tcp_sendmsg_locked,
 * net/core/stream.c sk_stream_wait_memory and sk_stream_write_space, net/ipv4/tcp_input.c tcp_sndbuf_expand and
 * tcp_new_space) takes a write into skbs of the size goal while what is queued is below sk_sndbuf, and the call waits
 * for the rest until an ACK leaves a third of the buffer free. RFC 9293 §3.10.2 sizes no buffer.
 *
 * <p>Numbers by hand: our ISS is 100; the peer's SYN,ACK offers a window of 65,535 and no options, so the MSS is 536
 * and the size goal 61 x 536 = 32,696 (half the window, tcp_bound_to_half_wnd, in whole segments). The first buffer is
 * 2 x 10 x 2,304 = 46,080 bytes (an MSS of 536 is charged as a 2,048-byte head plus the sk_buff, as 1,460 is). What is
 * queued counts each skb's truesize, 832 bytes besides its data (sk_wmem_queued).
 */
class SendBufferTest {
    private static final int MSS = 536;

    private final FakeEnvironment env = new FakeEnvironment(Profile.LINUX);

    private TcpConnection established() {
        TcpConnection connection = TcpConnection.create(env, A, B, false);
        connection.openActive(100);
        env.now = 100;
        connection.segmentArrives(new Segment(B, A, 300, 101, Flags.SYN | Flags.ACK, 0, 65_535));
        env.takeSent();
        return connection;
    }

    private Segment ack(int ack) {
        return ack(ack, 65_535);
    }

    private Segment ack(int ack, int window) {
        return new Segment(B, A, 301, ack, Flags.ACK, 0, window);
    }

    /** The last segment sent: its sequence number and length. */
    private static List<Integer> last(List<Segment> sent) {
        Segment segment = sent.get(sent.size() - 1);
        return List.of(segment.seq(), segment.len());
    }

    @Nested
    class Linux {
        @Test
        void theFirstBuffer_isTwiceTenSegmentsTruesize_threeTimesUnderBbr_tcpSndbufExpand() {
            // Read back with getsockopt(SO_SNDBUF) on this machine's 6.18 kernel once connected (MSS 1460): 46080 for a
            // CUBIC socket, 69120 for BBR (bbr_sndbuf_expand returns 3).
            SendBuffer cubic = new SendBuffer(CongestionControl.CUBIC);
            cubic.expand(1460, 10);
            SendBuffer bbr = new SendBuffer(CongestionControl.BBR);
            bbr.expand(1460, 10);
            assertEquals(List.of(46_080, 69_120), List.of(cubic.size(), bbr.size()));
        }

        @Test
        void theWriteOfRelayRmemWmemServer_stopsAfterTenSkbsOf27696Bytes_chargedAs36016_tcpStreamAllocSkbTsoFragment() {
            // runs/everyday-s122/relay-rmem-wmem-server.pcap (sk_sndbuf 32,768, tcp_wmem[2]): skbs of 2,896 (half the
            // window of 7,424 in whole segments of 1,448). The first two leave whole as packets; the third is cut at the
            // window's edge, 7,425 (tso_fragment), and the write fills the rest, 7,425-10,321, as its tail; six more
            // skbs follow. The kernel's written data ended at 27,697 (the 1,304-byte segment at 63.168 ms).
            SendBuffer buffer = new SendBuffer(CongestionControl.CUBIC);
            buffer.written(2_897, true);
            buffer.sent(1, 2_897);
            buffer.written(5_793, true);
            buffer.sent(2_897, 5_793);
            buffer.written(8_689, true);
            buffer.sent(5_793, 7_425);
            buffer.written(10_321, false);
            for (int end = 13_217; end < 27_697; end += 2_896) {
                buffer.written(end, true);
            }
            long beforeTheLast = 24_800 + buffer.skbOverhead(0);
            buffer.written(27_697, true);
            // sk_stream_memory_free let the tenth skb begin (32,288 < 32,768) and no eleventh (36,016 >= 32,768).
            assertEquals(List.of(32_288L, 36_016L), List.of(beforeTheLast, 27_696 + buffer.skbOverhead(0)));
            // ACKs free whole skbs (tcp_wmem_free_skb); the one 7,425 cut is freed with the ACK of 7,425.
            assertEquals(7 * 832 + 20_272L, 20_272 + buffer.skbOverhead(7_425));
        }

        @Test
        void aWriteLargerThanTheBuffer_queuesWholeSkbsWhileThereIsRoom_andWaitsForTheRest_tcpSendmsgLockedSkStreamWaitMemory() {
            TcpConnection connection = established();
            connection.send(100_000, SendFlags.NONE);
            // The first skb, full at the send head, goes as far as the window lets (tcp_push_one: five packets of two
            // segments, 101-5,461), and the write fills what is left of it to the size goal again (5,461-38,157); a
            // third skb (38,157-70,853) began with 38,056 + 6 x 832 queued; a fourth may not: 70,752 bytes in seven skbs
            // (five sent, two unsent) are 76,576 >= 46,080.
            assertTrue(connection.writerWaits());
            assertEquals(List.of(StepKind.WRITE_WAITS), env.writeNotes);
            assertEquals(List.<Object>of(100_000L - 70_752, 46_080, 70_752L + 7 * 832), env.lastNoteWhy.args());
            assertEquals(10, env.takeSent().size(), "the initial window's ten segments left before the call slept");
            assertEquals(101 + 100_000, connection.writtenEnd(), "all it wrote counts as written");
        }

        @Test
        void theWaitingWriteReturns_whenAnAckFindsTheWindowNotFull_andTheGrownBufferAThirdFree_tcpNewSpaceSkStreamWriteSpace() {
            TcpConnection connection = established();
            connection.send(100_000, SendFlags.NONE);
            env.takeSent();
            // One segment acknowledged per ACK. While an ACK leaves the congestion window full the buffer keeps its
            // 46,080 bytes, two thirds of which (30,720) the 70,752 bytes queued stay above. Once ACKs leave the window
            // not full, tcp_new_space grows the buffer with it: at the 32nd ACK to 2 x 23 x 2,304 = 105,984, of which
            // what is queued (53,600 bytes and their skbs) leaves a third free; the writer wakes and queues the rest.
            int acks = 0;
            while (connection.writerWaits() && acks < 200) {
                acks++;
                env.now++;
                connection.segmentArrives(ack(101 + acks * MSS));
            }
            assertEquals(32, acks);
            assertEquals(List.of(StepKind.WRITE_WAITS, StepKind.WRITE_DONE), env.writeNotes);
            assertEquals(List.<Object>of(2 * 23 * 2_304, 100_000L - 32 * MSS + 19 * 832), env.lastNoteWhy.args());
            assertEquals(101 + 100_000, connection.writtenEnd());
        }

        @Test
        void aWriteThatSleepsForRoom_sendsThePartOfASegmentAtTheWindowsEdge_thatNagleHoldsAtAWritesEnd_tcpSendmsgLockedTcpNaglePush() {
            TcpConnection connection = established();
            // 35,000 bytes in two skbs (32,696 and 2,304, no wait); the ACKs of the first two rounds let the rest go,
            // its last 160 bytes a small segment (snd_sml 35,101) that stays unacknowledged. The ACK of 16,181 offers
            // 19,756 bytes: the edge 35,937 is one segment and 300 bytes past the written data.
            connection.send(35_000, SendFlags.NONE);
            env.now++;
            connection.segmentArrives(ack(101 + 10 * MSS));
            env.now++;
            connection.segmentArrives(ack(101 + 30 * MSS, 19_756));
            assertEquals(List.of(35_101 - 160, 160), last(env.takeSent()));
            // 60,000 more: the first skb of 32,696, full at the send head (no forced push: the written data ends
            // 32,696 past the last push, not more than half the largest window, 32,767), goes by tcp_push_one, and the
            // call sleeps later. Those pushes are TCP_NAGLE_PUSH: the 300 bytes up to the edge go as a packet's tail.
            connection.send(60_000, SendFlags.NONE);
            assertTrue(connection.writerWaits());
            assertEquals(List.of(35_101 + MSS, 300), last(env.takeSent()), "Nagle would hold it behind the 160 bytes");
        }

        @Test
        void aWriteTakingTheDataHalfTheLargestWindowPastTheLastPush_pushesWithNagleOff_tcpSendmsgLockedForcedPush() {
            TcpConnection connection = TcpConnection.create(env, A, B, false);
            connection.openActive(100);
            env.now = 100;
            // A window of 2,180: skbs of 2 x 536 (half the window, 1,090, in whole segments), the edge at 2,281.
            connection.segmentArrives(new Segment(B, A, 300, 101, Flags.SYN | Flags.ACK, 0, 2_180));
            connection.send(100, SendFlags.NONE);
            env.takeSent();
            // The second skb takes the written data to 2,345, more than 1,090 past the last push (201): forced_push,
            // TCP_NAGLE_PUSH, so the 472 bytes up to the edge go behind the unacknowledged 100-byte segment as the
            // tail of the packet 1,809-2,281; at the write's end Nagle would hold them (tcp_nagle_check, Minshall).
            connection.send(3_000, SendFlags.NONE);
            assertFalse(connection.writerWaits());
            assertEquals(List.of(201, 737, 1_273, 1_809), env.takeSent().stream().map(Segment::seq).toList());
            assertEquals(101 + 2_180, connection.sndNxt());
        }

        @Test
        void closeWhileAWriteWaits_sendsTheFinOnlyBehindAllItWrote_tcpSendFin() {
            TcpConnection connection = established();
            connection.send(100_000, SendFlags.NONE);
            connection.close();
            assertTrue(connection.writerWaits(), "29,248 bytes still wait outside the buffer");
            int acks = 0;
            Segment last = null;
            while (acks < 200 && (last == null || !last.has(Flags.FIN))) {
                acks++;
                env.now++;
                connection.segmentArrives(ack(101 + acks * MSS));
                List<Segment> sent = env.takeSent();
                last = sent.isEmpty() ? last : sent.get(sent.size() - 1);
            }
            assertEquals(101 + 100_000, last.seq() + last.len(), "the FIN comes on the write's last byte");
            assertFalse(connection.writerWaits());
        }
    }

    @Nested
    class Rfc9293 {
        @Test
        void aSendIsQueuedWhole_theTextbookSizesNoBuffer_rfc9293Section3_10_2() {
            FakeEnvironment rfc = new FakeEnvironment(Profile.RFC9293);
            TcpConnection connection = TcpConnection.create(rfc, A, B, false);
            connection.openActive(100);
            rfc.now = 100;
            connection.segmentArrives(new Segment(B, A, 300, 101, Flags.SYN | Flags.ACK, 0, 65_535));
            connection.send(1_000_000, SendFlags.NONE);
            assertFalse(connection.writerWaits());
            assertEquals(List.of(), rfc.writeNotes);
        }
    }
}
