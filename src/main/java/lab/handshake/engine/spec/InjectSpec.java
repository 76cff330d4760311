package lab.handshake.engine.spec;

import java.util.List;

/**
 * A segment put on the wire that no state machine produced (an old duplicate SYN, a stray RST), or a
 * {@code flood} of spoofed SYNs.
 */
public record InjectSpec(Long at, String from, String to, List<String> flags, Long seq, Long ack, Integer len,
                         FloodSpec flood) {
}
