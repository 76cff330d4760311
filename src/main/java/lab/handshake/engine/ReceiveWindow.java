package lab.handshake.engine;

/**
 * The window one endpoint offers, from a receive buffer whose application reads every byte as it arrives, or
 * (after {@link #holdUnread}) only when it calls read, so that data waiting unread fills the buffer.
 *
 * <p>RFC 9293 §3.8.6.2.2 (receiver-side silly window syndrome avoidance, MUST-39): the right edge RCV.NXT +
 * RCV.WND never moves back, and it moves forward only when the window can open by at least min(half the
 * buffer, one MSS). So a few hundred bytes received shrink the offer by as many bytes, as every Linux capture
 * in the repository shows (64240, 64140 after 100 bytes, 64139 after a FIN). With window scaling the field
 * carries the window shifted right, rounded up so that nothing offered is scaled away (RFC 7323 §2.3; Linux
 * tcp_select_window): 64240 with shift 10 is sent as 63, meaning 64512. A SYN's window is never scaled.
 */
final class ReceiveWindow {
    private static final int MAX_FIELD = 65_535;

    private int initial;
    private int shift;
    private boolean anchored;
    private int rightEdge;
    /** RCV.BUFF in payload bytes when data waits unread; 0 while the application reads on arrival. */
    private int buffer;
    /** Linux's rcv_ssthresh: the most the offer may grow to, raised by full segments. */
    private int threshold;
    /** The window field last sent, scaled back (RCV.WND as last offered, Linux rcv_wnd). */
    private int lastOffer;
    /** The window of a mini-socket: fixed from the moment it was made (see {@link Profile#miniSocketKeepsWindow}). */
    private Integer kept;

    /** The window offered on the SYN or SYN,ACK, before the peer's sequence numbers are known. */
    void start(int initialWindow) {
        initial = initialWindow;
    }

    /** The peer's ISN is known: the right edge starts at RCV.NXT plus the first offer. */
    void anchor(int rcvNxt) {
        anchored = true;
        rightEdge = rcvNxt + initial;
        threshold = initial;
        lastOffer = initial;
    }

    /** The application reads only when it calls read: received bytes occupy a buffer of this many bytes. */
    void holdUnread(int bufferBytes) {
        buffer = bufferBytes;
    }

    boolean holdsUnread() {
        return buffer > 0;
    }

    /**
     * A segment of {@code len} bytes arrived and waits unread with the others: under Linux a full segment raises
     * the threshold by up to two segments while the free space allows (tcp_grow_window).
     *
     * @return whether the threshold grew (Linux then owes a quick ACK: icsk_ack.quick |= 1)
     */
    boolean grow(int len, long unread, int mss, Profile profile) {
        if (!profile.growsWindowInSegments() || len < mss) {
            return false;
        }
        int room = (int) Math.min(free(unread), MAX_FIELD << shift) - threshold;
        if (room <= 0) {
            return false;
        }
        threshold += Math.min(room, 2 * mss);
        return true;
    }

    /**
     * Whether the window may now be offered smaller than last time (Linux __tcp_ack_snd_check then lets the ACK
     * of a second full segment wait for the delayed-ACK timer instead of sending it at once).
     */
    boolean wouldShrink(long unread, int mss, Profile profile) {
        return holdsUnread() && candidate(unread, mss, profile) < lastOffer;
    }

    /** After a read: whether the window opened enough to be worth an ACK of its own (a window update). */
    boolean opensOnRead(int rcvNxt, long unread, int mss, Profile profile) {
        int current = available(rcvNxt);
        int candidate = candidate(unread, mss, profile);
        if (profile.updatesWindowOnlyWhenDoubled()) {
            int clamp = Math.min(buffer, MAX_FIELD << shift);
            return 2 * current <= clamp && candidate >= 2 * current;
        }
        return candidate - current >= Math.min(buffer / 2, mss);
    }

    /** Window scaling was agreed: later fields are shifted by our own shift count. */
    void scale(int shiftCount) {
        shift = shiftCount;
    }

    int shift() {
        return shift;
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

    /**
     * The window field of a segment sent now; for a segment other than a SYN it also moves the right edge to
     * what the field offers.
     *
     * @param sendMss the effective MSS, the step in which the window reopens
     */
    int field(int rcvNxt, boolean syn, int sendMss, long unread, Profile profile) {
        if (syn) {
            return Math.min(initial, MAX_FIELD);
        }
        if (kept != null) {
            return scaledDown(kept);
        }
        int current = available(rcvNxt);
        int offer;
        if (!holdsUnread()) {
            offer = initial - current >= Math.min(initial / 2, sendMss) ? initial : current;
        } else {
            // The right edge never moves back; it moves on only by a step worth offering (MUST-39).
            int candidate = candidate(unread, sendMss, profile);
            int step = profile.growsWindowInSegments() ? sendMss : Math.min(buffer / 2, sendMss);
            offer = candidate - current >= step ? candidate : current;
        }
        int field = scaledDown(offer);
        if (anchored) {
            rightEdge = rcvNxt + (field << shift);
            lastOffer = field << shift;
        }
        return field;
    }

    /** What the free space would let the window be now: whole segments under the threshold for Linux. */
    private int candidate(long unread, int mss, Profile profile) {
        int free = free(unread);
        if (profile.growsWindowInSegments()) {
            int space = Math.min(threshold, free);
            return space / mss * mss;
        }
        return free;
    }

    /** RCV.BUFF - RCV.USER: the buffer less the data waiting for the application. */
    private int free(long unread) {
        return (int) Math.max(0, buffer - unread);
    }

    /** The field for a window: shifted right, rounded up so that nothing offered is scaled away. */
    private int scaledDown(int window) {
        return Math.min((int) (((long) window + (1 << shift) - 1) >> shift), MAX_FIELD);
    }
}
