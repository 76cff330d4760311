package lab.handshake.engine.spec;

/**
 * What the network does to the segments that {@code match} selects.
 *
 * @param action      drop, duplicate, delay or hold
 * @param ms          extra delay (delay), or how much later the copy arrives (duplicate, default 1)
 * @param until       for hold: the virtual time at which the held segment is released (never when absent)
 * @param probability apply to each matching segment with this probability (seeded); always when absent
 */
public record FaultSpec(FaultMatch match, String action, Long ms, Long until, Double probability) {
}
