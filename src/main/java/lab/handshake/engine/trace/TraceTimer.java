package lab.handshake.engine.trace;

/** A running timer of a named endpoint: retransmission, time-wait, delayed-ack or fin-wait-2. */
public record TraceTimer(String endpoint, String kind, long expiresAt) {
}
