package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.SymbolicNumber;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * J+n and K+n name the taught connection's numbers only: a flood's replies to spoofed sources keep plain numbers, and
 * the server's answer to an old duplicate SYN counts from K0 (RFC 9293 §3.5 Figure 8); in every catalogue trace a
 * name stands for one number.
 */
class SymbolicNumbersTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Trace synFlood() throws IOException {
        return run("syn-flood", "rfc9293");
    }

    private static Trace run(String scenario, String profile) throws IOException {
        ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", scenario + ".yaml").toFile(), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    /** Name → every number it stands for in the trace (a value less the symbolic number's offset). */
    private static Map<String, Set<Long>> namedNumbers(Trace trace) {
        Map<String, Set<Long>> named = new TreeMap<>();
        for (TraceSegment s : trace.segments()) {
            note(named, s.seqSymbolic(), s.seq());
            note(named, s.ackSymbolic(), s.ack());
        }
        return named;
    }

    private static void note(Map<String, Set<Long>> named, String symbolic, Long value) {
        SymbolicNumber number = SymbolicNumber.parse(symbolic);
        if (number != null) {
            named.computeIfAbsent(number.name(), k -> new TreeSet<>()).add(Math.floorMod(value - number.offset(), 1L << 32));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc9293", "linux"})
    void oldDuplicateSyn_theServersAnswerToTheOldSynIsK0AndToTheRealSynK(String profile) throws IOException {
        // RFC 9293 §3.5 Figure 8: <SEQ=K0><ACK=X+1> answers the old SYN (line 4), <SEQ=K><ACK=J+1> the real one (line 7).
        Trace trace = run("old-duplicate-syn", profile);
        List<TraceSegment> fromServer = trace.segments().stream().filter(s -> "server".equals(s.from())).toList();
        // On Linux the client sends its SYN again 8 ms after its RST (tcp_rcv_synsent_state_process), and the server
        // answers that copy with the same SYN,ACK again (tcp_check_req): K J+1 once more.
        assertEquals(List.of("K0 X+1", "K J+1"), fromServer.stream().map(s -> s.seqSymbolic() + " " + s.ackSymbolic()).distinct().toList());
        assertEquals(300, fromServer.get(0).seq(), "K0 is the scenario's server ISN, which the old SYN took");
        assertNotEquals(fromServer.get(0).seq(), fromServer.get(1).seq(), "each attempt has its own ISN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc9293", "linux"})
    void oldDuplicateSyn_eachSynAcksExplanationNamesTheSynItAcknowledges_X1ForTheOldOne(String profile) throws IOException {
        Trace trace = run("old-duplicate-syn", profile);
        List<String> texts = trace.steps().stream()
                .filter(step -> step.kind() == StepKind.SEND && "server".equals(step.endpoint()) && step.detail().contains("CTL=SYN,ACK"))
                .map(TraceStep::text).toList();
        assertEquals(profile.equals("linux") ? 3 : 2, texts.size(), texts.toString());
        assertTrue(texts.get(0).contains("ack = X+1, the old SYN's seq + 1"), texts.get(0));
        assertTrue(texts.get(1).contains("ack = that SYN's seq + 1, the peer's ISN + 1"), texts.get(1));
        assertFalse(texts.get(0).contains("the peer's ISN + 1"), "the old SYN's seq is not the client's ISN");
    }

    @TestFactory
    Stream<DynamicTest> everyCatalogueTrace_aNameStandsForOneNumber() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("content", "scenarios"))) {
            for (Path file : files.sorted().toList()) {
                String scenario = file.getFileName().toString().replace(".yaml", "");
                for (String profile : List.of("rfc9293", "linux")) {
                    tests.add(DynamicTest.dynamicTest(scenario + " (" + profile + ")", () -> namedNumbers(run(scenario, profile))
                            .forEach((name, numbers) -> assertEquals(1, numbers.size(), name + " in " + scenario + " stands for " + numbers))));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void synFlood_repliesToSpoofedSourcesHaveNoSymbolicNumbers() throws IOException {
        List<TraceSegment> replies = synFlood().segments().stream().filter(s -> Network.FORGED_SOURCE.equals(s.to())).toList();
        assertFalse(replies.isEmpty(), "the server answers the spoofed SYNs");
        for (TraceSegment reply : replies) {
            assertNull(reply.seqSymbolic(), "seq of segment " + reply.id() + " to a spoofed source");
            assertNull(reply.ackSymbolic(), "ack of segment " + reply.id() + " to a spoofed source");
        }
    }

    @Test
    void synFlood_theRealClientsSynsKeepJ() throws IOException {
        List<TraceSegment> syns = synFlood().segments().stream().filter(s -> "client".equals(s.from())).toList();
        assertFalse(syns.isEmpty(), "the real client tries to connect");
        syns.forEach(syn -> assertEquals("J", syn.seqSymbolic(), "segment " + syn.id()));
    }
}
