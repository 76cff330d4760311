package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/**
 * Two machines with different settings (`params.client`, `params.server`): each host sends what its own settings say,
 * and what they agree on is what both offered (RFC 9293 §3.7.1, RFC 7323 §1.3 and §3.2, RFC 2018 §2).
 */
class HostSettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String HANDSHAKE_AND_DATA = """
            profile: linux
            params: {clientIsn: 100, serverIsn: 300%s}
            actions:
              - {at: 0, host: server, call: listen}
              - {at: 10, host: client, call: connect}
              - {on: established, host: client, call: send, bytes: 1000}
            untilMs: 2000
            """;

    private static Trace run(String params) throws IOException {
        ScenarioSpec spec = YAML.readValue(HANDSHAKE_AND_DATA.formatted(params), ScenarioSpec.class);
        assertEquals(List.of(), SpecValidator.validate(spec, Limits.API));
        return ScenarioRunner.run(spec, ScenarioRunner.Overrides.NONE, Language.EN, Limits.API);
    }

    private static Set<OptionKind> kinds(TraceSegment segment) {
        return Set.copyOf(segment.options().stream().map(TraceOption::kind).filter(kind -> kind != OptionKind.NOP).toList());
    }

    private static Integer option(TraceSegment segment, OptionKind kind) {
        return segment.options().stream().filter(o -> o.kind() == kind).map(TraceOption::value).findFirst().orElse(null);
    }

    @Test
    void eachHostsSynCarriesTheOptionsAndShiftOfItsOwnSettings_rfc7323Section2_2() throws IOException {
        Trace trace = run(", client: {windowScale: 7, mss: 1400}");
        TraceSegment syn = trace.segments().get(0);
        TraceSegment synAck = trace.segments().get(1);
        assertEquals(7, option(syn, OptionKind.WINDOW_SCALE), "the client's own shift");
        assertEquals(1400, option(syn, OptionKind.MSS), "the client's own MSS");
        assertEquals(10, option(synAck, OptionKind.WINDOW_SCALE), "the server keeps the profile's shift");
        assertEquals(1460, option(synAck, OptionKind.MSS), "the server keeps the profile's MSS");
        TraceSegment clientAck = trace.segments().get(2);
        assertEquals(clientAck.scaledWindow(), (long) clientAck.window() << 7, "the client's later windows are shifted by its own 7");
    }

    @Test
    void anOptionOnlyOneHostOffersIsNeverUsed_rfc7323Section3_2AndRfc2018Section2() throws IOException {
        Trace trace = run(", client: {timestamps: false, sack: false}");
        TraceSegment syn = trace.segments().get(0);
        TraceSegment synAck = trace.segments().get(1);
        assertEquals(Set.of(OptionKind.MSS, OptionKind.WINDOW_SCALE), kinds(syn), "the client offers neither");
        assertEquals(Set.of(OptionKind.MSS, OptionKind.WINDOW_SCALE), kinds(synAck), "the server, which has both on, answers only what was offered");
        assertTrue(trace.segments().stream().skip(2).allMatch(s -> kinds(s).isEmpty()), "no timestamps on later segments either way");
    }

    @Test
    void theServersOwnBacklogSizesItsSynQueue_linuxInetCskReqskQueueIsFull() throws IOException {
        Trace trace = run(", listenBacklog: 16, server: {listenBacklog: 2}");
        assertEquals(Map.of("server", 3), trace.synQueueCapacity(), "listen(2) holds 3 half-open requests under linux");
    }

    @Test
    void aHostsOwnSettingsCannotSetWhatBelongsToTheWholeScenario_andAreCheckedLikeTheScenarios() throws IOException {
        ScenarioSpec spec = YAML.readValue(HANDSHAKE_AND_DATA.formatted(
                ", client: {lossRate: 0.5, clientIsn: 7, mss: 0}, server: {client: {sack: true}}"), ScenarioSpec.class);
        List<Violation> violations = SpecValidator.validate(spec, Limits.API);
        assertEquals(List.of("params.client.clientIsn", "params.client.lossRate", "params.client.mss", "params.server.client"),
                violations.stream().map(Violation::field).sorted().toList());
        Violation loss = violations.stream().filter(v -> v.field().equals("params.client.lossRate")).findFirst().orElseThrow();
        assertEquals(Violation.Rule.NOT_PER_HOST, loss.rule());
        assertEquals("params.lossRate", loss.argument(0));
    }
}
