package lab.handshake.engine.trace;

import java.util.List;

/**
 * One segment on the wire.
 *
 * @param from         the sender's name: client, server, or attacker for an address no host has (a forged source)
 * @param to           the receiver's name: client, server, or forged-source for an address no host has, where a
 *                     listener answers a spoofed SYN (RFC 4987 §2)
 * @param seq          absolute 32-bit sequence number
 * @param window       the 16-bit window field as sent
 * @param scaledWindow the window it offers: the field shifted by the sender's agreed window scale (RFC 7323
 *                     §2.3); the same as {@code window} on a SYN and without scaling
 * @param options      the TCP options in wire order, NOP padding included (empty when there are none)
 * @param ack          absolute acknowledgement number, null when the ACK bit is off
 * @param seqSymbolic  the sequence number relative to the sender's ISN (J for the client, K for the server)
 * @param ackSymbolic  the acknowledgement number relative to the receiver's ISN
 * @param arrivesAt    virtual time of (first) arrival, null if it never arrives
 * @param fate         delivered, lost, duplicated, held, delayed or ce-marked (delivered with CE in its IP header)
 * @param src          sender's socket address (the spoofed one for an attacker's segment)
 * @param dst          receiver's socket address
 * @param injected     put on the wire by the scenario, not by a state machine
 * @param retransmission the sender has sent this sequence range before
 * @param copyArrivesAt when a duplicated segment's second copy arrives
 * @param ecn          the ECN field of its IP header (RFC 3168 §5): "ECT(0)" on new data of a connection that
 *                     negotiated ECN, "CE" when a router marked it before a capture saw it; null for Not-ECT. As its sender
 *                     sent it: a ce-marked segment arrives CE
 */
public record TraceSegment(
        int id,
        String from,
        String to,
        List<String> flags,
        long seq,
        Long ack,
        int len,
        int window,
        long scaledWindow,
        List<TraceOption> options,
        String seqSymbolic,
        String ackSymbolic,
        long sentAt,
        Long arrivesAt,
        SegmentFate fate,
        String src,
        String dst,
        boolean injected,
        boolean retransmission,
        Long copyArrivesAt,
        String ecn) {
}
