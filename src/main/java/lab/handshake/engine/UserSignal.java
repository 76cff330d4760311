package lab.handshake.engine;

/** What TCP tells its user (RFC 9293 §3.9.1): the events a scenario's applications can react to. */
public enum UserSignal {
    /** The connection reached ESTABLISHED. */
    ESTABLISHED,
    /** Data was delivered to the application. */
    DATA,
    /** The peer's FIN arrived: "connection closing", read() returns end of file. */
    EOF,
    /** "connection reset" (or "connection refused" before the connection was established). */
    RESET,
    /** An ICMP Destination Unreachable ended the connection (connect() fails: "no route to host", …). */
    UNREACHABLE,
    /** Retransmissions gave up: "connection aborted due to user timeout". */
    TIMEOUT
}
