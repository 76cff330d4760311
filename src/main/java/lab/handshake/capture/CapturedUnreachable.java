package lab.handshake.capture;

import lab.handshake.engine.IcmpUnreachable;

/**
 * An ICMP Destination Unreachable (ICMPv4 type 3, ICMPv6 type 1) read from a capture, quoting the first 8 bytes of a
 * TCP header (RFC 792; RFC 4443 §3.1): when it was captured, its code, and the quoted segment's sockets and sequence
 * number, by which it belongs to a connection and a segment.
 */
public record CapturedUnreachable(long timeMicros, IcmpUnreachable code, String srcAddress, int srcPort, String dstAddress,
                                  int dstPort, int seq) {

    /** Whether it quotes {@code segment}: same sockets, same sequence number, captured after it. */
    boolean quotes(CapturedSegment segment) {
        return segment.srcAddress().equals(srcAddress) && segment.srcPort() == srcPort && segment.dstAddress().equals(dstAddress)
                && segment.dstPort() == dstPort && segment.seq() == seq && segment.timeMicros() <= timeMicros;
    }
}
