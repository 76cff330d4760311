package lab.handshake.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lab.handshake.formats.PacketdrillWriter;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every catalogue scenario under both profiles, compared with a golden summary (segments with their symbolic
 * numbers, windows, options, IP ECN field and fates, every state change, the final states, the listeners' SYN queue capacity) under {@code src/test/resources/golden/}. The
 * golden files were read and checked by hand against RFC 9293 and the Linux captures; regenerate them with
 * {@code -Dgolden.update=true} only when a change is meant, and read the diff.
 */
class GoldenTraceTest {
    private static final Path SCENARIOS = Path.of("content", "scenarios");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    Stream<DynamicTest> everyCatalogueScenarioMatchesItsGoldenTrace() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            for (Path file : files.sorted().toList()) {
                ScenarioSpec spec = YAML.readValue(file.toFile(), ScenarioSpec.class);
                for (String profile : List.of("rfc9293", "linux")) {
                    tests.add(DynamicTest.dynamicTest(spec.id() + " (" + profile + ")", () -> check(spec, profile)));
                }
            }
        }
        assertFalse(tests.isEmpty(), "the catalogue must not be empty");
        return tests.stream();
    }

    private static void check(ScenarioSpec spec, String profile) throws IOException {
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
        String actual = summarize(trace);
        Path golden = GOLDEN.resolve(spec.id() + "." + profile + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + " (run with -Dgolden.update=true, then check it by hand)");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "trace of " + spec.id() + " under " + profile);
    }

    /** A compact, reviewable form: one line per segment and per state change. */
    static String summarize(Trace trace) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(trace.scenario()).append(" (").append(trace.profile()).append(")\n");
        out.append("segments:\n");
        int attackerSyns = 0;
        int answersToForgedSources = 0;
        for (TraceSegment s : trace.segments()) {
            // A flood's spoofed segments are counted, not listed: the real client's story is what is checked.
            if (Network.ATTACKER.equals(s.from())) {
                attackerSyns++;
                continue;
            }
            if (Network.FORGED_SOURCE.equals(s.to())) {
                answersToForgedSources++;
                continue;
            }
            // The IP header's ECN field only where there is one (no file without ECN changes).
            out.append(String.format("  %d %d→%s %s>%s %s seq=%s ack=%s len=%d win=%s%s%s%s %s%s%n", s.id(), s.sentAt(),
                    s.arrivesAt() == null ? "-" : s.arrivesAt(), s.from(), s.to(), String.join(",", s.flags()),
                    s.seqSymbolic() == null ? s.seq() : s.seqSymbolic(), s.ack() == null ? "-" : s.ackSymbolic() == null ? s.ack() : s.ackSymbolic(),
                    s.len(), s.window(), s.scaledWindow() == s.window() ? "" : "(" + s.scaledWindow() + ")",
                    s.options().isEmpty() ? "" : " " + PacketdrillWriter.options(s.options()), s.ecn() == null ? "" : " " + s.ecn(),
                    s.fate(), s.retransmission() ? " (retransmission)" : ""));
        }
        if (attackerSyns + answersToForgedSources > 0) {
            out.append(String.format("  (attacker: %d spoofed segments; forged-source: %d answers to spoofed addresses)%n", attackerSyns,
                    answersToForgedSources));
        }
        out.append("states:\n");
        for (TraceStep step : trace.steps()) {
            if (step.peer() == null && step.stateBefore() != null && !step.stateBefore().equals(step.stateAfter())) {
                out.append(String.format("  %d %s %s→%s (%s %s)%n", step.at(), step.endpoint(), step.stateBefore(),
                        step.stateAfter(), step.kind(), step.detail()));
            }
        }
        out.append("final: ").append(trace.finalStates()).append('\n');
        if (trace.synQueueCapacity() != null) {
            out.append("SYN queue capacity: ").append(trace.synQueueCapacity()).append('\n');
        }
        return out.toString();
    }
}
