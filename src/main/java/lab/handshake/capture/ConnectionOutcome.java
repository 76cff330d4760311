package lab.handshake.capture;

import lab.handshake.engine.Flags;

/** How a captured connection ended, as far as the capture shows: one word per connection in the chooser. */
public enum ConnectionOutcome {
    /** The client's SYNs got no answer at all. */
    UNANSWERED,
    /** The client's SYN got no segment back, only an ICMP Destination Unreachable. */
    UNREACHABLE,
    /** The server answered the SYN with RST: nobody listened. */
    REFUSED,
    /** A SYN the server answered and nobody ever acknowledged: a half-open entry of a SYN flood. */
    HALF_OPEN,
    /** The handshake completed and the capture ends before any FIN or RST. */
    ESTABLISHED,
    /** One side sent FIN and the other did not (yet). */
    CLOSING,
    /** Both sides sent FIN. */
    CLOSED,
    /** A RST ended the connection after it was set up. */
    RESET,
    /** The capture begins after the handshake. */
    PARTIAL;

    static ConnectionOutcome of(CapturedConnection connection) {
        boolean clientFin = false;
        boolean serverFin = false;
        boolean rst = false;
        boolean synAck = false;
        boolean syn = false;
        boolean clientAcked = false;
        boolean serverSpoke = false;
        for (CapturedSegment s : connection.segments()) {
            boolean fromClient = connection.fromClient(s);
            // A socket connected to itself is both ends: each segment it sends is its peer's too.
            boolean fromServer = !fromClient || connection.selfConnected();
            int flags = s.flags();
            syn |= Flags.has(flags, Flags.SYN);
            synAck |= fromServer && Flags.has(flags, Flags.SYN) && Flags.has(flags, Flags.ACK);
            rst |= Flags.has(flags, Flags.RST);
            clientFin |= fromClient && Flags.has(flags, Flags.FIN);
            serverFin |= fromServer && Flags.has(flags, Flags.FIN);
            clientAcked |= fromClient && Flags.has(flags, Flags.ACK);
            serverSpoke |= fromServer;
        }
        if (!syn) {
            return PARTIAL;
        }
        if (!serverSpoke) {
            return connection.unreachables().isEmpty() ? UNANSWERED : UNREACHABLE;
        }
        if (rst && !synAck) {
            return REFUSED;
        }
        if (rst) {
            return RESET;
        }
        if (synAck && !clientAcked) {
            return HALF_OPEN;
        }
        if (clientFin && serverFin) {
            return CLOSED;
        }
        return clientFin || serverFin ? CLOSING : ESTABLISHED;
    }
}
