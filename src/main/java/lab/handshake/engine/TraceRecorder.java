package lab.handshake.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.TraceTimer;

/**
 * Writes down what the network and the state machines report, as trace segments and steps in the chosen
 * language. A state change is folded into the step that caused it (the call, the arrival or the timer), so
 * "the server becomes ESTABLISHED" is the step where the third segment arrives. Limits on segments and
 * steps bound the memory a trace can take.
 */
public final class TraceRecorder {

    /** A step while it may still change (a state change can be folded into it during the same event). */
    private static final class Draft {
        final long at;
        final String endpoint;
        final String kind;
        final String detail;
        final Integer segmentId;
        final String peer;
        String stateBefore;
        String stateAfter;
        String rule;
        String text;
        Map<String, String> states;
        List<TraceTimer> timers;
        Map<String, Integer> synQueue;
        boolean trigger;

        Draft(long at, String endpoint, String kind, String detail, Integer segmentId, String peer, String stateBefore) {
            this.at = at;
            this.endpoint = endpoint;
            this.kind = kind;
            this.detail = detail;
            this.segmentId = segmentId;
            this.peer = peer;
            this.stateBefore = stateBefore;
            this.stateAfter = stateBefore;
        }
    }

    private final Messages messages;
    private final boolean enabled;
    private final int maxSegments;
    private final int maxSteps;
    private final List<TraceSegment> segments = new ArrayList<>();
    private final List<Draft> steps = new ArrayList<>();
    private final java.util.Set<String> sentBefore = new java.util.HashSet<>();
    private Network network;
    private int eventStart;
    private int segmentCount;
    private Integer clientIsn;
    private Integer serverIsn;

    public TraceRecorder(Language language, int maxSegments, int maxSteps) {
        this(language, true, maxSegments, maxSteps);
    }

    private TraceRecorder(Language language, boolean enabled, int maxSegments, int maxSteps) {
        this.messages = Messages.of(language);
        this.enabled = enabled;
        this.maxSegments = maxSegments;
        this.maxSteps = maxSteps;
    }

    /** A recorder that keeps nothing, for benchmarks of the engine itself. */
    public static TraceRecorder disabled() {
        return new TraceRecorder(Language.EN, false, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    void attach(Network network) {
        this.network = network;
    }

    /** J and K: the ISNs the symbolic numbers are written against. */
    public void setInitialSequenceNumbers(int client, int server) {
        this.clientIsn = client;
        this.serverIsn = server;
    }

    void beginEvent() {
        eventStart = steps.size();
    }

    // ---------------------------------------------------------------------------------------------------
    // Segments
    // ---------------------------------------------------------------------------------------------------

    int segmentOnWire(Segment segment, String from, String to, boolean injected, Network.Fate fate) {
        int id = ++segmentCount;
        if (!enabled) {
            return id;
        }
        if (segments.size() >= maxSegments) {
            throw new SimulationLimitException("segments", maxSegments);
        }
        boolean retransmission = !injected && isRetransmission(segment);
        List<Long> arrivals = fate.arrivals();
        segments.add(new TraceSegment(id, from, to, Flags.names(segment.flags()),
                Seq.unsigned(segment.seq()), segment.has(Flags.ACK) ? Seq.unsigned(segment.ack()) : null,
                segment.len(), segment.window(),
                resetWithoutSequence(segment) ? null : symbolic(from, segment.seq()),
                segment.has(Flags.ACK) ? symbolic(to, segment.ack()) : null,
                network.now(), arrivals.isEmpty() ? null : arrivals.get(0), fate.name(),
                segment.src().toString(), segment.dst().toString(), injected, retransmission,
                arrivals.size() > 1 ? arrivals.get(1) : null));
        return id;
    }

    /** A held segment's fate was decided: the segment entry says so from now on. */
    void decided(int id, Network.Fate fate) {
        if (!enabled) {
            return;
        }
        for (int i = segments.size() - 1; i >= 0; i--) {
            TraceSegment s = segments.get(i);
            if (s.id() == id) {
                List<Long> arrivals = fate.arrivals();
                segments.set(i, new TraceSegment(s.id(), s.from(), s.to(), s.flags(), s.seq(), s.ack(), s.len(), s.window(),
                        s.seqSymbolic(), s.ackSymbolic(), s.sentAt(), arrivals.isEmpty() ? null : arrivals.get(0), fate.name(),
                        s.src(), s.dst(), s.injected(), s.retransmission(), arrivals.size() > 1 ? arrivals.get(1) : null));
                return;
            }
        }
    }

    /** A segment its sender has already sent: same sequence number, control bits and length. */
    private boolean isRetransmission(Segment segment) {
        if (segment.seqLength() == 0) {
            return false;
        }
        return !sentBefore.add(segment.src() + "/" + segment.seq() + "/" + (segment.flags() & ~Flags.PSH) + "/" + segment.len());
    }

    /** The RST that answers a segment without ACK carries sequence number zero (§3.10.7.1): not J+n or K+n. */
    private static boolean resetWithoutSequence(Segment segment) {
        return segment.has(Flags.RST) && segment.seq() == 0;
    }

    /**
     * J+n for the client's numbers, K+n for the server's, where J and K are the ISNs of the connection the
     * two endpoints have now (a reconnection or a SYN cookie brings a new ISN); null for anyone else's.
     */
    private String symbolic(String owner, int value) {
        Host host = network.host(owner);
        if (host == null) {
            return null;
        }
        Integer current = host.primaryIss();
        Integer base = current != null ? current : "client".equals(owner) ? clientIsn : serverIsn;
        if (base == null) {
            return null;
        }
        String letter = "client".equals(owner) ? "J" : "K";
        int offset = Seq.offset(value, base);
        return offset == 0 ? letter : offset > 0 ? letter + "+" + offset : letter + offset;
    }

    void sent(Host host, int id, Segment segment, Explanation why) {
        if (!enabled) {
            return;
        }
        add(host.name(), "send", describe(segment), id, peerOf(host, segment.dst()), host.displayState(),
                why, "step.send", label(host.name()), label(network.nameOf(segment.dst())), describe(segment));
    }

    void injected(int id, Segment segment, Explanation why) {
        if (!enabled) {
            return;
        }
        String from = network.nameOf(segment.src());
        add(from, "send", describe(segment), id, null, (String) null, why, "step.inject",
                label(network.nameOf(segment.dst())), describe(segment));
    }

    void arrived(Host host, int id, Segment segment) {
        if (!enabled) {
            return;
        }
        Draft draft = add(host.name(), "arrive", describe(segment), id, peerOf(host, segment.src()), host.displayState(),
                null, "step.arrive", describe(segment), label(host.name()));
        draft.rule = Rules.SEGMENT_ARRIVES;
        draft.trigger = true;
    }

    void lost(int id, Segment segment, String from, String to, Network.Fate fate) {
        if (!enabled) {
            return;
        }
        add("network", "drop", describe(segment), id, null, (String) null, fate.why(), "step.drop", describe(segment),
                label(from), label(to));
    }

    void discarded(Host host, Segment segment, Explanation why) {
        if (!enabled) {
            return;
        }
        add(host.name(), "discard", describe(segment), null, peerOf(host, segment.src()), host.displayState(), why,
                "step.discard", label(host.name()));
    }

    // ---------------------------------------------------------------------------------------------------
    // Calls, states and timers
    // ---------------------------------------------------------------------------------------------------

    void call(Host host, String detail, Explanation why) {
        if (!enabled) {
            return;
        }
        Draft draft = add(host.name(), "call", detail, null, null, host.displayState(), why, "step.call", label(host.name()), detail);
        draft.trigger = true;
    }

    void note(Host host, String kind, Explanation why) {
        if (!enabled) {
            return;
        }
        add(host.name(), kind, why.key(), null, null, host.displayState(), why, null);
    }

    /** TCP refused the call just recorded: its step says why. */
    void refused(Host host, Explanation why) {
        if (!enabled) {
            return;
        }
        for (int i = steps.size() - 1; i >= eventStart; i--) {
            Draft draft = steps.get(i);
            if (draft.kind.equals("call") && draft.endpoint.equals(host.name())) {
                draft.rule = why.rule();
                draft.text = draft.text + separator() + messages.format("step.refused", messages.text(why));
                return;
            }
        }
    }

    void stateChanged(Host host, TcpState from, TcpState to, Explanation why) {
        if (!enabled) {
            return;
        }
        for (int i = steps.size() - 1; i >= eventStart; i--) {
            Draft draft = steps.get(i);
            if (draft.trigger && draft.endpoint.equals(host.name()) && draft.peer == null
                    && draft.stateAfter != null && draft.stateAfter.equals(draft.stateBefore)) {
                draft.stateAfter = to.name();
                draft.rule = why.rule();
                draft.text = draft.text + separator() + stateText(from, to, why);
                for (int j = i; j < steps.size(); j++) {
                    Draft later = steps.get(j);
                    if (j > i && later.endpoint.equals(host.name()) && later.peer == null && from.name().equals(later.stateBefore)
                            && from.name().equals(later.stateAfter)) {
                        // A step recorded in the same event after the cause (a timer stopped) shows the new state.
                        later.stateBefore = to.name();
                        later.stateAfter = to.name();
                    }
                    snapshot(later);
                }
                return;
            }
        }
        Draft draft = add(host.name(), "state", from.name() + " → " + to.name(), null, null, from.name(), why, null);
        draft.stateAfter = to.name();
        draft.text = stateText(from, to, why);
        snapshot(draft);
    }

    void otherConnectionStateChanged(Host host, TcpConnection connection, TcpState from, TcpState to, Explanation why) {
        if (!enabled) {
            return;
        }
        Draft draft = add(host.name(), "state", from.name() + " → " + to.name(), null, connection.remote().toString(),
                from.name(), why, null);
        draft.stateAfter = to.name();
        draft.text = messages.format("step.state.other", connection.remote().toString()) + separator() + stateText(from, to, why);
    }

    private String stateText(TcpState from, TcpState to, Explanation why) {
        return messages.format("step.state", from.name(), to.name()) + separator() + messages.text(why);
    }

    void timerArmed(Host host, TcpConnection connection, TimerKind kind, long expiresAt, Explanation why, boolean primary) {
        if (!enabled) {
            return;
        }
        add(host.name(), "timer-armed", kind.apiName() + " → " + expiresAt, null,
                primary ? null : connection.remote().toString(), host.displayState(), why, "step.timer-armed",
                timerName(kind), String.valueOf(expiresAt));
    }

    void timerCancelled(Host host, TcpConnection connection, TimerKind kind, boolean primary) {
        if (!enabled) {
            return;
        }
        Draft draft = add(host.name(), "timer-cancelled", kind.apiName(), null, primary ? null : connection.remote().toString(),
                host.displayState(), null, "step.timer-cancelled", timerName(kind));
        draft.rule = kind.rule();
    }

    void timerFired(Host host, TcpConnection connection, TimerKind kind, boolean primary) {
        if (!enabled) {
            return;
        }
        Draft draft = add(host.name(), "timer-fired", kind.apiName(), null, primary ? null : connection.remote().toString(),
                host.displayState(), null, "step.timer-fired", timerName(kind));
        draft.rule = kind.rule();
        draft.trigger = true;
    }

    /** An endpoint's name as the text shows it ("client", "客户端"). */
    private String label(String endpoint) {
        return messages.has("endpoint." + endpoint) ? messages.format("endpoint." + endpoint) : endpoint;
    }

    /** What stands between two sentences: a space in English, nothing in Chinese. */
    private String separator() {
        return messages.format("sentence.separator");
    }

    private String timerName(TimerKind kind) {
        return messages.format("timer." + kind.apiName() + ".name");
    }

    // ---------------------------------------------------------------------------------------------------
    // Steps
    // ---------------------------------------------------------------------------------------------------

    private Draft add(String endpoint, String kind, String detail, Integer segmentId, String peer, TcpState before,
                      Explanation why, String textKey, Object... textArgs) {
        return add(endpoint, kind, detail, segmentId, peer, before == null ? null : before.name(), why, textKey, textArgs);
    }

    private Draft add(String endpoint, String kind, String detail, Integer segmentId, String peer, String before,
                      Explanation why, String textKey, Object... textArgs) {
        if (steps.size() >= maxSteps) {
            throw new SimulationLimitException("steps", maxSteps);
        }
        Draft draft = new Draft(network.now(), endpoint, kind, detail, segmentId, peer, before);
        StringBuilder text = new StringBuilder();
        if (textKey != null) {
            text.append(messages.format(textKey, textArgs));
        }
        if (why != null) {
            draft.rule = why.rule();
            if (text.length() > 0) {
                text.append(separator());
            }
            text.append(messages.text(why));
        }
        draft.text = text.toString();
        snapshot(draft);
        steps.add(draft);
        return draft;
    }

    private void snapshot(Draft draft) {
        Map<String, String> states = new LinkedHashMap<>();
        List<TraceTimer> timers = new ArrayList<>();
        Map<String, Integer> synQueue = null;
        for (Host host : network.hosts().values()) {
            states.put(host.name(), host.displayState().name());
            TcpConnection primary = host.primaryConnection();
            if (primary != null) {
                for (Map.Entry<TimerKind, Long> timer : primary.timers().entrySet()) {
                    timers.add(new TraceTimer(host.name(), timer.getKey().apiName(), timer.getValue()));
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
        draft.states = states;
        draft.timers = timers;
        draft.synQueue = synQueue;
    }

    /** Null for the host's own peer; the remote socket for any other connection (a spoofed SYN's). */
    private static String peerOf(Host host, SocketAddress remote) {
        return host.isPrimaryPeer(remote) ? null : remote.toString();
    }

    private static String describe(Segment segment) {
        return segment.toString();
    }

    public List<TraceSegment> segments() {
        return segments;
    }

    public List<TraceStep> steps() {
        List<TraceStep> result = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Draft d = steps.get(i);
            result.add(new TraceStep(i, d.at, d.endpoint, d.kind, d.detail, d.segmentId, d.peer, d.stateBefore,
                    d.stateAfter, d.rule, d.text, d.states, d.timers, d.synQueue));
        }
        return result;
    }

    public Messages messages() {
        return messages;
    }
}
