package lab.handshake.engine;

/**
 * One connection's ECN (RFC 3168 §6.1) as Linux 6.18 runs it in its classic mode (include/net/tcp_ecn.h,
 * net/ipv4/tcp_input.c, tcp_output.c; docs/linux-captures.md §141). Negotiated on the SYNs: a SYN with ECE and CWR asks
 * (tcp_ecn_send_syn, net.ipv4.tcp_ecn 1), a listener whose tcp_ecn is not 0 agrees with ECE alone on its SYN,ACK
 * (tcp_ecn_create_request, tcp_ecn_make_synack), and the asker takes ECN when the SYN,ACK carries ECE without CWR
 * (tcp_ecn_rcv_synack). Once agreed, new data leaves ECT(0) (tcp_ecn_send); a CE mark on arriving data makes the
 * receiver set ECE on all it sends (tcp_data_ecn_check) until a segment with CWR arrives (tcp_ecn_accept_cwr); the sender
 * of the data sets CWR on its next new data whenever its window's reduction begins (tcp_ecn_queue_cwr, from
 * tcp_init_cwnd_reduction and tcp_enter_loss): after an ECE once per window of data, which {@link CongestionWindow#enterCwr}
 * decides, and when fast recovery or a timeout's loss begins.
 */
final class EcnState {
    private final int mode;
    /** Our SYN asked for ECN. */
    private boolean asked;
    /** ECN agreed on the SYNs (TCP_ECN_MODE_RFC3168, a request's ecn_ok). */
    private boolean agreed;
    /** A CE mark arrived and no CWR since (TCP_ECN_DEMAND_CWR). */
    private boolean demandCwr;
    /**
     * Data with CWR arrived (tcp_ecn_accept_cwr, from tcp_ack): its sender says its window came down, "may be very low
     * (even just 1 packet)", so the ACK of it leaves at once (ICSK_ACK_NOW), not delayed.
     */
    boolean asksAckNow(Segment seg) {
        return agreed && seg.has(Flags.CWR) && seg.len() > 0;
    }

    /** The window's reduction began: the next new data carries CWR (TCP_ECN_QUEUE_CWR). */
    private boolean queueCwr;

    /** @param mode net.ipv4.tcp_ecn of the host */
    EcnState(int mode) {
        this.mode = mode;
    }

    boolean agreed() {
        return agreed;
    }

    /**
     * ECE and CWR for a SYN: on its first transmission when tcp_ecn is 1; a SYN sent again goes without them
     * (tcp_ecn_clear_syn with net.ipv4.tcp_ecn_fallback at its default 1).
     */
    int synFlags(boolean firstTransmission) {
        asked = mode == 1;
        return asked && firstTransmission ? Flags.ECE | Flags.CWR : 0;
    }

    /**
     * A listener's answer to {@code syn} (tcp_ecn_create_request): ECN when the SYN has ECE and CWR, is itself not
     * ECN-capable (RFC 3168 §6.1.1: a SYN must not be) and tcp_ecn is not 0.
     */
    void synArrived(Segment syn) {
        agreed = mode != 0 && syn.has(Flags.ECE) && syn.has(Flags.CWR) && syn.ecn() == EcnCodepoint.NOT_ECT;
    }

    /** ECE on every SYN,ACK of a request that agreed (tcp_ecn_make_synack). */
    int synAckFlags() {
        return agreed ? Flags.ECE : 0;
    }

    /** The SYN,ACK of a SYN that asked: ECE without CWR agrees, anything else does not (tcp_ecn_rcv_synack). */
    void synAckArrived(Segment synAck) {
        agreed = asked && synAck.has(Flags.ECE) && !synAck.has(Flags.CWR);
    }

    /**
     * ECE and CWR for a segment that is not a SYN (tcp_ecn_send): CWR on new data once queued, ECE while a CE mark waits
     * for the sender's CWR.
     */
    int flags(boolean newData) {
        if (!agreed) {
            return 0;
        }
        int flags = demandCwr ? Flags.ECE : 0;
        if (newData && queueCwr) {
            queueCwr = false;
            flags |= Flags.CWR;
        }
        return flags;
    }

    /** The IP header's ECN field: ECT(0) on new data, Not-ECT on ACKs and on data sent again (tcp_ecn_send). */
    EcnCodepoint codepoint(boolean newData) {
        return agreed && newData ? EcnCodepoint.ECT_0 : EcnCodepoint.NOT_ECT;
    }

    /**
     * In-order data arrived (tcp_data_ecn_check): a CE mark, the first since the last CWR, makes ECE owed; true then, as
     * the receiver leaves delayed ACKs for two quick ones (tcp_enter_quickack_mode(sk, 2)).
     */
    boolean dataArrived(Segment seg) {
        if (!agreed || seg.ecn() != EcnCodepoint.CE || demandCwr) {
            return false;
        }
        demandCwr = true;
        return true;
    }

    /**
     * An acceptable ACK arrived: CWR on it ends what a CE mark asked for (tcp_ecn_accept_cwr, on pure ACKs too). Returns
     * whether it echoes a CE mark, ECE on a segment that is not a SYN (tcp_ecn_rcv_ecn_echo: FLAG_ECE), for the window
     * to take ({@link CongestionWindow#enterCwr}).
     */
    boolean ackArrived(Segment seg) {
        if (!agreed) {
            return false;
        }
        if (seg.has(Flags.CWR)) {
            demandCwr = false;
        }
        return seg.has(Flags.ECE) && !seg.has(Flags.SYN);
    }

    /** The window's reduction began (tcp_init_cwnd_reduction, tcp_enter_loss → tcp_ecn_queue_cwr): CWR on the next new data. */
    void reductionBegan() {
        queueCwr = agreed;
    }
}
