package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The window an end was seen offering on a segment it sent outside the state machine (a replayed capture's,
 * docs/linux-captures.md §51): Linux takes data up to rcv_wup + rcv_wnd of the last segment it sent (tcp_select_window
 * in net/ipv4/tcp_output.c sets both; tcp_sequence and tcp_receive_window in net/ipv4/tcp_input.c and
 * include/net/tcp.h). The numbers are those of loopback-netns-get-2m-cubic's client.
 */
class ReceiveWindowOfferedTest {
    /**
     * Anchored at 43308633 (the server's ISN + 1) with its SYN's 65,495: a right edge of 43374128. Frame 22 offers 236
     * units of 1,024 (window scale 10) acknowledging 43567857: 43567857 + 241664 = 43809521, so at 43767484 the window is
     * 43809521 - 43767484 = 42037 and the server's 32,874 bytes from there fit. An offer of 100 units at the same point
     * (43670257) lies behind that edge and moves nothing.
     */
    @Test
    void aWindowTheEndWasSeenOffering_movesTheRightEdgeOn_andNeverBack_tcpSelectWindowTcpSequence() {
        ReceiveWindow window = new ReceiveWindow();
        window.start(65_495, 131_072, false, true, false, Profile.LINUX);
        window.anchor(43_308_633, 65_483, 65_483);
        window.scale(10);
        assertEquals(65_495, window.available(43_308_633));

        window.offered(43_567_857, 236 << 10);
        assertEquals(42_037, window.available(43_767_484));
        assertEquals(241_664, window.lastOffer());

        window.offered(43_567_857, 100 << 10);
        assertEquals(42_037, window.available(43_767_484));
        assertEquals(241_664, window.lastOffer());
    }

    /**
     * An application that reads only on its calls holds 40 segments of 1,448 bytes unread: Linux offers no more than
     * its buffer's free space (__tcp_select_window in net/ipv4/tcp_output.c) and never moves the right edge back
     * (tcp_select_window), so neither the edge it offers now nor one a scale unit past it (rounding) shows a read; the
     * edge the same end offers once its application has read all 57,920 bytes could not be offered before, and shows
     * one (the relay capture of curl --limit-rate, docs/linux-captures.md §85: an ACK of new data that opens the window).
     */
    @Test
    void anEdgePastTheFreeSpaceOfABufferHoldingUnreadData_showsARead_tcpSelectWindow() {
        ReceiveWindow unread = holdingFortySegments();
        int held = RCV_NXT + (unread.field(RCV_NXT, false, 1_448, UNREAD, 20) << 10);
        assertFalse(unread.beyondUnreadOffer(held, RCV_NXT, UNREAD, 20));
        assertFalse(unread.beyondUnreadOffer(held + 1_024, RCV_NXT, UNREAD, 20));

        ReceiveWindow read = holdingFortySegments();
        read.read(UNREAD);
        int afterRead = RCV_NXT + (read.field(RCV_NXT, false, 1_448, 0, 20) << 10);
        assertTrue(unread.beyondUnreadOffer(afterRead, RCV_NXT, UNREAD, 20));
    }

    private static final int RCV_NXT = 1_000 + 40 * 1_448;
    private static final long UNREAD = 40 * 1_448;

    /** A Linux end with window scale 10 and 40 segments of 1,448 bytes (with timestamps) unread since 20 ms. */
    private static ReceiveWindow holdingFortySegments() {
        ReceiveWindow window = new ReceiveWindow();
        window.start(64_240, 131_072, true, true, false, Profile.LINUX);
        window.anchor(1_000, 1_448, 1_448);
        window.scale(10);
        window.transferStarts(0);
        for (int i = 0; i < 40; i++) {
            window.arrived(1_448, 12, 20);
        }
        return window;
    }
}
