package lab.handshake.engine.spec;

import java.util.List;
import java.util.Optional;
import lab.handshake.engine.trace.WireNamed;

/** What a scenario's fault does to the segments it matches; {@link #wireName()} is how scenario files spell it. */
public enum FaultAction implements WireNamed {
    DROP("drop"),
    /** A second copy arrives {@code ms} later (1 ms by default). */
    DUPLICATE("duplicate"),
    DELAY("delay"),
    /** Kept in flight until {@code until}, or for ever. */
    HOLD("hold"),
    /**
     * Not delivered: the far end (a firewall's reject, a host with no such port) answers with an ICMP Destination
     * Unreachable of the fault's {@code code}, which reaches the segment's sender a round trip after it was sent.
     */
    REJECT("reject"),
    /**
     * A router on the path, congested, marks the segment instead of dropping it (RFC 3168 §5): it arrives with CE in its
     * IP header's ECN field if it left ECN-capable (ECT(0) or ECT(1)) or already CE; a Not-ECT segment cannot carry the
     * mark, so the router drops it, as it would without ECN.
     */
    MARK_CE("mark-ce");

    private final String wireName;

    FaultAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FaultAction> fromWire(String text) {
        return WireNamed.find(values(), text);
    }

    public static List<String> wireNames() {
        return WireNamed.wireNames(values());
    }

    @Override
    public String toString() {
        return wireName;
    }
}
