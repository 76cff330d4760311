package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/** J+n and K+n name the taught connection's numbers only: a flood's replies to spoofed sources keep plain numbers. */
class SymbolicNumbersTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Trace synFlood() throws IOException {
        ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", "syn-flood.yaml").toFile(), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", null, null, null), Language.EN, Limits.API);
    }

    @Test
    void synFlood_repliesToSpoofedSourcesHaveNoSymbolicNumbers() throws IOException {
        List<TraceSegment> replies = synFlood().segments().stream().filter(s -> "attacker".equals(s.to())).toList();
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
