package lab.handshake.engine;

import lab.handshake.engine.trace.WireNamed;

/** When a listener answers a SYN with a SYN cookie instead of a SYN-queue entry (RFC 4987 §3.6). */
public enum SynCookieMode implements WireNamed {
    /** Never: a SYN that finds the queue full is dropped. */
    OFF("off"),
    /** Only when the SYN queue is full (Linux net.ipv4.tcp_syncookies = 1, the default). */
    ON_OVERFLOW("on-overflow"),
    /** For every SYN (Linux net.ipv4.tcp_syncookies = 2). */
    ALWAYS("always");

    private final String wireName;

    SynCookieMode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static SynCookieMode parse(String text) {
        return WireNamed.parse(values(), text, "synCookies");
    }
}
