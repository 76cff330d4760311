package lab.handshake.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.trace.StepKind;

/**
 * One simulated machine with one address and port: its listening socket (if any), its connections keyed by
 * the remote socket, and the application calls a scenario makes on it. A segment that matches no connection
 * goes to the listener (§3.10.7.2) or, if there is none, is answered as CLOSED (§3.10.7.1).
 */
public final class Host implements TcpEnvironment {

    private final String name;
    private final SocketAddress address;
    private final Network network;
    private final IsnGenerator isns;
    private final Map<SocketAddress, TcpConnection> connections = new LinkedHashMap<>();
    /**
     * Per remote socket, the timestamp clock of this host's last connection with it that has ended (only the two numbers,
     * not the connection, which a flood's thousands of expired entries would otherwise keep): a new connection keeps the
     * clock, and a segment injected after it ended carries its clock and its last TS.Recent, as the kernel's clock goes on.
     */
    private final Map<SocketAddress, TimestampClock> endedClocks = new HashMap<>();
    private Listener listener;
    private SocketAddress primaryPeer;
    /** ISS of the latest connection with the primary peer: the "J" or "K" its segments are written against. */
    private Integer primaryIss;
    private ReadMode readMode = ReadMode.ON_ARRIVAL;
    private AcceptQueue acceptQueue = AcceptQueue.ROOM;
    /** This host's own tunables; null: the network's (every host the same). */
    private TcpParams params;
    /** The Fast Open cookies this host holds, per server address (RFC 7413 §4.1.2; Linux keeps them in its TCP metrics). */
    private final Map<String, String> fastOpenCookies = new HashMap<>();
    /** The smoothed RTT (srtt_us × 8) this host's TCP metrics keep per peer address (Linux tcp_metrics.c's TCP_METRIC_RTT). */
    private final Map<String, Long> cachedRoundTrips = new HashMap<>();
    /** The ssthresh and reordering degree this host's TCP metrics keep per peer address ({@link KeptCongestion}). */
    private final Map<String, KeptCongestion> keptCongestion = new HashMap<>();
    /** This host's writes fill a send buffer and wait for room ({@link #writeIntoSendBuffer}); else they queue whole. */
    private boolean writesIntoSendBuffer;
    /**
     * TCP_CORK set while this host had no connection: on the listener, whose accepted sockets copy its tp->nonagle
     * (sk_clone_lock copies the sock, tcp_create_openreq_child keeps nonagle), or else on the socket connect() uses
     * (docs/linux-captures.md §156: cork-on-listener, cork-before-connect).
     */
    private boolean listenerCorked;
    private boolean corkedBeforeConnect;
    /** The Fast Open cookie this host gives every client, when set (a replay's, from its capture); else {@link FastOpen#cookieFor}. */
    private String issuedFastOpenCookie;

    Host(String name, SocketAddress address, Network network, IsnGenerator isns) {
        this.name = name;
        this.address = address;
        this.network = network;
        this.isns = isns;
    }

    public String name() {
        return name;
    }

    public SocketAddress address() {
        return address;
    }

    /** The tunables this host runs with, when they are not the network's (one machine's own settings). */
    public void setParams(TcpParams params) {
        this.params = params;
    }

    /**
     * This host's writes fill the profile's send buffer and wait for room ({@link Profile#limitsWritesBySendBuffer}): a
     * replayed capture whose writer waited. Not yet the default: the buffer as modelled does not grow as the kernel's did
     * in the relay downloads the scenarios hold (docs/linux-captures.md §86), so elsewhere writes queue whole, as before.
     */
    public void writeIntoSendBuffer() {
        this.writesIntoSendBuffer = true;
    }

    @Override
    public boolean writesWaitForSendBuffer() {
        return profile().limitsWritesBySendBuffer() && writesIntoSendBuffer;
    }

    public void setReadMode(ReadMode readMode) {
        this.readMode = readMode;
    }

    @Override
    public ReadMode readMode() {
        return readMode;
    }

    public void setPrimaryPeer(SocketAddress peer) {
        this.primaryPeer = peer;
    }

    /** The other named endpoint's socket, which connect() opens to: this host's own for a socket connected to itself. */
    public SocketAddress primaryPeer() {
        return primaryPeer;
    }

    /** The ISS of the current (or latest) connection with the primary peer, or null before the first one. */
    public Integer primaryIss() {
        TcpConnection primary = primaryConnection();
        if (primary != null && primary.state() != TcpState.LISTEN) {
            primaryIss = primary.iss();
        }
        return primaryIss;
    }

    /** A SYN cookie answered the primary peer: the cookie is this end's ISN for the coming connection. */
    void cookieSentToPrimaryPeer(int cookie) {
        primaryIss = cookie;
    }

    boolean isPrimaryPeer(SocketAddress remote) {
        return remote.equals(primaryPeer);
    }

    /** The connection with the other named endpoint, if one exists. */
    public TcpConnection primaryConnection() {
        return primaryPeer == null ? null : connections.get(primaryPeer);
    }

    /**
     * The state shown for this host: its connection with the primary peer, else its listener, else CLOSED. Once that
     * connection's TCB is deleted, a host that still listens shows LISTEN: the listening socket is a record of its own.
     */
    public TcpState displayState() {
        TcpConnection primary = primaryConnection();
        if (primary != null) {
            return primary.state();
        }
        return listener != null ? TcpState.LISTEN : TcpState.CLOSED;
    }

    @Override
    public boolean listening() {
        return listener != null;
    }

    /** Whether TCP_CORK is set on this host's socket that has no connection: the listener's, or the one connect() uses. */
    public boolean corkedWithoutConnection() {
        return listening() ? listenerCorked : corkedBeforeConnect;
    }

    @Override
    public AcceptQueue acceptQueue() {
        return acceptQueue;
    }

    /**
     * Fills (or empties) this host's accept queue: no scenario has an application slow to call accept(), but a capture
     * shows one (the capture explainer).
     */
    public void setAcceptQueue(AcceptQueue acceptQueue) {
        this.acceptQueue = acceptQueue;
    }

    /** Half-open (SYN-RECEIVED after a passive open) connections: the SYN queue of RFC 4987. */
    public int halfOpenCount() {
        int count = 0;
        for (TcpConnection connection : connections.values()) {
            if (connection.state() == TcpState.SYN_RECEIVED && connection.passiveOpen()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public int synQueueLength() {
        return halfOpenCount();
    }

    @Override
    public int youngSynQueueEntries() {
        int count = 0;
        for (TcpConnection connection : connections.values()) {
            if (connection.youngHalfOpen()) {
                count++;
            }
        }
        return count;
    }

    public List<TcpConnection> connections() {
        return List.copyOf(connections.values());
    }

    /**
     * The timestamps a segment to {@code remote} carries when its TSval is {@code ageMs} old: the clock of this host's
     * connection with it, or of the last one that ended, and what that connection echoes; without one, the clock of the
     * ISN this host's numbers are written against, echoing nothing.
     */
    public TcpOptions.Timestamps timestampsAged(SocketAddress remote, long ageMs) {
        TcpConnection connection = connections.get(remote);
        if (connection != null) {
            return connection.timestampsAged(ageMs);
        }
        TimestampClock ended = endedClocks.get(remote);
        if (ended != null) {
            return ended.aged(now(), ageMs);
        }
        return new TcpOptions.Timestamps(TcpOptions.clock(network.isnOf(this), now() - ageMs), 0);
    }

    // ---------------------------------------------------------------------------------------------------
    // Application calls. Each returns null when accepted, or the message key of the error the user gets.
    // ---------------------------------------------------------------------------------------------------

    public String listen() {
        if (listener != null) {
            return "error.already-listening";
        }
        listener = new Listener(this);
        network.hostStateChanged(this, TcpState.CLOSED, TcpState.LISTEN, Explanation.of(Rules.OPEN, "open.passive"));
        return null;
    }

    @Override
    public String fastOpenCookieFor(SocketAddress server) {
        String held = fastOpenCookies.get(server.address());
        if (held == null && params().fastOpen() == FastOpen.COOKIE) {
            // Told it holds the server's cookie from an earlier connection: the one that server gives this address.
            return FastOpen.cookieFor(server.address(), address.address());
        }
        return held;
    }

    @Override
    public void fastOpenCookieReceived(SocketAddress server, String cookie) {
        fastOpenCookies.put(server.address(), cookie);
    }

    @Override
    public String fastOpenCookieIssued(SocketAddress client) {
        return issuedFastOpenCookie != null ? issuedFastOpenCookie : FastOpen.cookieFor(address.address(), client.address());
    }

    @Override
    public long cachedRoundTripUs8(SocketAddress remote) {
        return cachedRoundTrips.getOrDefault(remote.address(), 0L);
    }

    /**
     * tcp_update_metrics: a connection without a round trip (or backed off) resets an entry that exists; a longer
     * round trip replaces the one kept, a shorter one takes it down an eighth of the way ("rtt overestimation is always
     * better than underestimation").
     */
    @Override
    public void roundTripEnded(SocketAddress remote, long srttUs8) {
        if (params().noMetricsSave()) {
            return;
        }
        if (srttUs8 == 0) {
            cachedRoundTrips.computeIfPresent(remote.address(), (peer, kept) -> 0L);
            return;
        }
        long kept = cachedRoundTrips.getOrDefault(remote.address(), 0L);
        long m = kept - srttUs8;
        cachedRoundTrips.put(remote.address(), m <= 0 ? srttUs8 : kept - (m >> 3));
    }

    @Override
    public KeptCongestion keptCongestion(SocketAddress remote) {
        return keptCongestion.getOrDefault(remote.address(), KeptCongestion.NONE);
    }

    @Override
    public void congestionEnded(SocketAddress remote, int cwnd, int ssthresh, boolean open, int reordering) {
        if (!params().noMetricsSave()) {
            keptCongestion.put(remote.address(), keptCongestion(remote)
                    .after(cwnd, ssthresh, open, reordering, !params().noSsthreshMetricsSave()));
        }
    }

    /** This host's TCP metrics keep {@code kept} for {@code peer}'s address, as an earlier connection left them (a replay's). */
    public void keepCongestion(SocketAddress peer, KeptCongestion kept) {
        keptCongestion.put(peer.address(), kept);
    }

    /** This host's TCP metrics keep {@code srttUs8} for {@code peer}'s address, as an earlier connection left them (a replay's). */
    public void cacheRoundTrip(SocketAddress peer, long srttUs8) {
        cachedRoundTrips.put(peer.address(), srttUs8);
    }

    /** This host, a server, gives {@code cookie} to every client that asks and takes it back (a replay's, from its capture). */
    public void issueFastOpenCookie(String cookie) {
        issuedFastOpenCookie = cookie;
    }

    public String connect(SocketAddress remote) {
        TcpConnection existing = connections.get(remote);
        if (existing != null && !existing.reusableForConnect()) {
            return profile().tupleTakenError();
        }
        TcpConnection connection = TcpConnection.create(this, address, remote, false);
        connection.setCork(corkedBeforeConnect);
        corkedBeforeConnect = false;
        if (existing != null) {
            existing.handOverTuple();
            register(connection);
            connection.openActiveAfter(existing);
        } else {
            register(connection);
            int isn = nextIsn();
            TimestampClock ended = endedClocks.get(remote);
            connection.openActive(isn, ended != null ? ended.isn() : isn);
        }
        return null;
    }

    /** send() on the connection with the primary peer ({@link TcpConnection#send(int, SendFlags)}). */
    public String send(int bytes, SendFlags flags) {
        TcpConnection connection = primaryConnection();
        return connection == null ? "error.connection-does-not-exist" : connection.send(bytes, flags);
    }

    /**
     * setsockopt(TCP_CORK) on the connection with the primary peer ({@link TcpConnection#setCork}); without one, on the
     * listener if this host listens (its connections to come inherit it), else on the socket the next connect() uses.
     */
    public String setCork(boolean on) {
        TcpConnection connection = primaryConnection();
        if (connection != null) {
            connection.setCork(on);
        } else if (listener != null) {
            listenerCorked = on;
        } else {
            corkedBeforeConnect = on;
        }
        return null;
    }

    public String read(int bytes) {
        TcpConnection connection = primaryConnection();
        return connection == null ? "error.connection-does-not-exist" : connection.read(bytes);
    }

    public String shutdown() {
        TcpConnection connection = primaryConnection();
        return connection == null ? "error.connection-does-not-exist" : connection.shutdown();
    }

    /** close(): the connection with the primary peer if there is one, else the listening socket. */
    public String close() {
        TcpConnection connection = heldConnection();
        if (connection != null) {
            return connection.close();
        }
        return closeListener(Explanation.of(Rules.CLOSE, "close.listen"));
    }

    public String abort() {
        TcpConnection connection = heldConnection();
        if (connection != null) {
            connection.abort();
            return null;
        }
        return closeListener(Explanation.of(Rules.ABORT, "abort.listen"));
    }

    /**
     * The connection with the primary peer, if the application holds it: under a profile whose listener keeps its
     * handshakes as requests ({@link Profile#keepsHandshakesAsRequests}), one still a request is not, as accept() has not
     * returned it, so close() and abort() reach the listening socket.
     */
    private TcpConnection heldConnection() {
        TcpConnection connection = primaryConnection();
        return connection != null && profile().keepsHandshakesAsRequests() && connection.request() ? null : connection;
    }

    private String closeListener(Explanation why) {
        if (listener == null) {
            return "error.connection-does-not-exist";
        }
        listener = null;
        network.hostStateChanged(this, TcpState.LISTEN, TcpState.CLOSED, why);
        if (profile().keepsHandshakesAsRequests()) {
            for (TcpConnection connection : new ArrayList<>(connections.values())) {
                if (connection.request()) {
                    connection.listenerClosed();
                }
            }
        }
        return null;
    }

    /** The host reboots: every TCB and the listener vanish without a segment sent (RFC 9293 §3.5.1). */
    public void crash() {
        TcpState before = displayState();
        for (TcpConnection connection : new ArrayList<>(connections.values())) {
            // Its timers are cleared, so their queued events find nothing armed and do nothing.
            connection.forget();
        }
        connections.clear();
        endedClocks.clear();
        cachedRoundTrips.clear();
        keptCongestion.clear();
        listener = null;
        network.hostStateChanged(this, before, TcpState.CLOSED, Explanation.of(Rules.CRASH, "crash"));
    }

    // ---------------------------------------------------------------------------------------------------
    // Segments
    // ---------------------------------------------------------------------------------------------------

    void receive(Segment segment) {
        TcpConnection connection = connections.get(segment.src());
        if (connection != null) {
            connection.segmentArrives(segment);
        } else if (listener != null && segment.dst().port() == address.port()) {
            listener.segmentArrives(segment);
        } else {
            closedSegmentArrives(segment);
        }
    }

    /** An ICMP Destination Unreachable quoting {@code quoted}: for its connection, if there still is one (tcp_v4_err looks it up). */
    void icmpUnreachable(Segment quoted, IcmpUnreachable code) {
        TcpConnection connection = connections.get(quoted.dst());
        if (connection != null) {
            connection.icmpUnreachableArrives(quoted, code);
        }
    }

    @Override
    public void icmpArrived(TcpConnection connection, Segment quoted, IcmpUnreachable code, Explanation why) {
        network.icmpArrived(this, quoted, code, why);
    }

    /** §3.10.7.1: no connection. Anything but a RST is answered with a RST. */
    private void closedSegmentArrives(Segment seg) {
        if (seg.has(Flags.RST)) {
            network.hostDiscarded(this, seg, Explanation.of(Rules.CLOSED_ARRIVES, "discard.closed.rst"));
            return;
        }
        Segment reset = seg.has(Flags.ACK)
                ? new Segment(seg.dst(), seg.src(), seg.ack(), 0, Flags.RST, 0, 0)
                : new Segment(seg.dst(), seg.src(), 0, seg.seq() + seg.seqLength(), Flags.RST | Flags.ACK, 0, 0);
        network.hostTransmits(this, reset, Explanation.of(Rules.CLOSED_ARRIVES, seg.has(Flags.ACK) ? "send.rst.closed.ack" : "send.rst.closed"));
    }

    @Override
    public void synAfterTimeWait(TcpConnection timeWait, Segment syn) {
        listener.synAfterTimeWait(syn, timeWait);
    }

    /** A listener forks a connection for a SYN (or for the ACK of a valid cookie). */
    TcpConnection fork(Segment segment) {
        TcpConnection connection = TcpConnection.create(this, address, segment.src(), true);
        connection.setCork(listenerCorked);
        register(connection);
        return connection;
    }

    Listener listener() {
        return listener;
    }

    Network network() {
        return network;
    }

    private void register(TcpConnection connection) {
        connections.put(connection.remote(), connection);
    }

    int nextIsn() {
        return isns.next(network.now());
    }

    // ---------------------------------------------------------------------------------------------------
    // TcpEnvironment: the host passes its connections' reports on to the network.
    // ---------------------------------------------------------------------------------------------------

    @Override
    public long now() {
        return network.now();
    }

    @Override
    public long wheelTicksAtStart() {
        return network.wheelTicksAtStart();
    }

    @Override
    public TcpParams params() {
        return params != null ? params : network.params();
    }

    /**
     * How many half-open entries fill this host's SYN queue: the number its listener checks, the sandbox offers and
     * a trace carries ({@link Profile#synQueueCapacity} of its listen backlog).
     */
    public int synQueueCapacity() {
        return profile().synQueueCapacity(params().listenBacklog());
    }

    @Override
    public Profile profile() {
        return network.profile();
    }

    @Override
    public void transmit(TcpConnection connection, Segment segment, Explanation why) {
        network.hostTransmits(this, segment, why);
    }

    @Override
    public void stateChanged(TcpConnection connection, TcpState from, TcpState to, Explanation why) {
        network.connectionStateChanged(this, connection, from, to, why);
    }

    @Override
    public void timerArmed(TcpConnection connection, TimerKind kind, long expiresAt, Explanation why) {
        network.timerArmed(this, connection, kind, expiresAt, why);
    }

    @Override
    public void timerCancelled(TcpConnection connection, TimerKind kind) {
        network.timerCancelled(this, connection, kind);
    }

    @Override
    public void discarded(TcpConnection connection, Segment segment, Explanation why) {
        network.hostDiscarded(this, segment, why);
    }

    @Override
    public void signal(TcpConnection connection, UserSignal signal, int bytes) {
        if (connection.remote().equals(primaryPeer)) {
            network.applicationSignal(this, signal, bytes);
        }
    }

    @Override
    public void writeNoted(TcpConnection connection, StepKind kind, Explanation why) {
        if (connection.remote().equals(primaryPeer)) {
            network.writeNoted(this, kind, why);
        }
    }

    @Override
    public void deleted(TcpConnection connection, boolean backToListen) {
        connections.remove(connection.remote());
        endedClocks.put(connection.remote(), connection.timestampClock());
        if (connection.remote().equals(primaryPeer) && !backToListen && listener != null) {
            // The connection went to CLOSED, but the listening socket was never part of it (RFC 9293 MUST-41): the
            // host is back in LISTEN, and the trace says so in a step of its own.
            network.hostStateChanged(this, TcpState.CLOSED, TcpState.LISTEN, Explanation.of(Rules.LISTENER_REMAINS, "listen.remains"));
        }
    }
}
