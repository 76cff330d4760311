package lab.handshake.engine.spec;

import java.util.List;

/**
 * Which segments a fault applies to: sent by {@code from}, with exactly these {@code flags} (PSH is ignored,
 * so ["ACK"] matches pure ACKs and data alike), and only the {@code nth} such segment when given.
 */
public record FaultMatch(String from, List<String> flags, Integer nth) {
}
