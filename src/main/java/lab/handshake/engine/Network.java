package lab.handshake.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import lab.handshake.engine.TraceEvent.Where;
import lab.handshake.engine.TraceEvent.World;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceTimer;

/**
 * The deterministic discrete-event network: a virtual clock in milliseconds, an event queue ordered by time
 * and then by the order events were scheduled, the hosts, and what the network does to each segment
 * (delay, seeded random loss and jitter, and the scenario's per-segment faults). Nothing here reads a wall
 * clock or sleeps; the same inputs always give the same run. Everything that happens is written to a
 * {@link TraceLog} as a {@link TraceEvent}, a fact with no prose, for the trace to be folded from after the run.
 */
public final class Network {

    private static final TraceEvent EVENT_STARTED = new TraceEvent.EventStarted();

    /** Something that happens at a virtual time; a timer event is stale once its timer was re-armed or cancelled. */
    private record Event(long at, long order, EventKind kind, BooleanSupplier live, Runnable action) {
    }

    /** What schedules an event: a timer, an application's call, or the network (a segment's arrival or loss, a fault). */
    private enum EventKind { TIMER, CALL, NETWORK }

    /** A segment the network keeps until someone decides its fate (a student, in an interactive session). */
    public record HeldSegment(int id, Segment segment, String from, String to, long sentAt, long naturalArrival) {
    }

    /** Decides the fate of each segment put on the wire. */
    public interface SegmentPolicy {
        /** The fate of a segment sent now, given the network's nominal one-way delay. */
        Fate decide(Segment segment, String from, String to, long now, long delay);
    }

    /** What the network does with one segment: arrival times (empty when it never arrives) and why. */
    public record Fate(SegmentFate kind, List<Long> arrivals, Explanation why) {
        public static Fate delivered(long at) {
            return new Fate(SegmentFate.DELIVERED, List.of(at), null);
        }
    }

    private final TcpParams params;
    private final Profile profile;
    private final SplittableRandom random;
    private final SynCookies synCookies;
    /** Hosts by their socket: two hosts may share an address (a capture on loopback), never a socket. */
    private final Map<SocketAddress, Host> hostsBySocket = new LinkedHashMap<>();
    private final Map<String, Host> hostsByName = new LinkedHashMap<>();
    private final Map<Integer, HeldSegment> held = new LinkedHashMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private final TraceLog log;
    private final long maxEvents;
    private SegmentPolicy policy;
    private ApplicationListener applicationListener = (host, signal, bytes) -> { };
    private long now;
    /** The kernel's jiffies at this clock's 0 ({@link TcpEnvironment#wheelTicksAtStart}). */
    private long wheelTicksAtStart;
    private long order;
    private long eventsProcessed;
    private int segmentCount;
    /** J and K: the ISNs the symbolic numbers are written against until a connection has its own. */
    private Integer clientIsn;
    private Integer serverIsn;

    /**
     * In a replay of a capture, the segments on the wire are the captured ones; what the state machines
     * would send is only reported here, to compare with the capture.
     */
    public interface ReplayObserver {
        void wouldSend(Host host, Segment segment, Explanation why);
    }

    private ReplayObserver replayObserver;

    public void setReplayObserver(ReplayObserver observer) {
        this.replayObserver = observer;
    }

    /**
     * A captured segment replayed: recorded as sent by {@code sender} now, as {@code segment}, and arriving at
     * {@code arrivesAt} (what the capture tells of the path's delay); the returned action hands it to its receiver as
     * {@code received} (the same segment, its timestamp echo on the receiver's own clock: a capture's TSecr echoes the
     * kernel's), which the replay runs within that moment, when it decides. The state machines' own output is only
     * compared.
     */
    public Runnable replaySent(Host sender, Segment segment, Segment received, long arrivesAt, Explanation why) {
        int id = onWire(segment, senderName(segment.src()), receiverName(segment.dst()), false, Fate.delivered(arrivesAt));
        sent(sender, id, segment, why);
        return () -> deliver(id, segment, received, null);
    }

    /**
     * A captured segment replayed that never reached its receiver (its sender sent it again, or nobody lives at
     * its destination): recorded as sent by {@code sender} and lost on the way, for the reason {@code why}.
     */
    public void replayLoss(Host sender, Segment segment, long lostAt, Explanation why) {
        String from = senderName(segment.src());
        String to = receiverName(segment.dst());
        Fate fate = new Fate(SegmentFate.LOST, List.of(), why);
        int id = onWire(segment, from, to, false, fate);
        sent(sender, id, segment, Explanation.of(Rules.NETWORK, "capture.segment"));
        scheduleFate(id, segment, from, to, fate, lostAt);
    }

    /** Records a remark about the run at a host: a note, or a deviation where a capture differs from the RFC. */
    public void recordNote(Host host, StepKind kind, Explanation why) {
        if (log.keeps()) {
            log.add(new TraceEvent.Noted(where(host, (String) null), kind, why));
        }
    }

    /**
     * Told when a host's application learns something (for scenario actions that react to it); {@code bytes} is how much
     * data came with a {@link UserSignal#DATA}, 0 otherwise.
     */
    public interface ApplicationListener {
        void signalled(Host host, UserSignal signal, int bytes);

        /** A send() that waited for send-buffer room returned: the program's next call may run. */
        default void writeReturned(Host host) {
        }
    }

    public Network(Profile profile, TcpParams params, long seed, TraceLog log, long maxEvents) {
        this.profile = profile;
        this.params = params;
        this.random = new SplittableRandom(seed);
        this.synCookies = new SynCookies(random.nextLong());
        this.log = log;
        this.maxEvents = maxEvents;
        this.policy = this::defaultFate;
    }

    /** J and K: the ISNs the client's and the server's numbers are written against in the trace. */
    public void setInitialSequenceNumbers(int client, int server) {
        this.clientIsn = client;
        this.serverIsn = server;
    }

    public Host addHost(String name, SocketAddress address, IsnGenerator isns) {
        Host host = new Host(name, address, this, isns);
        hostsBySocket.put(address, host);
        hostsByName.put(name, host);
        return host;
    }

    public void setPolicy(SegmentPolicy policy) {
        this.policy = policy;
    }

    public void setApplicationListener(ApplicationListener listener) {
        this.applicationListener = listener;
    }

    // ---------------------------------------------------------------------------------------------------
    // The clock and the event queue
    // ---------------------------------------------------------------------------------------------------

    public long now() {
        return now;
    }

    /** Where the kernel's timer wheel stood at this clock's 0, in ticks ({@link TcpEnvironment#wheelTicksAtStart}). */
    public long wheelTicksAtStart() {
        return wheelTicksAtStart;
    }

    public void setWheelTicksAtStart(long ticks) {
        this.wheelTicksAtStart = ticks;
    }

    public TcpParams params() {
        return params;
    }

    public Profile profile() {
        return profile;
    }

    public SplittableRandom random() {
        return random;
    }

    SynCookies synCookies() {
        return synCookies;
    }

    public Host host(String name) {
        return hostsByName.get(name);
    }

    public Map<String, Host> hosts() {
        return hostsByName;
    }

    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Schedules {@code action} at virtual time {@code at} (never in the past). */
    public void schedule(long at, Runnable action) {
        queue.add(new Event(Math.max(at, now), order++, EventKind.NETWORK, () -> true, action));
    }

    /** Schedules an application's call at virtual time {@code at} (never in the past); see {@link #settledSince}. */
    public void scheduleCall(long at, Runnable call) {
        queue.add(new Event(Math.max(at, now), order++, EventKind.CALL, () -> true, call));
    }

    private void scheduleTimer(long at, BooleanSupplier live, Runnable action) {
        queue.add(new Event(Math.max(at, now), order++, EventKind.TIMER, live, action));
    }

    /** A mark of this moment in the order of scheduling, for {@link #settledSince}. */
    public long mark() {
        return order;
    }

    /**
     * Whether what was set going since {@code mark} and is due at this instant has all happened: every segment sent
     * since over a path of no delay has arrived, and so has each answer to it. A program's next call waits for that,
     * as on loopback, where a segment reaches its receiver within the send() that sent it (loopback_xmit, the receive
     * softirq run as the send ends) and the receiver's answer is taken before that send() returns (release_sock).
     * What was due now before the mark (a segment sent 50 ms ago) keeps its place behind the call.
     */
    public boolean settledSince(long mark) {
        for (Event event : queue) {
            if (event.at == now && event.kind == EventKind.NETWORK && event.order >= mark) {
                return false;
            }
        }
        return true;
    }

    /** Runs events in order until none is left or the next one lies after {@code untilMs}. */
    public void runUntil(long untilMs) {
        Event next;
        while ((next = peekLive()) != null && next.at <= untilMs) {
            runNext();
        }
    }

    /** Runs events until the next one would be a timer expiring (or none is left): the network "plays on". */
    public void runUntilNextTimer() {
        Event next;
        while ((next = peekLive()) != null && next.kind != EventKind.TIMER) {
            runNext();
        }
    }

    /** Runs the next event and every other event at the same virtual time; false if nothing is scheduled. */
    public boolean runNextMoment() {
        Event next = peekLive();
        if (next == null) {
            return false;
        }
        runUntil(next.at);
        return true;
    }

    /** The next event whose action would still do something; stale timer events are discarded on the way. */
    private Event peekLive() {
        Event next;
        while ((next = queue.peek()) != null && !next.live.getAsBoolean()) {
            queue.poll();
        }
        return next;
    }

    /** The virtual time of the next event, or -1 when nothing is scheduled. */
    public long nextEventTime() {
        Event next = peekLive();
        return next == null ? -1 : next.at;
    }

    private void runNext() {
        Event event = queue.poll();
        if (++eventsProcessed > maxEvents) {
            throw new SimulationLimitException("events", maxEvents);
        }
        now = event.at;
        if (log.keeps()) {
            log.add(EVENT_STARTED);
        }
        event.action.run();
    }

    public boolean idle() {
        return peekLive() == null;
    }

    // ---------------------------------------------------------------------------------------------------
    // Segments on the wire
    // ---------------------------------------------------------------------------------------------------

    /** The sender of a segment from an address no host has: whoever forged that source address sent it. */
    public static final String ATTACKER = "attacker";

    /**
     * The receiver of a segment to an address no host has: the forged source a spoofed SYN carried, where the
     * listener's answer goes and nobody answers; the attacker never sees it (RFC 4987 §2, §3.1).
     */
    public static final String FORGED_SOURCE = "forged-source";

    /** Name of the host at an address a segment comes from, else the {@link #ATTACKER}. */
    private String senderName(SocketAddress address) {
        Host host = hostsBySocket.get(address);
        return host != null ? host.name() : ATTACKER;
    }

    /** Name of the host at an address a segment goes to, else the {@link #FORGED_SOURCE}. */
    private String receiverName(SocketAddress address) {
        Host host = hostsBySocket.get(address);
        return host != null ? host.name() : FORGED_SOURCE;
    }

    void hostTransmits(Host host, Segment segment, Explanation why) {
        if (replayObserver != null) {
            replayObserver.wouldSend(host, segment, why);
            return;
        }
        int id = put(segment, false);
        sent(host, id, segment, why);
    }

    private void sent(Host host, int id, Segment segment, Explanation why) {
        if (log.keeps()) {
            log.add(new TraceEvent.Sent(where(host, peerOf(host, segment.dst())), id, segment, receiverName(segment.dst()), why));
        }
    }

    /** A segment no state machine produced (an old duplicate, a spoofed SYN, a stray RST). */
    public void inject(Segment segment, Explanation why) {
        int id = put(segment, true);
        if (log.keeps()) {
            log.add(new TraceEvent.Injected(new Where(now, senderName(segment.src()), null, null, world()), id, segment,
                    receiverName(segment.dst()), why));
        }
    }

    /** Numbers the segment, decides its fate and schedules its arrival (or its loss mid-way). */
    private int put(Segment segment, boolean injected) {
        String from = senderName(segment.src());
        String to = receiverName(segment.dst());
        long delay = params.oneWayDelayMs();
        Fate fate;
        if (!hostsBySocket.containsKey(segment.dst())) {
            fate = new Fate(SegmentFate.LOST, List.of(), Explanation.of(Rules.NETWORK, "drop.no-host"));
        } else if (injected) {
            // An injected segment is already exactly what the scenario asked for; faults shape the rest.
            fate = defaultFate(segment, from, to, now, delay);
        } else {
            fate = policy.decide(segment, from, to, now, delay);
        }
        int id = onWire(segment, from, to, injected, fate);
        if (fate.kind() == SegmentFate.HELD && fate.arrivals().isEmpty()) {
            held.put(id, new HeldSegment(id, segment, from, to, now, now + delay));
        } else {
            scheduleFate(id, segment, from, to, fate, now + delay / 2);
        }
        return id;
    }

    /** Numbers a segment put on the wire and records it with its fate. */
    private int onWire(Segment segment, String from, String to, boolean injected, Fate fate) {
        int id = ++segmentCount;
        if (log.keeps()) {
            // J+n and K+n name the numbers of the taught connection only, between two named hosts: a reply to a
            // spoofed source (a flood) keeps its plain numbers. The RST answering a segment without ACK carries
            // sequence number zero (§3.10.7.1): no J+n or K+n either.
            boolean taught = host(from) != null && host(to) != null;
            Integer seqBase = !taught || segment.has(Flags.RST) && segment.seq() == 0 ? null : isnBase(from);
            Integer ackBase = taught && segment.has(Flags.ACK) ? isnBase(to) : null;
            log.add(new TraceEvent.OnWire(id, now, segment, from, to, injected, fate, seqBase, ackBase));
        }
        return id;
    }

    /** The ISN of the host's connection with the other named endpoint, else its initial one (a sandbox's old SYN is below it). */
    public int isnOf(Host host) {
        return isnBase(host.name());
    }

    /**
     * The ISN a named endpoint's numbers are written against: that of the connection it has now with the other
     * named endpoint (a reconnection or a SYN cookie brings a new one), else the initial one; null for anyone else.
     */
    private Integer isnBase(String owner) {
        Host host = host(owner);
        if (host == null) {
            return null;
        }
        Integer current = host.primaryIss();
        return current != null ? current : "client".equals(owner) ? clientIsn : serverIsn;
    }

    private void scheduleFate(int id, Segment segment, String from, String to, Fate fate, long lostAt) {
        if (fate.arrivals().isEmpty()) {
            schedule(lostAt, () -> {
                if (log.keeps()) {
                    log.add(new TraceEvent.Lost(new Where(now, "network", null, null, world()), id, segment, from, to, fate.why()));
                }
            });
        }
        // A router's CE mark changes the IP header on the way: the receiver takes the marked segment, and its arrival says so.
        boolean marked = fate.kind() == SegmentFate.CE_MARKED;
        Segment arriving = marked ? segment.withEcn(EcnCodepoint.CE) : segment;
        for (long at : fate.arrivals()) {
            schedule(at, () -> deliver(id, arriving, arriving, marked ? fate.why() : null));
        }
    }

    /**
     * An ICMP Destination Unreachable quoting {@code quoted} reaches the quoted segment's sender at {@code at} (a reject
     * fault); that host's connection decides what it means (RFC 9293 §3.9.2.2; Linux tcp_v4_err).
     */
    public void icmpUnreachable(Segment quoted, IcmpUnreachable code, long at) {
        schedule(at, () -> {
            Host host = hostsBySocket.get(quoted.src());
            if (host != null) {
                host.icmpUnreachable(quoted, code);
            }
        });
    }

    /** Records that an ICMP Destination Unreachable quoting {@code quoted} reached {@code host}; {@code why}: as {@link TraceEvent.IcmpArrived}. */
    void icmpArrived(Host host, Segment quoted, IcmpUnreachable code, Explanation why) {
        if (log.keeps()) {
            log.add(new TraceEvent.IcmpArrived(where(host, peerOf(host, quoted.dst())), quoted, code, why));
        }
    }

    /** Segments waiting for a decision, in the order they were sent. */
    public List<HeldSegment> held() {
        return List.copyOf(held.values());
    }

    /**
     * Decides the fate of a held segment: its arrivals are scheduled (never before its natural arrival time),
     * or, when there are none, it is lost now. Returns false if no such segment is held.
     */
    public boolean release(int id, SegmentFate kind, List<Long> extraDelays, Explanation why) {
        HeldSegment segment = held.remove(id);
        if (segment == null) {
            return false;
        }
        long base = Math.max(now, segment.naturalArrival());
        List<Long> arrivals = extraDelays.stream().map(extra -> base + extra).toList();
        Fate fate = new Fate(kind, arrivals, why);
        if (log.keeps()) {
            log.add(new TraceEvent.FateDecided(id, fate));
        }
        scheduleFate(id, segment.segment(), segment.from(), segment.to(), fate, now);
        return true;
    }

    /** The virtual time at which a held segment would arrive if delivered now. */
    public long deliveryTime(HeldSegment segment) {
        return Math.max(now, segment.naturalArrival());
    }

    /**
     * Records the arrival of {@code segment} as it came over the wire ({@code why}: what the network did to it, or null);
     * its receiver takes {@code received}.
     */
    private void deliver(int id, Segment segment, Segment received, Explanation why) {
        Host host = hostsBySocket.get(segment.dst());
        if (log.keeps()) {
            log.add(new TraceEvent.Arrived(where(host, peerOf(host, segment.src())), id, segment, why));
        }
        host.receive(received);
    }

    /** Nominal delay plus seeded jitter; seeded random loss at {@code lossRate}. */
    public Fate defaultFate(Segment segment, String from, String to, long now, long delay) {
        if (params.lossRate() > 0 && random.nextDouble() < params.lossRate()) {
            return new Fate(SegmentFate.LOST, List.of(), Explanation.of(Rules.NETWORK, "drop.random", params.lossRate()));
        }
        long jitter = params.jitterMs() > 0 ? random.nextLong(params.jitterMs() + 1L) : 0;
        return Fate.delivered(now + delay + jitter);
    }

    // ---------------------------------------------------------------------------------------------------
    // Reports from hosts and connections, written to the trace log
    // ---------------------------------------------------------------------------------------------------

    void hostStateChanged(Host host, TcpState from, TcpState to, Explanation why) {
        if (log.keeps()) {
            log.add(new TraceEvent.StateChanged(new Where(now, host.name(), from, null, world()), to, why));
        }
    }

    void connectionStateChanged(Host host, TcpConnection connection, TcpState from, TcpState to, Explanation why) {
        if (isPrimary(host, connection)) {
            hostStateChanged(host, from, to, why);
        } else if (log.keeps()) {
            log.add(new TraceEvent.OtherStateChanged(new Where(now, host.name(), from, connection.remote().toString(), world()),
                    to, why));
        }
    }

    void timerArmed(Host host, TcpConnection connection, TimerKind kind, long expiresAt, Explanation why) {
        scheduleTimer(expiresAt, () -> connection.timerArmed(kind, expiresAt), () -> {
            if (log.keeps()) {
                log.add(new TraceEvent.TimerFired(where(host, connection), kind));
            }
            connection.timerFires(kind);
        });
        if (log.keeps()) {
            log.add(new TraceEvent.TimerArmed(where(host, connection), kind, expiresAt, why));
        }
    }

    void timerCancelled(Host host, TcpConnection connection, TimerKind kind) {
        if (log.keeps()) {
            log.add(new TraceEvent.TimerCancelled(where(host, connection), kind));
        }
    }

    void hostDiscarded(Host host, Segment segment, Explanation why) {
        if (log.keeps()) {
            log.add(new TraceEvent.Discarded(where(host, peerOf(host, segment.src())), segment, why));
        }
    }

    void applicationSignal(Host host, UserSignal signal, int bytes) {
        applicationListener.signalled(host, signal, bytes);
    }

    /** A host's send() waits for send-buffer room, or returns after waiting: a step, and the script's turn. */
    void writeNoted(Host host, StepKind kind, Explanation why) {
        recordNote(host, kind, why);
        if (kind == StepKind.WRITE_DONE) {
            applicationListener.writeReturned(host);
        }
    }

    /** Records an application call on a host (the step that any state change merges into). */
    public void recordCall(Host host, Call call, Integer bytes, Explanation why) {
        if (log.keeps()) {
            log.add(new TraceEvent.Called(where(host, (String) null), call, bytes, why));
        }
    }

    /** Records that TCP refused the application call just recorded. */
    public void recordRefusal(Host host, Explanation why) {
        if (log.keeps()) {
            log.add(new TraceEvent.Refused(host.name(), why));
        }
    }

    private static boolean isPrimary(Host host, TcpConnection connection) {
        return host.primaryConnection() == connection;
    }

    /** Null for the host's own peer; the remote socket for any other connection (a spoofed SYN's). */
    private static String peerOf(Host host, SocketAddress remote) {
        return host.isPrimaryPeer(remote) ? null : remote.toString();
    }

    /** At a host, now, on its connection with {@code peer} (null: the other named endpoint). */
    private Where where(Host host, String peer) {
        return new Where(now, host.name(), host.displayState(), peer, world());
    }

    private Where where(Host host, TcpConnection connection) {
        return where(host, isPrimary(host, connection) ? null : connection.remote().toString());
    }

    /** Every named endpoint's state and timers, and each listener's SYN queue, as a step shows them. */
    private World world() {
        Map<String, String> states = new LinkedHashMap<>();
        List<TraceTimer> timers = new ArrayList<>();
        Map<String, Integer> synQueue = null;
        for (Host host : hostsByName.values()) {
            states.put(host.name(), host.displayState().name());
            TcpConnection primary = host.primaryConnection();
            if (primary != null) {
                for (Map.Entry<TimerKind, Long> timer : primary.timers().entrySet()) {
                    timers.add(new TraceTimer(host.name(), timer.getKey().wireName(), timer.getValue()));
                }
            }
            if (host.listening()) {
                if (synQueue == null) {
                    synQueue = new LinkedHashMap<>();
                }
                synQueue.put(host.name(), host.halfOpenCount());
            }
        }
        timers.sort((a, b) -> Long.compare(a.expiresAt(), b.expiresAt()));
        return new World(states, timers, synQueue);
    }
}
