package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * An application that reacts to what TCP tells it (RFC 9293 §3.9.1: "connection established", data delivered, "connection
 * closing"): {@code on} the first such signal, or, for data, the first by which it has received {@code received}
 * bytes in all.
 */
class ReactionTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Two requests of 100 bytes, one-way delay 50 ms: the first written at 100 ms, while the client is still in SYN-SENT
     * (its SYN,ACK arrives at 10 + 50 + 50 = 110 ms), leaves at 110 and arrives at 160; the second leaves at 600 and
     * arrives at 650.
     */
    private static ScenarioSpec twoRequests(String serverActions) throws IOException {
        return YAML.readValue("""
                id: two-requests
                params: {oneWayDelayMs: 50}
                untilMs: 2000
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {at: 100, host: client, call: send, bytes: 100}
                  - {at: 600, host: client, call: send, bytes: 100}
                %s
                """.formatted(serverActions), ScenarioSpec.class);
    }

    private static List<Long> serverSendCalls(ScenarioSpec spec) {
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", null, null, null), Language.EN, Limits.API);
        return trace.steps().stream().filter(step -> step.kind() == StepKind.CALL && "server".equals(step.endpoint())
                && step.text().contains("send(")).map(step -> step.at()).toList();
    }

    @Test
    void aReactionToDataWithReceived_waitsForTheDataThatBringsThatMuch_notTheFirst() throws IOException {
        // The first reply on the first data (160 ms); the second on the data that makes 200 bytes in all, the second
        // request's arrival at 650 ms, 5 ms later.
        assertEquals(List.of(160L, 655L), serverSendCalls(twoRequests("""
                  - {on: data, host: server, call: send, bytes: 50}
                  - {on: data, received: 200, delayMs: 5, host: server, call: send, bytes: 60}
                """)));
    }

    @Test
    void reactionsWithoutReceived_allFireOnTheFirstSignal_asBefore() throws IOException {
        assertEquals(List.of(160L, 160L), serverSendCalls(twoRequests("""
                  - {on: data, host: server, call: send, bytes: 50}
                  - {on: data, host: server, call: send, bytes: 60}
                """)));
    }

    @Test
    void receivedIsRefusedExceptWithOnDataAndAboveZero() throws IOException {
        ScenarioSpec spec = twoRequests("""
                  - {on: eof, received: 100, host: server, call: close}
                  - {on: data, received: 0, host: server, call: close}
                """);
        List<String> fields = SpecValidator.validate(spec, Limits.API).stream().map(Violation::field).toList();
        assertEquals(List.of("actions[4].received", "actions[5].received"), fields);
    }
}
