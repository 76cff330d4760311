package lab.handshake.engine;

/** The timers of one connection (RFC 9293 §3.8, §3.10.8), named as the API shows them. */
public enum TimerKind {
    RETRANSMISSION("retransmission"),
    TIME_WAIT("time-wait"),
    DELAYED_ACK("delayed-ack"),
    FIN_WAIT_2("fin-wait-2");

    private final String apiName;

    TimerKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
