package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small receive buffer nobody locked, behind a reader of 2,000 bytes a call (docs/linux-captures.md §148, §154;
 * tools/linux-captures/runs/rcvbuf-s148, tcp_rmem 4096 8192 16384 and 4096 6144 16384 over the relay, shift 7, full
 * segments of 1448 bytes in relayed buffers of 2304). Linux 6.18: tcp_select_initial_window, tcp_event_data_recv,
 * tcp_measure_rcv_mss, __tcp_select_window and tcp_select_window (net/ipv4/tcp_output.c, tcp_input.c);
 * tcp_recvmsg_locked frees only a buffer read to its end (net/ipv4/tcp.c).
 */
class SmallReceiveBufferTest {
    private static final int TIMESTAMPS = 12;
    private static final int SHIFT = 7;
    /** tcp_select_initial_window: 4096 and 3072 bytes of space, both rounded down to two segments of 1448. */
    private static final int SYN_WINDOW = 2896;

    @Test
    void theFirstWindowAfterData_tellsBuffersTheSynAckWindowDoesNot_tcpSelectInitialWindow_tcpSelectWindow() {
        // d35-rmem-8192-16384-r2000: the ACK of the first segment offers win 29, (8192 - 2304) x 160/256 = 3680 aligned
        // to 3712; d35-rmem-6144-16384-r2000: win 19, (6144 - 2304) x 160/256 = 2400 aligned to 2432. Both SYN,ACKs 2896.
        assertEquals(3712, ReceiveMemory.firstWindow(8192, false, 1448, SYN_WINDOW, 1448, TIMESTAMPS, SHIFT));
        assertEquals(2432, ReceiveMemory.firstWindow(6144, false, 1448, SYN_WINDOW, 1448, TIMESTAMPS, SHIFT));
    }

    @Test
    void theProfileAsksTheSameMemory_forAScenarioWindowOfHalfTheBuffer_soRcvbufDoubled() {
        TcpParams params = Profile.LINUX.defaults().toBuilder().mss(1460).window(4096).build();

        assertEquals(3712, Profile.LINUX.windowAfterFirstSegment(params, 1448, 1448, TIMESTAMPS, SHIFT));
    }

    /** 8192 bytes, three full segments held unread: 6912 of memory, as at d35-rmem-8192-16384-r2000's read at 4055 ms. */
    private static ReceiveMemory threeSegmentsHeld() {
        ReceiveMemory memory = new ReceiveMemory(8192, false, false, false);
        memory.establish(1448, 1448, SYN_WINDOW);
        for (int t = 0; t < 3; t++) {
            memory.arrived(1448, TIMESTAMPS, t, SYN_WINDOW);
        }
        return memory;
    }

    @Test
    void aWindowAtItsLargestAfterARead_withoutTheNextOffer_isTakenAsAllThatWaited() {
        // One buffer left ((8192 - 2304) x 160/256 = 3680) and none both offer 3712, the threshold's cap (rcv_ssthresh).
        assertEquals(3 * 1448, threeSegmentsHeld().readReaching(3, 3712, SHIFT, 3712, null, TIMESTAMPS));
    }

    @Test
    void aWindowAtItsLargestAfterARead_whoseNextAckOffersLess_leftABufferUnread_tcpRecvmsgLocked() {
        // The capture's next ACK, of the 1448 bytes that came next, offers win 18: the kernel's read freed two buffers
        // of three, and the third and the new one leave (8192 - 4608) x 160/256 = 2240, below half the clamp (2560):
        // 2176, and tcp_select_window keeps the 2264 left of the last offer, 2304. A read of all would offer 3712.
        NextOffer next = new NextOffer(List.of(1448), 2304);

        assertEquals(2 * 1448, threeSegmentsHeld().readReaching(3, 3712, SHIFT, 3712, next, TIMESTAMPS));
    }

    @Test
    void aWindowAtItsLargestAfterARead_whoseNextAckOffersItAgain_readAllThatWaited() {
        NextOffer next = new NextOffer(List.of(1448), 3712);

        assertEquals(3 * 1448, threeSegmentsHeld().readReaching(3, 3712, SHIFT, 3712, next, TIMESTAMPS));
    }
}
