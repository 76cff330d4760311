package lab.handshake.engine;

import lab.handshake.engine.trace.StepKind;

/**
 * What a connection can do to the world around it. The state machine never sends, sleeps or reads a clock
 * itself: it tells its environment what it would send and which timers it wants, and the environment
 * (the simulated network, or a test) decides what happens next.
 */
public interface TcpEnvironment {

    /** The current virtual time in milliseconds. */
    long now();

    TcpParams params();

    Profile profile();

    /**
     * The jiffies a Linux kernel's timer wheel had counted when the virtual clock stood at 0, in 4 ms ticks: where the
     * buckets of its coarser levels lie ({@link Profile#timerWheelMs}). The engine starts from 0; a capture's replay
     * puts the kernel's buckets on its clock.
     */
    default long wheelTicksAtStart() {
        return 0;
    }

    /** Half-open (passively opened SYN-RECEIVED) entries of the listener this host has. */
    int synQueueLength();

    /** Those of them whose SYN,ACK has not been retransmitted yet. */
    int youngSynQueueEntries();

    /** Whether this host has a listening socket (one that may take a SYN that ends a TIME-WAIT connection). */
    boolean listening();

    /**
     * {@code timeWait} ended for a new SYN (it is deleted already): the host's listener takes the SYN, starting the new
     * connection from the old one ({@link TcpConnection#synArrivedAfterTimeWait}).
     */
    void synAfterTimeWait(TcpConnection timeWait, Segment syn);

    /** Whether this host's listener has room for a connection a handshake's ACK completes ({@link AcceptQueue}). */
    default AcceptQueue acceptQueue() {
        return AcceptQueue.ROOM;
    }

    /** When the application of this host takes received data out of TCP. */
    ReadMode readMode();

    /** Put a segment on the wire. */
    void transmit(TcpConnection connection, Segment segment, Explanation why);

    /** The connection moved from one state to another. */
    void stateChanged(TcpConnection connection, TcpState from, TcpState to, Explanation why);

    /** A timer was set to fire at {@code expiresAt} (replacing any earlier setting of the same timer). */
    void timerArmed(TcpConnection connection, TimerKind kind, long expiresAt, Explanation why);

    void timerCancelled(TcpConnection connection, TimerKind kind);

    /** An arriving segment was discarded (after any reply the rules ask for). */
    void discarded(TcpConnection connection, Segment segment, Explanation why);

    /** An ICMP Destination Unreachable quoting {@code quoted} arrived for the connection; {@code why}: why it changed nothing, or null. */
    void icmpArrived(TcpConnection connection, Segment quoted, IcmpUnreachable code, Explanation why);

    /** What the application would be told: connected, data, end of file, reset, time-out. */
    void signal(TcpConnection connection, UserSignal signal, int bytes);

    /** Whether a write takes only what the send buffer has room for ({@link Profile#limitsWritesBySendBuffer}). */
    boolean writesWaitForSendBuffer();

    /** The application's send() waits for send-buffer room ({@code kind} write-waits) or returns after waiting (write-done). */
    void writeNoted(TcpConnection connection, StepKind kind, Explanation why);

    /**
     * The connection's TCB is deleted. {@code backToListen} is true when a passively opened connection
     * returns to LISTEN (RFC 9293 §3.10.7.4), so the host's listener is what remains.
     */
    void deleted(TcpConnection connection, boolean backToListen);

    /**
     * The TCP Fast Open cookie this host holds for {@code server} (RFC 7413 §4.1.2: kept per server, Linux's
     * tcp_fastopen_cache_get in the TCP metrics of the server's address), or null when it holds none.
     */
    default String fastOpenCookieFor(SocketAddress server) {
        return null;
    }

    /** A SYN,ACK from {@code server} gave this host a Fast Open cookie, which it keeps (Linux tcp_fastopen_cache_set). */
    default void fastOpenCookieReceived(SocketAddress server, String cookie) {
    }

    /**
     * The smoothed RTT (srtt_us × 8, as Linux keeps it) this host's TCP metrics hold for {@code remote}'s address, 0
     * when none (Linux tcp_init_metrics reads it).
     */
    default long cachedRoundTripUs8(SocketAddress remote) {
        return 0;
    }

    /**
     * A connection with {@code remote} ended in TIME-WAIT or LAST-ACK with smoothed RTT {@code srttUs8} (srtt_us × 8;
     * 0 when it had none, or its RTO was backed off): Linux tcp_update_metrics.
     */
    default void roundTripEnded(SocketAddress remote, long srttUs8) {
    }

    /** The Fast Open cookie this host, a server, gives {@code client} and takes from it (Linux tcp_fastopen_cookie_gen). */
    default String fastOpenCookieIssued(SocketAddress client) {
        return FastOpen.cookieFor("", client.address());
    }
}
