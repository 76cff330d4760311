package lab.handshake.engine;

import java.util.ArrayDeque;

/**
 * A receive buffer as Linux accounts for it, and the window Linux chooses from it (see
 * {@link Profile#offersWindowFromReceiveMemory}). Linux 6.18: tcp_init_buffer_space, tcp_measure_rcv_mss,
 * tcp_event_data_recv, tcp_grow_window and __tcp_grow_window in net/ipv4/tcp_input.c; __tcp_select_window in
 * net/ipv4/tcp_output.c; tcp_set_window_clamp in net/ipv4/tcp.c; tcp_win_from_space and tcp_space in
 * include/net/tcp.h. Held to the captures of docs/linux-captures.md ("Windows").
 *
 * <p>Every segment in the buffer is charged the memory it takes (its truesize), not its payload, unless it fits in
 * the room at the end of the buffer before it (tcp_try_coalesce); the space is the payload the memory left would hold, at the payload/truesize ratio measured from a full segment (scaling_ratio).
 * The window never exceeds a threshold (rcv_ssthresh) that starts a segment below the buffer's full space and
 * that segments of 128 bytes or more raise as they arrive, whether or not the application reads them, while the
 * space they leave allows. Unless the buffer was fixed, it grows with what the application copies per round trip,
 * and the clamp with it ({@link ReceiveAutotuning}).
 */
final class ReceiveMemory {
    /**
     * The memory one segment takes on the capture host (skb->truesize) and the room left at the end of its buffer
     * (skb_tailroom). The TUN driver copies each packet into a linear head after NET_SKB_PAD (64) bytes of headroom
     * (tun_alloc_skb in drivers/net/tun.c); __alloc_skb (net/core/skbuff.c) adds the shared info (320 bytes) and takes
     * the head from the small-head cache or the next kmalloc size, and the sk_buff adds 256. A packet of up to 1500
     * bytes takes 2304 (a 2 KiB head): 1460 bytes (receive-window-unread), 1228 (data-transfer-mtu-1280). The
     * small-head cache (SKB_SMALL_HEAD_CACHE_SIZE, from MAX_HEADER) is 576 bytes on the capture host's minimal
     * kernel (MAX_HEADER 32): a 100-byte segment with timestamps takes 832 and leaves 40 bytes of room, the only
     * value of that formula that the windows of the unread capture allow (docs/linux-captures.md, 20g, "Seen, not
     * kept"). Such a segment never fits the 40 bytes; a smaller one after it does (skb_try_coalesce).
     */
    record Buffer(int truesize, int tailroom) {
        private static final int HEADROOM = 64;
        private static final int SHARED_INFO = 320;
        private static final int SK_BUFF = 256;
        private static final int SMALL_HEAD = 576;
        private static final int CACHE_LINE = 64;

        /** The buffer of one received packet of {@code packetBytes} (IP header included). */
        static Buffer forPacket(int packetBytes) {
            int wanted = alignUp(HEADROOM + packetBytes, Integer.numberOfTrailingZeros(CACHE_LINE)) + SHARED_INFO;
            int head = wanted <= SMALL_HEAD ? SMALL_HEAD : Integer.highestOneBit(wanted - 1) << 1;
            return new Buffer(head + SK_BUFF, head - SHARED_INFO - HEADROOM - packetBytes);
        }

        /**
         * The sender's own buffer of {@code payload} bytes, which loopback hands the receiver as it is (loopback_xmit in
         * drivers/net/loopback.c): tcp_stream_alloc_skb (net/ipv4/tcp.c) takes a head of MAX_TCP_HEADER for the
         * headers alone, which kmalloc_reserve (net/core/skbuff.c) serves from the small-head cache, so its truesize
         * starts at SKB_TRUESIZE of that head, and tcp_sendmsg_locked copies the data into page fragments, adding each
         * byte to it (skb_len_add). The head keeps no data to copy another segment into.
         */
        static Buffer sendersOwn(int payload) {
            return new Buffer(SMALL_HEAD + SK_BUFF + payload, 0);
        }
    }

    /** The IPv4 and TCP headers without options, part of the packet the driver copies. */
    private static final int HEADERS = 20 + 20;
    /** scaling_ratio is in 256ths (TCP_RMEM_TO_WIN_SCALE) and starts at one half (TCP_DEFAULT_SCALING_RATIO). */
    private static final int RATIO_SHIFT = 8;
    private static final int DEFAULT_RATIO = 1 << (RATIO_SHIFT - 1);
    /** tcp_event_data_recv grows the threshold only for segments of at least this many bytes. */
    private static final int GROWING_SEGMENT = 128;
    /** tcp_initialize_rcv_mss: the guess of the peer's segment size is at most TCP_MSS_DEFAULT, at least TCP_MIN_MSS. */
    private static final int DEFAULT_RCV_MSS = 536;
    private static final int MIN_RCV_MSS = 88;
    /** tcp_rmem[2], the largest buffer (32 MiB): __tcp_grow_window halves its window from it, autotuning stops there. */
    private static final int LARGEST_BUFFER = 32 << 20;

    /** sk_rcvbuf: twice the space a buffer of the same size offers at first (SO_RCVBUF is doubled); autotuning grows it. */
    private int memory;
    /** Whether the application takes every segment: those of one instant are then read once all have arrived. */
    private final boolean readsOnArrival;
    /** Whether each segment arrives in the sender's own buffer (loopback) rather than a copy the driver made. */
    private final boolean sendersOwnBuffers;
    /** Dynamic right-sizing, or null when the buffer is fixed (SOCK_RCVBUF_LOCK, tcp_moderate_rcvbuf 0). */
    private final ReceiveAutotuning autotuning;
    private int ratio = DEFAULT_RATIO;
    /** window_clamp: the largest window. */
    private int clamp;
    /** rcv_ssthresh: the window's threshold. */
    private int threshold;
    private int advmss;
    /** icsk_ack.rcv_mss: the peer's segment size as measured. */
    private int rcvMss;
    /** The buffers still in the receive queue, oldest first. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /**
     * The buffers held beyond a gap (out_of_order_queue), in the order they arrived: charged like the others until
     * the gap fills and they join the receive queue (tcp_ofo_queue), so a hole that lasts keeps shrinking the space.
     */
    private final ArrayDeque<Held> beyondGap = new ArrayDeque<>();
    /** The memory the buffers of both queues take (sk_rmem_alloc). */
    private int allocated;
    private long heldSince;

    /**
     * A buffer in the receive queue: the memory it takes, its bytes not yet read, the room at its end, and whether the
     * sender still holds its own reference to it (a sender's own buffer it keeps until its data is acknowledged).
     */
    private static final class Held {
        int truesize;
        int unread;
        int tailroom;
        boolean shared;

        Held(Buffer buffer, int unread, boolean shared) {
            this.truesize = buffer.truesize();
            this.unread = unread;
            this.tailroom = buffer.tailroom();
            this.shared = shared;
        }
    }

    /**
     * @param autotunes         whether the buffer grows with what the application copies ({@link ReceiveAutotuning})
     * @param sendersOwnBuffers whether segments arrive in the sender's own buffers ({@link Buffer#sendersOwn})
     */
    ReceiveMemory(int memory, boolean readsOnArrival, boolean autotunes, boolean sendersOwnBuffers) {
        this.memory = memory;
        this.readsOnArrival = readsOnArrival;
        this.sendersOwnBuffers = sendersOwnBuffers;
        this.autotuning = autotunes ? new ReceiveAutotuning() : null;
    }

    /**
     * The window a fresh buffer of {@code memory} bytes offers in its ACK of the transfer's first segment, still unread
     * (tcp_event_data_recv raises the threshold, tcp_measure_rcv_mss sets the ratio and the clamp, __tcp_select_window
     * offers what the segment's truesize leaves): a window the buffer shows within one scale unit, where the SYN's
     * window, rounded down to whole segments (tcp_select_initial_window), shows it only within a segment.
     */
    static int firstWindow(int memory, boolean sendersOwnBuffers, int advmss, int initialWindow, int len, int optionBytes,
                           int shift) {
        ReceiveMemory fresh = new ReceiveMemory(memory, false, false, sendersOwnBuffers);
        fresh.establish(advmss, advmss, initialWindow);
        fresh.arrived(len, optionBytes, 0, initialWindow);
        return fresh.select(0, initialWindow, shift);
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

    /** The handshake is done (tcp_init_transfer, tcp_init_buffer_space): autotuning's first measure begins. */
    void transferStarts(long now, int lastOffer) {
        if (autotuning != null) {
            autotuning.start(now, threshold, lastOffer, advmss);
        }
    }

    /**
     * A segment of {@code length} sequence numbers echoes our timestamp {@code echo}, read at {@code clockNow} on our
     * clock (tcp_rcv_rtt_measure_ts, before the segment is queued or measured).
     */
    void echoed(long echo, long clockNow, int length, long now) {
        if (autotuning != null) {
            settle(now);
            autotuning.echoed(echo, clockNow, length, rcvMss);
        }
    }

    /**
     * A segment of {@code len} payload bytes arrived at {@code now}: it is queued (tcp_queue_rcv), then its size is
     * measured and it may raise the threshold (tcp_event_data_recv), both from its own truesize even when it was
     * coalesced.
     *
     * @param optionBytes the bytes of its TCP options
     * @param lastOffer the window last offered (rcv_wnd)
     * @return whether the threshold grew (Linux then owes a quick ACK: icsk_ack.quick |= 1)
     */
    boolean arrived(int len, int optionBytes, long now, int lastOffer) {
        settle(now);
        Buffer buffer = bufferOf(len, optionBytes);
        queue(held, len, buffer);
        measure(len, buffer.truesize(), lastOffer);
        if (autotuning != null) {
            autotuning.arrived(len, now, lastOffer);
        }
        return len >= GROWING_SEGMENT && grow(len, buffer.truesize());
    }

    /**
     * A segment held beyond a gap (tcp_data_queue_ofo) takes its memory like any other and is measured like one in
     * order (6.18's tcp_data_queue_ofo calls tcp_measure_rcv_mss: the first full segment sets the payload/truesize
     * ratio and lifts the clamp even when it arrives beyond a gap, capture delayed-data-out-of-order-defaults); only
     * with SACK may it raise the threshold (tcp_grow_window), since without SACK Linux keeps the window still so that
     * the sender sees plain duplicate ACKs.
     *
     * @param lastOffer the window last offered (rcv_wnd)
     * @return whether the threshold grew
     */
    boolean heldBeyondGap(int len, int optionBytes, long now, boolean sack, int lastOffer) {
        settle(now);
        Buffer buffer = bufferOf(len, optionBytes);
        queue(beyondGap, len, buffer);
        measure(len, buffer.truesize(), lastOffer);
        return sack && len >= GROWING_SEGMENT && grow(len, buffer.truesize());
    }

    /**
     * The gap before held data filled: tcp_ofo_queue moves {@code bytes} of it, still charged, to the receive queue,
     * where the application reads it, and they count as received for autotuning.
     */
    void gapFilled(int bytes) {
        long left = bytes;
        // A FIN held alone (no bytes) goes with the data before it.
        while (!beyondGap.isEmpty() && (left > 0 || beyondGap.peekFirst().unread == 0)) {
            Held next = beyondGap.pollFirst();
            held.addLast(next);
            left -= next.unread;
        }
        if (autotuning != null) {
            autotuning.gapFilled(bytes);
        }
    }

    /**
     * tcp_try_coalesce (net/ipv4/tcp_input.c), skb_try_coalesce (net/core/skbuff.c): a segment whose payload fits in
     * the room at the end of the buffer before it is copied there and takes no memory of its own. Otherwise a driver's
     * copy keeps its own buffer: its head is not a page fragment that could be attached instead (skb_head_is_locked);
     * a sender's own buffer gives its page fragments to the one before it unless the sender still holds that one.
     */
    private void queue(ArrayDeque<Held> queue, int len, Buffer buffer) {
        Held last = queue.peekLast();
        if (last != null && len <= last.tailroom) {
            last.unread += len;
            last.tailroom -= len;
            return;
        }
        if (last != null && sendersOwnBuffers && !last.shared) {
            // skb_try_coalesce: the page fragments move to the buffer before, which takes only their bytes
            // (truesize less SKB_TRUESIZE of the head); a buffer the sender still holds (skb_cloned) takes none.
            last.unread += len;
            last.truesize += len;
            allocated += len;
            return;
        }
        queue.addLast(new Held(buffer, len, sendersOwnBuffers));
        allocated += buffer.truesize();
    }

    /**
     * This end acknowledged all it holds: on loopback the sender frees its own references to those buffers (tcp_clean_rtx_queue)
     * as soon as the ACK reaches it, so later segments may coalesce into them.
     */
    void acknowledged() {
        held.forEach(buffer -> buffer.shared = false);
        beyondGap.forEach(buffer -> buffer.shared = false);
    }

    /** The buffer a segment of {@code len} payload bytes arrives in. */
    private Buffer bufferOf(int len, int optionBytes) {
        return sendersOwnBuffers ? Buffer.sendersOwn(len) : Buffer.forPacket(HEADERS + optionBytes + len);
    }

    /** The application takes {@code bytes}; a segment leaves the buffer once all its bytes are read. */
    void read(long bytes) {
        long left = bytes;
        while (left > 0 && !held.isEmpty()) {
            Held head = held.peekFirst();
            if (head.unread > left) {
                head.unread -= (int) left;
                return;
            }
            left -= head.unread;
            held.pollFirst();
            allocated -= head.truesize;
        }
    }

    /**
     * The window to offer at {@code now} (__tcp_select_window), before the rule that it never shrinks: the space
     * left, at most the threshold; without window scaling in whole segments, keeping the last offer while it is
     * within a segment of the space; with scaling rounded up to the scale unit. Too little space offers 0.
     */
    int select(long now, int lastOffer, int shift) {
        settle(now);
        return choose(allocated, lastOffer, shift);
    }

    /**
     * The bytes a read from the head of the receive queue takes before the window {@link #select} chooses after it
     * reaches {@code window}: whole buffers, since only a buffer read to its end frees its memory (tcp_recvmsg_locked,
     * tcp_eat_recv_skb). All the queue holds where reading it all offers no more than {@code window}: a window at its
     * largest does not tell how much more was read; unless the window offered {@code next} shows buffers kept
     * ({@link #showsBuffersKept}).
     *
     * @param next        the window this end offered next and the segments that arrived before it, or null
     * @param optionBytes the bytes of TCP options each of those segments carries
     */
    long readReaching(long now, int lastOffer, int shift, int window, NextOffer next, int optionBytes) {
        settle(now);
        long bytes = 0;
        int freed = 0;
        long all = held.stream().mapToLong(buffer -> buffer.unread).sum();
        if (choose(takenAfterReadingAll(), lastOffer, shift) <= window && !showsBuffersKept(next, optionBytes, lastOffer, shift)) {
            return all;
        }
        for (Held buffer : held) {
            bytes += buffer.unread;
            freed += buffer.truesize;
            if (choose(allocated - freed, lastOffer, shift) >= window) {
                break;
            }
        }
        return bytes;
    }

    /**
     * Whether the window this end offered next, in its ACK of the segments that arrived after the read, is smaller
     * than a read of all that waited would have let it offer (the memory still taken after such a read,
     * {@link #takenAfterReadingAll}, to which those segments add their truesize): the read left buffers in the queue
     * (tcp_recvmsg_locked frees only a buffer read to its end), as a reader of 2,000 bytes behind a window at its largest
     * does (docs/linux-captures.md §148, §154), where one that read all offers that window again.
     */
    private boolean showsBuffersKept(NextOffer next, int optionBytes, int lastOffer, int shift) {
        if (next == null) {
            return false;
        }
        int taken = takenAfterReadingAll();
        for (int len : next.arrivedBefore()) {
            taken += bufferOf(len, optionBytes).truesize();
        }
        return next.window() < choose(taken, lastOffer, shift);
    }

    /**
     * Whether the window offered {@code next} is smaller than a read of all that waits now would let this end offer
     * then ({@link #showsBuffersKept}): no read took all of it before that ACK.
     */
    boolean nextOfferKeepsBuffers(long now, int lastOffer, int shift, NextOffer next, int optionBytes) {
        settle(now);
        return showsBuffersKept(next, optionBytes, lastOffer, shift);
    }

    /** The memory still taken after a read of all the receive queue holds: the buffers held beyond a gap. */
    private int takenAfterReadingAll() {
        return allocated - held.stream().mapToInt(buffer -> buffer.truesize).sum();
    }

    /** __tcp_select_window with {@code taken} bytes of memory held. */
    private int choose(int taken, int lastOffer, int shift) {
        int mss = rcvMss;
        int free = winFromSpace(memory - taken);
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

    /** __tcp_select_window's free_space &lt; full_space / 2, where it clears icsk_ack.quick. */
    boolean lessThanHalfFree(long now) {
        settle(now);
        return space() < Math.min(clamp, fullSpace()) >> 1;
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

    /**
     * An application that reads on arrival has taken the segments of an earlier instant in order (those beyond a gap
     * stay charged: it cannot read them); tcp_recvmsg then adjusts the buffer to what it copied (tcp_rcv_space_adjust)
     * as of the last arrival.
     */
    private void settle(long now) {
        if (readsOnArrival && now != heldSince) {
            held.forEach(buffer -> allocated -= buffer.truesize);
            held.clear();
            if (autotuning != null) {
                growTo(autotuning.read(heldSince));
            }
        }
        heldSince = now;
    }

    /**
     * tcp_rcvbuf_grow: the memory that holds {@code window} at the measured ratio, at most tcp_rmem[2], if more than
     * the buffer has; the clamp follows it (set directly, so the threshold stays where it was).
     */
    private void growTo(long window) {
        long wanted = Math.min((window << RATIO_SHIFT) / ratio, LARGEST_BUFFER);
        if (wanted > memory) {
            memory = (int) wanted;
            clamp = winFromSpace(memory);
        }
    }

    /**
     * tcp_measure_rcv_mss: a segment at least as large as the guess is the peer's segment size; when it differs from
     * the guess, the ratio of its payload to its truesize is measured again and the clamp follows. (The kernel also
     * learns from two equal smaller segments; no capture shows that, and it is not modelled.)
     */
    private void measure(int len, int truesize, int lastOffer) {
        if (len < rcvMss) {
            return;
        }
        if (len != rcvMss) {
            int measured = Math.max(1, (len << RATIO_SHIFT) / truesize);
            if (measured != ratio) {
                ratio = measured;
                setClamp(winFromSpace(memory), lastOffer);
                if (autotuning != null) {
                    autotuning.bound(clamp);
                }
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
    private boolean grow(int len, int truesize) {
        int room = Math.min(clamp, space()) - threshold;
        if (room <= 0) {
            return false;
        }
        int increment = winFromSpace(truesize) <= len ? 2 * advmss : smallSegmentIncrement(len, truesize);
        if (increment == 0) {
            return false;
        }
        threshold += Math.min(room, Math.max(increment, 2 * len));
        return true;
    }

    /** __tcp_grow_window: halve the segment's share and the largest window until the share fits the payload. */
    private int smallSegmentIncrement(int len, int truesize) {
        int share = winFromSpace(truesize) >> 1;
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
    int space() {
        return winFromSpace(memory - allocated);
    }

    /** tcp_full_space. */
    private int fullSpace() {
        return winFromSpace(memory);
    }

    private int winFromSpace(int bytes) {
        return (int) (((long) bytes * ratio) >> RATIO_SHIFT);
    }
}
