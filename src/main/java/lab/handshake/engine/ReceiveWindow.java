package lab.handshake.engine;

/**
 * The window one endpoint offers, from a receive buffer whose application reads every byte as it arrives, or
 * (when it reads on call) only when it calls read, so that data waiting unread fills the buffer.
 *
 * <p>RFC 9293 §3.8.6.2.2 (receiver-side silly window syndrome avoidance, MUST-39): the right edge RCV.NXT +
 * RCV.WND never moves back, and it moves forward only when the window can open by at least min(half the
 * buffer, one MSS). So a few hundred bytes received shrink the offer by as many bytes, as every Linux capture
 * in the repository shows (64240, 64140 after 100 bytes, 64139 after a FIN). A profile that offers its window
 * from the receive memory ({@link Profile#offersWindowFromReceiveMemory}) chooses it with {@link ReceiveMemory}
 * and keeps only the rule that the right edge never moves back (Linux tcp_select_window). With window scaling the
 * field carries the window shifted right, rounded up so that nothing offered is scaled away (RFC 7323 §2.3; Linux
 * tcp_select_window): 64240 with shift 10 is sent as 63, meaning 64512. A SYN's window is never scaled.
 */
final class ReceiveWindow {
    private static final int MAX_FIELD = 65_535;

    private int initial;
    /** The largest segment this end receives, less the timestamps it will carry. */
    private int advmss;
    private int shift;
    private boolean anchored;
    private int rightEdge;
    /** RCV.BUFF in payload bytes when data waits unread; 0 while the application reads on arrival. */
    private int buffer;
    /** The receive memory the window is chosen from, when the profile does so; null for the RFC's window. */
    private ReceiveMemory memory;
    /** The window last offered (RCV.WND as offered, Linux rcv_wnd); Linux's may exceed what the field carries. */
    private int lastOffer;
    /** The window of a mini-socket: fixed from the moment it was made (see {@link Profile#miniSocketKeepsWindow}). */
    private Integer kept;
    /** The mini-socket keeps the window of the next segment, which the full socket still chooses. */
    private boolean keepsNextOffer;
    /** The kept window's field wraps at 16 bits instead of stopping at 65535 ({@link Profile#miniSocketWindowFieldWraps}). */
    private boolean keptFieldWraps;

    /**
     * The window offered on the SYN or SYN,ACK, before the peer's sequence numbers are known, and the buffer behind it.
     *
     * @param bufferBytes the profile's receive buffer ({@link Profile#receiveBuffer})
     * @param readsOnCall whether received data waits in the buffer until the application calls read
     * @param autotunes   whether the receive memory grows with what an application reading on arrival copies
     *                    ({@link Profile#autotunesReceiveBuffer})
     * @param loopback    whether segments arrive in the sender's own buffers ({@link TcpParams#loopback})
     */
    void start(int initialWindow, int bufferBytes, boolean readsOnCall, boolean autotunes, boolean loopback, Profile profile) {
        initial = initialWindow;
        memory = profile.offersWindowFromReceiveMemory() ? new ReceiveMemory(bufferBytes, !readsOnCall, autotunes, loopback) : null;
        buffer = readsOnCall ? bufferBytes : 0;
        keptFieldWraps = profile.miniSocketWindowFieldWraps();
    }

    /**
     * The peer's ISN is known: the right edge starts at RCV.NXT plus the first offer.
     *
     * @param advmss  the largest segment this end receives, less the timestamps it will carry
     * @param sendMss the effective send MSS
     */
    void anchor(int rcvNxt, int advmss, int sendMss) {
        anchored = true;
        this.advmss = advmss;
        rightEdge = rcvNxt + initial;
        lastOffer = initial;
        if (memory != null) {
            memory.establish(advmss, sendMss, initial);
        }
    }

    /** The handshake is done: the receive memory's autotuning starts measuring ({@link ReceiveMemory#transferStarts}). */
    void transferStarts(long now) {
        if (memory != null && anchored) {
            memory.transferStarts(now, lastOffer);
        }
    }

    /**
     * A segment of {@code length} sequence numbers echoes our timestamp {@code echo}; our clock reads {@code clockNow}
     * (the receiver's round-trip time, {@link ReceiveAutotuning#echoed}).
     */
    void echoed(long echo, long clockNow, int length, long now) {
        if (memory != null && anchored) {
            memory.echoed(echo, clockNow, length, now);
        }
    }

    boolean holdsUnread() {
        return buffer > 0;
    }

    /**
     * A segment of {@code len} bytes, with {@code optionBytes} of TCP options, arrived at {@code now}. Under the receive-memory window it takes memory and may
     * raise the window's threshold (Linux tcp_event_data_recv, tcp_grow_window).
     *
     * @return whether the threshold grew (Linux then owes a quick ACK: icsk_ack.quick |= 1)
     */
    boolean arrived(int len, int optionBytes, long now) {
        return memory != null && memory.arrived(len, optionBytes, now, lastOffer);
    }

    /**
     * A segment of {@code len} bytes arrived beyond a gap and is held ({@link ReceiveMemory#heldBeyondGap}).
     *
     * @param sack whether SACK was agreed (only then may the window grow)
     */
    boolean heldBeyondGap(int len, int optionBytes, long now, boolean sack) {
        return memory != null && memory.heldBeyondGap(len, optionBytes, now, sack, lastOffer);
    }

    /** Held data of {@code bytes} became in order ({@link ReceiveMemory#gapFilled}). */
    void gapFilled(int bytes) {
        if (memory != null) {
            memory.gapFilled(bytes);
        }
    }

    /**
     * The peer's segment size as this end measures it (Linux icsk_ack.rcv_mss, {@link ReceiveMemory}); under the RFC's
     * window, which measures nothing, the largest segment this end receives.
     */
    int rcvMss() {
        return memory != null ? memory.rcvMss() : advmss;
    }

    /** The application read {@code bytes}: under the receive-memory window, segments it has read free their memory. */
    void read(long bytes) {
        if (memory != null) {
            memory.read(bytes);
        }
    }

    /**
     * The bytes of {@code unread} a read took where the window it let this end offer is {@code window} and, where
     * known, the next one {@code next} ({@link ReceiveMemory#readReaching}); under the RFC's buffer, which counts bytes, what leaves that much free.
     * All of it before the connection is established: no window was chosen from that memory yet (a damaged capture).
     */
    long readReaching(long unread, int window, long now, NextOffer next, int optionBytes) {
        if (!anchored) {
            return unread;
        }
        if (memory != null) {
            return Math.min(unread, memory.readReaching(now, lastOffer, shift, window, next, optionBytes));
        }
        return Math.max(0, Math.min(unread, window - (buffer - unread)));
    }

    /**
     * Whether the window offered {@code next} shows that no read took all that waits now
     * ({@link ReceiveMemory#nextOfferKeepsBuffers}); never under the RFC's buffer.
     */
    boolean nextOfferKeepsUnread(NextOffer next, int optionBytes, long now) {
        return anchored && memory != null && memory.nextOfferKeepsBuffers(now, lastOffer, shift, next, optionBytes);
    }

    /**
     * Whether the window may now be offered smaller than last time (Linux __tcp_ack_snd_check then lets the ACK
     * of a second full segment wait for the delayed-ACK timer instead of sending it at once).
     */
    boolean wouldShrink(long unread, long now) {
        return holdsUnread() && candidate(unread, now) < lastOffer;
    }

    /** Whether Linux's receive memory has less than half its full space free (never for the RFC's buffer). */
    boolean lessThanHalfFree(long now) {
        return memory != null && memory.lessThanHalfFree(now);
    }

    /**
     * After a read: whether the window opened enough to be worth an ACK of its own (a window update). The RFC: by
     * min(half the buffer, one MSS); Linux: to at least twice a window that had fallen to half the clamp or less
     * (tcp_cleanup_rbuf).
     */
    boolean opensOnRead(int rcvNxt, long unread, int mss, long now) {
        return opensTo(available(rcvNxt), candidate(unread, now), mss);
    }

    /**
     * Whether an ACK offering {@code window} (a replayed capture's) passes the test a read's ACK passes
     * ({@link #opensOnRead}) against what is left of the window last offered.
     */
    boolean readOpensTo(int rcvNxt, int window, int mss) {
        return opensTo(available(rcvNxt), window, mss);
    }

    private boolean opensTo(int current, int candidate, int mss) {
        if (memory != null) {
            return 2 * current <= memory.clamp() && candidate > 0 && candidate >= 2 * current;
        }
        return candidate - current >= Math.min(buffer / 2, mss);
    }

    /**
     * The window field of an ACK sent by a Linux request in SYN-RECEIVED (tcp_v4_reqsk_send_ack): the SYN,ACK's window,
     * at most 65535, shifted by our scale and truncated (tcp_synack_window(req) &gt;&gt; rcv_wscale), not rounded up as a
     * full socket's is.
     */
    int requestField() {
        return Math.min(initial, MAX_FIELD) >> shift;
    }

    /** Window scaling was agreed: later fields are shifted by our own shift count. */
    void scale(int shiftCount) {
        shift = shiftCount;
    }

    int shift() {
        return shift;
    }

    /** The window last offered (Linux rcv_wnd), from which Linux counts the quick ACKs it allows. */
    int lastOffer() {
        return lastOffer;
    }

    /** RCV.WND: what the peer may still send beyond RCV.NXT. */
    int available(int rcvNxt) {
        if (!anchored) {
            return initial;
        }
        return Math.max(0, rightEdge - rcvNxt);
    }

    /** From now on every segment offers the window of this moment (a TIME-WAIT mini-socket). */
    void keep(int rcvNxt) {
        if (kept == null) {
            kept = available(rcvNxt);
        }
    }

    /** From the next segment on, every segment offers the window that segment offers. */
    void keepNextOffer() {
        keepsNextOffer = kept == null;
    }

    /**
     * The window field of a segment sent now; for a segment other than a SYN it also moves the right edge to
     * what the field offers.
     *
     * @param sendMss the effective MSS, the step in which the RFC's window reopens
     */
    int field(int rcvNxt, boolean syn, int sendMss, long unread, long now) {
        if (syn) {
            return Math.min(initial, MAX_FIELD);
        }
        if (kept != null) {
            return keptFieldWraps ? (ReceiveMemory.alignUp(kept, shift) >> shift) & MAX_FIELD : scaledDown(kept);
        }
        int current = available(rcvNxt);
        int offer;
        if (memory != null && anchored) {
            // The right edge never moves back (tcp_select_window); RCV.WND is what was chosen, even beyond the field.
            int chosen = memory.select(now, lastOffer, shift);
            memory.acknowledged(); // every segment sent acknowledges all that is held
            offer = chosen < current ? ReceiveMemory.alignUp(current, shift) : chosen;
        } else if (!holdsUnread()) {
            offer = scaledUp(initial - current >= Math.min(initial / 2, sendMss) ? initial : current);
        } else {
            // The right edge never moves back; it moves on only by a step worth offering (MUST-39).
            int candidate = candidate(unread, now);
            offer = scaledUp(candidate - current >= Math.min(buffer / 2, sendMss) ? candidate : current);
        }
        if (anchored) {
            rightEdge = rcvNxt + offer;
            lastOffer = offer;
        }
        if (keepsNextOffer) {
            kept = offer;
            keepsNextOffer = false;
        }
        return scaledDown(offer);
    }

    /**
     * This end was seen offering {@code window} bytes on a segment that acknowledged up to {@code acknowledged} (a
     * replayed capture's segment, {@link TcpConnection#offered}): the right edge moves on to what that offer reached
     * if it lies beyond, and never back; that window is then the one last offered (rcv_wnd). Linux sets rcv_wup to
     * RCV.NXT and rcv_wnd to the window on every segment it sends (tcp_select_window in net/ipv4/tcp_output.c) and
     * accepts data up to rcv_wup + rcv_wnd (tcp_sequence, tcp_receive_window).
     */
    void offered(int acknowledged, int window) {
        if (!anchored || kept != null || window <= 0) {
            return;
        }
        int edge = acknowledged + window;
        if (edge - rightEdge > 0) {
            rightEdge = edge;
            lastOffer = window;
        }
    }

    /**
     * Whether a right edge this end was seen offering ({@link TcpConnection#offerShowsARead}) lies beyond every edge
     * it could offer now with its unread data still held: the edge it last offered, which never moves back, and RCV.NXT
     * plus the window its buffer leaves, by more than the scale unit an offer is rounded to. Linux offers no more than
     * the free space of its receive buffer (__tcp_select_window), so only a read could have made that room.
     */
    boolean beyondUnreadOffer(int edge, int rcvNxt, long unread, long now) {
        if (!anchored || !holdsUnread() || kept != null) {
            return false;
        }
        int reach = Math.max(available(rcvNxt), candidate(unread, now));
        return edge - (rcvNxt + reach) > 1 << shift;
    }

    /** What the window could be now: the receive memory's choice, or the RFC's free space. */
    private int candidate(long unread, long now) {
        if (memory != null) {
            return memory.select(now, lastOffer, shift);
        }
        return (int) Math.max(0, buffer - unread);
    }

    /** The field for a window: shifted right, rounded up so that nothing offered is scaled away. */
    private int scaledDown(int window) {
        return Math.min(ReceiveMemory.alignUp(window, shift) >> shift, MAX_FIELD);
    }

    /** The RFC's window as its field offers it: rounded up to the scale unit, at most the largest field. */
    private int scaledUp(int window) {
        return scaledDown(window) << shift;
    }
}
