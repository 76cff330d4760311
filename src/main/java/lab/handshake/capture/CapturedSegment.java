package lab.handshake.capture;

import java.util.List;
import lab.handshake.engine.trace.TraceOption;

/**
 * One TCP segment read from a capture file: when it was captured, its IPv4 addresses and ports, and the TCP
 * fields the engine cares about. Sequence numbers are the raw 32-bit values; {@code window} is the raw field and
 * {@code options} the options the engine knows, in wire order.
 */
public record CapturedSegment(long timeMicros, String srcAddress, int srcPort, String dstAddress, int dstPort,
                              int seq, int ack, int flags, int payloadLength, int window,
                              List<TraceOption> options) {
}
