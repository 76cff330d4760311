package lab.handshake.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Call;
import lab.handshake.engine.Explanation;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Host;
import lab.handshake.engine.IsnGenerator;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.Phrase;
import lab.handshake.engine.Profile;
import lab.handshake.engine.Rules;
import lab.handshake.engine.Segment;
import lab.handshake.engine.Simulation;
import lab.handshake.engine.SocketAddress;
import lab.handshake.engine.TcpConnection;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.TraceFold;
import lab.handshake.engine.TraceLog;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceEndpoint;

/**
 * Rebuilds both endpoints of a captured connection with the RFC 9293 state machine. The captured segments
 * are what travels: each is delivered to the receiving endpoint at its capture time. The sending endpoint's
 * application calls are inferred from what it sends (a first SYN means connect(), data means send(), a FIN
 * means close(), an unprompted RST means abort()). What the textbook state machine would have sent is
 * compared with what the capture shows, and every difference becomes a note in the trace.
 */
public final class CaptureReplay {
    private static final int MAX_SEGMENTS = 2_000;
    private static final int UNSCALED_WINDOW = 65_535;

    private final CapturedConnection connection;
    private final Network network;
    private final TraceLog log;
    private final Host client;
    private final Host server;
    private final Map<Host, Deque<Segment>> expected = new HashMap<>();
    private final Language language;

    private CaptureReplay(CapturedConnection connection, Language language) {
        this.connection = connection;
        this.language = language;
        ScenarioSpec spec = new ScenarioSpec("capture", null, null, null, "rfc9293",
                ScenarioParams.EMPTY.withOverrides(null, null, 1L), List.of(), List.of(), List.of(), null);
        ScenarioRunner.Setup setup = ScenarioRunner.Setup.of(spec, ScenarioRunner.Overrides.NONE);
        this.log = new TraceLog(Limits.API.maxSegments(), Limits.API.maxSteps());
        this.network = new Network(Profile.RFC9293, withoutDelay(setup), 1, log, Limits.API.maxEvents());
        int clientIsn = isnOf(true);
        int serverIsn = isnOf(false);
        this.client = network.addHost("client", parse(connection.client()), fixed(clientIsn));
        this.server = network.addHost("server", parse(connection.server()), fixed(serverIsn));
        client.setPrimaryPeer(server.address());
        server.setPrimaryPeer(client.address());
        network.setInitialSequenceNumbers(clientIsn, serverIsn);
        expected.put(client, new ArrayDeque<>());
        expected.put(server, new ArrayDeque<>());
        network.setReplayObserver((host, segment) -> expected.get(host).addLast(segment));
    }

    /** The trace of one captured connection, explained by the engine in the chosen language. */
    public static Trace rebuild(CapturedConnection connection, Language language) {
        if (connection.segments().size() > MAX_SEGMENTS) {
            throw new CaptureFormatException("the connection has " + connection.segments().size()
                    + " segments; at most " + MAX_SEGMENTS + " can be replayed");
        }
        return new CaptureReplay(connection, language).run();
    }

    private Trace run() {
        long start = connection.segments().get(0).timeMicros();
        // The server was listening before the capture began, unless it opened actively (its first segment is a
        // bare SYN: a simultaneous open) or all it ever sent is a reset (connection refused).
        CapturedSegment serverFirst = connection.segments().stream()
                .filter(s -> !connection.fromClient(s) && !Flags.has(s.flags(), Flags.RST)).findFirst().orElse(null);
        if (serverFirst != null && !(Flags.has(serverFirst.flags(), Flags.SYN) && !Flags.has(serverFirst.flags(), Flags.ACK))) {
            network.schedule(0, () -> infer(server, Call.LISTEN, null));
        }
        // Segments with the very same timestamp were on the wire together (they may cross, as the FINs of a
        // simultaneous close do): every sender acts first, then everything is delivered. Otherwise each segment
        // is delivered before the next one is looked at.
        Map<Long, List<CapturedSegment>> byTimestamp = new java.util.TreeMap<>();
        for (CapturedSegment captured : connection.segments()) {
            byTimestamp.computeIfAbsent(captured.timeMicros(), at -> new ArrayList<>()).add(captured);
        }
        byTimestamp.forEach((micros, batch) -> network.schedule(Math.max(0, (micros - start) / 1000), () -> replay(batch)));
        long end = (connection.segments().get(connection.segments().size() - 1).timeMicros() - start) / 1000;
        network.runUntil(end);
        for (Host host : List.of(client, server)) {
            reportMissing(host);
        }
        Map<String, TraceEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("client", new TraceEndpoint(client.address().address(), client.address().port(), Integer.toUnsignedLong(isnOf(true))));
        endpoints.put("server", new TraceEndpoint(server.address().address(), server.address().port(), Integer.toUnsignedLong(isnOf(false))));
        Map<String, String> finalStates = new LinkedHashMap<>();
        finalStates.put("client", client.displayState().name());
        finalStates.put("server", server.displayState().name());
        TraceFold.Folded folded = log.fold();
        return new Simulation("capture", Map.of("en", "Capture: " + connection.client() + " → " + connection.server(),
                "zh", "抓包：" + connection.client() + " → " + connection.server()),
                "rfc9293", 1, endpoints, folded.segments(), folded.steps(), finalStates).render(language);
    }

    /** Captured segments of one moment: each sender's inferred calls and the comparison, then their delivery. */
    private void replay(List<CapturedSegment> batch) {
        List<Segment> segments = new ArrayList<>();
        for (CapturedSegment captured : batch) {
            Host sender = connection.fromClient(captured) ? client : server;
            Host receiver = sender == client ? server : client;
            inferCalls(sender, captured);
            // Window scaling is not modelled, so the captured window field (often scaled) would mislead the
            // engine's send window; the replay uses the largest unscaled window instead.
            Segment segment = new Segment(sender.address(), receiver.address(), captured.seq(), captured.ack(), captured.flags(),
                    captured.payloadLength(), UNSCALED_WINDOW);
            compare(sender, segment);
            segments.add(segment);
        }
        for (Segment segment : segments) {
            Host sender = segment.src().equals(client.address()) ? client : server;
            network.replayDelivery(sender, segment, Explanation.of(Rules.NETWORK, "capture.segment"));
        }
    }

    private void inferCalls(Host sender, CapturedSegment captured) {
        TcpConnection connection = sender.primaryConnection();
        TcpState state = connection == null ? TcpState.CLOSED : connection.state();
        int flags = captured.flags();
        if (connection == null && Flags.has(flags, Flags.SYN) && !Flags.has(flags, Flags.ACK) && !sender.listening()) {
            infer(sender, Call.CONNECT, null);
            return;
        }
        boolean canSend = state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT;
        if (captured.payloadLength() > 0 && canSend && !alreadyExpected(sender, captured)) {
            infer(sender, Call.SEND, captured.payloadLength());
        }
        if (Flags.has(flags, Flags.FIN) && !state.hasClosedSending() && state != TcpState.CLOSED
                && state != TcpState.SYN_SENT && !alreadyExpected(sender, captured)) {
            infer(sender, Call.CLOSE, null);
        }
        if (Flags.has(flags, Flags.RST) && connection != null && !alreadyExpected(sender, captured)) {
            infer(sender, Call.ABORT, null);
        }
    }

    private void infer(Host host, Call call, Integer bytes) {
        network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.NETWORK, "replay.inferred", label(host), call.detail(bytes)));
        ScenarioRunner.perform(network, host, call, bytes);
    }

    private boolean alreadyExpected(Host sender, CapturedSegment captured) {
        return expected.get(sender).stream().anyMatch(s -> matches(s, captured.seq(), captured.ack(), captured.flags(), captured.payloadLength()));
    }

    /** The captured segment should be among what the RFC state machine would have sent by now. */
    private void compare(Host sender, Segment segment) {
        Deque<Segment> queue = expected.get(sender);
        List<Segment> skipped = new ArrayList<>();
        while (!queue.isEmpty()) {
            Segment next = queue.pollFirst();
            if (matches(next, segment.seq(), segment.ack(), segment.flags(), segment.len())) {
                skipped.forEach(missing -> network.recordNote(sender, StepKind.DEVIATION,
                        Explanation.of(Rules.SEGMENT_ARRIVES, "replay.missing", label(sender), missing.toString())));
                return;
            }
            skipped.add(next);
        }
        queue.addAll(skipped);
        network.recordNote(sender, StepKind.DEVIATION, Explanation.of(Rules.SEGMENT_ARRIVES, "replay.unexpected", label(sender), segment.toString()));
    }

    private void reportMissing(Host host) {
        for (Segment missing : expected.get(host)) {
            network.recordNote(host, StepKind.DEVIATION, Explanation.of(Rules.SEGMENT_ARRIVES, "replay.missing", label(host), missing.toString()));
        }
        expected.get(host).clear();
    }

    /** Same control bits (PSH aside), sequence number, acknowledgement (when ACK is set) and length. */
    private static boolean matches(Segment expected, int seq, int ack, int flags, int len) {
        return (expected.flags() & ~Flags.PSH) == (flags & ~Flags.PSH) && expected.seq() == seq && expected.len() == len
                && (!Flags.has(flags, Flags.ACK) || expected.ack() == ack);
    }

    private static Phrase label(Host host) {
        return Phrase.endpoint(host.name());
    }

    private int isnOf(boolean ofClient) {
        return connection.segments().stream()
                .filter(s -> connection.fromClient(s) == ofClient && Flags.has(s.flags(), Flags.SYN))
                .findFirst()
                .or(() -> connection.segments().stream().filter(s -> connection.fromClient(s) == ofClient).findFirst())
                .map(CapturedSegment::seq).orElse(0);
    }

    private static IsnGenerator fixed(int isn) {
        return now -> isn;
    }

    private static SocketAddress parse(String socket) {
        int colon = socket.lastIndexOf(':');
        String address = socket.substring(0, colon).replace("[", "").replace("]", "");
        return new SocketAddress(address, Integer.parseInt(socket.substring(colon + 1)));
    }

    /** The textbook's parameters, with segments arriving at the moment they were captured. */
    private static TcpParams withoutDelay(ScenarioRunner.Setup setup) {
        return setup.params().toBuilder().oneWayDelayMs(0).jitterMs(0).lossRate(0).build();
    }
}
