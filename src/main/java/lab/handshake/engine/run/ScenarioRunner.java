package lab.handshake.engine.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.handshake.engine.Call;
import lab.handshake.engine.EcnCodepoint;
import lab.handshake.engine.Explanation;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Host;
import lab.handshake.engine.IsnGenerator;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.Profile;
import lab.handshake.engine.ReadMode;
import lab.handshake.engine.Rules;
import lab.handshake.engine.Segment;
import lab.handshake.engine.SendFlags;
import lab.handshake.engine.Seq;
import lab.handshake.engine.Simulation;
import lab.handshake.engine.SocketAddress;
import lab.handshake.engine.TcpOptions;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.TraceFold;
import lab.handshake.engine.TraceLog;
import lab.handshake.engine.UserSignal;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.FaultMatch;
import lab.handshake.engine.spec.FaultSpec;
import lab.handshake.engine.spec.FloodSpec;
import lab.handshake.engine.spec.InjectSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceEndpoint;

/**
 * Runs a scenario specification on the simulated network and returns its trace. The client (10.0.0.1) and
 * the server (10.0.0.2) are the named endpoints; the same specification and overrides always give the same
 * {@link Simulation}, which is told in any language afterwards.
 */
public final class ScenarioRunner {
    public static final String CLIENT_ADDRESS = "10.0.0.1";
    public static final String SERVER_ADDRESS = "10.0.0.2";
    public static final int DEFAULT_CLIENT_PORT = 49152;
    public static final int DEFAULT_SERVER_PORT = 80;
    public static final long DEFAULT_SEED = 1;
    /** Long enough for the RFC's 4-minute TIME-WAIT and its 3-minute SYN retries to play out. */
    public static final long DEFAULT_UNTIL_MS = 600_000;

    /** What a request may override in a catalogue scenario (null keeps the scenario's own value). */
    public record Overrides(String profile, Long clientIsn, Long serverIsn, Long seed) {
        public static final Overrides NONE = new Overrides(null, null, null, null);

        /**
         * These overrides without the values the scenario has anyway (its own profile, ISNs or seed): the same run
         * then has one cache key whether a request names them or not (the simulator always names its profile).
         */
        public Overrides beyond(ScenarioSpec spec) {
            ScenarioParams own = spec.paramsOrEmpty();
            long ownSeed = own.seed() != null ? own.seed() : DEFAULT_SEED;
            return new Overrides(
                    profile != null && Profile.parse(profile) == ownProfile(spec) ? null : profile,
                    clientIsn != null && clientIsn.equals(own.clientIsn()) ? null : clientIsn,
                    serverIsn != null && serverIsn.equals(own.serverIsn()) ? null : serverIsn,
                    seed != null && seed == ownSeed ? null : seed);
        }
    }

    /** The profile a scenario runs under unless a request chooses another. */
    private static Profile ownProfile(ScenarioSpec spec) {
        return Profile.parse(spec.profile() != null ? spec.profile() : Profile.RFC9293.wireName());
    }

    /** A specification that failed validation. */
    public static final class InvalidSpecException extends RuntimeException {
        private final List<Violation> violations;

        public InvalidSpecException(List<Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    private ScenarioRunner() {
    }

    /** Runs the specification and tells its trace in one language. */
    public static Trace run(ScenarioSpec spec, Overrides overrides, Language language, Limits limits) {
        return simulate(spec, overrides, limits).render(language);
    }

    /**
     * Runs the specification once: its events are folded into segments and steps after the run, their text
     * left as keys and arguments for {@link Simulation#render} in each language.
     */
    public static Simulation simulate(ScenarioSpec spec, Overrides overrides, Limits limits) {
        List<Violation> violations = SpecValidator.validate(spec, limits);
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        Setup setup = Setup.of(spec, overrides);
        List<Violation> tooMuch = WorkEstimate.violations(spec, setup::paramsOf, limits);
        if (!tooMuch.isEmpty()) {
            throw new InvalidSpecException(tooMuch);
        }
        TraceLog log = new TraceLog(limits.maxSegments(), limits.maxSteps());
        Network network = setup.build(log, limits.maxEvents());
        network.runUntil(spec.untilMs() != null ? spec.untilMs() : DEFAULT_UNTIL_MS);
        return setup.simulation(log.fold(), network);
    }

    /** The resolved profile, parameters, seed and ISNs of one run, and how to build its network. */
    public record Setup(ScenarioSpec spec, Profile profile, TcpParams params, long seed, int clientIsn, int serverIsn,
                        int clientPort, int serverPort) {

        public static Setup of(ScenarioSpec spec, Overrides overrides) {
            Profile profile = overrides.profile() != null ? Profile.parse(overrides.profile()) : ownProfile(spec);
            ScenarioParams p = spec.paramsOrEmpty().withOverrides(overrides.clientIsn(), overrides.serverIsn(), overrides.seed());
            long seed = p.seed() != null ? p.seed() : DEFAULT_SEED;
            // ISNs not given come from the seed, like the clock-plus-hash of RFC 9293 §3.4.1 would: unpredictable
            // to a student, yet the same for the same seed.
            SplittableRandom isnRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
            int clientIsn = p.clientIsn() != null ? (int) (long) p.clientIsn() : isnRandom.nextInt();
            int serverIsn = p.serverIsn() != null ? (int) (long) p.serverIsn() : isnRandom.nextInt();
            return new Setup(spec, profile, p.over(profile), seed, clientIsn, serverIsn,
                    p.clientPort() != null ? p.clientPort() : DEFAULT_CLIENT_PORT,
                    p.serverPort() != null ? p.serverPort() : DEFAULT_SERVER_PORT);
        }

        /** The tunables host {@code host} runs with: the scenario's with the host's own over them. */
        public TcpParams paramsOf(String host) {
            return spec.paramsOrEmpty().forHost(host, params, profile);
        }

        public Map<String, TraceEndpoint> endpoints() {
            Map<String, TraceEndpoint> endpoints = new LinkedHashMap<>();
            endpoints.put("client", new TraceEndpoint(CLIENT_ADDRESS, clientPort, Seq.unsigned(clientIsn)));
            endpoints.put("server", new TraceEndpoint(SERVER_ADDRESS, serverPort, Seq.unsigned(serverIsn)));
            return endpoints;
        }

        /** What the network made of this setup so far, each host's state now being its final one. */
        public Simulation simulation(TraceFold.Folded folded, Network network) {
            Map<String, String> finalStates = new LinkedHashMap<>();
            for (Host host : network.hosts().values()) {
                finalStates.put(host.name(), host.displayState().name());
            }
            return new Simulation(spec.id(), spec.title(), profile.wireName(), seed, endpoints(), folded.segments(),
                    folded.steps(), finalStates, folded.synQueueCapacity(endpoint -> network.host(endpoint).synQueueCapacity()));
        }

        /** A network with both hosts, the scenario's actions, faults and injections scheduled. */
        public Network build(TraceLog log, long maxEvents) {
            Network network = new Network(profile, params, seed, log, maxEvents);
            network.setInitialSequenceNumbers(clientIsn, serverIsn);
            SocketAddress clientAddress = new SocketAddress(CLIENT_ADDRESS, clientPort);
            SocketAddress serverAddress = new SocketAddress(SERVER_ADDRESS, serverPort);
            Host client = network.addHost("client", clientAddress, IsnGenerator.clock(clientIsn));
            Host server = network.addHost("server", serverAddress, IsnGenerator.clock(serverIsn));
            client.setPrimaryPeer(serverAddress);
            server.setPrimaryPeer(clientAddress);
            client.setParams(paramsOf(client.name()));
            server.setParams(paramsOf(server.name()));
            client.setReadMode(ReadMode.parse(spec.paramsOrEmpty().clientReads()));
            server.setReadMode(ReadMode.parse(spec.paramsOrEmpty().serverReads()));
            network.setPolicy(new FaultPolicy(network, spec.faultsOrEmpty()));
            new Script(network, spec.actionsOrEmpty()).schedule();
            for (InjectSpec inject : spec.injectOrEmpty()) {
                scheduleInjection(network, inject);
            }
            return network;
        }
    }

    private static void scheduleInjection(Network network, InjectSpec inject) {
        if (inject.flood() != null) {
            scheduleFlood(network, inject.at(), inject.flood(), Explanation.of(Rules.NETWORK, "inject.flood"));
            return;
        }
        Host from = network.host(inject.from());
        Host to = network.host(inject.to());
        int flags = Flags.parse(inject.flags());
        int len = inject.len() != null ? inject.len() : 0;
        int seq = (int) (long) inject.seq();
        int ack = inject.ack() != null ? (int) (long) inject.ack() : 0;
        network.schedule(inject.at(), () -> {
            // The sender's clock is read when the segment leaves: its connection may not exist before.
            TcpOptions options = inject.tsValAgeMs() == null ? TcpOptions.NONE
                    : TcpOptions.timestampsOnly(from.timestampsAged(to.address(), inject.tsValAgeMs()));
            Segment segment = new Segment(from.address(), to.address(), seq, ack, flags, len, firstWindow(from), options, 0);
            network.inject(segment, Explanation.of(Rules.NETWORK, "inject.segment"));
        });
    }

    /**
     * Spoofed SYNs from random addresses and ports of the subnet, with random ISNs, all from the seed; {@code why}: what
     * each one's injection says (a scenario's flood, or a sandbox move's).
     */
    static void scheduleFlood(Network network, long at, FloodSpec flood, Explanation why) {
        Host target = network.host(flood.to() != null ? flood.to() : "server");
        String[] parts = flood.fromSubnet().split("[./]");
        long base = (Long.parseLong(parts[0]) << 24) | (Long.parseLong(parts[1]) << 16)
                | (Long.parseLong(parts[2]) << 8) | Long.parseLong(parts[3]);
        int prefix = Integer.parseInt(parts[4]);
        long size = 1L << (32 - prefix);
        base &= ~(size - 1);
        SplittableRandom random = network.random();
        for (int i = 0; i < flood.count(); i++) {
            long address = base + 1 + random.nextLong(size - 2);
            String text = ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
            SocketAddress source = new SocketAddress(text, 1024 + random.nextInt(64_511));
            int isn = random.nextInt();
            long sendAt = at + (long) Math.floor(i / flood.ratePerMs());
            Segment syn = floodSyn(network, source, target.address(), isn, sendAt);
            network.schedule(sendAt, () -> network.inject(syn, why));
        }
    }

    /** A flood SYN looks like a real client's: the options and window the scenario's client puts on its SYN. */
    private static Segment floodSyn(Network network, SocketAddress source, SocketAddress target, int isn, long sendAt) {
        Host client = network.host("client");
        TcpParams params = client.params();
        TcpOptions options = TcpOptions.forSyn(params, params.sack(), params.windowScaling(),
                params.timestamps() ? new TcpOptions.Timestamps(TcpOptions.clock(isn, sendAt), 0) : null);
        return new Segment(source, target, isn, 0, Flags.SYN, 0, firstWindow(client), options, 0);
    }

    /** The window field of a segment no endpoint sent, in the name of {@code host}: what it offers first. */
    static int firstWindow(Host host) {
        return Math.min(host.profile().initialWindow(host.params(), host.params().mss()), 65_535);
    }

    /** The applications: timed calls, and calls that react to what TCP tells them. */
    private static final class Script {
        private final Network network;
        private final List<ActionSpec> actions;
        private final boolean[] fired;
        /** The data each host's application has received so far, for {@code on: data} with {@code received}. */
        private final Map<String, Long> received = new HashMap<>();
        /** When the script last made a call, and the network's {@link Network#mark} just before it. */
        private long lastCallAt = -1;
        private long lastCallMark;

        Script(Network network, List<ActionSpec> actions) {
            this.network = network;
            this.actions = actions;
            this.fired = new boolean[actions.size()];
        }

        void schedule() {
            for (ActionSpec action : actions) {
                if (action.at() != null) {
                    network.scheduleCall(action.at(), () -> performInTurn(action));
                }
            }
            network.setApplicationListener(this::signalled);
        }

        private void signalled(Host host, UserSignal signal, int bytes) {
            String trigger = signal.name().toLowerCase();
            long received = signal == UserSignal.DATA ? this.received.merge(host.name(), (long) bytes, Long::sum) : 0;
            for (int i = 0; i < actions.size(); i++) {
                ActionSpec action = actions.get(i);
                if (!fired[i] && trigger.equals(action.on()) && host.name().equals(action.host())
                        && (action.received() == null || received >= action.received())) {
                    fired[i] = true;
                    long delay = action.delayMs() != null ? action.delayMs() : 0;
                    network.scheduleCall(network.now() + delay, () -> performInTurn(action));
                }
            }
        }

        /**
         * Makes the call, or, when the script made one already at this instant, makes it once what that call set going
         * then has happened ({@link Network#settledSince}): calls at one instant run one after another, as a
         * program's do.
         */
        private void performInTurn(ActionSpec action) {
            if (lastCallAt == network.now() && !network.settledSince(lastCallMark)) {
                network.scheduleCall(network.now(), () -> performInTurn(action));
                return;
            }
            lastCallAt = network.now();
            lastCallMark = network.mark();
            perform(network, action);
        }
    }

    /** Performs one application call and records it (and the error, if TCP refuses it). */
    public static String perform(Network network, ActionSpec action) {
        return perform(network, network.host(action.host()), action.callOf(), action.bytes(), action.sendFlags());
    }

    /**
     * Performs one application call ({@code bytes} for send and read, {@code flags} for send) and records it, with the
     * error if TCP refuses it.
     */
    public static String perform(Network network, Host host, Call call, Integer bytes, SendFlags flags) {
        network.recordCall(host, call, bytes, Explanation.of(call.rule(),
                "call." + call.wireName() + (flags == SendFlags.MORE ? ".more" : "")));
        String error = switch (call) {
            case LISTEN -> host.listen();
            case CONNECT -> host.connect(host.primaryPeer());
            case SEND -> host.send(bytes, flags);
            case CORK -> host.setCork(true);
            case UNCORK -> host.setCork(false);
            case READ -> host.read(bytes);
            case SHUTDOWN -> host.shutdown();
            case CLOSE -> host.close();
            case ABORT -> host.abort();
            case CRASH -> {
                host.crash();
                yield null;
            }
        };
        if (error != null) {
            network.recordRefusal(host, Explanation.of(call.rule(), error));
        }
        return error;
    }

    /**
     * A congested router's answer (RFC 3168 §5), for a fault and for the sandbox's move: an ECN-capable segment goes on
     * marked CE at {@code arrival} (one already CE is left so); a Not-ECT one is dropped, the only signal of congestion
     * it can carry.
     */
    public static Network.Fate ceMark(Segment segment, long arrival) {
        return segment.ecn() == EcnCodepoint.NOT_ECT
                ? new Network.Fate(SegmentFate.LOST, List.of(), Explanation.of(Rules.CE_MARK, "fault.mark-ce.not-ect"))
                : new Network.Fate(SegmentFate.CE_MARKED, List.of(arrival), Explanation.of(Rules.CE_MARK, "fault.mark-ce",
                        segment.ecn().traceName()));
    }

    /** Applies the scenario's faults to matching segments; everything else takes the network's default fate. */
    private static final class FaultPolicy implements Network.SegmentPolicy {
        private final Network network;
        private final List<FaultSpec> faults;
        private final int[] matches;

        FaultPolicy(Network network, List<FaultSpec> faults) {
            this.network = network;
            this.faults = new ArrayList<>(faults);
            this.matches = new int[faults.size()];
        }

        @Override
        public Network.Fate decide(Segment segment, String from, String to, long now, long delay) {
            for (int i = 0; i < faults.size(); i++) {
                FaultSpec fault = faults.get(i);
                if (!matches(fault.match(), segment, from, now)) {
                    continue;
                }
                matches[i]++;
                Integer nth = fault.match().nth();
                if (nth != null && matches[i] != nth) {
                    continue;
                }
                if (fault.probability() != null && network.random().nextDouble() >= fault.probability()) {
                    continue;
                }
                return apply(fault, segment, now, delay);
            }
            return network.defaultFate(segment, from, to, now, delay);
        }

        private static boolean matches(FaultMatch match, Segment segment, String from, long now) {
            if (match.from() != null && !match.from().equals(from)) {
                return false;
            }
            if ((match.afterMs() != null && now < match.afterMs()) || (match.beforeMs() != null && now >= match.beforeMs())) {
                return false;
            }
            if (match.flags() != null) {
                int named = Flags.parse(match.flags());
                // PSH never counts; ECN's bits only when the match names one (a SYN that asks for ECN is still a SYN).
                int ignored = Flags.PSH | (Flags.has(named, Flags.ECE | Flags.CWR) ? 0 : Flags.ECE | Flags.CWR);
                return (segment.flags() & ~ignored) == (named & ~ignored);
            }
            return true;
        }

        private Network.Fate apply(FaultSpec fault, Segment segment, long now, long delay) {
            long arrival = now + delay;
            long ms = fault.ms() != null ? fault.ms() : 0;
            return switch (fault.actionOf()) {
                case DROP -> new Network.Fate(SegmentFate.LOST, List.of(), Explanation.of(Rules.NETWORK, "drop.fault"));
                case DUPLICATE -> new Network.Fate(SegmentFate.DUPLICATED, List.of(arrival, arrival + Math.max(1, ms)),
                        Explanation.of(Rules.NETWORK, "fault.duplicate"));
                case DELAY -> new Network.Fate(SegmentFate.DELAYED, List.of(arrival + ms), Explanation.of(Rules.NETWORK, "fault.delay", ms));
                case HOLD -> new Network.Fate(SegmentFate.HELD, fault.until() == null ? List.of() : List.of(Math.max(arrival, fault.until())),
                        Explanation.of(Rules.NETWORK, "fault.hold"));
                case REJECT -> {
                    // The far end answers at the segment's arrival; its ICMP takes the path's delay back.
                    network.icmpUnreachable(segment, fault.codeOf(), arrival + delay);
                    yield new Network.Fate(SegmentFate.LOST, List.of(), Explanation.of(Rules.NETWORK, "fault.reject", fault.codeOf().phrase()));
                }
                case MARK_CE -> ceMark(segment, arrival);
            };
        }
    }
}
