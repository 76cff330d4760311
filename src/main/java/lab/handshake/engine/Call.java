package lab.handshake.engine;

import java.util.List;
import java.util.Optional;
import lab.handshake.engine.trace.WireNamed;

/**
 * The application calls of RFC 9293 §3.9.1 a scenario, a student or a replayed capture makes on a host.
 * {@link #wireName()} is how scenario files, the API and the sandbox spell them.
 */
public enum Call implements WireNamed {
    LISTEN("listen", Rules.OPEN),
    CONNECT("connect", Rules.OPEN),
    SEND("send", Rules.SEND),
    /** RECEIVE: the application takes up to {@code bytes} of received data out of TCP. */
    READ("read", Rules.RECEIVE),
    /** Half-close: this end sends no more, but keeps receiving. */
    SHUTDOWN("shutdown", Rules.CLOSE),
    CLOSE("close", Rules.CLOSE),
    ABORT("abort", Rules.ABORT),
    /** The host reboots and forgets every connection. */
    CRASH("crash", Rules.CRASH),
    /** setsockopt(TCP_CORK, 1): a segment smaller than the MSS waits for more data (RFC 9293 §3.9.1.2, MAY-16). */
    CORK("cork", Rules.CORK),
    /** setsockopt(TCP_CORK, 0): what the cork held is pushed. */
    UNCORK("uncork", Rules.CORK);

    private final String wireName;
    private final String rule;

    Call(String wireName, String rule) {
        this.wireName = wireName;
        this.rule = rule;
    }

    public String wireName() {
        return wireName;
    }

    /** The section that defines the call. */
    public String rule() {
        return rule;
    }

    /** The calls that take a number of bytes. */
    public boolean takesBytes() {
        return this == SEND || this == READ;
    }

    /** How a trace step shows the call: {@code send(100)}, {@code read(100)}, {@code close()}. */
    public String detail(Integer bytes) {
        return takesBytes() ? wireName + "(" + bytes + ")" : wireName + "()";
    }

    public static Optional<Call> fromWire(String text) {
        return WireNamed.find(values(), text);
    }

    /** Every call's wire name, in the order above. */
    public static List<String> wireNames() {
        return WireNamed.wireNames(values());
    }

    @Override
    public String toString() {
        return wireName;
    }
}
