package lab.handshake.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import lab.handshake.engine.AcceptQueue;
import lab.handshake.engine.Call;
import lab.handshake.engine.CongestionControl;
import lab.handshake.engine.Explanation;
import lab.handshake.engine.FastOpen;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Host;
import lab.handshake.engine.IsnGenerator;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.NextOffer;
import lab.handshake.engine.Phrase;
import lab.handshake.engine.Profile;
import lab.handshake.engine.ReadMode;
import lab.handshake.engine.Rules;
import lab.handshake.engine.Segment;
import lab.handshake.engine.SendFlags;
import lab.handshake.engine.Seq;
import lab.handshake.engine.Simulation;
import lab.handshake.engine.SocketAddress;
import lab.handshake.engine.TcpConnection;
import lab.handshake.engine.TcpOptions;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.TimerKind;
import lab.handshake.engine.TraceFold;
import lab.handshake.engine.TraceLog;
import lab.handshake.engine.UserSignal;
import lab.handshake.engine.run.CallsBehindWrites;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceEndpoint;

/**
 * Rebuilds both endpoints of a captured connection with the state machine of a profile ({@code linux} unless
 * asked otherwise, so Linux behaviour is explained as Linux behaviour). The captured segments are what travels:
 * each is delivered to the receiving endpoint at its capture time, unless {@link CaptureEvidence} shows it was
 * lost (it was sent again, or went to a spoofed source), and then the replay loses it and says why. The sending
 * endpoint's application calls are inferred from what it sends (a first SYN means connect(), data means
 * send(), a FIN means close(), an unprompted RST means abort()). What the profile's state machine would have
 * sent is compared with what the capture shows, and every difference becomes a deviation naming the profile.
 * The inferred calls and losses also make a scenario, so the page can run it again with another profile or
 * a fault.
 */
public final class CaptureReplay {
    /**
     * The replayed trace, the scenario inferred from the capture (its calls, its losses, its delay), and the
     * segments it shows merged or not yet cut (null when none).
     */
    public record Rebuilt(Trace trace, ScenarioSpec scenario, SegmentOffload offload) {
    }

    private static final int MAX_SEGMENTS = 2_000;
    /** The window offered when the capture cannot tell a window field's scale: see {@link #replayed}. */
    private static final int UNKNOWN_SCALE_WINDOW = 65_535;
    /**
     * A captured segment the profile sends up to this much later is the same segment, sent at another moment:
     * Linux's largest ACK delay (TCP_DELACK_MAX, 200 ms) is the widest such difference.
     */
    private static final long TOLERANCE_MS = 200;

    /**
     * The same segment sent twice this close together, once by a retransmission timer and once in answer to an
     * arriving segment, is a race: an implementation whose timer fires a little late handles the arrival first,
     * and that restarts the timer, so it sends the segment once. The project's Linux captures show both orders,
     * with a 1 s timer firing up to 20 ms late (docs/linux-captures.md §9b); this leaves a margin over that.
     */
    private static final long RACE_WINDOW_MS = 50;

    /**
     * A captured segment the profile has not sent (yet): its time in the capture, from the connection's first segment,
     * and its moment on the replay's clock, which the diagram shows (they differ by where the capture was taken).
     */
    private record Unmatched(Segment segment, long capturedMs, long at) {
    }

    /** A segment the state machine sent, when, and why (which tells a timer's, a probe's and F-RTO's sends apart). */
    private record Sent(Segment segment, long at, Explanation why) {
        /** Sent by a retransmission timer. */
        boolean byTimer() {
            return Rules.RETRANSMISSION.equals(why.rule());
        }

        /** Sent as a tail loss probe's new data (TcpConnection.sendLossProbe; {@link #probeCouldSend}). */
        boolean probe() {
            return Rules.TLP.equals(why.rule()) && why.key().equals("send.loss-probe.new-data");
        }
    }

    private final CapturedConnection connection;
    private final Network network;
    private final TraceLog log;
    private final Host client;
    private final Host server;
    private final Map<Host, Deque<Sent>> expected = new HashMap<>();
    /** What the state machines sent that the capture has too. */
    private final Map<Host, List<Sent>> matched = new HashMap<>();
    /** Captured segments the state machine has not sent (yet), with their capture time. */
    private final Map<Host, List<Unmatched>> unmatched = new HashMap<>();
    /** RACK copies and reordering timers that raced an arriving acknowledgement within a tick (§135). */
    private final ReorderingTimerRace reorderingTimerRace = new ReorderingTimerRace();
    /** RACK copies the profile sent that an acknowledgement reached their sender within a tick after: how long after. */
    private final Map<Sent, Long> overtakenCopies = new HashMap<>();
    /** The F-RTO step last told for each end, with its moment ({@link #tellFrto}). */
    private final Map<Host, String> frtoTold = new HashMap<>();
    private final Language language;
    private final Profile profile;
    private final CaptureEvidence evidence;
    /** Captured old duplicates, by index: replayed as the network's. */
    private final Map<Integer, CaptureEvidence.OldDuplicate> oldDuplicates;
    /** Captured segments their sender's stream cannot have sent then, by index: replayed as the network's. */
    private final Map<Integer, CaptureEvidence.Stale> stale;
    /** Captured copies of SACKed data, by index: replayed as the network's. */
    private final Set<Integer> networkCopies;
    /**
     * Captured copies the network made of a segment sent once (replayed as the network's), and segments it held back past
     * a later one of their sender (replayed as sent just before it and delivered when captured).
     */
    private final NetworkDuplicatesAndDelays duplicatesAndDelays;
    /**
     * New data that Nagle or the congestion window held until a tail loss probe sent it, by the index of its sender's
     * data segment before it, whose moment the replay takes as the write's: {@link CaptureEvidence#writtenBeforeProbe}.
     */
    private final Map<Integer, CaptureEvidence.WrittenBeforeProbe> probesWrittenBefore = new HashMap<>();
    /** What the client wrote before its connection was established (CaptureEvidence.writtenWhileConnecting). */
    private final OptionalInt writtenWhileConnecting;
    /** How far the replay's clock runs ahead of the evidence's, to put the kernel's ticks on the engine's: {@link TickPhase}. */
    private final int tickOffsetMs;
    /** The application calls inferred so far, in the order made: the inferred scenario's actions. */
    private final InferredCalls inferred = new InferredCalls();
    /** A peer the capture shows gone silent behind its shut window, and the end that gave up probing it. */
    private final Optional<CaptureEvidence.SilentPeer> silentPeer;
    /** A peer the capture shows vanished, and the end that gave up sending it data again within the profile's retries. */
    private final Optional<CaptureEvidence.VanishedPeer> vanishedPeer;
    /** The longest a timer of the profile waits: how far past the capture's end a give-up it shows may come. */
    private final long maxRtoMs;
    /** An end whose bare reset shows it had no connection: {@link CaptureEvidence.ForgottenConnection}. */
    private final Optional<CaptureEvidence.ForgottenConnection> forgotten;

    /** The segments the capture shows larger than their sender's MSS, which the replay cuts: {@link SegmentOffload}. */
    private final SegmentOffload offload;
    /** Whether the ends' pure ACKs are taken as the capture shows them: {@link #takenAsInput}. */
    private final boolean acksAsInput;
    /**
     * The captured pure ACKs of a bulk receiver sent as its peer's data arrived, by index, with the index of the data
     * whose arrival each answered ({@link ImmediateBulkAcks}): taken as input at any round trip, as {@link #acksAsInput}
     * takes every pure ACK within one tick.
     */
    private final Map<Integer, Integer> immediateBulkAcks;
    /** Whether {@link #immediateBulkAcks} has been told, once for the connection. */
    private boolean bulkAcksTold;
    /**
     * Whether both ends have one address (loopback): the capture then sees each segment once, as one end hands it to
     * the other, so its order is the order in which each end saw them, down to the microsecond.
     */
    private final boolean oneHost;
    /**
     * What the last captured pure ACK of an end acknowledged, until that end sends anything else, where the pure ACKs
     * are the capture's ({@link #takenAsInput}): the profile's pure ACKs it covers are not expected.
     */
    private final Map<Host, Integer> acknowledgedByInput = new HashMap<>();
    /**
     * Captured pure ACKs that have reached the moment of their arrival and that their receiver has not taken yet, by
     * receiver, in the capture's order: {@link #takesAckLate}.
     */
    private final Map<Host, Deque<Runnable>> heldAcks = new HashMap<>();
    /**
     * Captured pure ACKs of the wave being replayed, compared and not yet on the replay's wire, by receiver, in the
     * capture's order: a segment of that receiver captured after one of them may take it first ({@link #ackOfTheWave}).
     */
    private final Map<Host, Deque<Runnable>> acksOfTheWave = new HashMap<>();
    private final Set<Integer> sentWithinTheWave = new HashSet<>();
    /**
     * Each end's timestamp clock less the replay's clock, in ms: the kernel's, from its captured TSvals, and the
     * engine's, from the segments its state machine sends. A captured TSecr echoes the kernel's clock; it reaches the
     * replayed end moved onto the engine's ({@link #onEngineClock}).
     */
    private final Map<Host, Long> kernelClockOffset = new HashMap<>();
    private final Map<Host, Long> engineClockOffset = new HashMap<>();

    /**
     * Captured segments their receiver took only after one of its own segments captured later, by index, with that
     * segment's index: {@link #takenAfter}.
     */
    private final Map<Integer, Integer> takenAfter;
    /** Deliveries waiting for the receiver's ACK (by its index) to be replayed first. */
    private final Map<Integer, List<Runnable>> heldUntil = new HashMap<>();
    /** The captured segments whose fate (delivery or loss) is scheduled, and the held-back deliveries waiting for one: {@link #deliverInCapturedOrder}. */
    private final Set<Integer> fateScheduled = new HashSet<>();
    private final Map<Integer, List<Runnable>> deliveredAfter = new HashMap<>();
    /** The captured segments replayed so far, by index. */
    private final Set<Integer> compared = new HashSet<>();

    /** The congestion control both replayed ends run: {@link #rebuild} chooses it from the capture. */
    private final CongestionControl control;
    /**
     * The runs of data the replay infers as one write each (CaptureEvidence.writeRuns), by their first segment's index;
     * empty where it infers a write per segment: {@link #rebuild} chooses.
     */
    private final Map<Integer, Integer> writeRuns;
    /** The calls inferred while the program is blocked in a send() that waits for send-buffer room. */
    private final CallsBehindWrites behindWrites;

    /**
     * What the capture shows before anything is replayed, read once per connection: both replays of {@link #rebuild}
     * (CUBIC, then BBR) share it.
     */
    private record Reading(CaptureEvidence evidence, Map<Integer, CaptureEvidence.OldDuplicate> oldDuplicates,
                           Set<Integer> networkCopies, Map<Integer, CaptureEvidence.Stale> stale,
                           NetworkDuplicatesAndDelays duplicatesAndDelays, OptionalInt writtenWhileConnecting, int tickOffsetMs,
                           long wheelTicksAtStart, Map<Integer, Integer> immediateBulkAcks) {
        static Reading of(CapturedConnection connection) {
            CaptureEvidence evidence = CaptureEvidence.of(connection);
            Map<Integer, CaptureEvidence.OldDuplicate> oldDuplicates = CaptureEvidence.oldDuplicates(connection);
            Map<Integer, CaptureEvidence.Stale> stale = CaptureEvidence.staleSegments(connection);
            Set<Integer> replayedOtherwise = new HashSet<>(oldDuplicates.keySet());
            replayedOtherwise.addAll(stale.keySet());
            int tickOffsetMs = TickPhase.offsetMs(connection, evidence);
            return new Reading(evidence, oldDuplicates, CaptureEvidence.networkCopies(connection), stale,
                    NetworkDuplicatesAndDelays.of(connection, evidence, replayedOtherwise),
                    CaptureEvidence.writtenWhileConnecting(connection), tickOffsetMs,
                    TickPhase.wheelTicksAtStart(connection, evidence, tickOffsetMs), ImmediateBulkAcks.of(connection, evidence));
        }
    }

    private CaptureReplay(CapturedConnection connection, Reading reading, SegmentOffload offload, Profile profile,
                          Language language, CongestionControl control, Map<Integer, Integer> writeRuns, boolean sendBuffer) {
        this.control = control;
        this.writeRuns = writeRuns;
        this.connection = connection;
        this.offload = offload;
        this.language = language;
        this.profile = profile;
        this.evidence = reading.evidence();
        this.oldDuplicates = reading.oldDuplicates();
        this.networkCopies = reading.networkCopies();
        this.stale = reading.stale();
        this.duplicatesAndDelays = reading.duplicatesAndDelays();
        this.writtenWhileConnecting = reading.writtenWhileConnecting();
        this.tickOffsetMs = reading.tickOffsetMs();
        this.acksAsInput = profile.acksBackToBackSegmentsOnce() && TickPhase.roundTripWithinATick(connection);
        this.immediateBulkAcks = profile.acksBackToBackSegmentsOnce() ? reading.immediateBulkAcks() : Map.of();
        this.oneHost = connection.oneHost();
        this.takenAfter = takenAfter();
        this.forgotten = CaptureEvidence.ForgottenConnection.of(connection);
        ScenarioSpec spec = new ScenarioSpec("capture", null, null, null, profile.wireName(),
                ScenarioParams.EMPTY.withOverrides(null, null, 1L), List.of(), List.of(), List.of(), null);
        ScenarioRunner.Setup setup = ScenarioRunner.Setup.of(spec, ScenarioRunner.Overrides.NONE);
        this.log = new TraceLog(Limits.API.maxSegments(), Limits.API.maxSteps());
        TcpParams params = withoutDelay(setup).toBuilder().congestionControl(control).build();
        CaptureEvidence.ShownLimits shown = CaptureEvidence.ShownLimits.of(connection, evidence, params);
        this.network = new Network(profile, shown.over(params), 1, log, Limits.API.maxEvents());
        this.behindWrites = new CallsBehindWrites(network);
        network.setWheelTicksAtStart(reading.wheelTicksAtStart());
        int clientIsn = connection.isn(true);
        int serverIsn = connection.isn(false);
        this.client = network.addHost("client", parse(connection.client()), captured(connection.isns(true), clientIsn));
        // A socket connected to itself is one end: the client, whose every segment the network hands back to it.
        this.server = connection.selfConnected() ? client
                : network.addHost("server", parse(connection.server()), captured(connection.isns(false), serverIsn));
        for (Host host : ends()) {
            if (sendBuffer) {
                host.writeIntoSendBuffer();
            }
            boolean ofClient = host == client;
            host.setParams(withOfferedBuffer(withOwnShift(withOwnMss(shown.over(params, ofClient), ofClient), ofClient), ofClient));
        }
        fastOpenShown();
        // An application the capture shows leaving data unread reads only on the calls the replay infers.
        shown.clientLeavesDataUnread().ifPresent(sign -> readsOnCall(client, sign));
        shown.serverLeavesDataUnread().ifPresent(sign -> readsOnCall(server, sign));
        client.setPrimaryPeer(server.address());
        server.setPrimaryPeer(client.address());
        network.setInitialSequenceNumbers(clientIsn, serverIsn);
        for (Host host : ends()) {
            expected.put(host, new ArrayDeque<>());
            unmatched.put(host, new ArrayList<>());
            matched.put(host, new ArrayList<>());
            heldAcks.put(host, new ArrayDeque<>());
            acksOfTheWave.put(host, new ArrayDeque<>());
        }
        if (connection.selfConnected()) {
            network.recordNote(client, StepKind.NOTE, Explanation.of(Rules.SYN_SENT_ARRIVES, "replay.self-connected",
                    connection.client()));
        }
        network.setReplayObserver(this::wouldSend);
        network.setApplicationListener(new Network.ApplicationListener() {
            @Override
            public void signalled(Host host, UserSignal signal, int bytes) {
                inferred.signalled(host.name(), signal, bytes, network.now());
            }

            @Override
            public void writeReturned(Host host) {
                behindWrites.writeReturned(host);
            }
        });
        shown.finWait2().ifPresent(limit -> {
            Host closer = limit.client() ? client : server;
            network.recordNote(closer, StepKind.NOTE, limit.timeoutMs() < 0
                    ? Explanation.of(Rules.LINUX_FIN_WAIT_2, "replay.no-fin-wait-2", label(closer))
                    : Explanation.of(Rules.LINUX_FIN_WAIT_2, "replay.fin-wait-2", label(closer), limit.peerWaitedMs(), limit.timeoutMs()));
        });
        for (Host host : ends()) {
            Integer buffer = shown.window(host == client);
            if (buffer != null) {
                network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.NETWORK, "replay.receive-buffer", label(host),
                        connection.synWindow(host == client).orElse(buffer), params.window(), buffer));
            }
        }
        shown.timeWaitIgnoresReset().map(ofClient -> ofClient ? client : server).ifPresent(end -> network.recordNote(end,
                StepKind.NOTE, Explanation.of(Rules.RFC1337, "replay.rfc1337", label(end))));
        shown.expiredHandshake().ifPresent(handshake -> network.recordNote(server, StepKind.NOTE,
                Explanation.of(Rules.RETRANSMISSION, "replay.synack-retries", label(server), handshake.synAckRetries())));
        shown.timeWaitSkipped().map(ofClient -> ofClient ? client : server).ifPresent(end -> network.recordNote(end,
                StepKind.NOTE, Explanation.of(Rules.LINUX_TIME_WAIT_OVERFLOW, "replay.time-wait-skipped", label(end))));
        for (Host host : ends()) {
            Integer minRtoMs = shown.minRtoMs(host == client);
            if (minRtoMs != null) {
                network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.LINUX_RTO_MIN, "replay.route-rto-min", label(host),
                        minRtoMs, params.minRtoMs()));
            }
        }
        shown.synLinearTimeouts().ifPresent(linear -> network.recordNote(client, StepKind.NOTE,
                Explanation.of(Rules.LINUX_SYN_LINEAR_TIMEOUTS, "replay.syn-linear-timeouts", label(client), linear)));
        if (offload != null) {
            Host sender = "client".equals(offload.endpoint()) ? client : server;
            network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.NETWORK, "replay.offload", label(sender),
                    offload.largest(), offload.wireSegments(), offload.mss(), offload.oversized()));
        }
        CaptureEvidence.ecnNegotiation(connection).ifPresent(this::ecnShown);
        noteWhatIsNotModelled();
        CaptureEvidence.acceptQueueOverflowReset(connection).ifPresent(reset -> {
            // No scenario has an application slow to call accept(): the capture shows one, so the replayed listener's
            // accept queue is full from the start, as it was when the reset went.
            server.setAcceptQueue(AcceptQueue.FULL_ABORT_ON_OVERFLOW);
            network.recordNote(server, StepKind.NOTE, Explanation.of(Rules.ACCEPT_QUEUE, "replay.accept-queue-full-reset",
                    label(server)));
        });
        if (acksAsInput) {
            network.recordNote(client, StepKind.NOTE, Explanation.of(Rules.DELAYED_ACK, "replay.acks-as-input", profileName()));
        }
        if (control == CongestionControl.BBR) {
            network.recordNote(server, StepKind.NOTE, Explanation.of(Rules.LINUX_BBR, "replay.congestion-control-bbr", profileName()));
        }
        this.silentPeer = shown.silentPeer();
        this.vanishedPeer = shown.vanishedPeer();
        if (profile.probesTailLoss()) {
            // Nagle holds nothing where the capture shows it off (TCP_NODELAY); the congestion window still may.
            for (int i = 0; i < connection.segments().size(); i++) {
                evidence.writtenBeforeProbe(connection, i)
                        .filter(written -> written.heldBy() != CaptureEvidence.HeldBy.NAGLE || !shown.nagleOff())
                        .ifPresent(written -> probesWrittenBefore.put(written.previous(), written));
            }
        }
        this.maxRtoMs = params.maxRtoMs();
        silentPeer.ifPresent(silent -> {
            Host prober = silent.proberIsClient() ? client : server;
            Host peer = prober == client ? server : client;
            network.recordNote(prober, StepKind.NOTE, Explanation.of(Rules.ZERO_WINDOW_PROBE, "replay.silent-peer", label(prober),
                    silent.probes(), label(peer)));
        });
    }

    /**
     * TCP Fast Open as the client's SYN shows it ({@link SynFastOpen}), for a profile that runs it: both ends run Fast
     * Open, and the cookies are the capture's. A SYN that brings a cookie: the client holds it, and the server gives and
     * takes it if its SYN,ACK acknowledges the SYN's data (tcp_try_fastopen took it), else the one its SYN,ACK gives. A
     * SYN that asks: the server gives the cookie its SYN,ACK carries. A SYN with data and no option: the client sends
     * without a cookie, and the server needs none if it took the data. Told once.
     */
    private void fastOpenShown() {
        Optional<SynFastOpen> shown = SynFastOpen.of(connection);
        if (shown.isEmpty()) {
            return;
        }
        SynFastOpen fastOpen = shown.get();
        TcpParams clientParams = client.params().toBuilder().fastOpen(fastOpen.client()).build();
        if (!profile.runsFastOpen(clientParams)) {
            return;
        }
        client.setParams(clientParams);
        server.setParams(server.params().toBuilder().fastOpen(fastOpen.server()).build());
        if (fastOpen.client() == FastOpen.NO_COOKIE) {
            network.recordNote(client, StepKind.NOTE, Explanation.of(Rules.FAST_OPEN, fastOpen.taken()
                    ? "replay.fast-open-no-cookie" : "replay.fast-open-no-cookie-left", label(client), fastOpen.synData(), label(server)));
            return;
        }
        if (!fastOpen.cookie().isEmpty()) {
            client.fastOpenCookieReceived(server.address(), fastOpen.cookie());
        }
        String issued = fastOpen.taken() ? fastOpen.cookie() : fastOpen.synAckCookie();
        if (!issued.isEmpty()) {
            server.issueFastOpenCookie(issued);
        }
        network.recordNote(client, StepKind.NOTE, Explanation.of(Rules.FAST_OPEN, fastOpen.cookie().isEmpty()
                ? "replay.fast-open-request" : "replay.fast-open-cookie", label(client), fastOpen.cookie(), fastOpen.synData()));
    }

    /**
     * Urgent data (the URG bit and its pointer, send(..., MSG_OOB)) and data carried by a SYN (TCP Fast Open) where the
     * profile runs no Fast Open, told once per end that sent them. The replay leaves URG out of its segments and compares
     * the rest; a SYN's data the profile cannot send (its SYN carries none), so what follows from it is told as departures.
     */
    private void noteWhatIsNotModelled() {
        for (Host host : ends()) {
            boolean fromClient = host == client;
            long urgent = connection.segments().stream()
                    .filter(s -> connection.fromClient(s) == fromClient && s.has(CapturedSegment.URG)).count();
            if (urgent > 0) {
                network.recordNote(host, StepKind.NOTE, Explanation.of(ReplayRules.URGENT, "replay.urgent-not-modelled", label(host), urgent));
            }
            connection.segments().stream()
                    .filter(s -> connection.fromClient(s) == fromClient && Flags.has(s.flags(), Flags.SYN) && s.payloadLength() > 0)
                    .filter(s -> !profile.runsFastOpen(host.params()))
                    .findFirst()
                    .ifPresent(syn -> network.recordNote(host, StepKind.NOTE, Explanation.of(ReplayRules.SYN_DATA, "replay.syn-data-not-modelled",
                            label(host), syn.payloadLength())));
        }
    }

    /**
     * ECN asked for on the SYNs: the client has net.ipv4.tcp_ecn 1 (only 1 asks), and a server that answered agrees at the
     * default 2 or declines with 0, so that the engine negotiates as the capture did; ECE and CWR are then compared like
     * the other flags, and the capture's CE marks reach the receiver with the segments they are on. Told once.
     */
    private void ecnShown(CaptureEvidence.EcnNegotiation ecn) {
        client.setParams(client.params().toBuilder().ecn(1).build());
        if (ecn.answer() != CaptureEvidence.EcnAnswer.UNANSWERED && server != client) {
            server.setParams(server.params().toBuilder().ecn(ecn.answer() == CaptureEvidence.EcnAnswer.AGREED ? 2 : 0).build());
        }
        Phrase marks = ecn.markedSegments() > 0 ? Phrase.of("replay.ecn-marks", ecn.markedSegments()) : Phrase.of("replay.ecn-no-marks");
        String answer = switch (ecn.answer()) {
            case AGREED -> "replay.ecn-agreed";
            case DECLINED -> "replay.ecn-declined";
            case UNANSWERED -> "replay.ecn-unanswered";
        };
        network.recordNote(client, StepKind.NOTE, Explanation.of(ReplayRules.ECN, answer, Phrase.of("replay.ecn-asked", label(client)),
                label(server), marks, Phrase.of("replay.ecn-modelled")));
    }

    /** The replayed ends: client and server, or the one socket of a self-connection ({@link CapturedConnection#selfConnected}). */
    private List<Host> ends() {
        return client == server ? List.of(client) : List.of(client, server);
    }

    private void readsOnCall(Host host, CaptureEvidence.UnreadSign sign) {
        host.setReadMode(ReadMode.ON_CALL);
        network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.NETWORK, sign.messageKey(), label(host)));
    }

    /** One captured connection replayed against a profile, explained in the chosen language; {@code title} per language code. */
    public static Rebuilt rebuild(CapturedConnection captured, Profile profile, Language language, Map<String, String> title) {
        return rebuild(captured, profile, language, title, KeptRoundTrips.NONE);
    }

    /**
     * The same, its two ends keeping the round trips the capture's earlier connections left them ({@link KeptRoundTrips}),
     * unless a replay that keeps none departs less: a capture does not show net.ipv4.tcp_no_metrics_save, and with it
     * set the kernel keeps nothing (docs/linux-captures.md §136, metrics-s136/rtt-nosave).
     */
    public static Rebuilt rebuild(CapturedConnection captured, Profile profile, Language language, Map<String, String> title,
                                  KeptRoundTrips kept) {
        Rebuilt keeping = rebuildKeeping(captured, profile, language, title, kept);
        if (kept.equals(KeptRoundTrips.NONE) || departures(keeping) == 0) {
            return keeping;
        }
        Rebuilt fresh = rebuildKeeping(captured, profile, language, title, KeptRoundTrips.NONE);
        return departures(fresh) < departures(keeping) ? fresh : keeping;
    }

    private static Rebuilt rebuildKeeping(CapturedConnection captured, Profile profile, Language language,
                                          Map<String, String> title, KeptRoundTrips kept) {
        // Compared as the wire carried it: segments merged by GRO or not yet cut by TSO/GSO are cut to the MSS first.
        CapturedConnection connection = SegmentOffload.onTheWire(captured);
        if (connection.segments().size() > MAX_SEGMENTS) {
            throw new CaptureFormatException(words -> words.capture_too_many_segments(connection.segments().size(), MAX_SEGMENTS));
        }
        SegmentOffload offload = SegmentOffload.of(captured).orElse(null);
        Reading reading = Reading.of(connection);
        Map<Integer, Integer> writeRuns = CaptureEvidence.writeRuns(connection);
        Rebuilt underCubic = replayWrites(connection, reading, offload, profile, language, CongestionControl.CUBIC, writeRuns, title, kept);
        int departures = departures(underCubic);
        if (departures == 0 || !profile.runsCongestionControl(CongestionControl.BBR)) {
            return underCubic;
        }
        Rebuilt underBbr = replayWrites(connection, reading, offload, profile, language, CongestionControl.BBR, writeRuns, title, kept);
        return departures(underBbr) < departures ? underBbr : underCubic;
    }

    /**
     * The replay under one congestion control with each run of data the capture shows inferred as one write
     * ({@link CaptureEvidence#writeRuns}: a program that wrote 1 MB once is replayed as one send, not as a send per
     * segment), each write queued whole, kept unless a writing end departs and another replay departs less: the runs
     * written into the send buffer, whose writes wait for room as the kernel's did where it pushed a write's tail alone
     * ({@link Host#writeIntoSendBuffer}, docs/linux-captures.md §86), or a write per segment (a sender that sends a run
     * sooner than the capture shows wrote it in parts). Only a writer's departures can come from its writes (the other
     * end takes the captured segments whatever the writer's calls), so only then are the other replays run.
     */
    private static Rebuilt replayWrites(CapturedConnection connection, Reading reading, SegmentOffload offload, Profile profile,
                                        Language language, CongestionControl control, Map<Integer, Integer> writeRuns,
                                        Map<String, String> title, KeptRoundTrips kept) {
        Rebuilt whole = new CaptureReplay(connection, reading, offload, profile, language, control, writeRuns, false).keeping(kept).run(title);
        Set<String> writers = writeRuns.keySet().stream()
                .map(index -> connection.fromClient(connection.segments().get(index)) ? "client" : "server")
                .collect(Collectors.toSet());
        boolean writerDeparts = whole.trace().steps().stream()
                .anyMatch(step -> step.kind() == StepKind.DEVIATION && writers.contains(step.endpoint()));
        if (!writerDeparts) {
            return whole;
        }
        Rebuilt best = whole;
        if (profile.limitsWritesBySendBuffer()) {
            Rebuilt buffered = new CaptureReplay(connection, reading, offload, profile, language, control, writeRuns, true).keeping(kept).run(title);
            best = departures(buffered) < departures(best) ? buffered : best;
        }
        if (departures(best) == 0) {
            return best;
        }
        Rebuilt perSegment = new CaptureReplay(connection, reading, offload, profile, language, control, Map.of(), false).keeping(kept).run(title);
        return departures(best) <= departures(perSegment) ? best : perSegment;
    }

    /**
     * What the replay of one connection leaves in its two ends' TCP metrics when they held {@code kept} before it: the
     * whole-writes replay under CUBIC ({@link #replayWrites}'s first).
     */
    static KeptRoundTrips roundTripsLeft(CapturedConnection captured, Profile profile, KeptRoundTrips kept) {
        CapturedConnection connection = SegmentOffload.onTheWire(captured);
        if (connection.segments().size() > MAX_SEGMENTS) {
            return kept;
        }
        CaptureReplay replay = wholeWritesUnderCubic(captured, connection, profile, kept);
        replay.run(Map.of());
        return KeptRoundTrips.left(replay.client, replay.server);
    }

    /** The trace of that one replay, no other congestion control, writes or cache tried (for a test's quick look). */
    static Trace wholeWritesTrace(CapturedConnection captured, Profile profile, KeptRoundTrips kept) {
        return wholeWritesUnderCubic(captured, SegmentOffload.onTheWire(captured), profile, kept).run(Map.of()).trace();
    }

    private static CaptureReplay wholeWritesUnderCubic(CapturedConnection captured, CapturedConnection connection,
                                                       Profile profile, KeptRoundTrips kept) {
        return new CaptureReplay(connection, Reading.of(connection), SegmentOffload.of(captured).orElse(null),
                profile, Language.EN, CongestionControl.CUBIC, CaptureEvidence.writeRuns(connection), false).keeping(kept);
    }

    private CaptureReplay keeping(KeptRoundTrips kept) {
        kept.seed(client, server);
        return this;
    }

    /**
     * How many departures a replay found. A capture does not say which congestion control its sender ran (a host's
     * default, net.ipv4.tcp_congestion_control, or TCP_CONGESTION on the socket): the replay runs CUBIC, Linux's
     * default, and where that departs, BBR (the default of some distributions and of this project's capture machine),
     * keeping BBR only when it departs less, so a capture is held to the one that explains more of it; either way a
     * sender that sends more than both allow is still a departure.
     */
    private static int departures(Rebuilt rebuilt) {
        return (int) rebuilt.trace().steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).count();
    }

    private Rebuilt run(Map<String, String> title) {
        if (evidence.spoofedClient()) {
            network.recordNote(client, StepKind.NOTE, Explanation.of(Rules.NETWORK, "replay.spoofed", connection.client()));
        }
        // The server was listening before the capture began, unless it opened actively (its first segment is a
        // bare SYN: a simultaneous open) or all it ever sent is a reset (connection refused).
        CapturedSegment serverFirst = connection.segments().stream()
                .filter(s -> !connection.fromClient(s) && !Flags.has(s.flags(), Flags.RST)).findFirst().orElse(null);
        if (serverFirst != null && !(Flags.has(serverFirst.flags(), Flags.SYN) && !Flags.has(serverFirst.flags(), Flags.ACK))) {
            network.schedule(0, () -> infer(server, Call.LISTEN, null));
        }
        // Each segment is replayed when its sender sent it (the capture's time, moved by the one-way delay for the
        // end the capture was not taken at). Segments sent at the same moment were on the wire together (they may
        // cross, as the FINs of a simultaneous close do): every sender acts first, then the network carries them.
        Map<Long, List<Integer>> bySendTime = new java.util.TreeMap<>();
        long end = 0;
        // A segment the network delayed is sent just before the first one that overtook it.
        for (int i : duplicatesAndDelays.sendingOrder()) {
            long sentAt = sentAtMs(i);
            bySendTime.computeIfAbsent(sentAt, at -> new ArrayList<>()).add(i);
            end = Math.max(end, sentAt);
        }
        writtenBehindShutWindow();
        // A copy the network made after the capture point reaches its receiver when that end sent its captured answer.
        duplicatesAndDelays.unseenCopies().forEach((answer, copied) -> network.schedule(sentAtMs(answer), () -> unseenCopy(copied)));
        // Due before the segment its reset answers arrives, and so before any send of that moment.
        forgotten.filter(reset -> !reset.inSynSent()).ifPresent(reset -> network.schedule(
                arrivesAtMs(reset.answeredIndex()), () -> forgot(reset)));
        CaptureEvidence.ClosedListener.of(connection).ifPresent(closed -> network.schedule(
                arrivesAtMs(closed.answeredIndex()), this::listenerClosed));
        bySendTime.forEach((at, batch) -> {
            boolean behindATail = writtenBehindAShortTail(at, batch);
            List<List<Integer>> waves = behindATail ? waves(batch) : sentBeforeTheArrival(at, waves(batch));
            network.schedule(at, acknowledgesArrivalAt(at, waves.get(0)) || behindATail
                    // Scheduled again at the same moment, so that it comes after the deliveries already due then.
                    ? () -> network.schedule(at, () -> replayWaves(at, waves, 0))
                    : () -> replayWaves(at, waves, 0));
        });
        network.runUntil(end + TOLERANCE_MS);
        // A give-up the capture implies comes after its last segment, when the prober's next probe (or the sender's next
        // retransmission) would be due.
        Optional<Boolean> giverUpIsClient = silentPeer.map(CaptureEvidence.SilentPeer::proberIsClient)
                .or(() -> vanishedPeer.map(CaptureEvidence.VanishedPeer::senderIsClient));
        if (giverUpIsClient.isPresent()) {
            Host giverUp = giverUpIsClient.get() ? client : server;
            boolean more = true;
            while (more && giverUp.displayState() != TcpState.CLOSED && network.now() <= end + maxRtoMs) {
                more = network.runNextMoment();
            }
        }
        for (Host host : ends()) {
            reportUnmatched(host);
            reportAllMissing(host);
        }
        Map<String, TraceEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("client", new TraceEndpoint(client.address().address(), client.address().port(), Integer.toUnsignedLong(connection.isn(true))));
        endpoints.put("server", new TraceEndpoint(server.address().address(), server.address().port(), Integer.toUnsignedLong(connection.isn(false))));
        Map<String, String> finalStates = new LinkedHashMap<>();
        finalStates.put("client", client.displayState().name());
        finalStates.put("server", server.displayState().name());
        TraceFold.Folded folded = log.fold();
        Trace trace = new Simulation("capture", title, profile.wireName(), 1, endpoints, folded.segments(), folded.steps(),
                finalStates, folded.synQueueCapacity(endpoint -> network.host(endpoint).synQueueCapacity())).render(language);
        return new Rebuilt(trace, InferredScenario.of(connection, evidence, duplicatesAndDelays, profile, control, inferred.actions(), silentFromMs(),
                CaptureEvidence.vanishedPeer(connection).map(vanished -> sentAtMs(vanished.firstLost())).orElse(null), title), offload);
    }

    /**
     * The segments one millisecond of the capture holds, cut where one answers another of them: on a link with a
     * round trip well under a millisecond (a veth pair, loopback, a LAN) a whole handshake, request and reply fall
     * into one millisecond, yet each answer was sent after what it acknowledges had arrived. Segments that only
     * cross, as the FINs of a simultaneous close do, stay in one wave. Where the pure ACKs are the capture's
     * ({@link #takenAsInput}), a segment captured after one of them comes after it too: on one host ({@link #oneHost})
     * always, as the capture's order is each end's; else where it needed the window that ACK offered
     * ({@link #usesWindowOf}), for a capture taken at one end of a link sees the other end's segments only on arrival.
     */
    private List<List<Integer>> waves(List<Integer> batch) {
        List<List<Integer>> waves = new ArrayList<>();
        List<Integer> wave = new ArrayList<>();
        for (int index : batch) {
            CapturedSegment segment = connection.segments().get(index);
            boolean answers = wave.stream().anyMatch(earlier -> {
                CapturedSegment other = connection.segments().get(earlier);
                // A segment taken only after this one of its receiver's (takenAfter) arrives before anything later is sent.
                return takenAfter.containsValue(earlier) || peers(other, segment)
                        && (answers(segment, other) || completesHandshakeFor(other, index)
                        || acksAsInput && (oneHost ? isPureAck(other.flags(), other.payloadLength())
                        : usesWindowOf(segment, earlier)));
            });
            if (answers) {
                waves.add(wave);
                wave = new ArrayList<>();
            }
            wave.add(index);
        }
        waves.add(wave);
        return waves;
    }

    /**
     * Whether the receiver of one captured segment sent the other: they come from the two ends, or from a socket connected
     * to itself ({@link CapturedConnection#selfConnected}), which receives all it sends.
     */
    private boolean peers(CapturedSegment one, CapturedSegment other) {
        return connection.selfConnected() || connection.fromClient(one) != connection.fromClient(other);
    }

    /**
     * Whether {@code ack} acknowledges the SYN of the end that sends the segment at {@code index}, and that segment is
     * the first this end sends after its SYN: a Linux end sends nothing but its SYN (or SYN,ACK) before its SYN is
     * acknowledged (a listener's request socket becomes a connection only on that ACK, tcp_check_req(), and only then
     * does accept() return and the server's application write, RFC 9293 §3.10.7.4), so the segment left after that
     * ACK arrived. A server that speaks first after its handshake's ACK was lost shows it: its SYN,ACK sent again, the
     * client's second ACK and the server's greeting within one millisecond.
     */
    private boolean completesHandshakeFor(CapturedSegment ack, int index) {
        CapturedSegment segment = connection.segments().get(index);
        boolean fromClient = connection.fromClient(segment);
        if (!Flags.has(ack.flags(), Flags.ACK) || Flags.has(segment.flags(), Flags.SYN) || connection.syn(fromClient).isEmpty()
                || ack.ack() != connection.isn(fromClient) + 1) {
            return false;
        }
        for (int i = 0; i < index; i++) {
            CapturedSegment earlier = connection.segments().get(i);
            if (connection.fromClient(earlier) == fromClient && !Flags.has(earlier.flags(), Flags.SYN)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the captured segment reaches past the right edge its peer offered before the pure ACK at {@code ackIndex}:
     * it could leave only once that ACK's window had arrived (RFC 9293 §3.8.6; tcp_snd_wnd_test), so it is judged given
     * that window. A segment within the window offered before is replayed in the capture's wave, as everywhere else.
     */
    private boolean usesWindowOf(CapturedSegment segment, int ackIndex) {
        CapturedSegment ack = connection.segments().get(ackIndex);
        if (!isPureAck(ack.flags(), ack.payloadLength()) || connection.rightEdge(ack).isEmpty()) {
            return false;
        }
        return connection.previousAck(ackIndex)
                .filter(before -> Seq.gt(segment.seq() + segment.payloadLength(), connection.rightEdge(before).getAsInt()))
                .isPresent();
    }

    /** One wave of a millisecond replayed, then the next at the same moment, after the deliveries the wave scheduled. */
    private void replayWaves(long at, List<List<Integer>> waves, int next) {
        replay(waves.get(next));
        if (next + 1 < waves.size()) {
            network.schedule(at, () -> replayWaves(at, waves, next + 1));
        } else {
            // After the last wave's deliveries: an ACK is taken within the moment it arrived, at the latest.
            network.schedule(at, () -> ends().forEach(this::takeHeldAcks));
        }
    }

    /**
     * Whether {@code answer} was sent after {@code earlier} (from the other end) arrived: it acknowledges all that
     * segment occupies of the sequence space, or it is the bare reset that answers it as one for no connection,
     * {@code <SEQ=SEG.ACK><CTL=RST>} (RFC 9293 §3.10.7.1; Linux's reset of data after close()).
     */
    private static boolean answers(CapturedSegment answer, CapturedSegment earlier) {
        int occupied = CaptureEvidence.occupiedLength(earlier);
        boolean acknowledges = Flags.has(answer.flags(), Flags.ACK) && occupied > 0 && Seq.ge(answer.ack(), earlier.seq() + occupied);
        boolean resets = answer.flags() == Flags.RST && Flags.has(earlier.flags(), Flags.ACK) && answer.seq() == earlier.ack();
        return acknowledges || resets;
    }

    /**
     * Whether a segment of the batch acknowledges one that reaches its sender in the same millisecond: it was sent
     * after that arrival (the capture's times, cut to whole milliseconds, cannot tell the two apart), so the arrival
     * is replayed first. Segments that merely meet on the way, as the FINs of a simultaneous close do, keep their
     * order: neither acknowledges the other.
     */
    private boolean acknowledgesArrivalAt(long at, List<Integer> batch) {
        return batch.stream().anyMatch(index -> peerArrivesAt(at, index,
                earlier -> answers(connection.segments().get(index), earlier)));
    }

    /**
     * The waves with the first one cut before the first arrival of its moment that a segment of it acknowledges,
     * where segments of it were captured before that arrival: captured at either end, such a segment left before the
     * arrival (at the receiver of the arrival, its capture came first; at its sender, it had reached that end before
     * the arrival left), as its ACK number, RCV.NXT when sent (RFC 9293 §3.10.7.4; Linux __tcp_transmit_skb), shows.
     * So these are replayed first, and the rest after the arrival: a client's FIN 59 µs before the server's reaches it
     * in a simultaneous close, then its ACK of that FIN (sweep-s128's relay-simultaneous-close-client), is a close()
     * in ESTABLISHED (tcp_close_state: FIN-WAIT-1), not in CLOSE-WAIT.
     */
    private List<List<Integer>> sentBeforeTheArrival(long at, List<List<Integer>> waves) {
        List<Integer> first = waves.get(0);
        OptionalInt arrival = first.stream().flatMapToInt(index -> IntStream.range(0, index)
                .filter(i -> connection.fromClient(connection.segments().get(i)) != connection.fromClient(connection.segments().get(index))
                        && arrivesAtMs(i) == at && answers(connection.segments().get(index), connection.segments().get(i)))).min();
        int lead = 0;
        while (arrival.isPresent() && first.get(lead) < arrival.getAsInt()) {
            lead++;
        }
        if (lead == 0) {
            return waves;
        }
        List<List<Integer>> cut = new ArrayList<>(List.of(first.subList(0, lead), first.subList(lead, first.size())));
        cut.addAll(waves.subList(1, waves.size()));
        return cut;
    }

    /** Whether a segment of {@code index}'s peer, earlier in the capture and {@code which}, reaches it at {@code at}. */
    private boolean peerArrivesAt(long at, int index, Predicate<CapturedSegment> which) {
        boolean fromClient = connection.fromClient(connection.segments().get(index));
        return IntStream.range(0, index).anyMatch(i -> connection.fromClient(connection.segments().get(i)) != fromClient
                && arrivesAtMs(i) == at && which.test(connection.segments().get(i)));
    }

    /**
     * Whether the batch holds data that follows its sender's segment shorter than the MSS of the same millisecond, at a
     * sender that segments of its peer reach in that millisecond too: the short segment was a write's tail sent alone,
     * so the next write came only after it had left (tcp_sendmsg_locked appends a write to the unsent tail skb, which
     * would then have left full), and it left when an ACK let it go (nginx's sendfile: a call ends where the send
     * buffer is full, the next comes once ACKs freed room). The replay's queue, written first, would fill the tail
     * from the next write, so the arrivals of that millisecond are replayed first (docs/linux-captures.md §91). A FIN
     * sent alone right behind such a tail says the same of close(): tcp_send_fin puts the FIN on an unsent tail skb, so
     * close() came only after the tail had left on an ACK (§112).
     */
    private boolean writtenBehindAShortTail(long at, List<Integer> batch) {
        for (int index : batch) {
            CapturedSegment tail = connection.segments().get(index);
            boolean fromClient = connection.fromClient(tail);
            int end = tail.seq() + tail.payloadLength();
            boolean shortTail = tail.payloadLength() > 0 && !Flags.has(tail.flags(), Flags.FIN)
                    && tail.payloadLength() < CaptureEvidence.sendMss(connection, fromClient);
            boolean followed = shortTail && batch.stream().map(connection.segments()::get)
                    .anyMatch(next -> connection.fromClient(next) == fromClient && next.seq() == end
                            && (next.payloadLength() > 0 || Flags.has(next.flags(), Flags.FIN)));
            if (followed && peerArrivesAt(at, index, earlier -> true)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Data written while the peer's window was shut shows first as zero-window probes (Linux's: no data, SND.UNA - 1;
     * RFC 9293 §3.8.6.1) and only later as data, once the window opens. The application had written it when the ACK
     * that shut the window reached the sender, since its persist timer ran from then: the replay infers that write
     * then, of the new data sent at the first moment the window let it go (what waited; anything later it infers as
     * usual).
     */
    private void writtenBehindShutWindow() {
        List<CapturedSegment> segments = connection.segments();
        Integer shutBy = null;
        Waiting waiting = null;
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            if (segment.payloadLength() > 0 || Flags.has(segment.flags(), Flags.SYN)) {
                continue;
            }
            boolean fromClient = connection.fromClient(segment);
            boolean byShutter = shutBy != null && connection.fromClient(segments.get(shutBy)) == fromClient;
            if (segment.window() == 0 && Flags.has(segment.flags(), Flags.ACK) && shutBy == null) {
                shutBy = i;
                waiting = null;
            } else if (segment.window() > 0 && byShutter) {
                if (waiting != null && waiting.finIndex() != null) {
                    closedWhileWaiting(fromClient ? server : client, waiting.finIndex(), arrivesAtMs(i));
                }
                shutBy = null;
            } else if (shutBy != null && !byShutter && waiting == null && segment.flags() == Flags.ACK
                    && segment.seq() + 1 == segments.get(shutBy).ack()) {
                waiting = waitingAfter(fromClient, segment.seq() + 1, i);
                // A probe means data waits; where the capture never shows it sent, the replay takes one byte.
                int bytes = Math.max(1, waiting.bytes());
                {
                    Host sender = fromClient ? client : server;
                    long at = arrivesAtMs(shutBy);
                    // Scheduled again at the same moment, so that it comes after the ACK's delivery.
                    network.schedule(at, () -> network.schedule(at, () -> infer(sender, Call.SEND, bytes)));
                }
            }
        }
    }

    /**
     * The FIN on the last of the data that waited behind a shut window: the application closed while that data was
     * still queued, for the kernel puts the FIN on the last segment not yet sent (tcp_send_fin; a FIN after data
     * already sent goes on its own). When, between the write and the window's opening, the capture cannot show: the
     * replay closes as the window update arrives, before it lets the data go, and says so.
     */
    private void closedWhileWaiting(Host sender, int finIndex, long opensAt) {
        network.schedule(opensAt, () -> {
            network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.CLOSE, "replay.closed-while-waiting", label(sender)));
            inferClosing(sender, finIndex);
        });
    }

    /** What waited behind a shut window: its bytes, and the index of the FIN on its last segment (null without one). */
    private record Waiting(int bytes, Integer finIndex) {
    }

    /** The new data (from {@code from} on) one end sends at the first moment it sends any after {@code probe}. */
    private Waiting waitingAfter(boolean fromClient, int from, int probe) {
        List<CapturedSegment> segments = connection.segments();
        Long first = null;
        int bytes = 0;
        Integer last = null;
        for (int i = probe + 1; i < segments.size(); i++) {
            CapturedSegment later = segments.get(i);
            if (connection.fromClient(later) != fromClient || later.payloadLength() == 0 || Seq.lt(later.seq(), from + bytes)) {
                continue;
            }
            long at = sentAtMs(i);
            // Within a millisecond: the capture's microseconds may split one burst across two of its milliseconds.
            if (first != null && at > first + 1) {
                break;
            }
            first = at;
            bytes += later.payloadLength();
            last = i;
        }
        return new Waiting(bytes, last != null && Flags.has(segments.get(last).flags(), Flags.FIN) ? last : null);
    }

    /** The moment after the silent peer's last segment before its first lost answer, on the replay's clock; null without one. */
    private Long silentFromMs() {
        return silentPeer.map(silent -> {
            int last = silent.answers().get(0) - 1;
            while (connection.fromClient(connection.segments().get(last)) == silent.proberIsClient()) {
                last--;
            }
            return sentAtMs(last) + 1;
        }).orElse(null);
    }

    /** When a captured segment left its sender, on the replay's clock. */
    private long sentAtMs(int index) {
        if (duplicatesAndDelays.isDelayed(index)) {
            return sentAtMs(duplicatesAndDelays.delays().get(index));
        }
        return evidence.sentAtMs(connection.fromClient(connection.segments().get(index)), capturedMs(index)) + tickOffsetMs;
    }

    /** When it reached the other end, on the replay's clock. */
    private long arrivesAtMs(int index) {
        return evidence.arrivesAtMs(connection.fromClient(connection.segments().get(index)), capturedMs(index)) + tickOffsetMs;
    }

    /** The capture's time from one segment to a later one, in whole milliseconds, rounded. */
    private long millisBetween(int earlier, int later) {
        return Math.round((connection.segments().get(later).timeMicros() - connection.segments().get(earlier).timeMicros()) / 1000.0);
    }

    /** The capture's time of a segment, in milliseconds from the first one. */
    private long capturedMs(int index) {
        return (connection.segments().get(index).timeMicros() - connection.segments().get(0).timeMicros()) / 1000;
    }

    /** Captured segments sent at one moment: each sender's inferred calls and the comparison, then their fate. */
    private void replay(List<Integer> batch) {
        List<Integer> indices = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (int index : batch) {
            CapturedSegment captured = connection.segments().get(index);
            Host sender = connection.fromClient(captured) ? client : server;
            Host receiver = sender == client ? server : client;
            // A spoofed source is no endpoint: its SYN is the flood's, not a call of a client's application.
            // Nor is an old duplicate: the network delivers it late; the endpoint that once sent it is elsewhere now.
            // Nor is a keep-alive probe, which the profile does not model: it is delivered and told, not compared.
            // Nor a copy of data the receiver had SACKed: the network duplicated it.
            // Nor a segment its sender's stream cannot have sent then: an old duplicate, or written in its name.
            boolean keepAlive = CaptureEvidence.keepAliveProbe(connection, index);
            boolean endpoint = !(evidence.spoofedClient() && sender == client) && !oldDuplicates.containsKey(index)
                    && !keepAlive && !networkCopies.contains(index) && !stale.containsKey(index)
                    && !duplicatesAndDelays.isDuplicate(index);
            if (stale.containsKey(index) && !oldDuplicates.containsKey(index)) {
                network.recordNote(receiver, StepKind.NOTE, Explanation.of(ReplayRules.OLD_SEGMENT, stale.get(index).messageKey(), label(sender)));
            }
            if (keepAlive) {
                network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.KEEP_ALIVE, "replay.keep-alive", label(sender)));
            }
            if (networkCopies.contains(index)) {
                network.recordNote(receiver, StepKind.NOTE, Explanation.of(Rules.DSACK, "replay.network-copy", label(sender)));
            }
            if (duplicatesAndDelays.isDuplicate(index)) {
                network.recordNote(receiver, StepKind.NOTE, Explanation.of(Rules.NETWORK, "replay.network-duplicate", label(sender),
                        millisBetween(duplicatesAndDelays.duplicates().get(index), index)));
            }
            if (duplicatesAndDelays.isDelayed(index)) {
                // Without timestamps, or within one tick of their clock, only the timing tells it from a retransmission
                // (NetworkDuplicatesAndDelays.untimedDelays, noCopyCause).
                String delayed = CaptureEvidence.tsVal(captured) == null ? "replay.network-delayed.untimed"
                        : duplicatesAndDelays.delayedWithinATick(connection, index) ? "replay.network-delayed.within-tick"
                        : "replay.network-delayed";
                network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.NETWORK, delayed, label(sender),
                        millisBetween(duplicatesAndDelays.delays().get(index), index)));
            }
            if (oldDuplicates.containsKey(index)) {
                CaptureEvidence.OldDuplicate old = oldDuplicates.get(index);
                network.recordNote(receiver, StepKind.NOTE, Explanation.of(Rules.PAWS, "replay.old-duplicate", label(sender),
                        old.tsVal(), old.newestBefore()));
            }
            if (endpoint) {
                writtenBeforeFrtoAck(receiver, index);
                writtenBeforeNagleRelease(receiver, index);
                inferCalls(sender, index);
                captured.options().stream().filter(option -> option.kind() == OptionKind.TIMESTAMPS).findFirst()
                        .ifPresent(option -> kernelClockOffset.put(sender, option.tsVal() - sentAtMs(index)));
            }
            Segment segment = replayed(captured, sender, receiver);
            if (endpoint) {
                compare(sender, segment, capturedMs(duplicatesAndDelays.delays().getOrDefault(index, index)),
                        takenAsInputFrom(index));
                takeOfferedWindow(sender, captured);
                forgotten.filter(closed -> closed.inSynSent() && index == lastBefore(closed.resetIndex())).ifPresent(this::closeInSynSent);
            }
            if (evidence.losses().get(index) == null
                    && takesAckLate(segment, captured, receiver == client, arrivesAtMs(index))) {
                acksOfTheWave.get(receiver).addLast(() -> {
                    sentWithinTheWave.add(index);
                    takeHeldAcks(receiver);
                    sendOnTheWire(index, segment, sender).run();
                });
            }
            indices.add(index);
            segments.add(segment);
            compared.add(index);
        }
        acksOfTheWave.values().forEach(Deque::clear);
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Host sender = segment.src().equals(client.address()) ? client : server;
            int index = indices.get(i);
            long arrival = arrivalOf(index, sender);
            CaptureEvidence.Loss loss = evidence.losses().get(index);
            if (sentWithinTheWave.remove(index)) {
                markFateScheduled(index);
                continue;
            }
            if (loss == null) {
                Host receiver = sender == client ? server : client;
                Runnable delivery = sendOnTheWire(index, segment, sender);
                boolean late = takesAckLate(segment, connection.segments().get(index), receiver == client, arrival);
                Runnable arrive = () -> {
                    // Held unless a captured segment of its receiver already waits unexplained: it may need this ACK.
                    if (late && unmatched.get(receiver).isEmpty()) {
                        heldAcks.get(receiver).addLast(delivery);
                    } else {
                        // What the sender sent after an ACK it is held by its receiver arrives after that ACK.
                        takeHeldAcks(receiver);
                        arrivesRacingReorderingTimer(receiver, segment, delivery);
                    }
                };
                Integer after = takenAfter.get(index);
                if (after != null && !compared.contains(after)) {
                    heldUntil.computeIfAbsent(after, k -> new ArrayList<>()).add(arrive);
                    markFateScheduled(index);
                } else {
                    deliverInCapturedOrder(index, arrival, arrive);
                }
            } else {
                markFateScheduled(index);
                network.replayLoss(sender, segment, (network.now() + arrival) / 2, lossExplanation(sender, loss, index));
                if (loss.kind() == CaptureEvidence.LossKind.REJECTED) {
                    // The ICMP comes back as a segment of the far end captured then would.
                    CapturedUnreachable icmp = loss.icmp();
                    long capturedAt = (icmp.timeMicros() - connection.segments().get(0).timeMicros()) / 1000;
                    network.icmpUnreachable(segment, icmp.code(),
                            evidence.arrivesAtMs(sender != client, capturedAt) + tickOffsetMs);
                }
            }
            // What the sender of this segment had not yet taken when it left reaches it now (takenAfter).
            List<Runnable> held = heldUntil.remove(index);
            if (held != null) {
                held.forEach(arrive -> network.schedule(network.now(), arrive));
            }
        }
    }

    /**
     * A segment the network held back ({@link NetworkDuplicatesAndDelays#delays}) leaves before the segments that overtook
     * it and reaches its receiver after them, in the capture's order even within one millisecond (docs/linux-captures.md
     * §119): its arrival is scheduled once that of its sender's latest segment captured before it is.
     */
    private void deliverInCapturedOrder(int index, long arrival, Runnable arrive) {
        int before = duplicatesAndDelays.isDelayed(index) ? previousOfItsSender(index) : -1;
        if (before >= 0 && !fateScheduled.contains(before)) {
            deliveredAfter.computeIfAbsent(before, k -> new ArrayList<>()).add(() -> deliverInCapturedOrder(index, arrival, arrive));
            return;
        }
        network.schedule(arrival, arrive);
        markFateScheduled(index);
    }

    /** The index of the latest segment captured before {@code index} from the same sender; -1 if none. */
    private int previousOfItsSender(int index) {
        List<CapturedSegment> segments = connection.segments();
        int before = index - 1;
        while (before >= 0 && !CaptureEvidence.sameSender(connection, segments.get(index), segments.get(before))) {
            before--;
        }
        return before;
    }

    private void markFateScheduled(int index) {
        fateScheduled.add(index);
        List<Runnable> waiting = deliveredAfter.remove(index);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    /**
     * From when the captured segment at {@code index}, a pure ACK, may be taken as input ({@link #compare}): now, where
     * every pure ACK is ({@link #acksAsInput}); the arrival of the data a bulk receiver's ACK answered
     * ({@link #immediateBulkAcks}); else null, and it is judged.
     */
    private Long takenAsInputFrom(int index) {
        if (acksAsInput) {
            return network.now();
        }
        Integer answered = immediateBulkAcks.get(index);
        return answered == null ? null : arrivesAtMs(answered);
    }

    /**
     * When the captured segment at {@code index} reaches its receiver: as the path's delay has it, or, for data the
     * network held back in a capture taken at its sender ({@link NetworkDuplicatesAndDelays#heldAtSender}), just before
     * the receiver's answer left, which a note tells.
     */
    private long arrivalOf(int index, Host sender) {
        long onTime = arrivesAtMs(index);
        Integer answer = duplicatesAndDelays.heldAtSender().get(index);
        if (answer == null) {
            return onTime;
        }
        long arrival = Math.max(onTime, sentAtMs(answer));
        network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.NETWORK,
                duplicatesAndDelays.heldUncopied().contains(index) ? "replay.network-held.uncopied" : "replay.network-held", label(sender),
                arrival - onTime, label(sender == client ? server : client)));
        return arrival;
    }

    /**
     * Hands the captured {@code arriving} to {@code receiver}, noting the RACK copies it acknowledges within a tick after
     * the profile sent them, and whether it stopped a reordering timer due within a tick ({@link ReorderingTimerRace}).
     */
    private void arrivesRacingReorderingTimer(Host receiver, Segment arriving, Runnable delivery) {
        long now = network.now();
        expected.get(receiver).stream().filter(sent -> Rules.RACK.equals(sent.why().rule())
                        && reorderingTimerRace.overtakenCopy(receiver, sent.segment(), sent.at(), arriving, now))
                .forEach(sent -> overtakenCopies.putIfAbsent(sent, now - sent.at()));
        reorderingTimerRace.arrives(receiver, now, delivery);
    }

    /** A copy of a captured segment that the network made after the capture point, delivered now (NetworkDuplicatesAndDelays). */
    private void unseenCopy(int copied) {
        CapturedSegment captured = connection.segments().get(copied);
        Host sender = connection.fromClient(captured) ? client : server;
        Host receiver = sender == client ? server : client;
        network.inject(onEngineClock(replayed(captured, sender, receiver), receiver, network.now()),
                Explanation.of(Rules.NETWORK, "replay.network-duplicate-unseen", label(sender), label(receiver)));
    }

    /** The captured segment recorded as sent on the replay's wire; the returned action hands it to its receiver. */
    private Runnable sendOnTheWire(int index, Segment segment, Host sender) {
        Host receiver = sender == client ? server : client;
        long arrival = arrivesAtMs(index);
        return network.replaySent(sender, segment, onEngineClock(segment, receiver, arrival), arrival,
                Explanation.of(Rules.NETWORK, "capture.segment"));
    }

    /**
     * An end's tunables with the window-scale shift its own SYN offered, as the inferred scenario's
     * {@code params.<host>.windowScale} has it: the engine then chooses its windows in the units the kernel did (a
     * socket whose SO_RCVBUF was set offers 0 below 64 KiB, tcp_select_initial_window; read-late-in-two-parts).
     */
    private TcpParams withOwnShift(TcpParams params, boolean ofClient) {
        OptionalInt own = connection.offeredWindowScale(ofClient);
        return own.isPresent() ? params.toBuilder().windowScale(own.getAsInt()).build() : params;
    }

    /**
     * The window a captured segment offers is its sender's offer, and the sender accepts the data it let in: Linux
     * accepts data up to the right edge of the last window it sent (tcp_select_window sets rcv_wup to RCV.NXT and
     * rcv_wnd to that window; tcp_sequence, tcp_receive_window), and never moves that edge back. The profile's own
     * window follows its model of the receive memory, which may fall short of the kernel's: where the pure ACKs are the
     * capture's ({@link #takenAsInput}) it reads an application reading on arrival once per moment, while within one
     * tick the kernel's reader ran between arrivals (loopback: the ACK of a burst offers 9 units, its window update
     * after the read 236); on any path it may charge a segment more memory than the kernel did (a slow reader behind
     * the relay: 79 units where the kernel offered 80, so that its edge fell short of data the kernel then took and it
     * offered 0 where the kernel kept one unit open, docs/linux-captures.md §91). Either way the replayed end would
     * refuse data the capture shows its kernel offered room for. The right edge only moves on: a sender that sends
     * beyond every window its peer offered is still a departure, and so is a receiver's ACK of data it could not have
     * taken.
     */
    private void takeOfferedWindow(Host sender, CapturedSegment captured) {
        OptionalInt shift = connection.windowShift(sender == client);
        TcpConnection tcb = sender.primaryConnection();
        if (tcb == null || shift.isEmpty() || !Flags.has(captured.flags(), Flags.ACK)
                || Flags.has(captured.flags(), Flags.SYN) || Flags.has(captured.flags(), Flags.RST)) {
            return;
        }
        tcb.offered(captured.ack(), captured.window() << shift.getAsInt());
    }

    /**
     * The captured segment with its options and window, so that the receiver agrees the MSS, scaling and timestamps
     * the capture shows and is offered the window it shows. Without both SYNs the scale of a window field is
     * unknown, so the replay offers the largest unscaled window instead, which holds back no segment; a reset keeps
     * its captured field, which no receiver reads (RFC 9293 §3.10.7.4), so it is shown as the capture has it.
     */
    private Segment replayed(CapturedSegment captured, Host sender, Host receiver) {
        boolean syn = Flags.has(captured.flags(), Flags.SYN);
        OptionalInt shift = syn ? OptionalInt.of(0) : connection.windowShift(sender == client);
        boolean asCaptured = shift.isPresent() || Flags.has(captured.flags(), Flags.RST);
        return new Segment(sender.address(), receiver.address(), captured.seq(), captured.ack(), captured.engineFlags(),
                captured.payloadLength(), asCaptured ? captured.window() : UNKNOWN_SCALE_WINDOW,
                TcpOptions.fromWire(captured.options()), shift.orElse(0), captured.ecn());
    }

    /**
     * The captured segment as its receiver takes it: the TSecr moved from the receiver's kernel clock onto its engine
     * clock, by the difference of the two offsets from the replay's clock, so that the echo names the engine's
     * transmission made when the kernel's was and the profile measures the round trip from it as the kernel did (Linux
     * tcp_ack_update_rtt → tcp_rtt_tsopt_us, {@link lab.handshake.engine.Profile#samplesRttFromTimestampEcho}). The
     * trace shows the segment as captured. A TSecr of 0, or one before both of the receiver's clocks are known, is
     * left as it is. The capture's times are whole milliseconds on another clock than the kernel's, so an echo may
     * come out up to a millisecond after the receiver's clock at {@code arrival}: it is taken as that clock, since no
     * end echoes a TSval it has not yet sent.
     */
    private Segment onEngineClock(Segment segment, Host receiver, long arrival) {
        TcpOptions options = segment.options();
        TcpOptions.Timestamps timestamps = options.timestamps();
        Long kernel = kernelClockOffset.get(receiver);
        Long engine = engineClockOffset.get(receiver);
        if (timestamps == null || timestamps.echo() == 0 || kernel == null || engine == null) {
            return segment;
        }
        long echo = (timestamps.echo() - kernel + engine) & 0xFFFF_FFFFL;
        long clockAtArrival = (engine + arrival) & 0xFFFF_FFFFL;
        if ((int) (echo - clockAtArrival) > 0) {
            echo = clockAtArrival;
        }
        return segment.withOptions(options.withTimestamps(new TcpOptions.Timestamps(timestamps.value(), echo)));
    }

    private Explanation lossExplanation(Host sender, CaptureEvidence.Loss loss, int index) {
        long resentMs = (loss.resentAtMicros() - connection.segments().get(0).timeMicros()) / 1000;
        Host receiver = sender == client ? server : client;
        // What a client sends to a listener still in SYN-RECEIVED may also have arrived and met a full accept queue.
        TcpConnection half = server.primaryConnection();
        boolean toHalfOpen = sender == client && half != null && half.state() == TcpState.SYN_RECEIVED && half.passiveOpen();
        String halfOpen = toHalfOpen ? ".half-open" : "";
        return switch (loss.kind()) {
            case COPY -> Explanation.of(Rules.NETWORK, loss.kind().messageKey() + halfOpen, label(sender), resentMs);
            case ANSWER -> Explanation.of(Rules.NETWORK, loss.kind().messageKey() + halfOpen, label(receiver), resentMs);
            case UPDATE_UNHEARD, PROBE_ANSWER_UNHEARD, RESET_UNHEARD -> Explanation.of(Rules.NETWORK, loss.kind().messageKey(), label(receiver), resentMs);
            case UNANSWERED -> Explanation.of(Rules.NETWORK, loss.kind().messageKey(), label(receiver));
            case REJECTED -> Explanation.of(Rules.NETWORK, loss.kind().messageKey(), label(receiver),
                    loss.icmp().code().phrase());
            case SPOOFED -> Explanation.of(Rules.NETWORK, loss.kind().messageKey(), connection.client());
            case NEVER_ACCEPTED -> Explanation.of(Rules.NETWORK, loss.kind().messageKey(), label(receiver));
            case PEER_VANISHED -> Explanation.of(Rules.NETWORK, loss.kind().messageKey(), label(sender), label(receiver));
            case KEEP_ALIVE_UNANSWERED -> Explanation.of(Rules.KEEP_ALIVE, loss.kind().messageKey(), label(sender), label(receiver));
        };
    }

    /**
     * An ACK of a timeout's retransmission reaches a sender F-RTO is testing, and the capture shows that sender's new
     * data next: it was written before the ACK came, as F-RTO sends new data on that ACK only if some waits (RFC 5682
     * §3.1 step 2.b; Linux tcp_process_loss, REXMIT_NEW). The writes are all the new data the sender sends in a row,
     * the peer's pure ACKs (duplicate ACKs racing it) between, until it sends anything else.
     */
    private void writtenBeforeFrtoAck(Host receiver, int index) {
        TcpConnection tcb = receiver.primaryConnection();
        CapturedSegment ack = connection.segments().get(index);
        if (tcb == null || !tcb.frtoAwaitsAck() || !Flags.has(ack.flags(), Flags.ACK) || !Seq.gt(ack.ack(), tcb.sndUna())
                || (tcb.state() != TcpState.ESTABLISHED && tcb.state() != TcpState.CLOSE_WAIT)) {
            return;
        }
        int end = behindWrites.writtenEnd(receiver, tcb);
        int bytes = 0;
        List<CapturedSegment> segments = connection.segments();
        for (int i = index + 1; i < segments.size(); i++) {
            CapturedSegment next = segments.get(i);
            boolean fromSender = connection.fromClient(next) != connection.fromClient(ack);
            if (fromSender && next.seq() == end + bytes && next.payloadLength() > 0) {
                bytes += next.payloadLength();
            } else if (fromSender || next.payloadLength() > 0 || !Flags.has(next.flags(), Flags.ACK)) {
                break;
            }
        }
        if (bytes > 0) {
            infer(receiver, Call.SEND, bytes);
        }
    }

    /**
     * Data its receiver wrote while Nagle held it behind its small segment, which the peer's data segment at
     * {@code index} acknowledges ({@link CaptureEvidence#writtenBeforeNagleRelease}): written by the time that segment
     * left, where the replayed receiver would ACK its text at once and Nagle holds the write, so that the data leaves
     * on the segment's arrival carrying that ACK, and no pure ACK goes first (docs/linux-captures.md §129). Elsewhere
     * the write is taken when the data shows.
     */
    private void writtenBeforeNagleRelease(Host receiver, int index) {
        TcpConnection tcb = receiver.primaryConnection();
        CapturedSegment release = connection.segments().get(index);
        if (tcb == null || (tcb.state() != TcpState.ESTABLISHED && tcb.state() != TcpState.CLOSE_WAIT)
                || !tcb.acksNextDataAtOnce() || behindWrites.writtenEnd(receiver, tcb) != release.ack()) {
            return;
        }
        int bytes = CaptureEvidence.writtenBeforeNagleRelease(connection, index);
        if (bytes > 0 && tcb.nagleWouldHold(bytes)) {
            infer(receiver, Call.SEND, bytes);
        }
    }

    private void inferCalls(Host sender, int index) {
        CapturedSegment captured = connection.segments().get(index);
        TcpConnection connection = sender.primaryConnection();
        TcpState state = connection == null ? TcpState.CLOSED : connection.state();
        int flags = captured.flags();
        if (connection == null && Flags.has(flags, Flags.SYN) && !Flags.has(flags, Flags.ACK) && !sender.listening()) {
            infer(sender, Call.CONNECT, null);
            if (captured.payloadLength() > 0) {
                // Data in the SYN (TCP Fast Open): written at once, as sendto(MSG_FASTOPEN) or a write after connect()
                // with TCP_FASTOPEN_CONNECT does (RFC 7413 §4.2.1).
                infer(sender, Call.SEND, captured.payloadLength());
            }
            writtenWhileConnecting.ifPresent(bytes -> {
                network.recordNote(sender, StepKind.NOTE, Explanation.of(ReplayRules.WRITE_PENDING, "replay.written-while-connecting",
                        label(sender), bytes));
                infer(sender, Call.SEND, bytes);
            });
            return;
        }
        boolean canSend = state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT;
        // Data wholly below SND.NXT was written and sent before: a retransmission, which the state machine sends on
        // its own, perhaps a moment after the ACK that lets it go (data-burst-rto: each round of the recovery). Data
        // the application wrote that waits behind a shut window (writtenBehindShutWindow) goes likewise once the
        // window update that lets it go arrives, which the capture may show a moment before this segment.
        int writtenEnd = connection == null ? 0 : behindWrites.writtenEnd(sender, connection);
        boolean writtenBefore = connection != null && Seq.le(captured.seq() + captured.payloadLength(), writtenEnd);
        if (captured.payloadLength() > 0 && canSend && !writtenBefore && !alreadyExpected(sender, captured)) {
            Integer runEnd = writeRuns.get(index);
            int bytes = runEnd == null ? captured.payloadLength() : runEnd - writtenEnd;
            if (runEnd != null && corkedTail(connection, index, runEnd, bytes)) {
                // Held until the FIN, which is inferred when it shows: the close() the program made then takes the tail.
                network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.CORK, "replay.corked-tail", label(sender),
                        bytes, CaptureEvidence.sendMss(this.connection, sender == client), profileName()));
                infer(sender, Call.SEND, bytes, SendFlags.MORE);
            } else {
                infer(sender, Call.SEND, bytes);
                if (runEnd != null) {
                    closedAfterWriting(sender, index, runEnd);
                }
            }
        }
        // New data a loss probe sent was written by the time the data before it left, where Nagle held it then or the
        // replayed sender's congestion window was full (else the write would have gone at once: it came later); or
        // where its room cut the packet the data made, which waits for the ACK due (tcp_tso_should_defer), if the
        // replayed sender's probe is due by the captured one: else the write is taken when the data left, as before.
        CaptureEvidence.WrittenBeforeProbe probe = probesWrittenBefore.get(index);
        if (probe != null && canSend && (probe.heldBy() == CaptureEvidence.HeldBy.NAGLE || connection.congestionWindowFull()
                || connection.writeDeferredByCongestionWindow(probeBytes(probe)) && probeDueBy(connection, probe))) {
            infer(sender, Call.SEND, probeBytes(probe));
        }
        if (CaptureEvidence.windowUpdate(this.connection, index) || offersRoomOfARead(sender, captured)) {
            readShownByWindow(sender, connection, index);
        } else if (acksARead(sender, captured) && !nextOfferKeepsUnread(sender, connection, index)) {
            readWaiting(sender, connection);
        }
        if (Flags.has(flags, Flags.FIN) && !state.hasClosedSending() && state != TcpState.CLOSED
                && state != TcpState.SYN_SENT && !alreadyExpected(sender, captured)) {
            inferClosing(sender, index);
        }
        if (Flags.has(flags, Flags.RST) && connection != null) {
            // A bare reset answers a segment (<SEQ=SEG.ACK><CTL=RST>, tcp_v4_send_reset): a pure ACK held for its
            // sender (takesAckLate) had arrived, as TCP_LINGER2 -1's reset of the ACK of its FIN shows.
            while (flags == Flags.RST && !alreadyExpected(sender, captured) && (takeHeldAck(sender) || ackOfTheWave(sender))) {
                // each in the capture's order
            }
            if (!alreadyExpected(sender, captured)) {
                infer(sender, Call.ABORT, null);
            }
        }
    }

    /**
     * Whether the write run from {@code runStart} is one whose partial tail a cork held until the FIN
     * ({@link CorkedTail}): the replayed sender would send all {@code bytes} at once, and the path shows no offload
     * (whose queues hold a tail for reasons of their own, {@link #finOnQueuedData}).
     */
    private boolean corkedTail(TcpConnection sender, int runStart, int runEnd, int bytes) {
        return offload == null && !acksAsInput && CorkedTail.leftWithTheFin(connection, runStart, runEnd)
                && sender.writeLeavesAtOnce(bytes);
    }

    private boolean probeDueBy(TcpConnection sender, CaptureEvidence.WrittenBeforeProbe probe) {
        Long due = sender.timers().get(TimerKind.LOSS_PROBE);
        return due != null && due <= sentAtMs(probe.probe());
    }

    /** The new data the probe sent: its packet, the segments cut from it (SegmentOffload) captured at its instant. */
    private int probeBytes(CaptureEvidence.WrittenBeforeProbe probe) {
        List<CapturedSegment> segments = connection.segments();
        int bytes = segments.get(probe.probe()).payloadLength();
        for (int i = probe.probe() + 1; i < segments.size() && samePacket(segments.get(i - 1), segments.get(i)); i++) {
            bytes += segments.get(i).payloadLength();
        }
        return bytes;
    }

    /**
     * A write whose last segment carries the sender's FIN was followed by close() (or shutdown()) before that segment
     * left: the kernel puts the FIN on data still queued (tcp_send_fin), so the program closed while the write's tail
     * waited, which a capture cannot time more closely than "after the write". Inferred at the write, as a program that
     * writes and closes does; a FIN inferred only when it shows would come after the replayed tail had left alone, on a
     * FIN of its own. Not where the peer's data, FIN or reset comes between the write and the FIN: whether the program
     * closed before or after it read them (CLOSE_WAIT or not) the capture cannot tell, so the FIN is inferred when it
     * shows, as before.
     */
    private void closedAfterWriting(Host sender, int runStart, int runEnd) {
        List<CapturedSegment> segments = connection.segments();
        boolean fromClient = connection.fromClient(segments.get(runStart));
        for (int i = runStart; i < segments.size(); i++) {
            CapturedSegment later = segments.get(i);
            if (connection.fromClient(later) != fromClient) {
                if (later.payloadLength() > 0 || (later.flags() & (Flags.FIN | Flags.RST)) != 0) {
                    return;
                }
            } else if (later.seq() + later.payloadLength() == runEnd && later.payloadLength() > 0) {
                if (Flags.has(later.flags(), Flags.FIN) && !Flags.has(later.flags(), Flags.RST)) {
                    inferClosing(sender, i);
                }
                return;
            }
        }
    }

    /** The sender's FIN at {@code finIndex}: close(), or shutdown() where it still takes the peer's data after it. */
    private void inferClosing(Host sender, int finIndex) {
        boolean halfClose = readsAfter(finIndex);
        if (!halfClose) {
            // A FIN and not a reset: nothing waited unread when it closed (RFC 9293 §3.6.1, Linux tcp_close()).
            readWaiting(sender, sender.primaryConnection());
        }
        infer(sender, halfClose ? Call.SHUTDOWN : Call.CLOSE, null);
    }

    /**
     * A captured segment whose window reaches beyond any its sender's replayed end could offer with the data it holds
     * unread ({@link TcpConnection#offerShowsARead}): its application read before it, though the segment acknowledges
     * new data too, which a window update ({@link CaptureEvidence#windowUpdate}) does not (curl --limit-rate: a reader
     * that sleeps between reads, behind a round trip of 20 ms). Not where the pure ACKs are the capture's
     * ({@link #takeOfferedWindow} takes their windows as offered, whoever read).
     */
    private boolean offersRoomOfARead(Host sender, CapturedSegment captured) {
        OptionalInt shift = connection.windowShift(sender == client);
        TcpConnection tcb = sender.primaryConnection();
        return !acksAsInput && sender.readMode() == ReadMode.ON_CALL && tcb != null && shift.isPresent()
                && (captured.flags() & (Flags.ACK | Flags.SYN | Flags.RST)) == Flags.ACK
                && tcb.offerShowsARead(captured.ack(), captured.window() << shift.getAsInt());
    }

    /**
     * A captured pure ACK its replayed sender owes only to its delayed-ACK timer, not yet due, and that a read would
     * send ({@link TcpConnection#ackShowsARead}): its application read before it (tcp_cleanup_rbuf sent it). A receiver
     * with a window of two segments whose blocked recv() takes each segment as it comes (relay-small-bufs-upload): one
     * segment unread leaves the window as it was, so the window alone ({@link #offersRoomOfARead}) does not show the
     * read. Not where the pure ACKs are the capture's ({@link #takeOfferedWindow}), nor where the state machine sends
     * that ACK itself.
     */
    private boolean acksARead(Host sender, CapturedSegment captured) {
        OptionalInt shift = connection.windowShift(sender == client);
        TcpConnection tcb = sender.primaryConnection();
        return !acksAsInput && sender.readMode() == ReadMode.ON_CALL && tcb != null && shift.isPresent()
                && isPureAck(captured.flags(), captured.payloadLength()) && !alreadyExpected(sender, captured)
                && tcb.ackShowsARead(captured.ack(), captured.window() << shift.getAsInt());
    }

    /**
     * Whether the window the sender of the captured segment at {@code index} offered next shows that no read took all
     * its application had left unread ({@link TcpConnection#nextOfferKeepsUnread}): an ACK only a read would send on
     * the replay's delayed-ACK timer is then that timer's, later in the kernel (d35-rmem-8192-16384-r1000's ACK 72 ms
     * after the data it acknowledges, docs/linux-captures.md §154).
     */
    private boolean nextOfferKeepsUnread(Host sender, TcpConnection tcb, int index) {
        OptionalInt shift = connection.windowShift(sender == client);
        return shift.isPresent() && nextOffer(index, shift.getAsInt()).filter(tcb::nextOfferKeepsUnread).isPresent();
    }

    /**
     * An application that reads only on its calls read all that waited, at the moment the capture shows it, where no
     * window tells how much it read ({@link #readShownByWindow}): before its FIN, or at an ACK that only a read sends.
     */
    private void readWaiting(Host sender, TcpConnection tcb) {
        if (sender.readMode() == ReadMode.ON_CALL && tcb != null && tcb.unreadBytes() > 0) {
            infer(sender, Call.READ, (int) tcb.unreadBytes());
        }
    }

    /**
     * A read shown by the window a captured segment offers after it: no more than that window shows. Linux offers the
     * free space of its receive buffer (__tcp_select_window), which only a buffer read to its end frees
     * (tcp_recvmsg_locked), so the read took the fewest whole segments at the head of the queue that leave that much
     * free, and the rest waits for a later read (a reader of 2,000 bytes a call behind a buffer of three segments,
     * docs/linux-captures.md §144). All that waited where the window cannot be read (its scale unknown).
     */
    private void readShownByWindow(Host sender, TcpConnection tcb, int index) {
        CapturedSegment captured = connection.segments().get(index);
        OptionalInt shift = connection.windowShift(sender == client);
        long shown = tcb == null || shift.isEmpty() ? 0
                : tcb.readShownByOffer(captured.window() << shift.getAsInt(), nextOffer(index, shift.getAsInt()).orElse(null));
        if (sender.readMode() == ReadMode.ON_CALL && shown > 0) {
            infer(sender, Call.READ, (int) shown);
        } else {
            readWaiting(sender, tcb);
        }
    }

    /**
     * The window the sender of the captured segment at {@code index} offered next ({@link NextOffer}): in its first
     * later ACK of new data, without SACK blocks, with the peer's data segments it acknowledges beyond the segment's
     * acknowledgement, each once. Empty where that ACK comes with data or a FIN, or the capture has none.
     */
    private Optional<NextOffer> nextOffer(int index, int shift) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment update = segments.get(index);
        boolean fromClient = connection.fromClient(update);
        for (int i = index + 1; i < segments.size(); i++) {
            CapturedSegment next = segments.get(i);
            if (connection.fromClient(next) != fromClient || !Seq.gt(next.ack(), update.ack())) {
                continue;
            }
            if (!isPureAck(next.flags(), next.payloadLength()) || next.carriesSack()) {
                return Optional.empty();
            }
            Map<Integer, Integer> arrived = new TreeMap<>((a, b) -> Integer.compare(a - update.ack(), b - update.ack()));
            for (CapturedSegment data : segments.subList(index + 1, segments.size())) {
                if (connection.fromClient(data) != fromClient && data.payloadLength() > 0 && Seq.ge(data.seq(), update.ack())
                        && Seq.le(data.seq() + data.payloadLength(), next.ack())) {
                    arrived.putIfAbsent(data.seq(), data.payloadLength());
                }
            }
            return Optional.of(new NextOffer(List.copyOf(arrived.values()), next.window() << shift));
        }
        return Optional.empty();
    }

    /**
     * After its FIN the sender still takes the peer's data (it does not answer it with RST): it shut down its
     * sending side only (a half-close), since close() would have reset a connection that goes on bringing data
     * (tcp_rcv_state_process, RCV_SHUTDOWN). A reset it sends once it has acknowledged that data tells nothing of the
     * call: its connection had ended since (a TIME-WAIT that tcp_time_wait found no room for, docs/linux-captures.md §107).
     * The peer's data may show before the FIN, where the capture is the peer's: sent before the FIN arrived, beyond
     * what the FIN acknowledges, it reached the sender after its FIN, and an ACK of it without a reset is as telling.
     */
    private boolean readsAfter(int finIndex) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment fin = segments.get(finIndex);
        boolean fromClient = connection.fromClient(fin);
        Integer peerDataEnd = inFlightToward(finIndex);
        boolean peerDataLater = false;
        for (int i = finIndex + 1; i < segments.size(); i++) {
            CapturedSegment later = segments.get(i);
            if (connection.fromClient(later) != fromClient) {
                int end = later.seq() + later.payloadLength();
                if (later.payloadLength() > 0 && (peerDataEnd == null || Seq.ge(end, peerDataEnd))) {
                    peerDataEnd = end;
                    peerDataLater = true;
                }
            } else if (Flags.has(later.flags(), Flags.RST)) {
                return false;
            } else if (peerDataEnd != null && Flags.has(later.flags(), Flags.ACK) && Seq.ge(later.ack(), peerDataEnd)) {
                return true;
            }
        }
        return peerDataLater;
    }

    /** The end of the peer's data captured before the FIN at {@code finIndex} and beyond its ACK; null if none. */
    private Integer inFlightToward(int finIndex) {
        List<CapturedSegment> segments = connection.segments();
        CapturedSegment fin = segments.get(finIndex);
        if (!Flags.has(fin.flags(), Flags.ACK)) {
            return null;
        }
        Integer end = null;
        for (int i = 0; i < finIndex; i++) {
            CapturedSegment earlier = segments.get(i);
            int earlierEnd = earlier.seq() + earlier.payloadLength();
            if (connection.fromClient(earlier) != connection.fromClient(fin) && earlier.payloadLength() > 0
                    && Seq.gt(earlierEnd, fin.ack()) && (end == null || Seq.gt(earlierEnd, end))) {
                end = earlierEnd;
            }
        }
        return end;
    }

    private void infer(Host host, Call call, Integer bytes) {
        infer(host, call, bytes, SendFlags.NONE);
    }

    private void infer(Host host, Call call, Integer bytes, SendFlags flags) {
        network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.NETWORK, "replay.inferred", label(host), call.detail(bytes)));
        perform(host, call, bytes, flags);
    }

    /** The call made in the replay and written in the inferred scenario. */
    private void perform(Host host, Call call, Integer bytes, SendFlags flags) {
        if (behindWrites.heldBack(host, call == Call.SEND ? bytes : 0, () -> perform(host, call, bytes, flags))) {
            return;
        }
        inferred.called(host.name(), call, bytes, flags, network.now());
        ScenarioRunner.perform(network, host, call, bytes, flags);
    }

    /**
     * The end whose bare reset shows it had no connection ({@link CaptureEvidence.ForgottenConnection}) forgets it as a
     * host that restarts does, just before the segment the reset answers reaches it: the scenario's crash.
     */
    private void forgot(CaptureEvidence.ForgottenConnection forgotten) {
        Host host = connection.fromClient(connection.segments().get(forgotten.resetIndex())) ? client : server;
        network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.CRASH, "replay.forgotten-connection", label(host),
                label(host == client ? server : client)));
        perform(host, Call.CRASH, null, SendFlags.NONE);
    }

    /**
     * The server whose reset shows its listener closed with the handshake half done ({@link CaptureEvidence.ClosedListener})
     * closes it just before the segment the reset answers arrives: its request goes with it (Host.close()).
     */
    private void listenerClosed() {
        network.recordNote(server, StepKind.NOTE, Explanation.of(Rules.CLOSE, "replay.listener-closed-request", label(server),
                label(client)));
        perform(server, Call.CLOSE, null, SendFlags.NONE);
    }

    /**
     * A client that closed in SYN-SENT ({@link CaptureEvidence.ForgottenConnection#inSynSent}) closes, once its last SYN
     * was sent, just before the SYN,ACK its reset answers arrives, or within that SYN's retransmission timeout if that
     * ends first (both ends' timers start at Linux's TCP_TIMEOUT_INIT, the client's first): the capture shows no further
     * SYN. Not later than the timeout itself, which a timer wheel only ever rounds up, so that the inferred scenario,
     * run with its own wheel, closes before the SYN goes again too.
     */
    private void closeInSynSent(CaptureEvidence.ForgottenConnection closed) {
        long at = Math.min(arrivesAtMs(closed.answeredIndex()), network.now() + client.primaryConnection().rto() - 1);
        network.schedule(at, () -> {
            network.recordNote(client, StepKind.NOTE, Explanation.of(Rules.CLOSE, "replay.closed-in-syn-sent", label(client)));
            perform(client, Call.CLOSE, null, SendFlags.NONE);
        });
    }

    /** The index of the last segment the reset's sender sent before it. */
    private int lastBefore(int resetIndex) {
        CapturedSegment reset = connection.segments().get(resetIndex);
        int last = resetIndex - 1;
        while (connection.fromClient(connection.segments().get(last)) != connection.fromClient(reset)) {
            last--;
        }
        return last;
    }

    private boolean alreadyExpected(Host sender, CapturedSegment captured) {
        return expected.get(sender).stream()
                .anyMatch(s -> matches(s.segment(), captured.seq(), captured.ack(), captured.engineFlags(), captured.payloadLength()));
    }

    /**
     * The captured segment should be among what the profile's state machine would have sent by now. If it is not,
     * the state machine may still send it a little later (a delayed ACK timed differently): it waits as unmatched
     * for up to {@link #TOLERANCE_MS}, and only then counts as a segment the profile would not send. {@code inputAt}:
     * null, or the moment from which, as a pure ACK, it may be taken as the capture shows it ({@link #takenAsInput}):
     * the arrival of the data a bulk receiver's ACK answered, which the replay's clock may put up to a tick after the
     * moment it gives the ACK (each end's moments are the capture's, moved by a one-way delay the path's jitter blurs).
     */
    private void compare(Host sender, Segment segment, long capturedMs, Long inputAt) {
        boolean input = inputAt != null;
        if (!isPureAck(segment.flags(), segment.len())) {
            acknowledgedByInput.remove(sender);
        } else if (acksAsInput) {
            acknowledgedByInput.put(sender, segment.ack());
        }
        do {
            if (matchesExpected(sender, segment, capturedMs) || input && takenAsInput(sender, segment)
                    || sentAsOneOffloadSegment(sender, segment) || finOnQueuedData(sender, segment)) {
                return;
            }
        } while (takeHeldAck(sender) || ackOfTheWave(sender));
        Unmatched waiting = new Unmatched(segment, capturedMs, network.now());
        unmatched.get(sender).add(waiting);
        if (input && !acksAsInput) {
            // After the deliveries already due at that moment: the answered data among them.
            network.schedule(inputAt, () -> {
                if (unmatched.get(sender).contains(waiting) && takenAsInput(sender, segment)) {
                    unmatched.get(sender).remove(waiting);
                }
            });
        }
        network.schedule(network.now() + TOLERANCE_MS, () -> {
            if (unmatched.get(sender).remove(waiting)) {
                reportUnexpected(sender, waiting);
            }
        });
    }

    /** Whether the captured segment is among what the state machine has sent and the capture had not yet shown. */
    private boolean matchesExpected(Host sender, Segment segment, long capturedMs) {
        Deque<Sent> queue = expected.get(sender);
        List<Sent> skipped = new ArrayList<>();
        while (!queue.isEmpty()) {
            Sent next = queue.pollFirst();
            if (matches(next.segment(), segment.seq(), segment.ack(), segment.flags(), segment.len())
                    && (!next.probe() || probeCouldSend(sender, segment))) {
                matched.get(sender).add(next);
                tellFrto(sender, next);
                tellAckOvertaken(sender, segment, capturedMs);
                skipped.removeAll(tellCoalesced(sender, skipped, segment));
                skipped.removeAll(owedAtReset(sender, skipped, segment));
                skipped.forEach(missing -> reportMissing(sender, missing));
                return true;
            }
            skipped.add(next);
        }
        queue.addAll(skipped);
        return false;
    }

    /**
     * Whether a captured segment, arriving at {@code arrival}, is a pure ACK its receiver may take at any point of that
     * moment up to the receiver's first segment that needs it, where the pure ACKs are the capture's
     * ({@link #takenAsInput}). A one-sided capture cannot show when an end took an ACK relative to its own sending: the
     * capture shows the far end's segments when they arrived, after GRO or the receiving CPU's backlog had held them
     * (a veth pair without offload: a burst the server sent at once shows interleaved one by one with the client's ACKs
     * of the segments before it), and an end busy in sendmsg leaves the ACKs that arrive meanwhile in its socket's
     * backlog (lock_sock, tcp_add_backlog; processed at release_sock or sk_flush_backlog). The replay so hands the ACK
     * over only when the receiver sends a captured segment it cannot send without it ({@link #takeHeldAck}), before
     * anything its sender sent later arrives, or at the end of the moment: a sender that sends more than any such
     * order allows is still a departure. Not the ACK of the receiver's SYN: only that ACK makes a listener's
     * connection (tcp_check_req), so the receiver's application writes after it ({@link #completesHandshakeFor}).
     */
    private boolean takesAckLate(Segment segment, CapturedSegment captured, boolean toClient, long arrival) {
        return acksAsInput && isPureAck(segment.flags(), segment.len()) && arrival == network.now()
                && captured.ack() != connection.isn(toClient) + 1;
    }

    /**
     * The captured segments that their receiver had not taken when it sent a segment captured after them in the moment
     * they arrived ({@link #showsWhatItHadTaken}: its data or FIN, or a pure ACK where those are the capture's), each
     * with the last such segment's index: one that acknowledges no more than the segment's first byte. Linux sends every ACK with the RCV.NXT it has
     * then (tcp_transmit_skb: ack_seq = rcv_nxt), so a segment captured before such an ACK was still in the receiving
     * socket's backlog (tcp_add_backlog, while its program held the socket in tcp_recvmsg) or not yet arrived: the
     * receiver took it after that ACK left, and the replay delivers it then, within the same moment. The converse of
     * {@link #takesAckLate}: a one-sided capture shows when a segment passed, not when its receiver's TCP took it.
     */
    private Map<Integer, Integer> takenAfter() {
        Map<Integer, Integer> after = new HashMap<>();
        List<CapturedSegment> segments = connection.segments();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            boolean toClient = !connection.fromClient(segment);
            if (CaptureEvidence.occupiedLength(segment) == 0 || Flags.has(segment.flags(), Flags.SYN)) {
                continue;
            }
            for (int k = i + 1; k < segments.size(); k++) {
                CapturedSegment ack = segments.get(k);
                if (connection.fromClient(ack) == toClient && showsWhatItHadTaken(ack)
                        && sentAtMs(k) == arrivesAtMs(i) && Seq.le(ack.ack(), segment.seq()) && !sacks(ack, segment.seq())) {
                    after.put(i, k);
                }
            }
        }
        return after;
    }

    /**
     * Whether a captured segment's ACK number may show what its sender had taken by then: a pure ACK where the pure
     * ACKs are the capture's ({@link #acksAsInput}; elsewhere the replay judges them), and on any path a segment that
     * carries data or a FIN, which the replay sends when the capture does.
     */
    private boolean showsWhatItHadTaken(CapturedSegment segment) {
        return Flags.has(segment.flags(), Flags.ACK) && (isPureAck(segment.flags(), segment.payloadLength())
                ? acksAsInput : !Flags.has(segment.flags(), Flags.RST));
    }

    /** Whether the ACK reports {@code seq} held beyond a gap (a SACK block holds it): then it was taken. */
    private static boolean sacks(CapturedSegment ack, int seq) {
        return ack.options() != null && ack.options().stream().filter(o -> o.kind() == OptionKind.SACK)
                .flatMap(o -> o.blocks().stream()).anyMatch(b -> Seq.le((int) b.left(), seq) && Seq.lt(seq, (int) b.right()));
    }

    /** The oldest ACK held for {@code receiver} handed to it now; false when none is held. */
    private boolean takeHeldAck(Host receiver) {
        return runOldest(heldAcks.get(receiver));
    }

    /**
     * The oldest pure ACK to {@code receiver} captured earlier in the wave being replayed, sent and handed to it now,
     * for a segment of the receiver captured after it that the state machine has not sent: false when there is none.
     * The wave keeps within one millisecond what the capture cannot order (a capture at one end of a veth pair sees the
     * far end's segments only when they arrived), and its segments are compared before its ACKs arrive; but a segment
     * the sender's congestion window let go only on that ACK (tcp_cwnd_test, tcp_write_xmit) was sent after the ACK
     * arrived, as {@link #usesWindowOf} orders one that needed the ACK's window. Taken only when needed, in the
     * capture's order, as {@link #takeHeldAck}: a sender that sends more than every ACK captured before allows is still
     * a departure.
     */
    private boolean ackOfTheWave(Host receiver) {
        return runOldest(acksOfTheWave.get(receiver));
    }

    /** Runs and removes the oldest of {@code waiting}; false when none waits. */
    private static boolean runOldest(Deque<Runnable> waiting) {
        Runnable oldest = waiting.pollFirst();
        if (oldest == null) {
            return false;
        }
        oldest.run();
        return true;
    }

    private void takeHeldAcks(Host receiver) {
        while (takeHeldAck(receiver)) {
            // each in the capture's order
        }
    }

    /**
     * A captured segment with the sender's last data and its FIN, where the profile sent that data and, at the same
     * moment, the FIN on its own: the kernel puts the FIN on data still queued when the application closes
     * (tcp_send_fin). What kept the data queued on a path with segmentation offload (tcp_tso_should_defer waiting to
     * build a larger segment, the small-queue limit) the engine does not model; the bytes, the FIN and the states are
     * the same, so it is told, not counted a departure. Only in a capture that shows offload, or within one tick
     * (loopback, whose device takes TSO/GSO segments too), where the data may also have waited for a window that a
     * write inferred only when its data shows cannot tell; elsewhere only where the data is less than a full segment,
     * which the kernel sends at once unless the application corked its socket (TCP_CORK or MSG_MORE: tcp_push leaves
     * a partial segment queued; nginx's tcp_nopush, docs/linux-captures.md §85), or autocorking held it: a tail that left
     * well after the rest of its write is inferred as corked instead ({@link CorkedTail}, §156).
     */
    private boolean finOnQueuedData(Host sender, Segment captured) {
        boolean offloadPath = offload != null || acksAsInput;
        if (!Flags.has(captured.flags(), Flags.FIN) || captured.len() == 0
                || !offloadPath && captured.len() >= CaptureEvidence.sendMss(connection, sender == client)) {
            return false;
        }
        Deque<Sent> queue = expected.get(sender);
        Sent data = queue.stream().filter(sent -> matches(sent.segment(), captured.seq(), captured.ack(),
                captured.flags() & ~Flags.FIN, captured.len())).findFirst().orElse(null);
        Sent fin = queue.stream().filter(sent -> matches(sent.segment(), captured.seq() + captured.len(), captured.ack(),
                Flags.FIN | Flags.ACK, 0)).findFirst().orElse(null);
        if (data == null || fin == null || data.at() != fin.at()) {
            return false;
        }
        queue.removeAll(List.of(data, fin));
        matched.get(sender).addAll(List.of(data, fin));
        network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.CLOSE,
                offloadPath ? "replay.fin-on-queued-data" : "replay.fin-on-corked-data", label(sender),
                captured.toString(), profileName()));
        return true;
    }

    /**
     * A pure ACK the state machine did not send, taken as the capture shows it where the round trip is within one tick
     * ({@link TickPhase#roundTripWithinATick}) under a profile that acknowledges back-to-back segments once, or where a
     * bulk receiver sent it as its peer's data arrived ({@link ImmediateBulkAcks}): which segments it covers and the
     * window it offers follow when the receiving program ran (GRO, the socket's backlog, the window update of a read,
     * tcp_cleanup_rbuf), which no model predicts. It is input, as the application's calls are, and the sender is judged
     * given it. It must still be one the end could send: at its SND.NXT, and acknowledging no more than had arrived
     * (RCV.NXT). The profile's own pure ACKs it covers are not expected: those before it are told as acknowledged
     * together, those after it (until the end sends anything else) dropped.
     */
    private boolean takenAsInput(Host sender, Segment segment) {
        TcpConnection tcb = sender.primaryConnection();
        if (!isPureAck(segment.flags(), segment.len()) || tcb == null
                || segment.seq() != tcb.sndNxt() || Seq.gt(segment.ack(), tcb.rcvNxt())) {
            return false;
        }
        if (!acksAsInput && !bulkAcksTold) {
            bulkAcksTold = true;
            network.recordNote(sender, StepKind.NOTE, Explanation.of(Rules.DELAYED_ACK, "replay.bulk-acks-as-input", label(sender),
                    profileName()));
        }
        expected.get(sender).removeAll(tellCoalesced(sender, List.copyOf(expected.get(sender)), segment));
        tcb.acknowledgedOutside(segment.ack());
        return true;
    }

    /**
     * A captured segment that holds the segments the state machine sent back to back at one moment from its sequence
     * number, with its acknowledgement and the last one's control bits: within one tick (loopback) a sender hands its
     * device a TSO/GSO segment of several of its MSS at once (tcp_xmit_size_goal, up to 64 KB) that nothing cuts on the
     * way, so the capture shows it whole even where the MSS it sends with shrank to half the largest window offered
     * (tcp_bound_to_half_wnd). It is compared as the segments it holds, as {@link SegmentOffload} does where the MSS is
     * known before the replay.
     */
    private boolean sentAsOneOffloadSegment(Host sender, Segment captured) {
        if (!acksAsInput || captured.len() == 0) {
            return false;
        }
        List<Sent> held = new ArrayList<>();
        int next = captured.seq();
        for (Sent sent : expected.get(sender)) {
            Segment piece = sent.segment();
            if (piece.seq() == next && piece.len() > 0 && piece.ack() == captured.ack()
                    && (held.isEmpty() || sent.at() == held.get(0).at()) && next != captured.seq() + captured.len()) {
                held.add(sent);
                next += piece.len();
            }
        }
        int lastFlags = held.isEmpty() ? 0 : held.get(held.size() - 1).segment().flags();
        if (held.size() < 2 || next != captured.seq() + captured.len() || (lastFlags & ~Flags.PSH) != (captured.flags() & ~Flags.PSH)) {
            return false;
        }
        expected.get(sender).removeAll(held);
        matched.get(sender).addAll(held);
        return true;
    }

    /** What the state machine sends now may be a captured segment still waiting for it; else it is expected. */
    private void wouldSend(Host host, Segment segment, Explanation why) {
        Sent sent = new Sent(segment, network.now(), why);
        TcpOptions.Timestamps own = segment.options().timestamps();
        if (own != null) {
            engineClockOffset.put(host, own.value() - network.now());
        }
        List<Unmatched> waiting = unmatched.get(host);
        for (int i = 0; i < waiting.size(); i++) {
            Segment captured = waiting.get(i).segment();
            if (matches(segment, captured.seq(), captured.ack(), captured.flags(), captured.len())
                    && (!sent.probe() || probeCouldSend(host, captured))) {
                Unmatched capture = waiting.remove(i);
                matched.get(host).add(sent);
                tellFrto(host, sent);
                tellAckOvertaken(host, segment, capture.capturedMs());
                expected.get(host).removeAll(tellCoalesced(host, List.copyOf(expected.get(host)), segment));
                return;
            }
        }
        Integer input = acknowledgedByInput.get(host);
        if (input != null && isPureAck(segment.flags(), segment.len()) && Seq.le(segment.ack(), input)) {
            return;
        }
        expected.get(host).addLast(sent);
        boolean twinSent = expected.get(host).stream().anyMatch(other -> other != sent && twins(other, sent))
                || matched.get(host).stream().anyMatch(other -> twins(other, sent));
        if (twinSent) {
            // Told at its moment, not at the end of the replay: once its twin is in the capture and it is not.
            network.schedule(sent.at() + RACE_WINDOW_MS, () -> {
                if (matchedTwin(host, sent) != null && expected.get(host).remove(sent)) {
                    reportMissing(host, sent);
                }
            });
        }
    }

    /**
     * A captured segment the state machine sent as F-RTO decided (RFC 5682 §3.1; Linux tcp_process_loss): new data before
     * the segments a timeout marked lost, or those segments once a duplicate ACK showed the loss real. Told once a step,
     * in the profile's own words, since the capture alone reads as data sent out of order.
     */
    private void tellFrto(Host host, Sent sent) {
        String step = sent.why().key() + "@" + sent.at();
        if (Rules.FRTO.equals(sent.why().rule()) && !step.equals(frtoTold.put(host, step))) {
            network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.FRTO, "replay.frto", label(host),
                    sent.segment().toString(), profileName(), sent.why().phrase()));
        }
    }

    /**
     * A captured ACK the state machine did not send on its own, because the segment both sent next (captured at
     * {@code capturedMs}, at most {@link #RACE_WINDOW_MS} later) carries the same acknowledgement and more: the
     * endpoint's delayed-ACK tick came before its application's send(), the other order of a race
     * (docs/linux-captures.md, half-close: 6 runs in 10 had no separate ACK). Told when that segment is matched,
     * as a race and not as a departure.
     */
    private void tellAckOvertaken(Host host, Segment next, long capturedMs) {
        if (!Flags.has(next.flags(), Flags.ACK) || isPureAck(next.flags(), next.len())) {
            return;
        }
        List<Unmatched> waiting = unmatched.get(host);
        for (Unmatched captured : List.copyOf(waiting)) {
            Segment ack = captured.segment();
            long ahead = capturedMs - captured.capturedMs();
            if (isPureAck(ack.flags(), ack.len()) && ack.ack() == next.ack() && ack.seq() == next.seq()
                    && ahead >= 0 && ahead <= RACE_WINDOW_MS) {
                waiting.remove(captured);
                network.recordNote(host, StepKind.RACE, Explanation.of(Rules.SEGMENT_ARRIVES, "replay.race.ack", label(host),
                        ack.toString(), profileName(), ahead));
            }
        }
    }

    /**
     * The ACKs among {@code expected} that the captured segment makes unneeded, told as one note: under a profile that
     * acknowledges back-to-back segments once ({@link Profile#acksBackToBackSegmentsOnce()}), a pure ACK the state
     * machine sent for part of a burst is covered by the later captured one that acknowledges more.
     */
    private List<Sent> tellCoalesced(Host host, List<Sent> expected, Segment captured) {
        if (!profile.acksBackToBackSegmentsOnce() || !Flags.has(captured.flags(), Flags.ACK)) {
            return List.of();
        }
        List<Sent> covered = expected.stream()
                .filter(sent -> isPureAck(sent.segment().flags(), sent.segment().len())
                        && Seq.le(sent.segment().seq(), captured.seq()) && Seq.lt(sent.segment().ack(), captured.ack()))
                .toList();
        if (!covered.isEmpty()) {
            network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.SEGMENT_ARRIVES, "replay.coalesced-acks", label(host),
                    captured.toString(), covered.size() + 1, profileName()));
            TcpConnection tcb = host.primaryConnection();
            if (tcb != null) {
                covered.forEach(sent -> tcb.ackMergedIntoLater(sent.segment().ack()));
            }
        }
        return covered;
    }

    /**
     * The pure ACKs among {@code expected} that a captured reset of the same end acknowledges, where the pure ACKs are
     * the capture's ({@link #takenAsInput}): there they follow the application's reads (tcp_cleanup_rbuf), and a reset
     * that leaves at close() with data unread (tcp_close(); RFC 2525 §2.17) shows that data never read, so its ACK was
     * still owed when the reset left. Told once, not a departure.
     */
    private List<Sent> owedAtReset(Host host, List<Sent> expected, Segment captured) {
        if (!acksAsInput || !Flags.has(captured.flags(), Flags.RST) || !Flags.has(captured.flags(), Flags.ACK)) {
            return List.of();
        }
        List<Sent> owed = expected.stream()
                .filter(sent -> isPureAck(sent.segment().flags(), sent.segment().len()) && Seq.le(sent.segment().ack(), captured.ack()))
                .toList();
        if (!owed.isEmpty()) {
            network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.DELAYED_ACK, "replay.ack-owed-at-reset", label(host),
                    profileName(), owed.get(owed.size() - 1).segment().toString()));
        }
        return owed;
    }

    /**
     * Whether the captured segment a loss probe's new data matches is one a probe could have sent
     * ({@link CaptureEvidence#probeCouldSend}: after a silence of its sender as long as the shortest probe timeout).
     * The replay lets a captured segment wait for the state machine ({@link #TOLERANCE_MS}); a probe's timer cannot
     * explain data the capture shows sooner than any probe could have gone (a burst beyond the congestion window).
     * A probe sends one packet, which may hold several segments (tcp_send_loss_probe): a segment cut from it
     * (SegmentOffload) is asked about as its packet's first.
     */
    private boolean probeCouldSend(Host sender, Segment captured) {
        List<CapturedSegment> segments = connection.segments();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment candidate = segments.get(i);
            if ((connection.fromClient(candidate) == (sender == client)) && candidate.seq() == captured.seq()
                    && candidate.payloadLength() == captured.len() && candidate.ack() == captured.ack()) {
                int first = i;
                while (first > 0 && samePacket(segments.get(first - 1), segments.get(first))) {
                    first--;
                }
                return evidence.probeCouldSend(connection, first);
            }
        }
        return false;
    }

    /** Whether {@code next} was cut from the same packet as {@code piece}: its sender's next data at the same instant. */
    private boolean samePacket(CapturedSegment piece, CapturedSegment next) {
        return connection.fromClient(piece) == connection.fromClient(next) && piece.timeMicros() == next.timeMicros()
                && piece.payloadLength() > 0 && next.seq() == piece.seq() + piece.payloadLength();
    }

    /** An ACK without data or another control bit; ECN's ECE and CWR may ride on it. */
    private static boolean isPureAck(int flags, int len) {
        return (flags & ~(Flags.PSH | Flags.ECE | Flags.CWR)) == Flags.ACK && len == 0;
    }

    /**
     * Told at its moment on the replay's clock, which the diagram shows, and, where the capture was taken elsewhere (at
     * the far end of a delay), at its time in the capture too, which is what a packet viewer shows.
     */
    private void reportUnexpected(Host sender, Unmatched waiting) {
        if (reorderingTimerRace.copyOfStoppedTimer(sender, waiting.segment(), waiting.at())) {
            network.recordNote(sender, StepKind.RACE, Explanation.of(Rules.RACK, "replay.race.reorder.stopped", label(sender),
                    waiting.segment().toString(), profileName(), waiting.at()));
            return;
        }
        String key = waiting.at() == waiting.capturedMs() ? "replay.unexpected" : "replay.unexpected.shifted";
        network.recordNote(sender, StepKind.DEVIATION, Explanation.of(Rules.SEGMENT_ARRIVES, key, label(sender),
                waiting.segment().toString(), profileName(), waiting.at(), waiting.capturedMs()));
    }

    private void reportAllMissing(Host host) {
        expected.get(host).forEach(missing -> reportMissing(host, missing));
        expected.get(host).clear();
    }

    /**
     * A segment the profile sends and the capture lacks: a departure, the other order of a timer race (a retransmission
     * timer's, or RACK's reordering timer's, {@link ReorderingTimerRace}), or data lost before it reached a capture taken
     * at its receiver ({@link #copyCapturedAfterLoss}).
     */
    private void reportMissing(Host host, Sent missing) {
        Sent twin = matchedTwin(host, missing);
        OptionalInt copy = copyCapturedAfterLoss(host, missing.segment(), missing.at());
        if (twin != null) {
            network.recordNote(host, StepKind.RACE, Explanation.of(Rules.SEGMENT_ARRIVES, "replay.race", label(host),
                    missing.segment().toString(), profileName(), Math.abs(twin.at() - missing.at())));
        } else if (overtakenCopies.containsKey(missing)) {
            network.recordNote(host, StepKind.RACE, Explanation.of(Rules.RACK, "replay.race.reorder", label(host),
                    missing.segment().toString(), profileName(), overtakenCopies.get(missing)));
        } else if (copy.isPresent()) {
            network.recordNote(host, StepKind.NOTE, Explanation.of(Rules.NETWORK, "replay.lost-before-capture", label(host),
                    missing.segment().toString(), profileName(), missing.at(), label(host == client ? server : client),
                    capturedMs(copy.getAsInt())));
        } else {
            network.recordNote(host, StepKind.DEVIATION, Explanation.of(Rules.SEGMENT_ARRIVES, "replay.missing", label(host),
                    missing.segment().toString(), profileName(), missing.at()));
        }
    }

    /**
     * The captured copy of data the profile sent at {@code at} that a capture taken at its receiver lacks, where that
     * data was lost on the path before the capture point: data of its sender beyond it (or an earlier copy of it) was
     * captured, so it had been sent, yet the receiver acknowledged none of it, cumulatively or in a SACK block, until a
     * later copy the capture shows, whose TSval is later than that data's: a sender sends new data in sequence order,
     * so a segment sent after data beyond it is a copy (tcp_retransmit_skb), where a segment only held back on a
     * reordering path carries its first, earlier, TSval. A capture at the receiver shows only what arrived
     * (docs/linux-captures.md §97: the relay lost the original, or an earlier copy, on its way). Empty when the capture
     * was taken at the sender, which shows all it sent, when the receiver had the data, and without timestamps.
     */
    private OptionalInt copyCapturedAfterLoss(Host sender, Segment data, long at) {
        boolean fromClient = sender == client;
        if (data.len() == 0 || evidence.vantage() != (fromClient ? CaptureEvidence.Vantage.SERVER : CaptureEvidence.Vantage.CLIENT)) {
            return OptionalInt.empty();
        }
        List<CapturedSegment> segments = connection.segments();
        Long beyondSentAt = null; // the earliest TSval of the sender's data captured at or beyond it
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            Long tsVal = CaptureEvidence.tsVal(segment);
            if (connection.fromClient(segment) != fromClient) {
                if (Flags.has(segment.flags(), Flags.ACK) && (Seq.gt(segment.ack(), data.seq()) || sacks(segment, data.seq()))) {
                    return OptionalInt.empty();
                }
            } else if (segment.seq() == data.seq() && segment.payloadLength() == data.len() && sentAtMs(i) > at) {
                return tsVal != null && beyondSentAt != null && (int) (tsVal - beyondSentAt) > 0 ? OptionalInt.of(i) : OptionalInt.empty();
            } else if (segment.payloadLength() > 0 && Seq.ge(segment.seq(), data.seq()) && tsVal != null
                    && (beyondSentAt == null || (int) (tsVal - beyondSentAt) < 0)) {
                beyondSentAt = tsVal;
            }
        }
        return OptionalInt.empty();
    }

    /** The segment's twin in a timer race that the capture has: see {@link #RACE_WINDOW_MS}. */
    private Sent matchedTwin(Host host, Sent sent) {
        return matched.get(host).stream().filter(other -> twins(other, sent)).findFirst().orElse(null);
    }

    /** The same segment, one sent by a retransmission timer and the other not, within {@link #RACE_WINDOW_MS}. */
    private static boolean twins(Sent one, Sent other) {
        return one.byTimer() != other.byTimer() && Math.abs(one.at() - other.at()) <= RACE_WINDOW_MS
                && matches(one.segment(), other.segment().seq(), other.segment().ack(), other.segment().flags(), other.segment().len());
    }

    private void reportUnmatched(Host host) {
        unmatched.get(host).forEach(waiting -> reportUnexpected(host, waiting));
        unmatched.get(host).clear();
    }

    /** Same control bits (PSH aside), sequence number, acknowledgement (when ACK is set) and length. */
    private static boolean matches(Segment expected, int seq, int ack, int flags, int len) {
        return (expected.flags() & ~Flags.PSH) == (flags & ~Flags.PSH) && expected.seq() == seq && expected.len() == len
                && (!Flags.has(flags, Flags.ACK) || expected.ack() == ack);
    }

    private static Phrase label(Host host) {
        return Phrase.endpoint(host.name());
    }

    /** The profile a deviation departs from, in the trace's language. */
    private Phrase profileName() {
        return Phrase.of("replay.profile." + profile.wireName());
    }

    /**
     * The ISNs the capture shows an end choose, one for each connection it opens in turn, the last one for any further
     * (a listener whose request was reset makes a new one for the next SYN, with a new ISN: old-duplicate-syn); without
     * its SYN, the first sequence number it sent.
     */
    private static IsnGenerator captured(List<Integer> isns, int first) {
        if (isns.isEmpty()) {
            return now -> first;
        }
        return new IsnGenerator() {
            private int opened;

            @Override
            public int next(long now) {
                return isns.get(Math.min(opened++, isns.size() - 1));
            }
        };
    }

    private static SocketAddress parse(String socket) {
        int colon = socket.lastIndexOf(':');
        String address = socket.substring(0, colon).replace("[", "").replace("]", "");
        return new SocketAddress(address, Integer.parseInt(socket.substring(colon + 1)));
    }

    /** An end's tunables with the MSS its own SYN announced, as the inferred scenario's {@code params.<host>.mss} has it. */
    private TcpParams withOwnMss(TcpParams params, boolean ofClient) {
        OptionalInt own = connection.announcedMss(ofClient);
        return own.isPresent() ? params.toBuilder().mss(own.getAsInt()).build() : params;
    }

    /**
     * Where the pure ACKs are the capture's ({@link #takenAsInput}), an end's receive buffer holds at least the largest
     * window its captured segments offer: its receiver then takes the data those windows let in, as the kernel's did
     * (its buffer autotuned with the reads, tcp_rcv_space_adjust, which the replay cannot time).
     */
    private TcpParams withOfferedBuffer(TcpParams params, boolean ofClient) {
        OptionalInt offered = CaptureEvidence.largestWindow(connection, ofClient);
        return acksAsInput && offered.isPresent() && offered.getAsInt() > params.window()
                ? params.toBuilder().window(offered.getAsInt()).build() : params;
    }

    /** The textbook's parameters, with segments arriving at the moment they were captured. */
    private static TcpParams withoutDelay(ScenarioRunner.Setup setup) {
        return setup.params().toBuilder().oneWayDelayMs(0).jitterMs(0).lossRate(0).build();
    }
}
