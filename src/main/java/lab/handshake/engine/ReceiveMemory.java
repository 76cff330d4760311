package lab.handshake.engine;

import java.util.ArrayDeque;

/**
 * A receive buffer as Linux accounts for it, and the window Linux chooses from it (see
 * {@link Profile#offersWindowFromReceiveMemory}). Linux 6.18: tcp_init_buffer_space, tcp_measure_rcv_mss,
 * tcp_event_data_recv, tcp_grow_window and __tcp_grow_window in net/ipv4/tcp_input.c; __tcp_select_window in
 * net/ipv4/tcp_output.c; tcp_set_window_clamp in net/ipv4/tcp.c; tcp_win_from_space and tcp_space in
 * include/net/tcp.h. Held to the captures of docs/linux-captures.md ("Windows").
 *
 * <p>Every segment in the buffer is charged the memory it takes (its truesize), not its payload; the space is the
 * payload the memory left would hold, at the payload/truesize ratio measured from a full segment (scaling_ratio).
 * The window never exceeds a threshold (rcv_ssthresh) that starts a segment below the buffer's full space and
 * that segments of 128 bytes or more raise as they arrive, whether or not the application reads them, while the
 * space they leave allows.
 */
final class ReceiveMemory {
    /**
     * The memory one segment takes on the capture host (skb->truesize): the 2 KiB buffer the TUN driver allocates
     * for a packet of up to 1500 bytes, plus the sk_buff. 2304 for 1460 bytes (receive-window-unread) and for 1228
     * (data-transfer-mtu-1280). Smaller packets take less in the kernel; no captured window depends on it.
     */
    static final int SEGMENT_TRUESIZE = 2304;
    /** scaling_ratio is in 256ths (TCP_RMEM_TO_WIN_SCALE) and starts at one half (TCP_DEFAULT_SCALING_RATIO). */
    private static final int RATIO_SHIFT = 8;
    private static final int DEFAULT_RATIO = 1 << (RATIO_SHIFT - 1);
    /** tcp_event_data_recv grows the threshold only for segments of at least this many bytes. */
    private static final int GROWING_SEGMENT = 128;
    /** tcp_initialize_rcv_mss: the guess of the peer's segment size is at most TCP_MSS_DEFAULT, at least TCP_MIN_MSS. */
    private static final int DEFAULT_RCV_MSS = 536;
    private static final int MIN_RCV_MSS = 88;
    /** tcp_rmem[2], the largest buffer (32 MiB): __tcp_grow_window halves its window from it. */
    private static final int LARGEST_BUFFER = 32 << 20;

    /** sk_rcvbuf: twice the space a buffer of the same size offers at first (SO_RCVBUF is doubled). */
    private final int memory;
    /** Whether the application takes every segment: those of one instant are then read once all have arrived. */
    private final boolean readsOnArrival;
    private int ratio = DEFAULT_RATIO;
    /** window_clamp: the largest window. */
    private int clamp;
    /** rcv_ssthresh: the window's threshold. */
    private int threshold;
    private int advmss;
    /** icsk_ack.rcv_mss: the peer's segment size as measured. */
    private int rcvMss;
    /** The payload bytes of each segment still in the buffer, oldest first; each takes {@link #SEGMENT_TRUESIZE}. */
    private final ArrayDeque<Integer> held = new ArrayDeque<>();
    private long heldSince;

    ReceiveMemory(int memory, boolean readsOnArrival) {
        this.memory = memory;
        this.readsOnArrival = readsOnArrival;
    }

    /**
     * The connection is established (tcp_init_buffer_space): the clamp keeps one segment of the full space for the
     * application (tcp_app_win), and the threshold starts at the first window or that clamp, the smaller.
     *
     * @param advmss        the largest segment this end receives, less the timestamps it will carry
     * @param sendMss       the effective send MSS (mss_cache), which bounds the first guess of the peer's
     * @param initialWindow the window of the SYN or SYN,ACK (rcv_wnd)
     */
    void establish(int advmss, int sendMss, int initialWindow) {
        this.advmss = advmss;
        int full = fullSpace();
        clamp = full > 2 * advmss ? Math.max(2 * advmss, full - advmss) : full;
        threshold = Math.min(initialWindow, clamp);
        int guess = Math.min(Math.min(advmss, sendMss), Math.min(initialWindow / 2, DEFAULT_RCV_MSS));
        rcvMss = Math.max(guess, MIN_RCV_MSS);
    }

    /**
     * A segment of {@code len} payload bytes arrived at {@code now} (tcp_event_data_recv): its size is measured and
     * it may raise the threshold.
     *
     * @param lastOffer the window last offered (rcv_wnd)
     * @return whether the threshold grew (Linux then owes a quick ACK: icsk_ack.quick |= 1)
     */
    boolean arrived(int len, long now, int lastOffer) {
        settle(now);
        held.addLast(len);
        measure(len, lastOffer);
        return len >= GROWING_SEGMENT && grow(len);
    }

    /** The application takes {@code bytes}; a segment leaves the buffer once all its bytes are read. */
    void read(long bytes) {
        long left = bytes;
        while (left > 0 && !held.isEmpty()) {
            int head = held.pollFirst();
            if (head > left) {
                held.addFirst((int) (head - left));
                return;
            }
            left -= head;
        }
    }

    /**
     * The window to offer at {@code now} (__tcp_select_window), before the rule that it never shrinks: the space
     * left, at most the threshold; without window scaling in whole segments, keeping the last offer while it is
     * within a segment of the space; with scaling rounded up to the scale unit. Too little space offers 0.
     */
    int select(long now, int lastOffer, int shift) {
        settle(now);
        int mss = rcvMss;
        int free = space();
        int allowed = fullSpace();
        int full = Math.min(clamp, allowed);
        if (mss > full) {
            mss = full;
            if (mss <= 0) {
                return 0;
            }
        }
        if (free < full >> 1) {
            free = free >> shift << shift;
            if (free < allowed >> 4 || free < mss) {
                return 0;
            }
        }
        free = Math.min(free, threshold);
        if (shift > 0) {
            return alignUp(free, shift);
        }
        if (lastOffer <= free - mss || lastOffer > free) {
            return free / mss * mss;
        }
        if (mss == full && free > lastOffer + (full >> 1)) {
            return free;
        }
        return lastOffer;
    }

    /** icsk_ack.rcv_mss: the peer's segment size as guessed at first and measured since. */
    int rcvMss() {
        return rcvMss;
    }

    /** window_clamp, which tcp_cleanup_rbuf compares with twice the window before it considers a window update. */
    int clamp() {
        return clamp;
    }

    /** A window rounded up to the scale unit, so that none of it is scaled away. */
    static int alignUp(int window, int shift) {
        int unit = 1 << shift;
        return (int) (((long) window + unit - 1) / unit * unit);
    }

    /** An application that reads on arrival has taken the segments of an earlier instant. */
    private void settle(long now) {
        if (readsOnArrival && now != heldSince) {
            held.clear();
        }
        heldSince = now;
    }

    /**
     * tcp_measure_rcv_mss: a segment at least as large as the guess is the peer's segment size; when it differs from
     * the guess, the ratio of its payload to its truesize is measured again and the clamp follows. (The kernel also
     * learns from two equal smaller segments; no capture shows that, and it is not modelled.)
     */
    private void measure(int len, int lastOffer) {
        if (len < rcvMss) {
            return;
        }
        if (len != rcvMss) {
            int measured = Math.max(1, (len << RATIO_SHIFT) / SEGMENT_TRUESIZE);
            if (measured != ratio) {
                ratio = measured;
                setClamp(winFromSpace(memory), lastOffer);
            }
        }
        rcvMss = Math.min(len, advmss);
    }

    /** tcp_set_window_clamp: a larger clamp lifts the threshold to the window last offered, a smaller one lowers it. */
    private void setClamp(int newClamp, int lastOffer) {
        if (newClamp == clamp) {
            return;
        }
        threshold = newClamp < clamp ? Math.min(threshold, newClamp) : Math.max(Math.min(lastOffer, newClamp), threshold);
        clamp = newClamp;
    }

    /**
     * tcp_grow_window: while the space (and the clamp) is above the threshold, a segment whose truesize would fit
     * its payload's share of the buffer raises it by two segments, or twice its own length if more; one with a
     * worse ratio raises it only while the threshold is small (__tcp_grow_window).
     */
    private boolean grow(int len) {
        int room = Math.min(clamp, space()) - threshold;
        if (room <= 0) {
            return false;
        }
        int increment = winFromSpace(SEGMENT_TRUESIZE) <= len ? 2 * advmss : smallSegmentIncrement(len);
        if (increment == 0) {
            return false;
        }
        threshold += Math.min(room, Math.max(increment, 2 * len));
        return true;
    }

    /** __tcp_grow_window: halve the segment's share and the largest window until the share fits the payload. */
    private int smallSegmentIncrement(int len) {
        int share = winFromSpace(SEGMENT_TRUESIZE) >> 1;
        int window = winFromSpace(LARGEST_BUFFER) >> 1;
        while (threshold <= window) {
            if (share <= len) {
                return 2 * rcvMss;
            }
            share >>= 1;
            window >>= 1;
        }
        return 0;
    }

    /** tcp_space: the payload the memory not taken by held segments would hold (negative when overfull). */
    private int space() {
        return winFromSpace(memory - held.size() * SEGMENT_TRUESIZE);
    }

    /** tcp_full_space. */
    private int fullSpace() {
        return winFromSpace(memory);
    }

    private int winFromSpace(int bytes) {
        return (int) (((long) bytes * ratio) >> RATIO_SHIFT);
    }
}
