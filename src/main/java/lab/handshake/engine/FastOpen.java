package lab.handshake.engine;

import lab.handshake.engine.trace.WireNamed;

/**
 * TCP Fast Open (RFC 7413) on one host, as Linux runs it with net.ipv4.tcp_fastopen = 3, TCP_FASTOPEN on the listener
 * and TCP_FASTOPEN_CONNECT on the client's socket: a client that holds a cookie for the server sends its first write in
 * the SYN, with the cookie (tcp_fastopen_defer_connect, tcp_send_syn_data); one that holds none asks for one in its SYN,
 * and its data waits for the handshake; a server gives a cookie to a SYN that asks, and takes the data of a SYN with a
 * valid cookie at once, before the handshake ends (tcp_try_fastopen, tcp_fastopen_create_child). The {@code rfc9293}
 * profile has no Fast Open ({@link Profile#runsFastOpen}): RFC 9293 queues data a SYN carries until ESTABLISHED
 * (§3.10.7.3).
 */
public enum FastOpen implements WireNamed {
    /** No Fast Open: the default of both profiles (Linux's default, 1, lets a client use it only when asked to). */
    OFF("off"),
    /** Fast Open on; a client holds no cookie for its server yet, so its first SYN asks for one (RFC 7413 §4.1.2). */
    ON("on"),
    /** Fast Open on, and the client holds the server's cookie from an earlier connection (RFC 7413 §4.2.1). */
    COOKIE("cookie"),
    /**
     * Fast Open without cookies (net.ipv4.tcp_fastopen 0x5 on a client, 0x202 on a server): a client sends its first
     * write in a SYN with no option (TFO_CLIENT_NO_COOKIE, tcp_fastopen_cookie_check); a server takes the data of any SYN
     * that carries data or the option, and gives no cookie (TFO_SERVER_COOKIE_NOT_REQD, tcp_try_fastopen).
     */
    NO_COOKIE("no-cookie");

    private final String wireName;

    FastOpen(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static FastOpen parse(String text) {
        return WireNamed.parse(values(), text, "fastOpen");
    }

    /**
     * The cookie a server gives the client at {@code clientAddress}: 8 bytes in hexadecimal, as Linux's (a SipHash of the
     * client's address under the server's key, tcp_fastopen_cookie_gen); here a fixed mix of the two addresses, so that runs
     * repeat and a client told it holds the server's cookie ({@link #COOKIE}) holds this one.
     */
    public static String cookieFor(String serverAddress, String clientAddress) {
        long mixed = 0x9e3779b97f4a7c15L;
        for (char c : (serverAddress + "|" + clientAddress).toCharArray()) {
            mixed = (mixed ^ c) * 0x100000001b3L;
            mixed ^= mixed >>> 29;
        }
        return String.format("%016x", mixed);
    }
}
