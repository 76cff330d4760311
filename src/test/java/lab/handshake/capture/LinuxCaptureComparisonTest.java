package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code linux} profile against captures of a real Linux 6.18 kernel running the same scenarios
 * (src/test/resources/captures/linux, made by tools/linux-captures; see docs/linux-captures.md). Every
 * {@code <id>.pcap} in that folder is compared, none is left out: with the scenario {@code <id>.yaml} beside it
 * when there is one (a variant made only for the comparison), else the catalogue's scenario; a capture with
 * neither fails. For each endpoint, the segments it sent must match in order: flags apart from PSH, sequence and
 * acknowledgement numbers relative to the ISNs, payload length, the window field, and the options in wire order
 * with their values, except the random TSval: a TSecr is compared as 0 or as an echo of a TSval the peer sent.
 * Each run is replayed with the sysctls it was made with (tools/linux-captures/runs/&lt;id&gt;/env.txt): most
 * captures were made with timestamps, SACK and window scaling off. Times are compared in
 * {@link LinuxTimersAndQueuesCaptureTest}.
 */
class LinuxCaptureComparisonTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "linux");
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs");
    private static final String CLIENT = "10.0.0.1";
    /**
     * Floods: which spoofed entries the kernel drops first depends on the order its timers fire, so these are
     * compared per group of like connections, with timing, in {@link LinuxTimersAndQueuesCaptureTest}.
     */
    static final Set<String> COMPARED_AS_GROUPS = Set.of("syn-flood-queue", "syn-flood-nocookies", "syn-flood-cookies",
            "syn-flood-half-open", "syn-flood-full-life", "syn-flood-young-waves");

    /**
     * Captures of a scenario run with other sysctls whose names do not say which, and the capture whose scenario they
     * ran; a capture named {@code <id>-defaults} or {@code <id>-noopts} with no scenario of its own ran {@code <id>}'s.
     */
    private static final Map<String, String> SCENARIO_OF_CAPTURE = Map.ofEntries(
            Map.entry("data-transfer-no-timestamps", "data-transfer"),
            Map.entry("data-transfer-client-no-sack-no-wscale", "data-transfer"),
            Map.entry("data-transfer-server-no-timestamps-no-wscale", "data-transfer"),
            Map.entry("time-wait-old-segments-noopts", "time-wait-assassination"),
            Map.entry("time-wait-old-segments-rfc1337", "time-wait-assassination-rfc1337"));
    private static final List<String> SYSCTL_VARIANTS = List.of("-defaults", "-noopts");

    /**
     * Bulk transfers: the sender's segments, each round of the congestion window, are the same in every run, but which
     * of a burst of segments the receiver acknowledges one by one depends on when its reading program runs, and
     * differs from run to run (hlcap.py stats). So only the sender's segments are compared. Each capture with the
     * endpoint that receives the data: slow start (docs/linux-captures.md §27), downloads (§36), a download that loses a
     * segment (§43; without SACK, §46), F-RTO with SACK (§75).
     */
    static final Map<String, String> RECEIVER_ACKS_VARY = Map.of("data-slow-start", "server",
            "data-slow-start-defaults", "server", "data-slow-start-after-idle", "server",
            "download-64k-defaults", "client", "download-one-loss-defaults", "client", "download-one-loss-no-sack", "client",
            "download-1m-defaults", "client", "loss-probe-repairs-tail-defaults", "server",
            "frto-sack-flight-and-probe-lost-defaults", "server");

    /** The endpoints whose segments are compared: both, or the sender of a transfer whose receiver's ACKs vary. */
    static List<String> comparedEndpoints(String capture) {
        String receiver = RECEIVER_ACKS_VARY.get(capture);
        return receiver == null ? List.of("client", "server") : List.of(receiver.equals("client") ? "server" : "client");
    }

    @TestFactory
    Stream<DynamicTest> linuxProfileSendsWhatTheKernelSent() throws IOException {
        List<String> captures;
        try (Stream<Path> files = Files.list(CAPTURES)) {
            captures = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".pcap"))
                    .map(name -> name.substring(0, name.length() - ".pcap".length())).sorted().toList();
        }
        assertFalse(captures.isEmpty(), "no capture in " + CAPTURES);
        return captures.stream().filter(capture -> !COMPARED_AS_GROUPS.contains(capture))
                .map(capture -> DynamicTest.dynamicTest(capture, () -> compare(capture)));
    }

    /**
     * The scenario a capture was made from: that of the capture it repeats with other sysctls, else its own beside
     * it, else that of the capture its name varies, else the catalogue's of the same id.
     */
    static Path scenarioOf(String capture) {
        if (SCENARIO_OF_CAPTURE.containsKey(capture)) {
            return scenarioOf(SCENARIO_OF_CAPTURE.get(capture));
        }
        Path own = CAPTURES.resolve(capture + ".yaml");
        if (Files.exists(own)) {
            return own;
        }
        for (String variant : SYSCTL_VARIANTS) {
            if (capture.endsWith(variant)) {
                return scenarioOf(capture.substring(0, capture.length() - variant.length()));
            }
        }
        Path catalogue = Path.of("content", "scenarios", capture + ".yaml");
        assertTrue(Files.exists(catalogue), "the capture " + capture + ".pcap has no scenario: add " + own + " or " + catalogue);
        return catalogue;
    }

    private static void compare(String capture) throws IOException {
        List<CapturedSegment> captured = PcapReader.read(Files.readAllBytes(CAPTURES.resolve(capture + ".pcap")));
        Trace trace = CapturedTimerWheel.runAsCaptured(capture, withSysctls(new ObjectMapper(new YAMLFactory()).readValue(scenarioOf(capture).toFile(), ScenarioSpec.class), capture));

        for (String endpoint : comparedEndpoints(capture)) {
            boolean fromClient = endpoint.equals("client");
            List<String> kernel = new ArrayList<>();
            Set<Long> kernelPeerClock = new HashSet<>();
            Isns kernelIsns = new Isns();
            for (CapturedSegment segment : captured) {
                boolean sentByClient = segment.srcAddress().equals(CLIENT);
                kernelIsns.see(sentByClient, segment.flags(), segment.seq());
                if (sentByClient == fromClient) {
                    kernel.add(describe(segment.flags(), segment.seq(), segment.ack(), segment.payloadLength(),
                            kernelIsns.of(fromClient), kernelIsns.of(!fromClient))
                            + " win=" + segment.window() + options(segment.options(), kernelPeerClock, kernelIsns.of(!fromClient)));
                } else {
                    segment.options().stream().filter(o -> o.kind() == OptionKind.TIMESTAMPS).forEach(o -> kernelPeerClock.add(o.tsVal()));
                }
            }
            List<String> engine = new ArrayList<>();
            Set<Long> enginePeerClock = new HashSet<>();
            Isns engineIsns = new Isns();
            for (Tapped tapped : asTapped(trace, tappedAt(capture))) {
                TraceSegment segment = tapped.segment();
                boolean sentByClient = segment.from().equals("client");
                int flags = Flags.parse(segment.flags());
                engineIsns.see(sentByClient, flags, (int) segment.seq());
                if (segment.from().equals(endpoint)) {
                    engine.add(describe(flags, (int) segment.seq(), segment.ack() == null ? 0 : (int) (long) segment.ack(),
                            segment.len(), engineIsns.of(fromClient), engineIsns.of(!fromClient))
                            + " win=" + segment.window() + options(segment.options(), enginePeerClock, engineIsns.of(!fromClient)));
                } else {
                    segment.options().stream().filter(o -> o.kind() == OptionKind.TIMESTAMPS).forEach(o -> enginePeerClock.add(o.tsVal()));
                }
            }
            assertEquals(withoutAckBeforeData(kernel), withoutAckBeforeData(engine), endpoint + " segments of " + capture);
        }
    }

    /** Where a capture was taken: at the client for a one-sided capture named {@code -client-side}, else at the server. */
    static String tappedAt(String capture) {
        return capture.endsWith("-client-side") ? "client" : "server";
    }

    /** One of the engine's segments as the capture's interface saw it, and when (virtual ms). */
    record Tapped(TraceSegment segment, long seenAt) {
    }

    /**
     * The engine's segments as the interface of {@code tappedAt} saw them: one sent from there when it was sent, one to
     * there when it arrived (a lost one 50 ms after it was sent: tcpdump taps before netfilter drops), a duplicated one
     * twice, a held one never released not at all (the relay that duplicates, delays and holds for the kernel runs sits
     * before that interface: tools/linux-captures hlcap.py RelayFaults). In the order the interface saw them when a fault
     * duplicated, delayed or held a segment to it; else in the trace's order, as ever.
     */
    static List<Tapped> asTapped(Trace trace, String tappedAt) {
        List<Tapped> seen = new ArrayList<>();
        boolean reordered = false;
        for (TraceSegment segment : trace.segments()) {
            if (!tappedAt.equals(segment.to())) {
                seen.add(new Tapped(segment, segment.sentAt()));
                continue;
            }
            SegmentFate fate = segment.fate();
            reordered |= fate == SegmentFate.DUPLICATED || fate == SegmentFate.DELAYED || fate == SegmentFate.HELD;
            if (fate == SegmentFate.HELD && segment.arrivesAt() == null) {
                continue;
            }
            seen.add(new Tapped(segment, segment.arrivesAt() != null ? segment.arrivesAt() : segment.sentAt() + 50));
            if (fate == SegmentFate.DUPLICATED) {
                seen.add(new Tapped(segment, segment.copyArrivesAt()));
            }
        }
        if (reordered) {
            seen.sort(Comparator.comparingLong(Tapped::seenAt));
        }
        return seen;
    }

    /**
     * A connection that takes a 4-tuple over from TIME-WAIT starts at the TIME-WAIT end's old SND.NXT + 65537: the
     * client's when connect() takes it (tcp_twsk_unique(), tcp_tw_reuse), the server's when a new SYN ends its
     * TIME-WAIT (tcp_timewait_state_process() hands tcp_conn_request() that ISN); the linux profile does the same as
     * the kernel in each capture.
     */
    @ParameterizedTest
    @CsvSource({"time-wait-reuse, client", "time-wait-syn-accepted, server", "time-wait-syn-accepted-defaults, server"})
    void theTimeWaitEndsNextIsnIsItsOldSndNxtPlus65537(String capture, String timeWaitEnd) throws IOException {
        boolean client = timeWaitEnd.equals("client");
        List<CapturedSegment> captured = PcapReader.read(Files.readAllBytes(CAPTURES.resolve(capture + ".pcap")));
        List<CapturedSegment> kernelSent = captured.stream().filter(s -> s.srcAddress().equals(CLIENT) == client).toList();
        List<Integer> kernelSyns = kernelSent.stream().filter(s -> Flags.has(s.flags(), Flags.SYN)).map(CapturedSegment::seq).toList();
        int kernelOldSndNxt = kernelSent.stream().filter(s -> Flags.has(s.flags(), Flags.FIN)).findFirst().orElseThrow().seq() + 1;
        Trace trace = CapturedTimerWheel.runAsCaptured(capture, withSysctls(new ObjectMapper(new YAMLFactory()).readValue(scenarioOf(capture).toFile(), ScenarioSpec.class), capture));
        List<TraceSegment> engineSent = trace.segments().stream().filter(s -> s.from().equals(timeWaitEnd)).toList();
        List<Long> engineSyns = engineSent.stream().filter(s -> Flags.has(Flags.parse(s.flags()), Flags.SYN)).map(TraceSegment::seq).toList();
        long engineOldSndNxt = engineSent.stream().filter(s -> Flags.has(Flags.parse(s.flags()), Flags.FIN)).findFirst().orElseThrow().seq() + 1;

        assertEquals(2, kernelSyns.size(), "the kernel's SYNs");
        assertEquals(65_537, kernelSyns.get(1) - kernelOldSndNxt, "kernel: new ISN - old SND.NXT");
        assertEquals(2, engineSyns.size(), "the engine's SYNs");
        assertEquals(65_537, engineSyns.get(1) - engineOldSndNxt, "engine: new ISN - old SND.NXT");
    }

    /**
     * data-segment-lost (docs/linux-captures.md §24): the server's two duplicate ACKs carry SACK blocks, the block
     * growing as the held segments join (RFC 2018 §4), in the kernel's capture and in the engine alike. (The segment
     * comparison above holds them too; this says that there are some to hold.)
     */
    @Test
    void dataSegmentLost_theServersDuplicateAcksCarryTheKernelsSackBlocks() throws IOException {
        assertServersSackOptions("data-segment-lost",
                List.of(" NOP NOP TS(ecr=?) NOP NOP SACK=+2897-+4345", " NOP NOP TS(ecr=?) NOP NOP SACK=+2897-+5793"));
    }

    /**
     * data-ack-lost (docs/linux-captures.md §25): the server's ACK of the client's tail probe, a segment it already
     * had, reports the duplicate as a D-SACK block (RFC 2883 §4), in the kernel's capture and in the engine alike.
     */
    @Test
    void dataAckLost_theServersAnswerToTheDuplicateCarriesTheKernelsDsackBlock() throws IOException {
        assertServersSackOptions("data-ack-lost", List.of(" NOP NOP TS(ecr=?) NOP NOP SACK=+1-+1449"));
    }

    /** The options of the server's segments that carry SACK blocks: the kernel's as expected, the engine's the same. */
    private static void assertServersSackOptions(String capture, List<String> expected) throws IOException {
        List<CapturedSegment> captured = PcapReader.read(Files.readAllBytes(CAPTURES.resolve(capture + ".pcap")));
        int kernelClientIsn = captured.get(0).seq();
        List<String> kernel = captured.stream().filter(s -> !s.srcAddress().equals(CLIENT))
                .map(s -> options(s.options(), Set.of(), kernelClientIsn)).filter(o -> o.contains("SACK=")).toList();
        Trace trace = CapturedTimerWheel.runAsCaptured(capture, withSysctls(new ObjectMapper(new YAMLFactory()).readValue(scenarioOf(capture).toFile(), ScenarioSpec.class), capture));
        int engineClientIsn = (int) trace.segments().get(0).seq();
        List<String> engine = trace.segments().stream().filter(s -> s.from().equals("server"))
                .map(s -> options(s.options(), Set.of(), engineClientIsn)).filter(o -> o.contains("SACK=")).toList();

        assertEquals(expected, kernel);
        assertEquals(kernel, engine);
    }

    /**
     * data-fast-retransmit-no-sack (docs/linux-captures.md §26): without SACK, the server's duplicate ACKs of the lost
     * segment (six) bring it again one round trip after the first copy, long before the RTO (RFC 5681 §3.2), in the
     * kernel's capture and in the engine alike. (The comparisons above hold every segment; this says which one.)
     */
    @Test
    void dataFastRetransmitNoSack_theLostSegmentComesAgainAfterTheDuplicateAcksNotTheRto() throws IOException {
        String capture = "data-fast-retransmit-no-sack";
        List<CapturedSegment> captured = PcapReader.read(Files.readAllBytes(CAPTURES.resolve(capture + ".pcap")));
        int kernelLost = captured.get(0).seq() + 1 + 1448;
        List<Long> kernelCopies = captured.stream().filter(s -> s.srcAddress().equals(CLIENT) && s.seq() == kernelLost && s.payloadLength() > 0)
                .map(s -> s.timeMicros() / 1000).toList();
        long kernelDuplicates = captured.stream().filter(s -> !s.srcAddress().equals(CLIENT) && s.ack() == kernelLost && s.payloadLength() == 0)
                .count() - 1;
        Trace trace = CapturedTimerWheel.runAsCaptured(capture, withSysctls(new ObjectMapper(new YAMLFactory()).readValue(scenarioOf(capture).toFile(), ScenarioSpec.class), capture));
        long engineLost = trace.segments().get(0).seq() + 1 + 1448;
        List<Long> engineCopies = trace.segments().stream().filter(s -> s.from().equals("client") && s.seq() == engineLost && s.len() > 0)
                .map(TraceSegment::sentAt).toList();
        long engineDuplicates = trace.segments().stream().filter(s -> s.from().equals("server") && s.ack() != null && s.ack() == engineLost && s.len() == 0)
                .count() - 1;

        assertEquals(6, kernelDuplicates, "the kernel's duplicate ACKs (the first ACK of J+1449 is not one)");
        assertEquals(2, kernelCopies.size(), "the kernel's copies of the lost segment");
        long kernelGap = kernelCopies.get(1) - kernelCopies.get(0);
        assertTrue(kernelGap >= 95 && kernelGap <= 110, "the kernel's copy one round trip later: " + kernelGap + " ms");
        assertEquals(kernelDuplicates, engineDuplicates);
        assertEquals(2, engineCopies.size(), "the engine's copies of the lost segment");
        assertEquals(100, engineCopies.get(1) - engineCopies.get(0), "the engine's copy one round trip later");
    }

    /**
     * The scenario with the three option sysctls each namespace had when the capture was made, laid over each host's
     * own settings (data-transfer-client-no-sack-no-wscale: a client without SACK and window scaling, a server with
     * them; zero-window-probe: the server's own window stays).
     */
    static ScenarioSpec withSysctls(ScenarioSpec spec, String capture) throws IOException {
        List<String> env = Files.readAllLines(RUNS.resolve(capture).resolve("env.txt"));
        ScenarioParams own = spec.paramsOrEmpty();
        ScenarioParams params = own.toBuilder()
                .client(optionSysctls(own.client(), namespace(env, "hl-client")))
                .server(optionSysctls(own.server(), namespace(env, "hl-server")))
                .build();
        return new ScenarioSpec(spec.id(), spec.title(), spec.summary(), spec.tags(), spec.profile(), params,
                spec.actions(), spec.faults(), spec.inject(), spec.untilMs());
    }

    private static ScenarioParams optionSysctls(ScenarioParams hostOwn, List<String> sysctls) {
        return (hostOwn == null ? ScenarioParams.builder() : hostOwn.toBuilder())
                .timestamps(sysctl(sysctls, "net.ipv4.tcp_timestamps"))
                .sack(sysctl(sysctls, "net.ipv4.tcp_sack"))
                .windowScaling(sysctl(sysctls, "net.ipv4.tcp_window_scaling"))
                // env.txt names tcp_rfc1337 since the time-wait-old-segments captures; before, it was the default 0
                .rfc1337(sysctls.contains("net.ipv4.tcp_rfc1337 = 1"))
                .build();
    }

    /** The lines of env.txt under one namespace's header ({@code [hl-client]}, {@code [hl-client-c]}, …). */
    private static List<String> namespace(List<String> env, String name) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : env) {
            if (line.startsWith("[")) {
                inside = line.equals("[" + name + "]") || line.startsWith("[" + name + "-");
            } else if (inside) {
                lines.add(line);
            }
        }
        assertFalse(lines.isEmpty(), "no [" + name + "] section in env.txt");
        return lines;
    }

    private static boolean sysctl(List<String> sysctls, String name) {
        List<String> lines = sysctls.stream().filter(line -> line.startsWith(name + " = ")).toList();
        assertEquals(1, lines.size(), name + " once in the namespace's section of env.txt");
        return !lines.get(0).endsWith("= 0");
    }

    /**
     * " MSS=1460 SACK_PERM TS(ecr=0) NOP WS=10", " NOP NOP TS(echo) NOP NOP SACK=+2897-+4345": TSval is random, so a
     * TSecr says only whether it echoes; SACK blocks are written relative to the ISN of the peer whose data they hold.
     */
    static String options(List<TraceOption> options, Set<Long> peerClock, int peerIsn) {
        StringBuilder text = new StringBuilder();
        for (TraceOption option : options) {
            text.append(' ').append(switch (option.kind()) {
                case NOP -> "NOP";
                case MSS -> "MSS=" + option.value();
                case WINDOW_SCALE -> "WS=" + option.value();
                case SACK_PERMITTED -> "SACK_PERM";
                case TIMESTAMPS -> option.tsEcr() == 0 ? "TS(ecr=0)" : peerClock.contains(option.tsEcr()) ? "TS(echo)" : "TS(ecr=?)";
                case SACK -> option.blocks().stream().map(b -> "+" + ((int) b.left() - peerIsn) + "-+" + ((int) b.right() - peerIsn))
                        .collect(Collectors.joining(",", "SACK=", ""));
                case FAST_OPEN -> "TFO=" + option.cookie();
            });
        }
        return text.toString();
    }

    /**
     * Each endpoint's ISN so far: the sequence number of the latest SYN it sent with a new one. Numbers are
     * written relative to the connection they belong to, since a later connection's ISN is random in the kernel
     * (a passive opener's); how a reused 4-tuple's ISN follows from the old connection is checked in
     * {@link #theTimeWaitEndsNextIsnIsItsOldSndNxtPlus65537}.
     */
    private static final class Isns {
        private Integer client;
        private Integer server;

        void see(boolean fromClient, int flags, int seq) {
            if (Flags.has(flags, Flags.SYN)) {
                if (fromClient) {
                    client = seq;
                } else {
                    server = seq;
                }
            }
        }

        int of(boolean client) {
            Integer isn = client ? this.client : server;
            return isn == null ? 0 : isn;
        }
    }

    /** "ACK seq=+1 ack=+2 len=0": flags without PSH; RST with sequence 0 keeps its absolute 0. */
    private static String describe(int flags, int seq, int ack, int len, int ownIsn, int peerIsn) {
        boolean rstWithoutSequence = Flags.has(flags, Flags.RST) && seq == 0;
        String seqText = rstWithoutSequence ? "0" : "+" + (seq - ownIsn);
        String ackText = Flags.has(flags, Flags.ACK) ? "+" + (ack - peerIsn) : "-";
        return Flags.join(flags & ~Flags.PSH) + " seq=" + seqText + " ack=" + ackText + " len=" + len;
    }

    /**
     * A pure ACK immediately followed by a data segment from the same sender with the same acknowledgement
     * carries nothing that segment does not. Whether Linux sends it depends on a race between its delayed-ACK
     * tick and the application's first send() (docs/linux-captures.md, half-close), so it is left out on both
     * sides.
     */
    private static List<String> withoutAckBeforeData(List<String> segments) {
        return withoutAckBeforeData(segments, line -> line);
    }

    /** The same, for segments described by {@code line} ("ACK seq=+1 ack=+2 len=0 …", after an optional "C>S "). */
    static <T> List<T> withoutAckBeforeData(List<T> segments, Function<T, String> line) {
        List<T> kept = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String current = line.apply(segments.get(i)).replaceFirst("^[CS]>[CS] ", "");
            if (i + 1 < segments.size() && current.startsWith("ACK ") && current.contains(" len=0 ")) {
                String next = line.apply(segments.get(i + 1));
                String ack = current.substring(current.indexOf(" ack="), current.indexOf(" len="));
                if (!next.contains(" len=0 ") && next.contains(ack + " ")) {
                    continue;
                }
            }
            kept.add(segments.get(i));
        }
        return kept;
    }
}
