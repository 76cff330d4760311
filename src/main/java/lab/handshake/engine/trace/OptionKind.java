package lab.handshake.engine.trace;

/**
 * A TCP option kind as it appears on the wire (IANA "TCP Option Kind Numbers"); {@link #wireName()} is how the
 * API and the golden files spell it.
 */
public enum OptionKind implements WireNamed {
    /** Kind 1, one byte of padding so that the next option starts where the sender wants it. */
    NOP("nop", 1, 1),
    /** Kind 2, only on a SYN: the largest segment the sender can receive (RFC 9293 §3.7.1). */
    MSS("mss", 2, 4),
    /** Kind 3, only on a SYN: the shift the sender applies to its own window field (RFC 7323 §2). */
    WINDOW_SCALE("window-scale", 3, 3),
    /** Kind 4, only on a SYN: the sender understands selective acknowledgements (RFC 2018 §2). */
    SACK_PERMITTED("sack-permitted", 4, 2),
    /** Kind 5: the blocks of data the sender holds beyond a gap, 8 bytes each after the 2 here (RFC 2018 §3). */
    SACK("sack", 5, 2),
    /** Kind 8: the sender's clock (TSval) and the echo of the peer's latest one (TSecr) (RFC 7323 §3). */
    TIMESTAMPS("timestamps", 8, 10),
    /**
     * Kind 34, only on a SYN or SYN,ACK: TCP Fast Open (RFC 7413 §4.1.1), empty on a client's SYN that asks for a
     * cookie, with the cookie on the server's SYN,ACK that gives one and on a client's SYN that carries data; its cookie
     * bytes come on top of the 2 here ({@link TraceOption#length()}).
     */
    FAST_OPEN("fast-open", 34, 2);

    private final String wireName;
    private final int kind;
    private final int length;

    OptionKind(String wireName, int kind, int length) {
        this.wireName = wireName;
        this.kind = kind;
        this.length = length;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind byte. */
    public int kind() {
        return kind;
    }

    /** Bytes on the wire, kind and length bytes included (a SACK option's blocks come on top: {@link TraceOption#length()}). */
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
