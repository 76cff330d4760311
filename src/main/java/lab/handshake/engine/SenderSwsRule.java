package lab.handshake.engine;

/**
 * When a sender holds a segment that the peer's window cuts below both a full segment and the data waiting (sender
 * SWS avoidance, RFC 9293 §3.8.6.2.1, MUST-38). Held, it waits for an ACK that opens the window or for the override
 * timeout ({@link Profile#swsOverrideMs}, rule 4).
 */
public enum SenderSwsRule {
    /**
     * The RFC's rule 3: such a segment goes only if it is at least a fraction Fs = 1/2 of the largest window the peer
     * has offered.
     */
    BELOW_HALF_THE_LARGEST_WINDOW("send.data.sws-fraction"),

    /**
     * Linux: such a segment never goes first in a packet of tcp_write_xmit, whose first segment must fit the window
     * whole (tcp_snd_wnd_test, for every packet of the pass; its segments are already cut to half the largest window,
     * {@link Profile#boundsSegmentsToHalfTheLargestWindow}), only as the tail of a packet whose first segment fit
     * (tcp_mss_split_point; packets of {@link Profile#segmentsPerPushedPacket} segments, the GSO size below a millisecond). Held, the probe timer's
     * tcp_write_wakeup sends what the window allows with PSH (capture small-window-partial-segment).
     */
    AT_THE_HEAD_OF_A_PACKET("send.data.sws-burst-tail");

    private final String whySentKey;

    SenderSwsRule(String whySentKey) {
        this.whySentKey = whySentKey;
    }

    /** The explanation's key for a segment cut short by the window that goes (its bytes and the largest window). */
    public String whyASegmentCutShortGoes() {
        return whySentKey;
    }

    /**
     * Whether a segment of {@code size} bytes, cut short by the peer's window, waits.
     *
     * @param largestWindow the largest window the peer has offered (max SND.WND)
     * @param packetsTail whether it would be the tail of a packet whose first segment went whole
     */
    public boolean holds(int size, int largestWindow, boolean packetsTail) {
        return switch (this) {
            case BELOW_HALF_THE_LARGEST_WINDOW -> 2L * size < largestWindow;
            case AT_THE_HEAD_OF_A_PACKET -> !packetsTail;
        };
    }
}
