package lab.handshake.engine;

/**
 * The congestion control a Linux sender runs (net.ipv4.tcp_congestion_control, or TCP_CONGESTION on the socket):
 * how its window grows on the ACKs ({@link CongestionWindow}). The {@code rfc9293} profile follows RFC 5681
 * whichever is chosen.
 */
public enum CongestionControl implements ApiNamed {
    /** CUBIC (net/ipv4/tcp_cubic.c), Linux's default: slow start while the window is used, then CUBIC's curve. */
    CUBIC("cubic"),
    /** BBR v1 (net/ipv4/tcp_bbr.c): the window follows the measured delivery rate and the smallest round trip. */
    BBR("bbr");

    private final String apiName;

    CongestionControl(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    public static CongestionControl parse(String text) {
        return ApiNamed.parse(values(), text, "congestionControl");
    }
}
