package lab.handshake.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fault's match: {@code afterMs} (segments sent from then on) is a time within the scenario's limits; a reject names
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
