package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.SackBlock;
import lab.handshake.engine.trace.TraceOption;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * TCP options and the window field: what a SYN offers, what the answer agrees to (RFC 9293 §3.7.1, RFC 7323,
 * RFC 2018: nothing the peer did not offer), and the window offered from the receive buffer (RFC 9293
 * §3.8.6.2.2). The Linux numbers are those of docs/linux-captures.md (three-way-handshake-defaults and the
 * options-off runs).
 */
class OptionsAndWindowsTest {
    static final SocketAddress CLIENT = new SocketAddress("10.0.0.1", 49152);
    static final SocketAddress SERVER = new SocketAddress("10.0.0.2", 80);

    final FakeEnvironment env = new FakeEnvironment(Profile.LINUX);

    static List<OptionKind> kinds(Segment segment) {
        return segment.options().onWire().stream().map(TraceOption::kind).toList();
    }

    /** A SYN as Linux sends it with its defaults, TSval 7000. */
    static Segment linuxSyn() {
        return new Segment(CLIENT, SERVER, 1000, 0, Flags.SYN, 0, 64_240,
                new TcpOptions(1460, true, 10, new TcpOptions.Timestamps(7000, 0)), 0);
    }

    TcpConnection listenerAnswers(Segment syn) {
        TcpConnection connection = TcpConnection.create(env, SERVER, CLIENT, true);
        connection.synArrivedAtListener(syn, 5000);
        return connection;
    }

    @Nested
    class Rfc9293Section3_7_1_MaximumSegmentSize {
        @Test
        void textbookSynCarriesTheMssOptionOnly() {
            env.profile = Profile.RFC9293;
            env.params = Profile.RFC9293.defaults();
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            connection.openActive(100);
            Segment syn = env.onlySent();
            assertEquals(List.of(OptionKind.MSS), kinds(syn));
            assertEquals(1460, syn.options().mss());
            assertEquals(65_535, syn.window());
        }

        @Test
        void mssIsATunable() {
            env.params = env.params.toBuilder().mss(536).build();
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            connection.openActive(100);
            assertEquals(536, env.onlySent().options().mss());
        }

        @Test
        void withoutThePeersMssDataGoesIn536ByteSegments() {
            env.params = env.params.toBuilder().timestamps(false).build();
            TcpConnection connection = listenerAnswers(new Segment(CLIENT, SERVER, 1000, 0, Flags.SYN, 0, 64_240));
            env.takeSent();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK, 0, 64_240));
            connection.send(1000, SendFlags.NONE);
            List<Segment> sent = env.takeSent();
            assertEquals(536, sent.get(0).len(), "RFC 9293 §3.7.1 MUST-15: 536 when no MSS option came");
        }
    }

    @Nested
    class Rfc7323AndRfc2018_Negotiation {
        @Test
        void simultaneousOpen_linuxAcksTheRepeatedSynWithADsack_rfc2883Section4_linuxTcpDataQueue() {
            // simultaneous-open-defaults (docs/linux-captures.md): each end's last ACK carries SACK=peer ISN..ISN+1.
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            connection.openActive(100);
            env.takeSent();
            Segment peerSyn = new Segment(SERVER, CLIENT, 5000, 0, Flags.SYN, 0, 64_240,
                    new TcpOptions(1460, true, 10, new TcpOptions.Timestamps(9000, 0)), 0);
            connection.segmentArrives(peerSyn);
            Segment ourSynAck = env.onlySent();
            assertEquals(Flags.SYN | Flags.ACK, ourSynAck.flags());
            connection.segmentArrives(new Segment(SERVER, CLIENT, 5000, 101, Flags.SYN | Flags.ACK, 0, 64_240,
                    new TcpOptions(1460, true, 10, new TcpOptions.Timestamps(9001, ourSynAck.options().timestamps().value())), 0));
            assertEquals(TcpState.ESTABLISHED, connection.state());
            Segment ack = env.onlySent();
            assertEquals(Flags.ACK, ack.flags());
            assertEquals(List.of(new SackBlock(5000, 5001)), ack.options().sackBlocks(), "the repeated SYN, reported once");
            connection.send(10, SendFlags.NONE);
            assertEquals(List.of(), env.onlySent().options().sackBlocks(), "a D-SACK goes on one ACK only (RFC 2883 §4)");
        }

        @Test
        void simultaneousOpenWithoutSack_linuxAcksTheRepeatedSynWithoutBlocks() {
            env.params = env.params.toBuilder().sack(false).build();
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            connection.openActive(100);
            env.takeSent();
            connection.segmentArrives(new Segment(SERVER, CLIENT, 5000, 0, Flags.SYN, 0, 64_240,
                    new TcpOptions(1460, true, 10, new TcpOptions.Timestamps(9000, 0)), 0));
            env.takeSent();
            connection.segmentArrives(new Segment(SERVER, CLIENT, 5000, 101, Flags.SYN | Flags.ACK, 0, 64_240,
                    new TcpOptions(1460, true, 10, new TcpOptions.Timestamps(9001, 0)), 0));
            assertEquals(List.of(), env.onlySent().options().sackBlocks(), "no SACK agreed: no D-SACK (RFC 2018 §2)");
        }

        @Test
        void optionsReadBackFromTheWireMeanWhatTheyMeantWhenSent() {
            // A capture's segment is replayed with the options it carried (RFC 7323 Appendix A layout, NOPs included).
            TcpOptions syn = linuxSyn().options();
            assertEquals(syn, TcpOptions.fromWire(syn.onWire()));
            TcpOptions later = TcpOptions.timestampsOnly(new TcpOptions.Timestamps(7040, 9000));
            assertEquals(later, TcpOptions.fromWire(later.onWire()));
        }

        @Test
        void anMssOfZeroOnTheWireCountsAsNoMssOption() {
            // RFC 9293 §3.7.1: without a usable MSS option the sender assumes 536.
            assertNull(TcpOptions.fromWire(List.of(TraceOption.mss(0))).mss());
        }

        @Test
        void linuxSynOffersEverythingInTheKernelsOrder() {
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            env.now = 10;
            connection.openActive(100);
            Segment syn = env.onlySent();
            assertEquals(List.of(OptionKind.MSS, OptionKind.SACK_PERMITTED, OptionKind.TIMESTAMPS, OptionKind.NOP,
                    OptionKind.WINDOW_SCALE), kinds(syn));
            assertEquals(20, syn.options().length());
            assertEquals(10, syn.options().windowScale());
            assertEquals(0, syn.options().timestamps().echo(), "nothing to echo yet");
            assertEquals(64_240, syn.window(), "44 × 1460, never scaled on a SYN");
        }

        @Test
        void synAckAgreesToWhatTheSynOfferedAndEchoesItsClock() {
            listenerAnswers(linuxSyn());
            Segment synAck = env.onlySent();
            assertEquals(kinds(linuxSyn()), kinds(synAck));
            assertEquals(7000, synAck.options().timestamps().echo());
            assertEquals(65_160, synAck.window(), "45 × 1448: the MSS less the timestamps");
        }

        @Test
        void synAckOffersNothingTheSynDidNotOffer() {
            listenerAnswers(new Segment(CLIENT, SERVER, 1000, 0, Flags.SYN, 0, 64_240, new TcpOptions(1460, false, null, null), 0));
            Segment synAck = env.onlySent();
            assertEquals(List.of(OptionKind.MSS), kinds(synAck));
            assertEquals(64_240, synAck.window());
        }

        @Test
        void optionsNotAgreedAreNotUsedAfterwards() {
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            connection.openActive(100);
            env.takeSent();
            // The peer answers with MSS only: no timestamps and no scaling from now on.
            connection.segmentArrives(new Segment(SERVER, CLIENT, 5000, 101, Flags.SYN | Flags.ACK, 0, 64_240,
                    new TcpOptions(1460, false, null, null), 0));
            Segment ack = env.onlySent();
            assertEquals(TcpOptions.NONE, ack.options());
            assertEquals(64_240, ack.window(), "unscaled");
            assertEquals(0, ack.windowShift());
        }

        @Test
        void laterSegmentsCarryTimestampsThatEchoThePeersLatestClock() {
            TcpConnection connection = listenerAnswers(linuxSyn());
            env.takeSent();
            env.now = 100;
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK, 0, 63,
                    TcpOptions.timestampsOnly(new TcpOptions.Timestamps(7100, 9999)), 10));
            env.now = 150;
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK | Flags.PSH, 100, 63,
                    TcpOptions.timestampsOnly(new TcpOptions.Timestamps(7150, 9999)), 10));
            Segment ack = env.onlySent();
            assertEquals(List.of(OptionKind.NOP, OptionKind.NOP, OptionKind.TIMESTAMPS), kinds(ack));
            assertEquals(7150, ack.options().timestamps().echo(), "RFC 7323 §4.3: TS.Recent from the in-order segment");
        }

        @Test
        void theTimestampClockTicksOncePerMillisecond() {
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            connection.openActive(100);
            long first = env.onlySent().options().timestamps().value();
            env.now = 1000;
            connection.timerFires(TimerKind.RETRANSMISSION);
            long second = env.onlySent().options().timestamps().value();
            assertEquals(1000, second - first);
        }

        @Test
        void windowFieldsAfterTheSynAreScaledByTheAgreedShift() {
            TcpConnection connection = TcpConnection.create(env, CLIENT, SERVER, false);
            connection.openActive(100);
            env.takeSent();
            connection.segmentArrives(new Segment(SERVER, CLIENT, 5000, 101, Flags.SYN | Flags.ACK, 0, 65_160,
                    new TcpOptions(1460, true, 10, new TcpOptions.Timestamps(3000, 1)), 0));
            Segment ack = env.onlySent();
            assertEquals(63, ack.window(), "64240 rounded up to a multiple of 1024 (the capture's 63)");
            assertEquals(64_512, ack.scaledWindow());
        }

        @Test
        void aTooLargeShiftIsUsedAsFourteen() {
            TcpConnection connection = listenerAnswers(new Segment(CLIENT, SERVER, 1000, 0, Flags.SYN, 0, 64_240,
                    new TcpOptions(1460, false, 15, null), 0));
            env.takeSent();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK, 0, 1, TcpOptions.NONE, 14));
            connection.send(40_000, SendFlags.NONE);
            // The first flight is the congestion window's ten segments (RFC 6928); their ACK doubles it, and then the
            // peer's window is the limit. Linux's Nagle test lets the last 324 bytes go with the eleven full segments
            // (no small one is in flight).
            assertEquals(14_600, env.takeSent().stream().mapToInt(Segment::len).sum(), "the initial congestion window");
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001 + 14_600, Flags.ACK, 0, 1, TcpOptions.NONE, 14));
            assertEquals(1 << 14, env.takeSent().stream().mapToInt(Segment::len).sum(), "a window of 1 << 14, not 1 << 15");
        }
    }

    @Nested
    class Rfc9293Section3_8_6_2_2_ReceiveWindow {
        TcpConnection established() {
            return established(env.params.window());
        }

        TcpConnection established(int window) {
            env.params = env.params.toBuilder().window(window).timestamps(false).sack(false).windowScaling(false).build();
            TcpConnection connection = listenerAnswers(new Segment(CLIENT, SERVER, 1000, 0, Flags.SYN, 0, 64_240,
                    new TcpOptions(1460, false, null, null), 0));
            env.takeSent();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK, 0, 64_240));
            return connection;
        }

        @Test
        void theRightEdgeStaysWhereItWasWhileDataArrives() {
            TcpConnection connection = established();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK | Flags.PSH, 100, 64_240));
            assertEquals(64_140, env.onlySent().window(), "data-transfer capture: 64240 - 100");
        }

        @Test
        void textbookWindowReopensOnceItCanGrowByAnMss() {
            env.profile = Profile.RFC9293;
            env.params = Profile.RFC9293.defaults();
            TcpConnection connection = established();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK | Flags.PSH, 1460, 64_240));
            connection.segmentArrives(new Segment(CLIENT, SERVER, 2461, 5001, Flags.ACK | Flags.PSH, 100, 64_240));
            List<Segment> acks = env.takeSent();
            assertEquals(65_535, acks.get(0).window(), "1460 read: the window opens again by a whole MSS");
            assertEquals(65_435, acks.get(acks.size() - 1).window());
        }

        /** The windows of the ACKs of three 1460-byte segments, each arriving {@code gapMs} after the one before. */
        List<Integer> linuxWindowsAfterFullSegments(int gapMs) {
            // 32768 bytes of space (64 KiB of memory): 22 × 1460 = 32120 offered, threshold 32768 - 1460 = 31308.
            TcpConnection connection = established(32_768);
            for (int segment = 0; segment < 3; segment++) {
                env.now += gapMs;
                connection.segmentArrives(new Segment(CLIENT, SERVER, 1001 + 1460 * segment, 5001, Flags.ACK, 1460, 64_240));
            }
            return env.takeSent().stream().map(Segment::window).toList();
        }

        @Test
        void linuxFullSegmentRaisesTheThresholdByTwoSegments_evenWhenTheApplicationReadsAtOnce_tcpGrowWindow() {
            // The first segment measures 1460 bytes of payload in 2304 of memory and lifts the threshold to the
            // window offered, 32120; each raises it by 2 × 1460 while the memory allows (tcp_grow_window), as
            // data-transfer-mtu-1280 shows (66 × 1024 after the first 1228 bytes, with 53 × 1228 offered).
            assertEquals(List.of(35_040, 37_960, 39_420), linuxWindowsAfterFullSegments(10));
        }

        @Test
        void linuxSegmentsOfOneInstantTakeMemoryUntilTheApplicationRuns_soTheThresholdStopsSooner_tcpGrowWindow() {
            // Three segments in the same instant: the third finds (65536 - 3 × 2304) × 162/256 = 37099 bytes of
            // space, below the threshold 37960, so it raises nothing and the right edge stays (tcp_select_window).
            assertEquals(List.of(35_040, 37_960, 36_500), linuxWindowsAfterFullSegments(0));
        }

        @Test
        void linuxKeepsAnOfferWithinOneSegmentOfItsSpace_andAcksAFinInFinWait2FromTheFullSocket_tcpSelectWindowTcpFin() {
            // half-close capture: after shutdown() the peer sends 100, 100, then 100 bytes with its FIN, 100 ms apart.
            // The threshold is 65536 - 1460 = 64076; an offer of 64040 is within one segment (536, the guess) of it,
            // so __tcp_select_window keeps 64040 rather than let the right edge stay (63939), and the ACK of the FIN
            // leaves the full socket before the TIME-WAIT mini-socket is made (tcp_fin).
            TcpConnection connection = established();
            connection.shutdown();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5002, Flags.ACK, 0, 64_240));
            env.takeSent();
            for (int segment = 0; segment < 3; segment++) {
                env.now += 100;
                int flags = Flags.ACK | Flags.PSH | (segment == 2 ? Flags.FIN : 0);
                connection.segmentArrives(new Segment(CLIENT, SERVER, 1001 + 100 * segment, 5002, flags, 100, 64_240));
            }
            assertEquals(TcpState.TIME_WAIT, connection.state());
            assertEquals(List.of(64_140, 64_040, 64_040), env.takeSent().stream().map(Segment::window).toList());
        }

        @Test
        void linuxFinalAckFromAnOrphanedFinWait2KeepsTheWindowOfThatMoment() {
            TcpConnection connection = established();
            connection.close();
            env.takeSent();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5002, Flags.ACK, 0, 64_240));
            assertEquals(TcpState.FIN_WAIT_2, connection.state());
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5002, Flags.ACK | Flags.FIN, 0, 64_240));
            Segment finalAck = env.takeSent().get(0);
            assertEquals(64_240, finalAck.window(), "four-way-close capture: the FIN is not counted");
        }

        @Test
        void linuxFinalAckFromAMiniSocketWrapsAWindowAbove65535InTheSixteenBitField_tcpV4TimewaitAck() {
            // data-both-ways-at-once-noopts capture: 1460, 1460 and 80 bytes raise the threshold so that the window
            // chosen is 70080 (48 × 1460); a full socket's field says 65535 (tcp_select_window), but the orphaned
            // FIN-WAIT-2 mini-socket keeps 70080 (tcp_time_wait: tw_rcv_wnd) and its ACK of the peer's FIN writes it
            // into 16 bits as is (tcp_v4_timewait_ack, tcp_v4_send_ack: htons()): 70080 - 65536 = 4544.
            TcpConnection connection = established();
            int seq = 1001;
            for (int len : new int[] {1460, 1460, 80}) {
                connection.segmentArrives(new Segment(CLIENT, SERVER, seq, 5001, Flags.ACK | Flags.PSH, len, 64_240));
                seq += len;
            }
            connection.close();
            connection.segmentArrives(new Segment(CLIENT, SERVER, seq, 5002, Flags.ACK, 0, 64_240));
            assertEquals(TcpState.FIN_WAIT_2, connection.state());
            List<Integer> fullSocket = env.takeSent().stream().map(Segment::window).toList();
            connection.segmentArrives(new Segment(CLIENT, SERVER, seq, 5002, Flags.ACK | Flags.FIN, 0, 64_240));
            assertEquals(65_535, fullSocket.get(fullSocket.size() - 1), "the FIN from the full socket: 65535 at most");
            assertEquals(4_544, env.onlySent().window(), "the mini-socket's 70080 in 16 bits");
        }

        @Test
        void textbookFinalAckCountsTheFin() {
            env.profile = Profile.RFC9293;
            env.params = Profile.RFC9293.defaults();
            TcpConnection connection = established();
            connection.close();
            env.takeSent();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5002, Flags.ACK, 0, 64_240));
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5002, Flags.ACK | Flags.FIN, 0, 64_240));
            Segment finalAck = env.takeSent().get(0);
            assertEquals(65_535 - 1, finalAck.window());
        }
    }

    /**
     * Linux 6.18 charges each queued segment the memory its buffer takes (skb->truesize, net/core/skbuff.c
     * __alloc_skb) and copies a segment that fits into the room at the end of the buffer before it at no charge
     * (tcp_try_coalesce, net/ipv4/tcp_input.c; skb_try_coalesce, net/core/skbuff.c). The window is chosen from the
     * memory left (tcp_space); RFC 9293 §3.8.6.2.2 leaves how the window follows the buffer to the implementation.
     */
    @Nested
    class LinuxReceiveMemory {
        private static final int TIMESTAMPS = 12;

        /** 131072 bytes, full segments of 1448, as in download-one-loss-defaults. */
        private ReceiveMemory established(boolean readsOnArrival) {
            ReceiveMemory memory = new ReceiveMemory(131_072, readsOnArrival, false, false);
            memory.establish(1448, 1448, 65_160);
            return memory;
        }

        private ReceiveMemory unreadBuffer() {
            return established(false);
        }

        @Test
        void aSmallSegmentIsChargedItsSmallHeadNotAFullSegmentsBuffer() {
            ReceiveMemory memory = unreadBuffer();
            int before = memory.space();
            memory.arrived(100, TIMESTAMPS, 0, 65_160);
            // 832 bytes of truesize (a 576-byte small head and the sk_buff) at a payload/truesize ratio of 1/2.
            assertEquals(before - 416, memory.space());
        }

        @Test
        void aSegmentThatFitsTheRoomLeftInTheBufferBeforeItTakesNoMemory() {
            ReceiveMemory memory = unreadBuffer();
            memory.arrived(100, TIMESTAMPS, 0, 65_160);
            int afterFirst = memory.space();
            memory.arrived(40, TIMESTAMPS, 1, 65_160);
            assertEquals(afterFirst, memory.space(), "40 bytes fit the 40 left after the first segment's packet");
            memory.arrived(1, TIMESTAMPS, 2, 65_160);
            assertEquals(afterFirst - 416, memory.space(), "no room left: the next segment has a buffer of its own");
        }

        @Test
        void aCoalescedSegmentLeavesTheBufferWithTheOneItWasCopiedInto() {
            ReceiveMemory memory = unreadBuffer();
            int empty = memory.space();
            memory.arrived(100, TIMESTAMPS, 0, 65_160);
            memory.arrived(40, TIMESTAMPS, 1, 65_160);
            memory.read(100);
            assertEquals(empty - 416, memory.space(), "40 bytes still unread in the shared buffer");
            memory.read(40);
            assertEquals(empty, memory.space());
        }

        /** A client that reads on arrival, as in download-one-loss-defaults. */
        private ReceiveMemory readerOnArrival() {
            return established(true);
        }

        @Test
        void segmentsHeldBeyondAGap_stayChargedUntilTheGapFillsAndTheyAreRead_linuxTcpDataQueueOfoTcpOfoQueue() {
            ReceiveMemory memory = readerOnArrival();
            memory.arrived(1448, TIMESTAMPS, 0, 65_160);
            memory.heldBeyondGap(1448, TIMESTAMPS, 0, true, 65_160);
            memory.heldBeyondGap(1448, TIMESTAMPS, 1, true, 65_160);
            // The application read the segment in order; the two beyond the gap stay in the out-of-order queue,
            // charged to sk_rmem_alloc (2 × 2304 bytes at a payload/truesize ratio of 160/256 = 2880 of 81920).
            assertEquals(81_920 - 2880, memory.space());
            memory.arrived(1448, TIMESTAMPS, 2, 65_160);
            memory.gapFilled(2 * 1448);
            memory.heldBeyondGap(1448, TIMESTAMPS, 3, true, 65_160);
            // tcp_ofo_queue moved them to the receive queue, the application read them: only the new one is charged.
            assertEquals(81_920 - 1440, memory.space());
        }

        @Test
        void whileAHoleLasts_theHeldSegmentsLeaveTcpGrowWindowNoRoom_soTheThresholdStopsGrowing_linuxTcpGrowWindow() {
            ReceiveMemory memory = readerOnArrival();
            memory.arrived(1448, TIMESTAMPS, 0, 65_160);
            // The segment in order raised the threshold to 65160 + 2896 = 68056. Then one segment beyond the gap each
            // millisecond: tcp_space falls by 1440 with each one held (81920 - 1440 k), and the threshold grows by
            // 2 × 1448 while it is below: 70952, 73848, then 3752 of room for the third (76744 < 77600); the fourth
            // finds 76160, below the threshold. (Were the held ones freed as the application read, tcp_space would stay
            // at 80480 and the threshold would grow twice more.)
            List<Boolean> grew = new ArrayList<>();
            for (int ms = 1; ms <= 6; ms++) {
                grew.add(memory.heldBeyondGap(1448, TIMESTAMPS, ms, true, 65_160));
            }
            assertEquals(List.of(true, true, true, false, false, false), grew);
        }
    }
}
