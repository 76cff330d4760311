package lab.handshake.engine;

/**
 * The eleven connection states of RFC 9293 §3.3.2. Names use underscores (as the API contract and most
 * textbooks do); {@link #rfcName()} gives the RFC's hyphenated spelling.
 */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED,
    FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** The spelling used in RFC 9293, e.g. {@code SYN-RECEIVED}. */
    public String rfcName() {
        return name().replace('_', '-');
    }

    /** Synchronized states (RFC 9293 §3.5.2 group 3): both ISNs are known and acknowledged. */
    public boolean isSynchronized() {
        return switch (this) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT -> true;
            default -> false;
        };
    }

    /** States in which our own FIN has been queued or sent: the application may no longer SEND. */
    public boolean hasClosedSending() {
        return switch (this) {
            case FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK, TIME_WAIT -> true;
            default -> false;
        };
    }

    /**
     * States in which a CLOSE sends a FIN (RFC 9293 §3.10.4: SYN-RECEIVED, ESTABLISHED, CLOSE-WAIT; in LISTEN and
     * SYN-SENT it deletes the TCB): the application has not closed yet, so new data still goes.
     */
    public boolean closeSendsFin() {
        return switch (this) {
            case SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> true;
            default -> false;
        };
    }

    /** States in which the peer's FIN has been received, so no more data can arrive. */
    public boolean hasReceivedFin() {
        return switch (this) {
            case CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT -> true;
            default -> false;
        };
    }

    /** States in which segment text is still delivered (RFC 9293 §3.10.7.4, seventh step); SYN-RECEIVED waits for the ACK. */
    public boolean acceptsText() {
        return switch (this) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> true;
            default -> false;
        };
    }
}
