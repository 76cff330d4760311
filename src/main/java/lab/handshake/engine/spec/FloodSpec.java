package lab.handshake.engine.spec;

/**
 * {@code count} SYNs from random (spoofed) addresses in {@code fromSubnet}, {@code ratePerMs} per virtual
 * millisecond, to {@code to} (the server by default).
 */
public record FloodSpec(Integer count, String fromSubnet, Double ratePerMs, String to) {
}
