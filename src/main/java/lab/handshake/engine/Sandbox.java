package lab.handshake.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
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
 * when the student asks to advance.
 */
public final class Sandbox {

    public enum Mode {
        MANUAL, AUTO;

        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(text)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be manual or auto");
        }
    }

    /**
     * One move of the student.
     *
     * @param type    call, deliver, drop, duplicate, delay or advance
     * @param host    for a call: client or server
     * @param call    for a call: listen, connect, send, shutdown, close, abort or crash
     * @param bytes   for send
     * @param segment for deliver, drop, duplicate, delay: the id of a segment in flight
     * @param ms      for delay: how much later than its natural arrival it arrives
     */
    public record Move(String type, String host, String call, Integer bytes, Integer segment, Long ms) {
    }

    /** A move the state machine or the network does not allow now, with the reason in the session's language. */
    public static final class RefusedMove extends RuntimeException {
        public RefusedMove(String reason) {
            super(reason);
        }
    }

    /** A segment in flight, waiting for the student's decision. */
    public record InFlight(int id, String from, String to, List<String> flags, long seq, Long ack, String seqSymbolic,
                           String ackSymbolic, int len, long sentAt, long deliverAt) {
    }

    /** Everything a page or a client needs to show the session and offer the next moves. */
    public record View(String mode, long now, Map<String, String> states, List<InFlight> inFlight, List<TraceTimer> timers,
                       Map<String, List<String>> possibleCalls, boolean canAdvance, Long nextEventAt, Trace trace) {
    }

    public static final List<String> MOVE_TYPES = List.of("call", "deliver", "drop", "duplicate", "delay", "advance");
    private static final long MAX_DELAY_MS = 600_000;

    private final ScenarioSpec spec;
    private final Mode mode;
    private final Language language;
    private final Network network;
    private final TraceRecorder recorder;
    private final ScenarioRunner.Setup setup;
    private final Messages messages;

    private Sandbox(ScenarioSpec spec, Mode mode, Language language, Limits limits) {
        this.spec = spec;
        this.mode = mode;
        this.language = language;
        this.messages = Messages.of(language);
        this.setup = ScenarioRunner.Setup.of(spec, ScenarioRunner.Overrides.NONE);
        this.recorder = new TraceRecorder(language, limits.maxSegments(), limits.maxSteps());
        this.network = setup.build(recorder, limits.maxEvents());
        if (mode == Mode.MANUAL) {
            network.setPolicy((segment, from, to, now, delay) ->
                    new Network.Fate("held", List.of(), Explanation.of(Rules.NETWORK, "fault.hold")));
        }
        settle();
    }

    /** Rebuilds a session from its definition by replaying its moves in order. */
    public static Sandbox replay(ScenarioSpec spec, Mode mode, List<Move> moves, Language language, Limits limits) {
        Sandbox sandbox = new Sandbox(spec, mode, language, limits);
        for (Move move : moves) {
            sandbox.apply(move);
        }
        return sandbox;
    }

    /** Applies one move; throws {@link RefusedMove} (and changes nothing) if it is not possible now. */
    public void apply(Move move) {
        switch (move.type() == null ? "" : move.type()) {
            case "call" -> call(move);
            case "deliver" -> decide(move, "delivered", List.of(0L));
            case "duplicate" -> decide(move, "duplicated", List.of(0L, 1L));
            case "drop" -> decide(move, "lost", List.of());
            case "delay" -> {
                if (move.ms() == null || move.ms() < 1 || move.ms() > MAX_DELAY_MS) {
                    throw refused("refuse.delay-ms", MAX_DELAY_MS);
                }
                decide(move, "delayed", List.of(move.ms()));
            }
            case "advance" -> {
                if (!network.runNextMoment()) {
                    throw refused("refuse.nothing-to-advance");
                }
                settle();
            }
            default -> throw refused("refuse.move-type", String.join(", ", MOVE_TYPES));
        }
    }

    private void call(Move move) {
        Host host = move.host() == null ? null : network.host(move.host());
        if (host == null) {
            throw refused("refuse.host");
        }
        String call = move.call() == null ? "" : move.call();
        List<String> possible = possibleCalls(host);
        if (!possible.contains(call)) {
            if (!List.of("listen", "connect", "send", "shutdown", "close", "abort", "crash").contains(call)) {
                throw refused("refuse.call-name");
            }
            throw refused("refuse.call", call + "()", messages.format("endpoint." + host.name()), host.displayState().name(),
                    possible.isEmpty() ? "—" : String.join(", ", possible));
        }
        if (call.equals("send") && (move.bytes() == null || move.bytes() < 1 || move.bytes() > 65_535)) {
            throw refused("refuse.bytes");
        }
        ScenarioRunner.perform(network, new ActionSpec(network.now(), null, null, host.name(), call,
                call.equals("send") ? move.bytes() : null));
        settle();
    }

    private void decide(Move move, String fate, List<Long> extraDelays) {
        Network.HeldSegment segment = move.segment() == null ? null : network.held().stream()
                .filter(held -> held.id() == move.segment()).findFirst().orElse(null);
        if (segment == null) {
            throw refused("refuse.segment", move.segment() == null ? "?" : move.segment());
        }
        long arrival = network.deliveryTime(segment);
        network.release(segment.id(), fate, extraDelays, Explanation.of(Rules.NETWORK, "sandbox." + fate));
        // A delivered segment arrives now (or at its natural time); a lost one is marked lost now; a delayed one
        // waits for the clock to get there.
        network.runUntil(fate.equals("delivered") || fate.equals("duplicated") ? arrival : network.now());
        settle();
    }

    /**
     * Lets the network play on to the next decision point: events run until the next one is a timer, and in
     * manual mode also stop as soon as a segment waits for a decision.
     */
    private void settle() {
        while (!network.idle() && (mode == Mode.AUTO || network.held().isEmpty())) {
            long before = network.nextEventTime();
            network.runUntilNextTimer();
            if (network.nextEventTime() == before) {
                break;
            }
        }
    }

    /** The application calls that make sense for a host in its present state. */
    public List<String> possibleCalls(Host host) {
        List<String> calls = new ArrayList<>();
        TcpConnection connection = host.primaryConnection();
        TcpState state = connection == null ? null : connection.state();
        if (connection == null && !host.listening()) {
            calls.add("listen");
            calls.add("connect");
        }
        if (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT) {
            calls.add("send");
        }
        if (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT || state == TcpState.SYN_RECEIVED) {
            calls.add("shutdown");
        }
        if ((connection != null && !connection.applicationClosed()) || (connection == null && host.listening())) {
            calls.add("close");
        }
        if (connection != null || host.listening()) {
            calls.add("abort");
        }
        calls.add("crash");
        return calls;
    }

    public View view() {
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, List<String>> possible = new LinkedHashMap<>();
        List<TraceTimer> timers = new ArrayList<>();
        for (Host host : network.hosts().values()) {
            states.put(host.name(), host.displayState().name());
            possible.put(host.name(), possibleCalls(host));
            TcpConnection primary = host.primaryConnection();
            if (primary != null) {
                primary.timers().forEach((kind, at) -> timers.add(new TraceTimer(host.name(), kind.apiName(), at)));
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
                next >= 0 ? next : null, trace);
    }

    /** The trace so far, in the trace shape of the API. */
    public Trace trace() {
        Map<String, String> states = new LinkedHashMap<>();
        network.hosts().values().forEach(host -> states.put(host.name(), host.displayState().name()));
        return new Trace(spec.id(), ScenarioSpec.text(spec.title(), language.code()), setup.profile().apiName(), setup.seed(),
                language.code(), setup.endpoints(), List.copyOf(recorder.segments()), recorder.steps(), states);
    }

    /** The steps recorded from {@code index} on (what one move added). */
    public List<TraceStep> stepsFrom(int index) {
        List<TraceStep> steps = recorder.steps();
        return steps.subList(Math.min(index, steps.size()), steps.size());
    }

    public int stepCount() {
        return recorder.steps().size();
    }

    private RefusedMove refused(String key, Object... args) {
        return new RefusedMove(messages.format(key, args));
    }
}
