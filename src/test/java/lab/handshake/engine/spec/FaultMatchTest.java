package lab.handshake.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/**
 * A fault's match: {@code afterMs} (segments sent from then on) and {@code beforeMs} (segments sent before then) are
 * times within the scenario's limits, {@code beforeMs} after {@code afterMs}, and together select a window; a reject names
 * one of the ICMP Destination Unreachable codes, and only a reject takes a code; a mark-ce (a router's CE mark, RFC 3168
 * §5) takes neither a code nor a release time.
 */
class FaultMatchTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void afterMsOutsideTheScenariosTime_isRefusedByItsField() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: silent-server
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                faults:
                  - {match: {from: server, flags: [ACK], afterMs: -1}, action: drop}
                  - {match: {from: server, flags: [ACK], afterMs: 400}, action: drop}
                """, ScenarioSpec.class);
        List<String> fields = SpecValidator.validate(spec, Limits.API).stream().map(Violation::field).toList();
        assertEquals(List.of("faults[0].match.afterMs"), fields);
    }

    @Test
    void beforeMsOutsideTheScenariosTime_orNotAfterAfterMs_isRefusedByItsField() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: slow-then-fast
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                faults:
                  - {match: {from: server, beforeMs: -1}, action: delay, ms: 180}
                  - {match: {from: server, afterMs: 400, beforeMs: 400}, action: drop}
                  - {match: {from: server, afterMs: 400, beforeMs: 300}, action: drop}
                  - {match: {from: server, beforeMs: 90000000}, action: drop}
                  - {match: {from: server, afterMs: 400, beforeMs: 401}, action: drop}
                  - {match: {from: server, beforeMs: 2000}, action: delay, ms: 180}
                """, ScenarioSpec.class);
        long max = Limits.API.maxUntilMs();
        assertEquals(List.of(Violation.outOfRange("faults[0].match.beforeMs", 0, max),
                        Violation.aboveAndAtMost("faults[1].match.beforeMs", 400, max),
                        Violation.aboveAndAtMost("faults[2].match.beforeMs", 400, max),
                        Violation.outOfRange("faults[3].match.beforeMs", 0, max)),
                SpecValidator.validate(spec, Limits.API));
    }

    /**
     * A delay fault with {@code beforeMs} slows every segment its sender sends before that time, and none after: the
     * first connection's path of tcp-metrics-round-trip in one fault; {@code afterMs} with it, only those between.
     */
    @Test
    void beforeMs_matchesTheSegmentsSentBeforeIt_andWithAfterMsThoseBetween() throws IOException {
        Trace trace = ScenarioRunner.run(YAML.readValue("""
                id: slow-then-fast
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 10}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {at: 300, host: client, call: send, bytes: 10}
                  - {at: 600, host: client, call: send, bytes: 10}
                  - {at: 900, host: client, call: send, bytes: 10}
                faults:
                  - {match: {from: server, beforeMs: 250}, action: delay, ms: 180}
                  - {match: {from: client, flags: [ACK], afterMs: 500, beforeMs: 700}, action: drop}
                untilMs: 3000
                """, ScenarioSpec.class), new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        TraceSegment synAck = trace.segments().stream().filter(s -> s.flags().equals(List.of("SYN", "ACK"))).findFirst().orElseThrow();
        assertEquals(180 + 10, synAck.arrivesAt() - synAck.sentAt(), "the SYN,ACK, sent before 250 ms, waits 180 ms more");
        assertTrue(trace.segments().stream().filter(s -> s.from().equals("server") && s.sentAt() >= 250)
                .allMatch(s -> s.arrivesAt() - s.sentAt() == 10), "nothing the server sends from 250 ms on waits");
        List<Long> lost = trace.segments().stream().filter(s -> s.arrivesAt() == null).map(TraceSegment::sentAt).toList();
        assertEquals(List.of(600L), lost, "only the client's segment sent between 500 and 700 ms is lost");
    }

    @Test
    void rejectWithoutOrWithAnUnknownIcmpCode_andACodeOnAnotherAction_areRefusedByTheirField() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: rejected-syn
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                faults:
                  - {match: {from: client, flags: [SYN]}, action: reject}
                  - {match: {from: client, flags: [SYN]}, action: reject, code: frag-needed}
                  - {match: {from: client, flags: [SYN]}, action: drop, code: port}
                  - {match: {from: client, flags: [SYN]}, action: reject, code: admin}
                """, ScenarioSpec.class);
        assertEquals(List.of(Violation.requiredWith("faults[0].code", "reject"),
                        Violation.notOneOf("faults[1].code", List.of("net", "host", "protocol", "port", "admin")),
                        Violation.onlyWith("faults[2].code", List.of("reject"))),
                SpecValidator.validate(spec, Limits.API));
    }

    @Test
    void markCe_isAnAction_takingNeitherACodeNorAnUntil_andAMisspeltOneIsRefusedByItsField() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: ce-marked
                params: {client: {ecn: 1}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                faults:
                  - {match: {from: server, flags: [ACK], nth: 2}, action: mark-ce}
                  - {match: {from: server, flags: [ACK]}, action: mark-ce, code: port}
                  - {match: {from: server, flags: [ACK]}, action: mark-ce, until: 500}
                  - {match: {from: server, flags: [ACK]}, action: ce-mark}
                """, ScenarioSpec.class);
        assertEquals(List.of(Violation.onlyWith("faults[1].code", List.of("reject")),
                        Violation.onlyWith("faults[2].until", List.of("hold")),
                        Violation.notOneOf("faults[3].action", List.of("drop", "duplicate", "delay", "hold", "reject", "mark-ce"))),
                SpecValidator.validate(spec, Limits.API));
    }
}
