package lab.handshake.engine;

/** When a listener answers a SYN with a SYN cookie instead of a SYN-queue entry (RFC 4987 §3.6). */
public enum SynCookieMode implements ApiNamed {
    /** Never: a SYN that finds the queue full is dropped. */
    OFF("off"),
    /** Only when the SYN queue is full (Linux net.ipv4.tcp_syncookies = 1, the default). */
    ON_OVERFLOW("on-overflow"),
    /** For every SYN (Linux net.ipv4.tcp_syncookies = 2). */
    ALWAYS("always");

    private final String apiName;

    SynCookieMode(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    public static SynCookieMode parse(String text) {
        return ApiNamed.parse(values(), text, "synCookies");
    }
}
