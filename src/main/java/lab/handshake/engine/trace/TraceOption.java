package lab.handshake.engine.trace;

import java.util.List;

/**
 * One TCP option of a segment, in the order the sender put them on the wire (NOP padding included).
 *
 * @param kind  which option
 * @param value the MSS in bytes, or the window-scale shift count; null for the other kinds
 * @param tsVal the sender's timestamp clock (timestamps only)
 * @param tsEcr the timestamp echoed back, 0 on a SYN (timestamps only)
 * @param blocks the blocks held beyond a gap, the most recently changed first (SACK only, RFC 2018 §4)
 * @param cookie the Fast Open cookie in hexadecimal, empty for a cookie request (Fast Open only, RFC 7413 §4.1.1)
 */
public record TraceOption(OptionKind kind, Integer value, Long tsVal, Long tsEcr, List<SackBlock> blocks, String cookie) {

    public TraceOption(OptionKind kind, Integer value, Long tsVal, Long tsEcr, List<SackBlock> blocks) {
        this(kind, value, tsVal, tsEcr, blocks, null);
    }

    /** A SACK block takes 8 bytes: its left and right edges (RFC 2018 §3). */
    public static final int SACK_BLOCK_LENGTH = 8;

    public static TraceOption nop() {
        return new TraceOption(OptionKind.NOP, null, null, null, null);
    }

    public static TraceOption mss(int bytes) {
        return new TraceOption(OptionKind.MSS, bytes, null, null, null);
    }

    public static TraceOption windowScale(int shift) {
        return new TraceOption(OptionKind.WINDOW_SCALE, shift, null, null, null);
    }

    public static TraceOption sackPermitted() {
        return new TraceOption(OptionKind.SACK_PERMITTED, null, null, null, null);
    }

    public static TraceOption timestamps(long tsVal, long tsEcr) {
        return new TraceOption(OptionKind.TIMESTAMPS, null, tsVal, tsEcr, null);
    }

    public static TraceOption sack(List<SackBlock> blocks) {
        return new TraceOption(OptionKind.SACK, null, null, null, List.copyOf(blocks));
    }

    /** The Fast Open option: {@code cookie} in hexadecimal, empty for a cookie request (RFC 7413 §4.1.1). */
    public static TraceOption fastOpen(String cookie) {
        return new TraceOption(OptionKind.FAST_OPEN, null, null, null, null, cookie);
    }

    /** Bytes on the wire, kind and length bytes included. */
    public int length() {
        return kind.length() + (blocks == null ? 0 : blocks.size() * SACK_BLOCK_LENGTH) + (cookie == null ? 0 : cookie.length() / 2);
    }
}
