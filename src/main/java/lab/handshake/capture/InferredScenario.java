package lab.handshake.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import lab.handshake.engine.CongestionControl;
import lab.handshake.engine.FastOpen;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Profile;
import lab.handshake.engine.Seq;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.FaultMatch;
import lab.handshake.engine.spec.FaultSpec;
import lab.handshake.engine.spec.FloodSpec;
import lab.handshake.engine.spec.InjectSpec;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.TraceOption;

/**
 * The scenario a capture tells: the application calls the replay inferred ({@link InferredCalls}: at their capture
 * times, or as reactions to what TCP told the application), a drop
 * fault for every segment the capture shows was lost, the capture's ISNs, ports and SYN options (each host's MSS
 * and window shift its own, as its SYN or SYN,ACK says, and an option the SYN,ACK declined off at the server), the limits a reset
 * shows ({@link CaptureEvidence.ShownLimits}), and a one-way delay of half the handshake's round trip, in whole milliseconds rounded down ({@link CaptureEvidence}).
 * {@code POST /api/traces} runs it like any scenario, so the captures page can run it again with another profile or
 * another fault.
 */
final class InferredScenario {
    /** How long the scenario runs past the capture's last segment (retransmissions a fault adds need room). */
    private static final long AFTER_LAST_MS = 10_000;


    private InferredScenario() {
    }

    /**
     * @param network      the copies and delays the network made ({@link NetworkDuplicatesAndDelays}), read once with the
     *                     replay's evidence
     * @param silentFromMs when the capture shows a peer gone silent behind its shut window
     *                     ({@link CaptureEvidence#silentPeer}), the moment after its last segment that arrived, on the
     *                     calls' clock: every segment it sends from then on is dropped; null otherwise
     * @param vanishedFromMs when the capture shows a peer that vanished ({@link CaptureEvidence#vanishedPeer}), the moment
     *                     the other end sent its first segment that never arrived, on the calls' clock: every segment that
     *                     end sends from then on is dropped; null otherwise
     */
    static ScenarioSpec of(CapturedConnection connection, CaptureEvidence evidence, NetworkDuplicatesAndDelays network, Profile profile, CongestionControl control, List<ActionSpec> calls,
                           Long silentFromMs, Long vanishedFromMs, Map<String, String> title) {
        List<CapturedSegment> segments = connection.segments();
        long start = segments.get(0).timeMicros();
        long lastMs = (segments.get(segments.size() - 1).timeMicros() - start) / 1000;
        List<ActionSpec> actions = new ArrayList<>(connection.selfConnected() ? mirrored(calls) : calls);
        List<InjectSpec> inject = new ArrayList<>();
        if (evidence.spoofedClient()) {
            // The flood's SYN, from an address of the same /24 as the spoofed one: no client application at all.
            String address = connection.segments().get(0).srcAddress();
            String subnet = address.contains(":") ? address + "/128" : address.substring(0, address.lastIndexOf('.')) + ".0/24";
            inject.add(new InjectSpec(0L, null, null, null, null, null, null, null, new FloodSpec(1, subnet, 1.0, "server")));
            if (actions.stream().noneMatch(a -> "listen".equals(a.call()))) {
                actions.add(0, new ActionSpec(0L, null, null, null, "server", "listen", null, null));
            }
        }
        CapturedSegment opener = segments.stream().filter(s -> Flags.has(s.flags(), Flags.SYN)).findFirst().orElse(segments.get(0));
        List<TraceOption> synOptions = opener.options() == null ? List.of() : opener.options();
        CaptureEvidence.ShownLimits shown = CaptureEvidence.ShownLimits.of(connection, evidence, profile.defaults());
        Optional<SynFastOpen> fastOpen = SynFastOpen.of(connection);
        ScenarioParams clientSettings = ownSettings(opener, connection.announcedMss(true), null, profile, shown.window(true),
                shown.dataRetries(true), null, shown.timeWaitMs(true), shown.minRtoMs(true));
        ScenarioParams params = ScenarioParams.builder()
                // A mirror image's two connect() calls come before either SYN arrives, as one socket's own SYN does.
                .oneWayDelayMs(connection.selfConnected() ? 1 : evidence.oneWayDelayMs())
                .loopback(connection.oneHost() ? true : null)
                .clientIsn(Seq.unsigned(connection.isn(true)))
                .serverIsn(Seq.unsigned(connection.isn(false)))
                .clientPort(port(connection.client()))
                .serverPort(port(connection.server()))
                .sack(has(synOptions, OptionKind.SACK_PERMITTED))
                .timestamps(has(synOptions, OptionKind.TIMESTAMPS))
                .windowScaling(has(synOptions, OptionKind.WINDOW_SCALE))
                .finWait2TimeoutMs(shown.finWait2().map(CaptureEvidence.FinWait2Timeout::timeoutMs).orElse(null))
                .synAckRetries(shown.expiredHandshake().map(CaptureEvidence.ExpiredHandshake::synAckRetries).orElse(null))
                .synLinearTimeouts(shown.synLinearTimeouts().isPresent() ? shown.synLinearTimeouts().getAsInt() : null)
                .noDelay(shown.nagleOff() ? true : null)
                .rfc1337(shown.timeWaitIgnoresReset().isPresent() ? true : null)
                .congestionControl(control == CongestionControl.CUBIC ? null : control.wireName())
                .fastOpen(fastOpen.map(f -> f.client().wireName()).orElse(null))
                .clientReads(shown.reads(true))
                .serverReads(shown.reads(false))
                .client(clientSettings)
                .server(connection.selfConnected() ? clientSettings : segments.stream().filter(s -> Flags.has(s.flags(), Flags.SYN) && Flags.has(s.flags(), Flags.ACK)
                        && !connection.fromClient(s)).findFirst()
                        .map(synAck -> ownSettings(synAck, connection.announcedMss(false), synOptions, profile, shown.window(false),
                                shown.dataRetries(false), fastOpen.map(SynFastOpen::server).filter(f -> f == FastOpen.OFF)
                                        .orElse(null), shown.timeWaitMs(false), shown.minRtoMs(false))).orElse(null))
                .build();
        List<FaultSpec> faults = drops(connection, evidence);
        faults.addAll(duplicatesAndDelays(connection, evidence, network));
        shown.silentPeer().ifPresent(silent -> faults.add(new FaultSpec(
                new FaultMatch(silent.proberIsClient() ? "server" : "client", null, null, silentFromMs, null), "drop", null, null, null, null)));
        // Whether or not the end gave up within the profile's retries, nothing of it arrived from then on.
        CaptureEvidence.vanishedPeer(connection).ifPresent(vanished -> faults.add(new FaultSpec(
                new FaultMatch(vanished.senderIsClient() ? "client" : "server", null, null, vanishedFromMs, null), "drop", null, null, null, null)));
        return new ScenarioSpec("capture", title, null, null, profile.wireName(), params, actions, faults, inject, lastMs + AFTER_LAST_MS);
    }

    /**
     * The calls of a socket connected to itself ({@link CapturedConnection#selfConnected}), each made by both ends: a
     * scenario's two ends are two sockets at two addresses, so it is written as its mirror image, a simultaneous open
     * (RFC 9293 §3.5, figure 7) of two ends with the same ISN and the same calls, in which each sends what the one
     * socket sent, a millisecond apart (the capture's microseconds on one host cannot order two ends' calls otherwise).
     */
    private static List<ActionSpec> mirrored(List<ActionSpec> calls) {
        List<ActionSpec> both = new ArrayList<>();
        for (ActionSpec call : calls) {
            both.add(call);
            both.add(new ActionSpec(call.at(), call.on(), call.received(), call.delayMs(), "server", call.call(), call.bytes(), call.more()));
        }
        return both;
    }

    /**
     * A drop fault for each lost segment: its sender, its flags (PSH aside) and which of those it was, counted as the
     * engine counts a fault's matches: without those the faults before it (same sender and flags) dropped.
     */
    private static List<FaultSpec> drops(CapturedConnection connection, CaptureEvidence evidence) {
        List<FaultSpec> faults = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> dropped = new HashMap<>();
        List<CapturedSegment> segments = connection.segments();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            String from = connection.fromClient(segment) ? "client" : "server";
            List<String> flags = Flags.names(segment.flags() & ~Flags.PSH);
            int nth = seen.merge(from + flags, 1, Integer::sum);
            CaptureEvidence.Loss loss = evidence.losses().get(i);
            // A spoofed source's losses are the flood's own (nobody answers there): no fault makes them. A silent
            // peer's and a vanished peer's are one fault from a moment on (see of). Keep-alive probes are not modelled.
            if (loss != null && !List.of(CaptureEvidence.LossKind.SPOOFED, CaptureEvidence.LossKind.PROBE_ANSWER_UNHEARD,
                    CaptureEvidence.LossKind.PEER_VANISHED, CaptureEvidence.LossKind.KEEP_ALIVE_UNANSWERED).contains(loss.kind())) {
                int before = dropped.merge(from + flags, 1, Integer::sum) - 1;
                FaultMatch match = new FaultMatch(from, flags, nth - before, null, null);
                faults.add(loss.kind() == CaptureEvidence.LossKind.REJECTED
                        ? new FaultSpec(match, "reject", null, null, null, loss.icmp().code().wireName())
                        : new FaultSpec(match, "drop", null, null, null, null));
            }
        }
        return faults;
    }

    /**
     * A duplicate fault for each segment the network copied ({@link NetworkDuplicatesAndDelays#duplicates}, {@code ms}
     * the time between the copies) and a delay fault for each it held back past a later one of its sender
     * ({@link NetworkDuplicatesAndDelays#delays}, {@code ms} how long after that one it came), or that a capture at its
     * sender shows held back behind its copy ({@link NetworkDuplicatesAndDelays#heldAtSender}). Listed after the drops,
     * each counts its sender's segments of its flags (PSH aside) in the order they were sent: without the network's
     * copies and without those the drops took.
     */
    private static List<FaultSpec> duplicatesAndDelays(CapturedConnection connection, CaptureEvidence evidence,
                                                       NetworkDuplicatesAndDelays network) {
        List<CapturedSegment> segments = connection.segments();
        Map<Integer, Integer> delayed = network.delays();
        List<FaultSpec> faults = new ArrayList<>();
        Map<Integer, Integer> copyOf = new HashMap<>();
        network.duplicates().forEach((copy, first) -> copyOf.put(first, copy));
        // A copy after the capture point: the time between the receiver's two answers, to the segment and to its copy.
        Map<Integer, Long> unseenCopyAfter = new HashMap<>();
        network.unseenCopies().forEach((answer, copied) -> {
            int first = answer - 1;
            while (connection.fromClient(segments.get(first)) == connection.fromClient(segments.get(copied))) {
                first--;
            }
            unseenCopyAfter.put(copied, millisBetween(segments.get(first), segments.get(answer)));
        });
        Map<String, Integer> seen = new HashMap<>();
        for (int index : network.sendingOrder()) {
            if (network.isDuplicate(index)) {
                continue;
            }
            CapturedSegment segment = segments.get(index);
            String from = connection.fromClient(segment) ? "client" : "server";
            List<String> flags = Flags.names(segment.flags() & ~Flags.PSH);
            if (evidence.losses().get(index) != null) {
                continue;
            }
            int nth = seen.merge(from + flags, 1, Integer::sum);
            if (copyOf.containsKey(index)) {
                faults.add(new FaultSpec(new FaultMatch(from, flags, nth, null, null), "duplicate",
                        Math.max(1, millisBetween(segment, segments.get(copyOf.get(index)))), null, null, null));
            }
            if (unseenCopyAfter.containsKey(index)) {
                faults.add(new FaultSpec(new FaultMatch(from, flags, nth, null, null), "duplicate", Math.max(1, unseenCopyAfter.get(index)),
                        null, null, null));
            }
            if (delayed.containsKey(index)) {
                faults.add(new FaultSpec(new FaultMatch(from, flags, nth, null, null), "delay",
                        Math.max(1, millisBetween(segments.get(delayed.get(index)), segment)), null, null, null));
            }
            if (network.heldAtSender().containsKey(index)) {
                // It had arrived when the receiver's answer left, a one-way trip before that answer was captured: so at
                // most this much later than a one-way trip after it left.
                faults.add(new FaultSpec(new FaultMatch(from, flags, nth, null, null), "delay", Math.max(1,
                        millisBetween(segment, segments.get(network.heldAtSender().get(index))) - 2L * evidence.oneWayDelayMs()),
                        null, null, null));
            }
        }
        return faults;
    }

    private static long millisBetween(CapturedSegment earlier, CapturedSegment later) {
        return Math.round((later.timeMicros() - earlier.timeMicros()) / 1000.0);
    }

    /**
     * What a host's SYN (or SYN,ACK) says of its own settings where they differ from the profile's: its MSS, its
     * window shift and its receive buffer ({@code window}, {@link CaptureEvidence.ShownLimits#window}), the probes
     * or retransmissions after which it gave up on a silent or vanished peer ({@code dataRetries},
     * {@link CaptureEvidence.ShownLimits#dataRetries}), a TIME-WAIT it skipped ({@code timeWaitMs} 0), a minimum RTO
     * below the profile's ({@code minRtoMs}, {@link CaptureEvidence.ShownLimits#minRtoMs}), and
     * for a SYN,ACK each option the SYN offered that it did not answer, which that host has off
     * (RFC 7323 §1.3, RFC 2018 §2: a SYN,ACK answers what it supports), and its Fast Open where it differs from the
     * client's ({@code fastOpen}: a server that left a SYN's data). Null when nothing differs.
     */
    private static ScenarioParams ownSettings(CapturedSegment syn, OptionalInt announcedMss, List<TraceOption> offered, Profile profile, Integer window,
                                              Integer probes, FastOpen fastOpen, Integer timeWaitMs, Integer minRtoMs) {
        List<TraceOption> options = syn.options() == null ? List.of() : syn.options();
        TcpParams defaults = profile.defaults();
        ScenarioParams.Builder own = ScenarioParams.builder().window(window).dataRetries(probes).timeWaitMs(timeWaitMs)
                .minRtoMs(minRtoMs).fastOpen(fastOpen == null ? null : fastOpen.wireName());
        boolean differs = window != null || probes != null || fastOpen != null || timeWaitMs != null || minRtoMs != null;
        if (announcedMss.isPresent() && announcedMss.getAsInt() != defaults.mss()) {
            own.mss(announcedMss.getAsInt());
            differs = true;
        }
        Integer shift = value(options, OptionKind.WINDOW_SCALE);
        if (shift != null && shift != defaults.windowScale()) {
            own.windowScale(shift);
            differs = true;
        }
        if (offered != null) {
            for (OptionKind kind : List.of(OptionKind.SACK_PERMITTED, OptionKind.TIMESTAMPS, OptionKind.WINDOW_SCALE)) {
                if (has(offered, kind) && !has(options, kind)) {
                    switch (kind) {
                        case SACK_PERMITTED -> own.sack(false);
                        case TIMESTAMPS -> own.timestamps(false);
                        default -> own.windowScaling(false);
                    }
                    differs = true;
                }
            }
        }
        return differs ? own.build() : null;
    }

    private static Integer value(List<TraceOption> options, OptionKind kind) {
        return options.stream().filter(o -> o.kind() == kind).map(TraceOption::value).findFirst().orElse(null);
    }

    private static boolean has(List<TraceOption> options, OptionKind kind) {
        return options.stream().anyMatch(o -> o.kind() == kind);
    }

    private static int port(String socket) {
        return Integer.parseInt(socket.substring(socket.lastIndexOf(':') + 1));
    }
}
