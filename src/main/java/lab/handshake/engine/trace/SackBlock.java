package lab.handshake.engine.trace;

/**
 * One block of a SACK option (RFC 2018 §3): the receiver holds the bytes from {@code left} up to, not including,
 * {@code right}, beyond a gap; both are unsigned 32-bit sequence numbers of the peer's data.
 */
public record SackBlock(long left, long right) {
}
