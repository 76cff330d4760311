package lab.handshake.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The deterministic discrete-event network: a virtual clock in milliseconds, an event queue ordered by time
 * and then by the order events were scheduled, the hosts, and what the network does to each segment
 * (delay, seeded random loss and jitter, and the scenario's per-segment faults). Nothing here reads a wall
 * clock or sleeps; the same inputs always give the same run.
 */
public final class Network {

    /** Something that happens at a virtual time; a timer event is stale once its timer was re-armed or cancelled. */
    private record Event(long at, long order, boolean timer, BooleanSupplier live, Runnable action) {
    }

    /** A segment the network keeps until someone decides its fate (a student, in an interactive session). */
    public record HeldSegment(int id, Segment segment, String from, String to, long sentAt, long naturalArrival) {
    }

    /** Decides the fate of each segment put on the wire. */
    public interface SegmentPolicy {
        /** The fate of a segment sent now, given the network's nominal one-way delay. */
        Fate decide(Segment segment, String from, String to, long now, long delay);
    }

    /** What the network does with one segment: arrival times (empty when it never arrives) and why. */
    public record Fate(String name, List<Long> arrivals, Explanation why) {
        public static Fate delivered(long at) {
            return new Fate("delivered", List.of(at), null);
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
    private final TraceRecorder recorder;
    private final long maxEvents;
    private SegmentPolicy policy;
    private ApplicationListener applicationListener = (host, signal) -> { };
    private long now;
    private long order;
    private long eventsProcessed;

    /**
     * In a replay of a capture, the segments on the wire are the captured ones; what the state machines
     * would send is only reported here, to compare with the capture.
     */
    public interface ReplayObserver {
        void wouldSend(Host host, Segment segment);
    }

    private ReplayObserver replayObserver;

    public void setReplayObserver(ReplayObserver observer) {
        this.replayObserver = observer;
    }

    /**
     * A captured segment replayed: recorded as sent by {@code sender} and delivered at once (the capture's
     * time is the only time known for both ends); the state machines' own output is only compared.
     */
    public void replayDelivery(Host sender, Segment segment, Explanation why) {
        int id = recorder.segmentOnWire(segment, nameOf(segment.src()), nameOf(segment.dst()), false, Fate.delivered(now));
        recorder.sent(sender, id, segment, why);
        deliver(id, segment);
    }

    /** Records a remark about the run at a host: kind "note", or "deviation" where a capture differs from the RFC. */
    public void recordNote(Host host, String kind, Explanation why) {
        recorder.note(host, kind, why);
    }

    /** Told when a host's application learns something (for scenario actions that react to it). */
    public interface ApplicationListener {
        void signalled(Host host, UserSignal signal);
    }

    public Network(Profile profile, TcpParams params, long seed, TraceRecorder recorder, long maxEvents) {
        this.profile = profile;
        this.params = params;
        this.random = new SplittableRandom(seed);
        this.synCookies = new SynCookies(random.nextLong());
        this.recorder = recorder;
        this.maxEvents = maxEvents;
        this.policy = this::defaultFate;
        recorder.attach(this);
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
        queue.add(new Event(Math.max(at, now), order++, false, () -> true, action));
    }

    private void scheduleTimer(long at, BooleanSupplier live, Runnable action) {
        queue.add(new Event(Math.max(at, now), order++, true, live, action));
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
        while ((next = peekLive()) != null && !next.timer) {
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
        recorder.beginEvent();
        event.action.run();
    }

    public boolean idle() {
        return peekLive() == null;
    }

    // ---------------------------------------------------------------------------------------------------
    // Segments on the wire
    // ---------------------------------------------------------------------------------------------------

    /** Name of the host at an address; segments to or from any other address belong to the "attacker". */
    public String nameOf(SocketAddress address) {
        Host host = hostsBySocket.get(address);
        return host != null ? host.name() : "attacker";
    }

    void hostTransmits(Host host, Segment segment, Explanation why) {
        if (replayObserver != null) {
            replayObserver.wouldSend(host, segment);
            return;
        }
        int id = put(segment, false);
        recorder.sent(host, id, segment, why);
    }

    /** A segment no state machine produced (an old duplicate, a spoofed SYN, a stray RST). */
    public void inject(Segment segment, Explanation why) {
        int id = put(segment, true);
        recorder.injected(id, segment, why);
    }

    /** Numbers the segment, decides its fate and schedules its arrival (or its loss mid-way). */
    private int put(Segment segment, boolean injected) {
        String from = nameOf(segment.src());
        String to = nameOf(segment.dst());
        long delay = params.oneWayDelayMs();
        Fate fate;
        if (!hostsBySocket.containsKey(segment.dst())) {
            fate = new Fate("lost", List.of(), Explanation.of(Rules.NETWORK, "drop.no-host"));
        } else if (injected) {
            // An injected segment is already exactly what the scenario asked for; faults shape the rest.
            fate = defaultFate(segment, from, to, now, delay);
        } else {
            fate = policy.decide(segment, from, to, now, delay);
        }
        int id = recorder.segmentOnWire(segment, from, to, injected, fate);
        if (fate.name().equals("held") && fate.arrivals().isEmpty()) {
            held.put(id, new HeldSegment(id, segment, from, to, now, now + delay));
        } else {
            scheduleFate(id, segment, from, to, fate, now + delay / 2);
        }
        return id;
    }

    private void scheduleFate(int id, Segment segment, String from, String to, Fate fate, long lostAt) {
        if (fate.arrivals().isEmpty()) {
            schedule(lostAt, () -> recorder.lost(id, segment, from, to, fate));
        }
        for (long at : fate.arrivals()) {
            schedule(at, () -> deliver(id, segment));
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
    public boolean release(int id, String fateName, List<Long> extraDelays, Explanation why) {
        HeldSegment segment = held.remove(id);
        if (segment == null) {
            return false;
        }
        long base = Math.max(now, segment.naturalArrival());
        List<Long> arrivals = extraDelays.stream().map(extra -> base + extra).toList();
        Fate fate = new Fate(fateName, arrivals, why);
        recorder.decided(id, fate);
        scheduleFate(id, segment.segment(), segment.from(), segment.to(), fate, now);
        return true;
    }

    /** The virtual time at which a held segment would arrive if delivered now. */
    public long deliveryTime(HeldSegment segment) {
        return Math.max(now, segment.naturalArrival());
    }

    private void deliver(int id, Segment segment) {
        Host host = hostsBySocket.get(segment.dst());
        recorder.arrived(host, id, segment);
        host.receive(segment);
    }

    /** Nominal delay plus seeded jitter; seeded random loss at {@code lossRate}. */
    public Fate defaultFate(Segment segment, String from, String to, long now, long delay) {
        if (params.lossRate() > 0 && random.nextDouble() < params.lossRate()) {
            return new Fate("lost", List.of(), Explanation.of(Rules.NETWORK, "drop.random", params.lossRate()));
        }
        long jitter = params.jitterMs() > 0 ? random.nextLong(params.jitterMs() + 1L) : 0;
        return Fate.delivered(now + delay + jitter);
    }

    // ---------------------------------------------------------------------------------------------------
    // Reports from hosts and connections, passed on to the trace
    // ---------------------------------------------------------------------------------------------------

    void hostStateChanged(Host host, TcpState from, TcpState to, Explanation why) {
        recorder.stateChanged(host, from, to, why);
    }

    void connectionStateChanged(Host host, TcpConnection connection, TcpState from, TcpState to, Explanation why) {
        if (isPrimary(host, connection)) {
            recorder.stateChanged(host, from, to, why);
        } else {
            recorder.otherConnectionStateChanged(host, connection, from, to, why);
        }
    }

    void timerArmed(Host host, TcpConnection connection, TimerKind kind, long expiresAt, Explanation why) {
        scheduleTimer(expiresAt, () -> connection.timerArmed(kind, expiresAt), () -> {
            recorder.timerFired(host, connection, kind, isPrimary(host, connection));
            connection.timerFires(kind);
        });
        recorder.timerArmed(host, connection, kind, expiresAt, why, isPrimary(host, connection));
    }

    void timerCancelled(Host host, TcpConnection connection, TimerKind kind) {
        recorder.timerCancelled(host, connection, kind, isPrimary(host, connection));
    }

    void hostDiscarded(Host host, Segment segment, Explanation why) {
        recorder.discarded(host, segment, why);
    }

    void applicationSignal(Host host, UserSignal signal) {
        applicationListener.signalled(host, signal);
    }

    /** Records an application call on a host (the step that any state change merges into). */
    public void recordCall(Host host, String detail, Explanation why) {
        recorder.call(host, detail, why);
    }

    /** Records that TCP refused the application call just recorded. */
    public void recordRefusal(Host host, Explanation why) {
        recorder.refused(host, why);
    }

    private static boolean isPrimary(Host host, TcpConnection connection) {
        return host.primaryConnection() == connection;
    }

}
