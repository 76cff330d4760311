package lab.handshake.engine.trace;

/** What the network did with a segment; {@link #wireName()} is how the API, the pages and the golden files spell it. */
public enum SegmentFate implements WireNamed {
    DELIVERED("delivered"),
    LOST("lost"),
    /** Delivered twice. */
    DUPLICATED("duplicated"),
    /** Kept in flight until someone decides (a student, or a fault's {@code until}). */
    HELD("held"),
    /** Delivered later than the network's own delay. */
    DELAYED("delayed"),
    /** Delivered, its IP header's ECN field set to CE by a congested router on the way (RFC 3168 §5). */
    CE_MARKED("ce-marked");

    private final String wireName;

    SegmentFate(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The wire name, so text formats and templates print what the JSON says. */
    @Override
    public String toString() {
        return wireName;
    }
}
