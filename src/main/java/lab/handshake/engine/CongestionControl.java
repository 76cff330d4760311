package lab.handshake.engine;

import lab.handshake.engine.trace.WireNamed;

/**
 * The congestion control a Linux sender runs (net.ipv4.tcp_congestion_control, or TCP_CONGESTION on the socket):
 * how its window grows on the ACKs ({@link CongestionWindow}). The {@code rfc9293} profile follows RFC 5681
 * whichever is chosen.
 */
public enum CongestionControl implements WireNamed {
    /** CUBIC (net/ipv4/tcp_cubic.c), Linux's default: slow start while the window is used, then CUBIC's curve. */
    CUBIC("cubic"),
    /** BBR v1 (net/ipv4/tcp_bbr.c): the window follows the measured delivery rate and the smallest round trip. */
    BBR("bbr");

    private final String wireName;

    CongestionControl(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static CongestionControl parse(String text) {
        return WireNamed.parse(values(), text, "congestionControl");
    }
}
