package lab.handshake.engine;

/**
 * A TCP segment as the state machine sees it, independent of the wire format. {@code ack} means something
 * only when the ACK bit is set. {@code len} is the payload length; {@link #seqLength()} adds one for SYN and
 * one for FIN, since each occupies a sequence number (RFC 9293 §3.4). {@code window} is the 16-bit field;
 * {@code windowShift} is the scale its sender meant (RFC 7323 §2.3, 0 on a SYN and without scaling), which is
 * not on the wire: the receiver applies the shift it agreed to. {@code ecn} is the ECN field of the IP header that
 * carries it (RFC 3168 §5).
 */
public record Segment(SocketAddress src, SocketAddress dst, int seq, int ack, int flags, int len, int window,
                      TcpOptions options, int windowShift, EcnCodepoint ecn) {
    /** A segment in an IP header without ECN. */
    public Segment(SocketAddress src, SocketAddress dst, int seq, int ack, int flags, int len, int window,
                   TcpOptions options, int windowShift) {
        this(src, dst, seq, ack, flags, len, window, options, windowShift, EcnCodepoint.NOT_ECT);
    }

    /** A segment without options, its window unscaled. */
    public Segment(SocketAddress src, SocketAddress dst, int seq, int ack, int flags, int len, int window) {
        this(src, dst, seq, ack, flags, len, window, TcpOptions.NONE, 0);
    }

    /** The same segment with other options (a replay moves a captured timestamp echo onto the engine's clock). */
    public Segment withOptions(TcpOptions other) {
        return new Segment(src, dst, seq, ack, flags, len, window, other, windowShift, ecn);
    }

    /** The same segment with another ECN field: a router marked it CE, or the sender sent it ECN-capable. */
    public Segment withEcn(EcnCodepoint codepoint) {
        return new Segment(src, dst, seq, ack, flags, len, window, options, windowShift, codepoint);
    }

    /** The window the sender offers: the field shifted by its scale. */
    public long scaledWindow() {
        return (long) window << windowShift;
    }

    public boolean has(int bit) {
        return Flags.has(flags, bit);
    }

    /** SEG.LEN of RFC 9293: payload plus one for SYN and one for FIN. */
    public int seqLength() {
        return len + (has(Flags.SYN) ? 1 : 0) + (has(Flags.FIN) ? 1 : 0);
    }

    /** RFC 9293 figure notation, e.g. {@code <SEQ=100><ACK=301><CTL=ACK><DATA=10>}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("<SEQ=").append(Seq.unsigned(seq)).append('>');
        if (has(Flags.ACK)) {
            text.append("<ACK=").append(Seq.unsigned(ack)).append('>');
        }
        text.append("<CTL=").append(Flags.join(flags)).append('>');
        if (len > 0) {
            text.append("<DATA=").append(len).append('>');
        }
        return text.toString();
    }
}
