package lab.handshake.engine;

/**
 * Whether a Linux listener has room in its accept queue for the connection an ACK completes, and what it does when it
 * has none (tcp_check_req in net/ipv4/tcp_minisocks.c: syn_recv_sock() fails while sk_acceptq_is_full(), and
 * {@code listen_overflow} keeps the request or resets it). The RFC knows no accept queue: the listener always has room.
 */
public enum AcceptQueue {
    /** The completed connection joins the queue (inet_csk_complete_hashdance). */
    ROOM,
    /** Full, tcp_abort_on_overflow = 0 (the default): the ACK is dropped and the request stays, its SYN,ACK timer on. */
    FULL,
    /** Full, tcp_abort_on_overflow = 1: the ACK is answered with {@code <SEQ=SEG.ACK><CTL=RST>} and the request dropped. */
    FULL_ABORT_ON_OVERFLOW
}
