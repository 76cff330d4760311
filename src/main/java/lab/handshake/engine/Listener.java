package lab.handshake.engine;

/**
 * A socket in LISTEN (RFC 9293 §3.10.7.2). Each acceptable SYN forks a new connection in SYN-RECEIVED, which
 * counts against the listen backlog until it is established; when the backlog is full, the SYN is dropped
 * or, with SYN cookies, answered without keeping any state (RFC 4987 §3.1, §3.6).
 */
final class Listener {
    private final Host host;

    Listener(Host host) {
        this.host = host;
    }

    void segmentArrives(Segment seg) {
        Network network = host.network();
        // First, check for a RST: it cannot be meant for a listener.
        if (seg.has(Flags.RST)) {
            network.hostDiscarded(host, seg, Explanation.of(Rules.LISTEN_ARRIVES, "discard.listen.rst"));
            return;
        }
        // Second, check for an ACK: only the ACK of one of our SYN cookies is acceptable here.
        if (seg.has(Flags.ACK)) {
            if (cookiesEnabled() && network.synCookies().isValid(seg, network.now())) {
                TcpConnection connection = host.fork(seg);
                connection.cookieAckArrived(seg, seg.ack() - 1);
                return;
            }
            network.hostTransmits(host, new Segment(seg.dst(), seg.src(), seg.ack(), 0, Flags.RST, 0, 0),
                    Explanation.of(Rules.LISTEN_ARRIVES, "send.rst.listen.ack"));
            return;
        }
        // Third, check for a SYN.
        if (!seg.has(Flags.SYN)) {
            network.hostDiscarded(host, seg, Explanation.of(Rules.LISTEN_ARRIVES, "discard.listen.other"));
            return;
        }
        TcpParams params = host.params();
        int capacity = host.synQueueCapacity();
        boolean queueFull = host.halfOpenCount() >= capacity;
        SynCookieMode cookies = params.synCookies();
        if (cookies == SynCookieMode.ALWAYS || (queueFull && cookies == SynCookieMode.ON_OVERFLOW)) {
            answerWithCookie(seg, queueFull);
            return;
        }
        if (queueFull) {
            network.hostDiscarded(host, seg, Explanation.of(Rules.SYN_QUEUE, "discard.syn-queue-full", capacity));
            return;
        }
        if (network.profile().keepsLastQuarterForProvenPeers(params, host.halfOpenCount())) {
            network.hostDiscarded(host, seg, Explanation.of(Rules.SYN_QUEUE, "discard.syn-backlog-last-quarter",
                    host.halfOpenCount(), params.maxSynBacklog()));
            return;
        }
        TcpConnection connection = host.fork(seg);
        connection.synArrivedAtListener(seg, host.nextIsn());
    }

    /**
     * A SYN that ended a TIME-WAIT connection: Linux turns it into a request "without limitations" (tcp_conn_request
     * with the ISN tcp_v4_rcv handed it: no SYN-queue or cookie check, the peer "is evidently real one").
     */
    void synAfterTimeWait(Segment syn, TcpConnection timeWait) {
        host.fork(syn).synArrivedAfterTimeWait(syn, timeWait);
    }

    private boolean cookiesEnabled() {
        return host.params().synCookies() != SynCookieMode.OFF;
    }

    /** A SYN,ACK whose ISN encodes the connection, so no SYN-queue entry is needed. */
    private void answerWithCookie(Segment syn, boolean queueFull) {
        Network network = host.network();
        int cookie = network.synCookies().cookieFor(syn, network.now());
        if (host.isPrimaryPeer(syn.src())) {
            host.cookieSentToPrimaryPeer(cookie);
        }
        TcpParams params = host.params();
        TcpOptions.Timestamps echo = syn.options().timestamps();
        TcpOptions options = syn.options().answer(params,
                echo == null ? null : new TcpOptions.Timestamps(TcpOptions.clock(cookie, network.now()), echo.value()));
        int receiveMss = params.mss() - (options.timestamps() != null ? TcpOptions.TIMESTAMPS_ROOM : 0);
        int window = Math.min(network.profile().initialWindow(params, receiveMss), 65_535);
        Segment synAck = new Segment(syn.dst(), syn.src(), cookie, syn.seq() + 1, Flags.SYN | Flags.ACK, 0,
                window, options, 0);
        network.hostTransmits(host, synAck, Explanation.of(Rules.SYN_COOKIES,
                queueFull ? "send.synack.cookie.overflow" : "send.synack.cookie"));
    }
}
