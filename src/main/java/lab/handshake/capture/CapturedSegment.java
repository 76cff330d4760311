package lab.handshake.capture;

import java.util.List;
import lab.handshake.engine.EcnCodepoint;
import lab.handshake.engine.Flags;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.TraceOption;

/**
 * One TCP segment read from a capture file: when it was captured, its IPv4 addresses and ports, and the TCP
 * fields the engine cares about. Sequence numbers are the raw 32-bit values; {@code headerFlags} the whole flags
 * byte, ECN's ECE and CWR included; {@code window} is the raw field and {@code options} the options the engine
 * knows, in wire order; {@code ecn} the ECN field of the IP header.
 */
public record CapturedSegment(long timeMicros, String srcAddress, int srcPort, String dstAddress, int dstPort,
                              int seq, int ack, int headerFlags, int payloadLength, int window,
                              List<TraceOption> options, EcnCodepoint ecn) {
    /** ECN-Echo (RFC 3168 §6.1.1): on a SYN it asks for ECN, on a SYN,ACK it agrees, later it echoes a CE mark. */
    static final int ECE = 0x40;
    /** Congestion Window Reduced (RFC 3168 §6.1.1): on a SYN, with ECE, it asks for ECN. */
    static final int CWR = 0x80;
    /** Urgent (RFC 9293 §3.8.5): the urgent pointer marks where urgent data ends (send(..., MSG_OOB) on Linux). */
    static final int URG = 0x20;

    /** A segment in an IP header without ECN. */
    public CapturedSegment(long timeMicros, String srcAddress, int srcPort, String dstAddress, int dstPort,
                           int seq, int ack, int headerFlags, int payloadLength, int window, List<TraceOption> options) {
        this(timeMicros, srcAddress, srcPort, dstAddress, dstPort, seq, ack, headerFlags, payloadLength, window, options,
                EcnCodepoint.NOT_ECT);
    }

    /** The control bits that say what a segment is (FIN, SYN, RST, PSH, ACK), without ECN's, which ride on any of them. */
    public int flags() {
        return headerFlags & (Flags.FIN | Flags.SYN | Flags.RST | Flags.PSH | Flags.ACK);
    }

    /** Every flag the engine models, ECN's ECE and CWR included (URG is not): what the replay sends and compares. */
    public int engineFlags() {
        return headerFlags & ~URG;
    }

    boolean has(int headerFlag) {
        return (headerFlags & headerFlag) != 0;
    }

    /** Whether it carries SACK blocks (RFC 2018): an ACK that reports data held beyond a gap. */
    boolean carriesSack() {
        return options != null && options.stream().anyMatch(option -> option.kind() == OptionKind.SACK);
    }
}
