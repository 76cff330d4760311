package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * A scenario's programs write into the send buffer where the profile has one (docs/linux-captures.md §86, §93): a
 * send() larger than Linux's first buffer waits for room, as the server programs of the captured downloads did
 * (tcp_sendmsg_locked → sk_stream_wait_memory); the textbook queues every SEND whole (RFC 9293 §3.10.2).
 */
class ScenarioSendBufferTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String DOWNLOAD = """
            profile: %s
            params: {oneWayDelayMs: 50}
            actions:
              - {at: 0, host: server, call: listen}
              - {at: 10, host: client, call: connect}
              - {on: established, host: client, call: send, bytes: 100}
              - {on: data, host: server, call: send, bytes: 65535}
            untilMs: 2000
            """;

    private static List<StepKind> serverWrites(String profile) throws IOException {
        ScenarioSpec spec = YAML.readValue(DOWNLOAD.formatted(profile), ScenarioSpec.class);
        assertEquals(List.of(), SpecValidator.validate(spec, Limits.API));
        Trace trace = ScenarioRunner.run(spec, ScenarioRunner.Overrides.NONE, Language.EN, Limits.API);
        return trace.steps().stream().filter(step -> "server".equals(step.endpoint()))
                .map(TraceStep::kind).filter(kind -> kind == StepKind.WRITE_WAITS || kind == StepKind.WRITE_DONE).toList();
    }

    @Test
    void aServersWriteLargerThanTheFirstBuffer_waitsForRoomAndReturns_underLinux_skStreamWaitMemory() throws IOException {
        // 65,535 bytes against 46,080 (2 x 10 x 2,304, tcp_sndbuf_expand at ESTABLISHED): two skbs of the size goal are
        // queued and the call waits for the ACKs to free a third of a grown buffer.
        assertEquals(List.of(StepKind.WRITE_WAITS, StepKind.WRITE_DONE), serverWrites("linux"));
    }

    @Test
    void aSendIsQueuedWhole_underTheTextbook_rfc9293Section3_10_2() throws IOException {
        assertEquals(List.of(), serverWrites("rfc9293"));
    }
}
