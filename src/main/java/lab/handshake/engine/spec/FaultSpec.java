package lab.handshake.engine.spec;

import lab.handshake.engine.IcmpUnreachable;

/**
 * What the network does to the segments that {@code match} selects.
 *
 * @param action      drop, duplicate, delay, hold, reject or mark-ce: the wire name of a {@link FaultAction}, kept as written so
 *                    that {@link SpecValidator} can say what is wrong with it
 * @param ms          extra delay (delay), or how much later the copy arrives (duplicate, default 1)
 * @param until       for hold: the virtual time at which the held segment is released (never when absent)
 * @param probability apply to each matching segment with this probability (seeded); always when absent
 * @param code        for reject: the ICMP Destination Unreachable code, the wire name of an {@link IcmpUnreachable}
 */
public record FaultSpec(FaultMatch match, String action, Long ms, Long until, Double probability, String code) {

    /** The action, once the specification is valid. */
    public FaultAction actionOf() {
        return FaultAction.fromWire(action).orElseThrow(() -> new IllegalArgumentException("unknown fault action " + action));
    }

    /** The ICMP code of a reject, once the specification is valid. */
    public IcmpUnreachable codeOf() {
        return IcmpUnreachable.fromWire(code).orElseThrow(() -> new IllegalArgumentException("unknown ICMP code " + code));
    }
}
