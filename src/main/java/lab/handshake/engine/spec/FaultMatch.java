package lab.handshake.engine.spec;

import java.util.List;

/**
 * Which segments a fault applies to: sent by {@code from}, with exactly these {@code flags} (PSH is ignored,
 * so ["ACK"] matches pure ACKs and data alike), sent at or after {@code afterMs} of virtual time when given (a host
 * that goes silent part-way: zero-window-probe-give-up), sent before {@code beforeMs} when given (a path slow only
 * for a first connection: tcp-metrics-round-trip; with {@code afterMs} a window), and only the {@code nth} such
 * segment when given, counted
 * among those the faults before it let through (three drops with nth 4 lose the 4th, 5th and 6th). Faults apply to
 * the segments the endpoints' state machines send; an injected segment is delivered as injected.
 */
public record FaultMatch(String from, List<String> flags, Integer nth, Long afterMs, Long beforeMs) {
}
