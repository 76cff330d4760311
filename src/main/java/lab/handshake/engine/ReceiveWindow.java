package lab.handshake.engine;

/**
 * The window one endpoint offers, from a receive buffer whose application reads every byte as it arrives.
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
    int field(int rcvNxt, boolean syn, int sendMss) {
        if (syn) {
            return Math.min(initial, MAX_FIELD);
        }
        if (kept != null) {
            return scaledDown(kept);
        }
        int current = available(rcvNxt);
        int offer = initial - current >= Math.min(initial / 2, sendMss) ? initial : current;
        int field = scaledDown(offer);
        if (anchored) {
            rightEdge = rcvNxt + (field << shift);
        }
        return field;
    }

    /** The field for a window: shifted right, rounded up so that nothing offered is scaled away. */
    private int scaledDown(int window) {
        return Math.min((int) (((long) window + (1 << shift) - 1) >> shift), MAX_FIELD);
    }
}
