package lab.handshake.engine;

import lab.handshake.engine.trace.WireNamed;

/** The timers of one connection (RFC 9293 §3.8, §3.10.8), named as the API shows them. */
public enum TimerKind implements WireNamed {
    RETRANSMISSION("retransmission", Rules.RETRANSMISSION),
    TIME_WAIT("time-wait", Rules.TIME_WAIT_TIMEOUT),
    DELAYED_ACK("delayed-ack", Rules.DELAYED_ACK),
    FIN_WAIT_2("fin-wait-2", Rules.LINUX_FIN_WAIT_2),
    /** RACK's reordering timer: a segment sent before a SACKed one is lost if not SACKed by then (RFC 8985 §6.2). */
    REORDER("reorder", Rules.RACK),
    /** The tail loss probe's timer (RFC 8985 §7.2). */
    LOSS_PROBE("loss-probe", Rules.TLP),
    /** Linux's compressed SACK: out-of-order data after three duplicate ACKs is acknowledged a moment later, once. */
    SACK_COMPRESS("sack-compress", Rules.LINUX_SACK_COMPRESS),
    /** The persist timer: data waits behind a zero window, and a probe asks for the window (RFC 9293 §3.8.6.1). */
    PERSIST("persist", Rules.ZERO_WINDOW_PROBE);

    private final String wireName;
    private final String rule;

    TimerKind(String wireName, String rule) {
        this.wireName = wireName;
        this.rule = rule;
    }

    /** The section that defines this timer. */
    public String rule() {
        return rule;
    }

    public String wireName() {
        return wireName;
    }
}
