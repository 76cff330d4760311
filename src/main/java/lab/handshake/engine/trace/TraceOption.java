package lab.handshake.engine.trace;

/**
 * One TCP option of a segment, in the order the sender put them on the wire (NOP padding included).
 *
 * @param kind  which option
 * @param value the MSS in bytes, or the window-scale shift count; null for the other kinds
 * @param tsVal the sender's timestamp clock (timestamps only)
 * @param tsEcr the timestamp echoed back, 0 on a SYN (timestamps only)
 */
public record TraceOption(OptionKind kind, Integer value, Long tsVal, Long tsEcr) {

    public static TraceOption nop() {
        return new TraceOption(OptionKind.NOP, null, null, null);
    }

    public static TraceOption mss(int bytes) {
        return new TraceOption(OptionKind.MSS, bytes, null, null);
    }

    public static TraceOption windowScale(int shift) {
        return new TraceOption(OptionKind.WINDOW_SCALE, shift, null, null);
    }

    public static TraceOption sackPermitted() {
        return new TraceOption(OptionKind.SACK_PERMITTED, null, null, null);
    }

    public static TraceOption timestamps(long tsVal, long tsEcr) {
        return new TraceOption(OptionKind.TIMESTAMPS, null, tsVal, tsEcr);
    }
}
