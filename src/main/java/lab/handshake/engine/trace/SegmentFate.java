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
    DELAYED("delayed");

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
