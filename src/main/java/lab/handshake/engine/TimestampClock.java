package lab.handshake.engine;

/**
 * A connection's timestamp clock (RFC 7323 §5.4: drawn from {@code isn}) and its TS.Recent: what of an ended
 * connection goes on in its host, as the kernel's clock does, for the next connection to the same peer and for a
 * segment injected after it ended.
 */
record TimestampClock(int isn, long recent) {

    /** The timestamps option a segment carries when its TSval is {@code ageMs} old at {@code now}. */
    TcpOptions.Timestamps aged(long now, long ageMs) {
        return new TcpOptions.Timestamps(TcpOptions.clock(isn, now - ageMs), recent);
    }
}
