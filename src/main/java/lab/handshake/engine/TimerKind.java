package lab.handshake.engine;

import lab.handshake.engine.trace.WireNamed;

/**
 * The timers of one connection (RFC 9293 §3.8, §3.10.8), named as the API shows them. Linux runs the retransmission
 * timer, and the loss probe, persist and RACK reordering timers that take its place, as one timer in jiffies
 * (icsk_retransmit_timer, tcp_reset_xmit_timer), which its timer wheel fires at the end of a bucket ({@link #onTimerWheel}).
 */
public enum TimerKind implements WireNamed {
    RETRANSMISSION("retransmission", Rules.RETRANSMISSION, true),
    TIME_WAIT("time-wait", Rules.TIME_WAIT_TIMEOUT, false),
    DELAYED_ACK("delayed-ack", Rules.DELAYED_ACK, false),
    FIN_WAIT_2("fin-wait-2", Rules.LINUX_FIN_WAIT_2, false),
    /**
     * RACK's reordering timer: a segment sent before a SACKed one is lost if not SACKed by then (RFC 8985 §6.2). Linux
     * runs it as ICSK_TIME_REO_TIMEOUT of the same kernel timer (tcp_rack_mark_lost → inet_csk_reset_xmit_timer).
     */
    REORDER("reorder", Rules.RACK, true),
    /** The tail loss probe's timer (RFC 8985 §7.2). */
    LOSS_PROBE("loss-probe", Rules.TLP, true),
    /** Linux's compressed SACK: out-of-order data after three duplicate ACKs is acknowledged a moment later, once. */
    SACK_COMPRESS("sack-compress", Rules.LINUX_SACK_COMPRESS, false),
    /** The persist timer: data waits behind a zero window, and a probe asks for the window (RFC 9293 §3.8.6.1). */
    PERSIST("persist", Rules.ZERO_WINDOW_PROBE, true);

    private final String wireName;
    private final String rule;
    private final boolean onTimerWheel;

    TimerKind(String wireName, String rule, boolean onTimerWheel) {
        this.wireName = wireName;
        this.rule = rule;
        this.onTimerWheel = onTimerWheel;
    }

    /**
     * Whether the profile's timer wheel decides when this timer fires ({@code Profile.timerWheelMs}): the kernel's
     * retransmission timer. The others keep their timeout (the delayed-ACK timer is put on a tick where it is armed;
     * docs/linux-captures.md §77 says which are not modelled on the wheel).
     */
    public boolean onTimerWheel() {
        return onTimerWheel;
    }

    /** The section that defines this timer. */
    public String rule() {
        return rule;
    }

    public String wireName() {
        return wireName;
    }
}
