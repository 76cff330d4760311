package lab.handshake.engine.trace;

/** What a trace step is about; {@link #wireName()} is how the API, the pages and the golden files spell it. */
public enum StepKind implements WireNamed {
    /** The application called TCP. */
    CALL("call"),
    /** An endpoint (or the scenario, for an injected segment) put a segment on the wire. */
    SEND("send"),
    ARRIVE("arrive"),
    /** The network lost a segment. */
    DROP("drop"),
    DISCARD("discard"),
    /** A state change that no call, arrival or timer of the same moment explains on its own. */
    STATE("state"),
    TIMER_ARMED("timer-armed"),
    TIMER_FIRED("timer-fired"),
    TIMER_CANCELLED("timer-cancelled"),
    /** The application's send() waits: the send buffer took only part of what it wrote. */
    WRITE_WAITS("write-waits"),
    /** A send() that waited for room returns: ACKs freed room and the buffer took the rest. */
    WRITE_DONE("write-done"),
    /** In a replayed capture: an application call inferred from what the endpoint sent. */
    NOTE("note"),
    /** In a replayed capture: where the capture differs from the profile it is compared with. */
    DEVIATION("deviation"),
    /**
     * In a replayed capture: where the capture took the other order of a timer race (a timer expiring as a segment
     * arrives), which is no difference in behaviour.
     */
    RACE("race");

    private final String wireName;

    StepKind(String wireName) {
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
