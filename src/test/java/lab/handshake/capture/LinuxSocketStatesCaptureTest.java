package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code linux} profile's connection states against the kernel's own: every capture played from a scenario file
 * keeps the {@code ss -tanoi} snapshots both programs took (tools/linux-captures/runs/&lt;id&gt;/snapshots.json, 75 ms
 * after each call, every 500 ms from T0 + 525 ms and at the end; docs/linux-captures.md §40). Replayed as
 * {@link LinuxCaptureComparisonTest} replays it, each host's connection must be, at each snapshot, in the state the
 * kernel listed for the socket whose peer is the other host; no such socket is CLOSED (the engine's LISTEN, too, is
 * no connection yet: the kernel lists the listener apart). The kernel's times count from the client's first
 * connect(), as the engine's do: a program woken late on a busy machine makes its timed calls late, and its segments
 * (held in {@link LinuxCaptureComparisonTest}) count from the first SYN.
 */
class LinuxSocketStatesCaptureTest {
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs");
    private static final Map<String, String> PEER_ADDRESS = Map.of("client", "10.0.0.2:", "server", "10.0.0.1:");
    /**
     * ss read the sockets at some moment between its start ({@code atMs}) and when its program saw it done
     * ({@code doneMs}, 64 ms later in the median on a busy machine), and the kernel's segments pass within a few ms of the
     * engine's: the kernel's state is held to the engine's at some moment from {@code MARGIN_MS} before the start to
     * {@code MARGIN_MS} after the end, so a snapshot taken within a few ms of a transition may show either side of it.
     */
    private static final double MARGIN_MS = 5;

    @TestFactory
    Stream<DynamicTest> linuxProfileStates_equalTheKernelsAtEachSnapshot() throws IOException {
        List<String> captures;
        try (Stream<Path> runs = Files.list(RUNS)) {
            captures = runs.filter(run -> Files.exists(run.resolve("snapshots.json")))
                    .map(run -> run.getFileName().toString()).sorted().toList();
        }
        assertFalse(captures.isEmpty(), "no snapshots.json under " + RUNS);
        return captures.stream().map(id -> DynamicTest.dynamicTest(id, () -> assertStatesAtEachSnapshot(id)));
    }

    private static void assertStatesAtEachSnapshot(String id) throws IOException {
        ScenarioSpec spec = LinuxTimersAndQueuesCaptureTest.specOf(id);
        Trace trace = CapturedTimerWheel.runAsCaptured(id, spec);
        Map<Integer, Double> lateness = LinuxTimersAndQueuesCaptureTest.wheelLateness(trace, spec.actions());
        JsonNode run = new ObjectMapper().readTree(RUNS.resolve(id).resolve("snapshots.json").toFile());
        double kernelLate = firstConnect(run) - trace.steps().stream()
                .filter(step -> step.kind() == StepKind.CALL && step.endpoint().equals("client") && step.detail().startsWith("connect"))
                .findFirst().orElseThrow().at();
        JsonNode snapshots = run.path("snapshots");
        List<String> differences = new ArrayList<>();
        for (JsonNode snapshot : snapshots) {
            String host = snapshot.path("host").asText();
            double fromMs = snapshot.path("atMs").asDouble() - kernelLate;
            double toMs = snapshot.path("doneMs").asDouble() - kernelLate;
            String kernel = kernelState(snapshot, host);
            Set<String> engine = engineStatesWithin(trace, lateness, host, fromMs - MARGIN_MS, toMs + MARGIN_MS);
            if (!engine.contains(kernel)) {
                differences.add(String.format("%s at %s (%.1f–%.1f ms): kernel %s, engine %s", host,
                        snapshot.path("label").asText(), fromMs, toMs, kernel, engine));
            }
        }
        assertFalse(snapshots.isEmpty(), id + ": no snapshot");
        assertTrue(differences.isEmpty(), id + ": " + String.join("; ", differences));
    }

    /** When the client's program called its first connect(), in ms after its T0. */
    private static double firstConnect(JsonNode run) {
        for (JsonNode call : run.path("calls")) {
            if (call.path("host").asText().equals("client") && call.path("call").asText().equals("connect")) {
                return call.path("atMs").asDouble();
            }
        }
        throw new AssertionError("no connect() call in snapshots.json");
    }

    /** The state of host's socket connected to the other host, in the engine's names; CLOSED where there is none. */
    private static String kernelState(JsonNode snapshot, String host) {
        List<String> states = new ArrayList<>();
        for (JsonNode socket : snapshot.path("sockets")) {
            if (socket.path("peer").asText().startsWith(PEER_ADDRESS.get(host))) {
                states.add(engineName(socket.path("state").asText()));
            }
        }
        assertTrue(states.size() <= 1, host + " has more than one connection at " + snapshot.path("label").asText());
        return states.isEmpty() ? "CLOSED" : states.get(0);
    }

    /** ss's names (ESTAB, SYN-RECV, FIN-WAIT-1, …; UNCONN a socket no longer connected) as the engine's. */
    private static String engineName(String ss) {
        return switch (ss) {
            case "ESTAB" -> "ESTABLISHED";
            case "SYN-RECV" -> "SYN_RECEIVED";
            case "UNCONN" -> "CLOSED";
            default -> ss.replace('-', '_');
        };
    }

    /**
     * The host's states in the engine from fromMs to toMs (CLOSED before its first step; LISTEN as CLOSED). A state a
     * timer ended may still be the kernel's up to that timer's slot of the kernel's timer wheel later
     * ({@link LinuxTimersAndQueuesCaptureTest#wheelSlotMs}): an orphaned FIN-WAIT-2 of 3 s runs up to 256 ms late. One an
     * arriving segment ended, up to how late the kernel may have sent that segment
     * ({@link LinuxTimersAndQueuesCaptureTest#wheelLateness}): a handshake a retransmitted SYN completed, syn-ack-lost-twice.
     */
    private static Set<String> engineStatesWithin(Trace trace, Map<Integer, Double> lateness, String host, double fromMs,
                                                  double toMs) {
        Set<String> within = new TreeSet<>();
        String state = "CLOSED";
        double since = Double.NEGATIVE_INFINITY;
        for (TraceStep step : trace.steps()) {
            String named = step.states().getOrDefault(host, "CLOSED");
            String next = named.equals("LISTEN") ? "CLOSED" : named;
            if (next.equals(state)) {
                continue;
            }
            double kernelMayEndAt = step.at() + switch (step.kind()) {
                case TIMER_FIRED -> LinuxTimersAndQueuesCaptureTest.wheelSlotMs(trace, step);
                case ARRIVE -> lateness.getOrDefault(step.segmentId(), 0.0);
                default -> 0.0;
            };
            if (since <= toMs && kernelMayEndAt >= fromMs) {
                within.add(state);
            }
            state = next;
            since = step.at();
        }
        if (since <= toMs) {
            within.add(state);
        }
        return within;
    }
}
