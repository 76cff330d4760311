package lab.handshake.engine;

/** When a listener answers a SYN with a SYN cookie instead of a SYN-queue entry (RFC 4987 §3.6). */
public enum SynCookieMode {
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

    public String apiName() {
        return apiName;
    }

    public static SynCookieMode parse(String text) {
        for (SynCookieMode mode : values()) {
            if (mode.apiName.equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("synCookies must be one of off, on-overflow, always");
    }
}
