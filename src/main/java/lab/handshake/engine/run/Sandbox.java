package lab.handshake.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.handshake.engine.Call;
import lab.handshake.engine.Explanation;
import lab.handshake.engine.Flags;
import lab.handshake.engine.FoldedStep;
import lab.handshake.engine.Host;
import lab.handshake.engine.Language;
import lab.handshake.engine.Messages;
import lab.handshake.engine.Network;
import lab.handshake.engine.Phrase;
import lab.handshake.engine.Rules;
import lab.handshake.engine.Segment;
import lab.handshake.engine.SendFlags;
import lab.handshake.engine.TcpConnection;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.TraceFold;
import lab.handshake.engine.TraceLog;
import lab.handshake.engine.trace.WireNamed;
import lab.handshake.engine.spec.FloodSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.TraceTimer;

/**
 * An interactive simulation: the student makes the applications' calls and decides what the network does
 * with each segment. It is defined entirely by its specification, mode and log of moves, and rebuilt by
 * replaying them, so the same log always gives the same session (and any server can rebuild it).
 *
 * <p>In {@link Mode#MANUAL} every segment waits in flight until the student delivers, drops, duplicates or
 * delays it; in {@link Mode#AUTO} the network delivers by itself. Either way the clock only jumps to a timer
 * when the student asks to advance. {@link Mode#STEP} delivers by itself too, but the clock only moves when the
 * student advances, one moment at a time: each arrival and each timer is a step of its own (predict mode asks
 * before each one).
 */
public final class Sandbox {

    public enum Mode {
        MANUAL, AUTO, STEP;

        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(text)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be manual, auto or step");
        }
    }

    /**
     * One move of the student.
     *
     * @param type    call, deliver, drop, duplicate, delay, mark-ce, advance, old-syn, forged-rst, blind-rst or spoofed-syn
     * @param host    for a call: client or server; for old-syn, forged-rst and blind-rst: whom the segment claims to come from
     * @param call    for a call: listen, connect, send, read, shutdown, close, abort, crash, cork or uncork
     * @param bytes   for send and read
     * @param segment for deliver, drop, duplicate, delay, mark-ce: the id of a segment in flight
     * @param ms      for delay: how much later than its natural arrival it arrives
     * @param count   for spoofed-syn: how many SYNs, 1 to {@link #MAX_SPOOFED_SYNS}
     * @param more    for send: with MSG_MORE, so a partial segment waits for the next send
     */
    public record Move(String type, String host, String call, Integer bytes, Integer segment, Long ms, Integer count,
                       Boolean more) {

        /** A call without bytes (listen, connect, shutdown, close, abort, crash). */
        public static Move call(String host, String call) {
            return call(host, call, null);
        }

        /** A call; {@code bytes} for send and read. */
        public static Move call(String host, String call, Integer bytes) {
            return new Move(MoveType.CALL.wireName(), host, call, bytes, null, null, null, null);
        }

        /** A send with MSG_MORE. */
        public static Move sendWithMore(String host, int bytes) {
            return new Move(MoveType.CALL.wireName(), host, Call.SEND.wireName(), bytes, null, null, null, true);
        }

        public static Move deliver(int segment) {
            return new Move(MoveType.DELIVER.wireName(), null, null, null, segment, null, null, null);
        }

        public static Move drop(int segment) {
            return new Move(MoveType.DROP.wireName(), null, null, null, segment, null, null, null);
        }

        public static Move duplicate(int segment) {
            return new Move(MoveType.DUPLICATE.wireName(), null, null, null, segment, null, null, null);
        }

        public static Move delay(int segment, long ms) {
            return new Move(MoveType.DELAY.wireName(), null, null, null, segment, ms, null, null);
        }

        public static Move markCe(int segment) {
            return new Move(MoveType.MARK_CE.wireName(), null, null, null, segment, null, null, null);
        }

        public static Move advance() {
            return new Move(MoveType.ADVANCE.wireName(), null, null, null, null, null, null, null);
        }

        /** {@code count} as the client gave it: the sandbox refuses none or one out of bounds. */
        public static Move spoofedSyns(Integer count) {
            return new Move(MoveType.SPOOFED_SYN.wireName(), null, null, null, null, null, count, null);
        }
    }

    /**
     * A move the state machine or the network does not allow now; its reason is words in no language yet, put
     * into the reader's by {@link #in} (the message, for logs and tests, is the session's language).
     */
    public static final class RefusedMove extends RuntimeException {
        private final transient Phrase reason;

        RefusedMove(Phrase reason, Language language) {
            super(Messages.of(language).render(reason));
            this.reason = reason;
        }

        public String in(Language language) {
            return Messages.of(language).render(reason);
        }
    }

    /** A segment in flight, waiting for the student's decision. */
    public record InFlight(int id, String from, String to, List<String> flags, long seq, Long ack, String seqSymbolic,
                           String ackSymbolic, int len, long sentAt, long deliverAt) {
    }

    /**
     * Everything a page or a client needs to show the session and offer the next moves; {@code synQueueCapacity}: a
     * listener's SYN queue is full at this many half-open entries (the trace's steps say how many it holds).
     */
    public record View(String mode, long now, Map<String, String> states, List<InFlight> inFlight, List<TraceTimer> timers,
                       Map<String, List<String>> possibleCalls, boolean canAdvance, Long nextEventAt, int synQueueCapacity, Trace trace) {
    }

    /**
     * The kinds of move; {@link #wireName()} is how a {@link Move}'s {@code type} spells them. A decision on a
     * held segment gives it a fate and its copies' delays after its natural arrival (delay's come with the move).
     */
    public enum MoveType implements WireNamed {
        CALL("call", null, null),
        /** The segment arrives now, or at its natural time. */
        DELIVER("deliver", SegmentFate.DELIVERED, List.of(0L)),
        DROP("drop", SegmentFate.LOST, List.of()),
        /** A second copy arrives 1 ms after the first. */
        DUPLICATE("duplicate", SegmentFate.DUPLICATED, List.of(0L, 1L)),
        /** The segment arrives {@code ms} after its natural time. */
        DELAY("delay", SegmentFate.DELAYED, null),
        /**
         * A congested router marks the segment CE on the way and it arrives at its natural time, or drops it if it is
         * not ECN-capable (RFC 3168 §5; the {@code mark-ce} fault's {@link ScenarioRunner#ceMark}).
         */
        MARK_CE("mark-ce", null, null),
        /** The clock jumps to the next timer. */
        ADVANCE("advance", null, null),
        /**
         * An old duplicate SYN as from the move's host, ten below its ISN (RFC 9293 Figure 8's 90 below 100), that
         * the network delivers: what the three-way handshake has to survive.
         */
        OLD_SYN("old-syn", null, null),
        /**
         * A RST as from the move's host to the other, carrying the sequence number the other expects next: a
         * blind reset that guessed right (RFC 9293 §3.10.7.4: an exact match resets the connection).
         */
        FORGED_RST("forged-rst", null, null),
        /**
         * A RST as from the move's host whose sequence number is inside the other's window but not the one it expects
         * next: a blind attacker's likelier guess, which RFC 9293 §3.10.7.4 (after RFC 5961) answers with a
         * challenge ACK instead of resetting (unless the scenario turned challenge ACKs off).
         */
        BLIND_RST("blind-rst", null, null),
        /**
         * {@code count} SYNs to the listening server from spoofed sources that never answer, as a SYN flood's attacker
         * sends them (RFC 4987 §2): each takes a place in the SYN queue (RFC 9293 §3.10.7.2) until it is full.
         */
        SPOOFED_SYN("spoofed-syn", null, null);

        private final String wireName;
        private final SegmentFate fate;
        private final List<Long> extraDelays;

        MoveType(String wireName, SegmentFate fate, List<Long> extraDelays) {
            this.wireName = wireName;
            this.fate = fate;
            this.extraDelays = extraDelays;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<MoveType> fromWire(String text) {
            return WireNamed.find(values(), text);
        }
    }

    public static final List<String> MOVE_TYPES = WireNamed.wireNames(MoveType.values());
    /** The longest a segment in flight may be held back (a delay move), 10 minutes. */
    public static final long MAX_DELAY_MS = 600_000;
    /**
     * The most spoofed SYNs one move sends: twice the default backlog, so one move fills a default SYN queue (128
     * entries, 129 under the linux profile) and the segments it brings stay well inside a session's bounds.
     */
    public static final int MAX_SPOOFED_SYNS = 256;
    /** Where the spoofed SYNs claim to come from: the subnet of the catalogue's syn-flood scenarios. */
    private static final String SPOOFED_SUBNET = "10.0.1.0/24";
    /** A move's spoofed SYNs all leave at once: every one is sent in the move's own moment. */
    private static final double ALL_AT_ONCE = Double.POSITIVE_INFINITY;

    private final ScenarioSpec spec;
    private final Mode mode;
    private final Language language;
    private final Network network;
    private final TraceLog log;
    private final ScenarioRunner.Setup setup;
    private final Messages messages;
    /** The log folded into steps, and how many events it had then (the log only grows). */
    private TraceFold.Folded folded;
    private int foldedEvents = -1;
    /** The trace rendered from the folded log, and how many events it had then: a move's answer reads it more than once. */
    private Trace rendered;
    private int renderedEvents = -1;

    private Sandbox(ScenarioSpec spec, Mode mode, Language language, Limits limits) {
        this.spec = spec;
        this.mode = mode;
        this.language = language;
        this.messages = Messages.of(language);
        this.setup = ScenarioRunner.Setup.of(spec, ScenarioRunner.Overrides.NONE);
        this.log = new TraceLog(limits.maxSegments(), limits.maxSteps());
        this.network = setup.build(log, limits.maxEvents());
        if (mode == Mode.MANUAL) {
            network.setPolicy((segment, from, to, now, delay) ->
                    new Network.Fate(SegmentFate.HELD, List.of(), Explanation.of(Rules.NETWORK, "fault.hold")));
        }
        settle();
    }

    /** Rebuilds a session from its definition by replaying its moves in order. */
    public static Sandbox replay(ScenarioSpec spec, Mode mode, List<Move> moves, Language language, Limits limits) {
        Sandbox sandbox = new Sandbox(spec, mode, language, limits);
        for (Move move : moves) {
            sandbox.move(move);
        }
        sandbox.folded();
        return sandbox;
    }

    /**
     * Applies one move; throws {@link RefusedMove} (and changes nothing) if it is not possible now, or
     * {@link SimulationLimitException} if the session would grow past its bounds.
     */
    public void apply(Move move) {
        move(move);
        folded();
    }

    private void move(Move move) {
        MoveType type = MoveType.fromWire(move.type())
                .orElseThrow(() -> refused("refuse.move-type", String.join(", ", MOVE_TYPES)));
        switch (type) {
            case CALL -> call(move);
            case DELIVER, DUPLICATE, DROP -> decide(heldSegment(move), type.fate, type.extraDelays, null);
            case DELAY -> {
                if (move.ms() == null || move.ms() < 1 || move.ms() > MAX_DELAY_MS) {
                    throw refused("refuse.delay-ms", MAX_DELAY_MS);
                }
                decide(heldSegment(move), type.fate, List.of(move.ms()), null);
            }
            case MARK_CE -> {
                Network.HeldSegment segment = heldSegment(move);
                // At no extra delay after its natural arrival: the router's mark costs no time.
                Network.Fate mark = ScenarioRunner.ceMark(segment.segment(), 0);
                decide(segment, mark.kind(), mark.arrivals(), mark.why());
            }
            case ADVANCE -> {
                if (!network.runNextMoment()) {
                    throw refused("refuse.nothing-to-advance");
                }
                settle();
            }
            case OLD_SYN, FORGED_RST, BLIND_RST -> inject(move, type);
            case SPOOFED_SYN -> spoofedSyns(move);
        }
    }

    private void spoofedSyns(Move move) {
        if (move.count() == null || move.count() < 1 || move.count() > MAX_SPOOFED_SYNS) {
            throw refused("refuse.spoofed-syn-count", MAX_SPOOFED_SYNS);
        }
        Host server = network.host("server");
        if (!server.listening()) {
            throw refused("refuse.spoofed-syn");
        }
        ScenarioRunner.scheduleFlood(network, network.now(), new FloodSpec(move.count(), SPOOFED_SUBNET, ALL_AT_ONCE, server.name()),
                Explanation.of(Rules.NETWORK, "sandbox." + MoveType.SPOOFED_SYN.wireName()));
        // Sent now, as an injected segment is, even while a held segment stops the network from playing on.
        network.runUntil(network.now());
        settle();
    }

    private void inject(Move move, MoveType type) {
        Host from = move.host() == null ? null : network.host(move.host());
        if (from == null) {
            throw refused("refuse.host");
        }
        Host to = network.host("client".equals(from.name()) ? "server" : "client");
        Segment segment;
        if (type == MoveType.OLD_SYN) {
            segment = new Segment(from.address(), to.address(), network.isnOf(from) - 10, 0, Flags.SYN, 0, ScenarioRunner.firstWindow(from));
        } else {
            TcpConnection target = to.primaryConnection();
            if (target == null) {
                throw refused("refuse.forged-rst", Phrase.endpoint(to.name()));
            }
            // The connection's own four-tuple, as a blind attacker must spoof it; a blind guess lands one past RCV.NXT.
            int seq = target.rcvNxt() + (type == MoveType.BLIND_RST ? 1 : 0);
            segment = new Segment(target.remote(), target.local(), seq, 0, Flags.RST, 0, 0);
        }
        network.inject(segment, Explanation.of(Rules.NETWORK, "sandbox." + type.wireName()));
        settle();
    }

    private void call(Move move) {
        Host host = move.host() == null ? null : network.host(move.host());
        if (host == null) {
            throw refused("refuse.host");
        }
        Call call = Call.fromWire(move.call()).orElseThrow(() -> refused("refuse.call-name"));
        List<Call> possible = possibleCalls(host);
        if (!possible.contains(call)) {
            throw refused("refuse.call", call.wireName() + "()", Phrase.endpoint(host.name()), host.displayState().name(),
                    possible.isEmpty() ? "—" : String.join(", ", possible.stream().map(Call::wireName).toList()));
        }
        if (call.takesBytes() && (move.bytes() == null || move.bytes() < 1 || move.bytes() > 65_535)) {
            throw refused("refuse.bytes");
        }
        ScenarioRunner.perform(network, host, call, call.takesBytes() ? move.bytes() : null,
                SendFlags.of(call == Call.SEND && Boolean.TRUE.equals(move.more())));
        settle();
    }

    /** The segment in flight a move names; refused if there is none such. */
    private Network.HeldSegment heldSegment(Move move) {
        return network.held().stream().filter(held -> move.segment() != null && held.id() == move.segment()).findFirst()
                .orElseThrow(() -> refused("refuse.segment", move.segment() == null ? "?" : move.segment()));
    }

    /** Gives a held segment its fate, said by {@code why} (null: the student's decision, {@code sandbox.<fate>}). */
    private void decide(Network.HeldSegment segment, SegmentFate fate, List<Long> extraDelays, Explanation why) {
        long arrival = network.deliveryTime(segment);
        network.release(segment.id(), fate, extraDelays, why != null ? why : Explanation.of(Rules.NETWORK, "sandbox." + fate.wireName()));
        // A delivered (or CE-marked) segment arrives now (or at its natural time); a lost one is marked lost now; a
        // delayed one waits for the clock to get there.
        network.runUntil(fate == SegmentFate.DELIVERED || fate == SegmentFate.DUPLICATED || fate == SegmentFate.CE_MARKED
                ? arrival : network.now());
        settle();
    }

    /**
     * Lets the network play on to the next decision point: events run until the next one is a timer, and in
     * manual mode also stop as soon as a segment waits for a decision. In step mode only what happens at the
     * present moment runs: whatever is later waits for an advance.
     */
    private void settle() {
        if (mode == Mode.STEP) {
            network.runUntil(network.now());
            return;
        }
        while (!network.idle() && (mode == Mode.AUTO || network.held().isEmpty())) {
            long before = network.nextEventTime();
            network.runUntilNextTimer();
            if (network.nextEventTime() == before) {
                break;
            }
        }
    }

    /** The application calls that make sense for a host in its present state. */
    public List<Call> possibleCalls(Host host) {
        List<Call> calls = new ArrayList<>();
        TcpConnection connection = host.primaryConnection();
        TcpState state = connection == null ? null : connection.state();
        if (connection == null && !host.listening()) {
            calls.add(Call.LISTEN);
            calls.add(Call.CONNECT);
        }
        if (connection == null) {
            // TCP_CORK on the socket before any connection: a listener's accepted sockets inherit it, connect() keeps it.
            calls.add(host.corkedWithoutConnection() ? Call.UNCORK : Call.CORK);
        }
        if (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT) {
            calls.add(Call.SEND);
            calls.add(connection.corked() ? Call.UNCORK : Call.CORK);
        }
        if (connection != null && connection.unreadBytes() > 0) {
            calls.add(Call.READ);
        }
        if (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT || state == TcpState.SYN_RECEIVED) {
            calls.add(Call.SHUTDOWN);
        }
        if ((connection != null && !connection.applicationClosed()) || (connection == null && host.listening())) {
            calls.add(Call.CLOSE);
        }
        if (connection != null || host.listening()) {
            calls.add(Call.ABORT);
        }
        calls.add(Call.CRASH);
        return calls;
    }

    public View view() {
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, List<String>> possible = new LinkedHashMap<>();
        List<TraceTimer> timers = new ArrayList<>();
        for (Host host : network.hosts().values()) {
            states.put(host.name(), host.displayState().name());
            possible.put(host.name(), possibleCalls(host).stream().map(Call::wireName).toList());
            TcpConnection primary = host.primaryConnection();
            if (primary != null) {
                primary.timers().forEach((kind, at) -> timers.add(new TraceTimer(host.name(), kind.wireName(), at)));
            }
        }
        timers.sort((a, b) -> Long.compare(a.expiresAt(), b.expiresAt()));
        List<InFlight> inFlight = new ArrayList<>();
        Trace trace = trace();
        for (Network.HeldSegment held : network.held()) {
            TraceSegment s = trace.segments().stream().filter(seg -> seg.id() == held.id()).findFirst().orElseThrow();
            inFlight.add(new InFlight(s.id(), s.from(), s.to(), s.flags(), s.seq(), s.ack(), s.seqSymbolic(), s.ackSymbolic(),
                    s.len(), s.sentAt(), network.deliveryTime(held)));
        }
        long next = network.nextEventTime();
        return new View(mode.name().toLowerCase(), network.now(), states, inFlight, timers, possible, next >= 0,
                next >= 0 ? next : null, synQueueCapacity(), trace);
    }

    /** The trace so far, in the trace shape of the API, in the session's language. */
    public Trace trace() {
        if (renderedEvents != log.size()) {
            rendered = setup.simulation(folded(), network).render(language);
            renderedEvents = log.size();
        }
        return rendered;
    }

    /** The steps so far as folded, without their words: for checks that read states and queues, at no cost of rendering. */
    public List<TraceStep> stepsWithoutWords() {
        return folded().steps().stream().map(FoldedStep::step).toList();
    }

    /** The steps recorded from {@code index} on (what one move added). */
    public List<TraceStep> stepsFrom(int index) {
        List<FoldedStep> steps = folded().steps();
        return steps.subList(Math.min(index, steps.size()), steps.size()).stream().map(step -> step.render(messages)).toList();
    }

    public int stepCount() {
        return folded().steps().size();
    }

    /** The state a named endpoint shows now (its connection with the other named endpoint, else LISTEN or CLOSED). */
    public TcpState state(String endpoint) {
        Host host = network.host(endpoint);
        if (host == null) {
            throw new IllegalArgumentException("no endpoint named " + endpoint);
        }
        return host.displayState();
    }

    /**
     * The most half-open entries a listener of this session keeps: its SYN queue is full at this many (the backlog,
     * or one more under the linux profile: {@code Host.synQueueCapacity}, the number the listener itself checks).
     */
    public int synQueueCapacity() {
        return network.host("server").synQueueCapacity();
    }

    /** The events so far folded into segments and steps, folded again only when there are new events. */
    private TraceFold.Folded folded() {
        if (foldedEvents != log.size()) {
            folded = log.fold();
            foldedEvents = log.size();
        }
        return folded;
    }

    private RefusedMove refused(String key, Object... args) {
        return new RefusedMove(Phrase.of(key, args), language);
    }
}
