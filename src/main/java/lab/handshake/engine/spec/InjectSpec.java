package lab.handshake.engine.spec;

import java.util.List;

/**
 * A segment put on the wire that no state machine produced (an old duplicate SYN, a stray RST), or a
 * {@code flood} of spoofed SYNs.
 *
 * @param tsValAgeMs when set, the segment carries a timestamps option (RFC 7323 §3.2) whose TSval is the sender's
 *                   timestamp clock for this peer as it read that many milliseconds before {@code at} (an old
 *                   duplicate's) and whose TSecr is what the sender echoes now; absolute TSvals are random per
 *                   connection, so a scenario could not know them
 */
public record InjectSpec(Long at, String from, String to, List<String> flags, Long seq, Long ack, Integer len,
                         Long tsValAgeMs, FloodSpec flood) {
}
