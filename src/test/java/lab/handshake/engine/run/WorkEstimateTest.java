package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lab.handshake.engine.Language;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.spec.InjectSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The work counted before a run is refused only when the run could not fit: the flood count is never above
 * what the engine then records, for the catalogue and for floods of every shape.
 */
class WorkEstimateTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The refusal of a scenario over the API's limits, before it runs. */
    private static ScenarioRunner.InvalidSpecException refused(ScenarioSpec spec) {
        return assertThrows(ScenarioRunner.InvalidSpecException.class,
                () -> ScenarioRunner.run(spec, ScenarioRunner.Overrides.NONE, Language.EN, Limits.API));
    }

    private static ScenarioSpec spec(String yaml) throws IOException {
        return YAML.readValue(yaml, ScenarioSpec.class);
    }

    private static String flood(int backlog, String cookies, int synAckRetries, long untilMs, int count, double rate) {
        return """
                params: {listenBacklog: %d, synCookies: %s, synAckRetries: %d}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 100, host: client, call: connect}
                inject:
                  - {at: 10, flood: {count: %d, fromSubnet: 10.0.1.0/24, ratePerMs: %s}}
                untilMs: %d
                """.formatted(backlog, cookies, synAckRetries, count, rate, untilMs);
    }

    @TestFactory
    Stream<DynamicTest> floodCountNeverExceedsTheSegmentsTheEngineRecords() throws IOException {
        List<ScenarioSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("content", "scenarios"))) {
            for (Path file : files.sorted().toList()) {
                specs.add(YAML.readValue(file.toFile(), ScenarioSpec.class));
            }
        }
        for (int backlog : new int[] {1, 8, 256}) {
            for (String cookies : List.of("off", "on-overflow", "always")) {
                for (int retries : new int[] {0, 3}) {
                    for (long until : new long[] {2_000, 600_000}) {
                        specs.add(spec(flood(backlog, cookies, retries, until, 120, 0.05)));
                        specs.add(spec(flood(backlog, cookies, retries, until, 40, 1)));
                    }
                }
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (ScenarioSpec spec : specs) {
            for (String profile : List.of("rfc9293", "linux")) {
                tests.add(DynamicTest.dynamicTest(spec.id() + " " + spec.paramsOrEmpty() + " " + profile, () -> {
                    ScenarioRunner.Overrides overrides = new ScenarioRunner.Overrides(profile, null, null, null);
                    Trace trace = ScenarioRunner.run(spec, overrides, Language.EN, Limits.API);
                    TcpParams params = ScenarioRunner.Setup.of(spec, overrides).params();
                    for (InjectSpec inject : spec.injectOrEmpty()) {
                        if (inject.flood() != null) {
                            long counted = WorkEstimate.floodSegments(spec, params, inject);
                            assertTrue(counted <= trace.segments().size(),
                                    "counted " + counted + " but the engine recorded " + trace.segments().size());
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void shouldCountEverySynAckTheListenerOwesAFloodThatFillsNoBacklog() throws IOException {
        // 2,000 SYNs, each kept half-open (backlog 4,096) and its SYN,ACK sent 1 + 7 times: 18,000 segments.
        ScenarioSpec spec = spec(flood(4_096, "off", 7, 600_000, 2_000, 1));
        TcpParams params = ScenarioRunner.Setup.of(spec, ScenarioRunner.Overrides.NONE).params();
        assertEquals(2_000 + 2_000 * 8, WorkEstimate.floodSegments(spec, params, spec.injectOrEmpty().get(0)));
    }

    @Test
    void shouldRefuseAFloodThatCannotFitInATraceBeforeSimulatingIt() throws IOException {
        ScenarioSpec spec = spec(flood(4_096, "off", 7, 600_000, 2_000, 1));
        ScenarioRunner.InvalidSpecException refused = refused(spec);
        assertEquals("inject[0].flood.count", refused.violations().get(0).field());
        assertTrue(refused.violations().get(0).tooLarge());
    }

    /** The scenario's MSS, or the client's own (params.client) over the scenario's 1460, decides how many segments. */
    @ParameterizedTest
    @ValueSource(strings = {"{mss: 10}", "{client: {mss: 10}}"})
    void shouldRefuseDataThatNeedsMoreSegmentsThanATraceHolds_cutByTheSendersOwnMss(String params) throws IOException {
        ScenarioSpec spec = spec("params: " + params + """

                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 60000}
                """);
        ScenarioRunner.InvalidSpecException refused = refused(spec);
        assertEquals("actions", refused.violations().get(0).field());
        assertEquals(List.of(10L, 6_000L, (long) Limits.API.maxSegments()), refused.violations().get(0).arguments());
    }

    @Test
    void shouldCountTheSynAcksTheFloodsTargetOwesWithItsOwnSettings() throws IOException {
        // The same 18,000 segments when the backlog and the SYN,ACK retries are the server's own settings.
        ScenarioSpec spec = spec(flood(4_096, "off", 7, 600_000, 2_000, 1)
                .replace("params: {listenBacklog: 4096, synCookies: off, synAckRetries: 7}",
                        "params: {server: {listenBacklog: 4096, synCookies: off, synAckRetries: 7}}"));
        assertEquals(7, spec.paramsOrEmpty().server().synAckRetries(), "the settings are the server's own");
        ScenarioRunner.InvalidSpecException refused = refused(spec);
        assertEquals(List.of(18_000L, (long) Limits.API.maxSegments()), refused.violations().get(0).arguments());
    }
}
