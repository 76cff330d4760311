package lab.handshake.engine;

/** The ECN field of the IP header that carries a segment (RFC 3168 §5), in the order of its two bits' values. */
public enum EcnCodepoint {
    /** Not-ECT: the sender does not take part in ECN. */
    NOT_ECT(null),
    /** ECT(1): ECN-capable; Linux's classic ECN does not send it (RFC 3168 §5). */
    ECT_1("ECT(1)"),
    /** ECT(0): ECN-capable; a router may mark it CE instead of dropping it. */
    ECT_0("ECT(0)"),
    /** CE: congestion experienced, set by a router on the way. */
    CE("CE");

    private static final EcnCodepoint[] BY_FIELD = values();

    private final String traceName;

    EcnCodepoint(String traceName) {
        this.traceName = traceName;
    }

    /** The field's two bits (ordinal order is the field's value). */
    public int field() {
        return ordinal();
    }

    /** The codepoint of a field's two low bits. */
    public static EcnCodepoint ofField(int field) {
        return BY_FIELD[field & 0x3];
    }

    /** The name the trace gives it, as Wireshark does; null for Not-ECT, which the trace leaves out. */
    public String traceName() {
        return traceName;
    }

    /** The codepoint a trace names ({@link #traceName}), Not-ECT for null or a name it does not know. */
    public static EcnCodepoint ofTraceName(String name) {
        for (EcnCodepoint codepoint : BY_FIELD) {
            if (codepoint.traceName != null && codepoint.traceName.equals(name)) {
                return codepoint;
            }
        }
        return NOT_ECT;
    }
}
