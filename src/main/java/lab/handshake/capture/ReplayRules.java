package lab.handshake.capture;

/**
 * What the capture replay's own notes cite, in one place as {@code engine.Rules} is for the engine: these name
 * behaviour a capture shows and the engine does not model, so they are not the engine's. Words around a citation
 * come from its {@code rule.…} key in each language, as the engine's do.
 */
public final class ReplayRules {
    /** ECN negotiated on the SYNs. */
    public static final String ECN = "RFC 3168 §6.1.1 (ECN negotiation); Linux tcp_ecn";
    /** Urgent data. */
    public static final String URGENT = "RFC 9293 §3.8.5; RFC 6093";
    /** Data in a SYN (TCP Fast Open). */
    public static final String SYN_DATA = "RFC 7413; Linux tcp_fastopen";
    /** Data written while the connection is still opening. */
    public static final String WRITE_PENDING = "RFC 9293 §3.10.7.3; Linux tcp_rcv_synsent_state_process";
    /** A captured segment that is an old duplicate, or one written in an end's name. */
    public static final String OLD_SEGMENT = "RFC 9293 §3.4 (old duplicates); RFC 1337";

    private ReplayRules() {
    }
}
