package lab.handshake.engine.trace;

/** A named endpoint: its IPv4 address, port and initial sequence number (J for the client, K for the server). */
public record TraceEndpoint(String address, int port, long isn) {
}
