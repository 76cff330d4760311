package lab.handshake.engine;

import lab.handshake.engine.trace.WireNamed;

/**
 * When a host's application takes received data out of TCP. {@link #ON_ARRIVAL} is an application that reads
 * everything at once (the default); with {@link #ON_CALL} data waits in the receive buffer until a {@code read}
 * call, and a close() with data still waiting resets the connection (RFC 9293 §3.6.1, RFC 2525 §2.17).
 */
public enum ReadMode implements WireNamed {
    ON_ARRIVAL("on-arrival"),
    ON_CALL("on-call");

    private final String wireName;

    ReadMode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The mode a scenario names, or {@link #ON_ARRIVAL} when it names none. */
    public static ReadMode parse(String text) {
        return text == null ? ON_ARRIVAL : WireNamed.parse(values(), text, "reads");
    }
}
