package lab.handshake.engine;

/**
 * SYN cookies (RFC 4987 §3.6): the server's ISN is a keyed hash of the connection's addresses and ports, a
 * coarse clock and the client's ISN, so the ACK that completes the handshake proves the SYN,ACK was received
 * without the server having kept a SYN-queue entry. The secret comes from the simulation's seed.
 */
final class SynCookies {
    /** The clock advances every 64 s, as in Linux; a cookie is accepted during its own and the next period. */
    private static final long PERIOD_MS = 64_000;

    private final long secret;

    SynCookies(long secret) {
        this.secret = secret;
    }

    int cookieFor(Segment syn, long now) {
        return cookie(syn.src(), syn.dst(), syn.seq(), now / PERIOD_MS);
    }

    /** The ACK of a cookie SYN,ACK carries SEQ = client ISN + 1 and ACK = cookie + 1. */
    boolean isValid(Segment ack, long now) {
        int clientIsn = ack.seq() - 1;
        int cookie = ack.ack() - 1;
        long period = now / PERIOD_MS;
        return cookie == cookie(ack.src(), ack.dst(), clientIsn, period)
                || (period > 0 && cookie == cookie(ack.src(), ack.dst(), clientIsn, period - 1));
    }

    private int cookie(SocketAddress client, SocketAddress server, int clientIsn, long period) {
        long h = secret;
        h = mix(h ^ client.address().hashCode());
        h = mix(h ^ client.port());
        h = mix(h ^ server.address().hashCode());
        h = mix(h ^ server.port());
        h = mix(h ^ period);
        return (int) h + clientIsn;
    }

    /** The SplitMix64 finaliser: a cheap, well-distributed 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
