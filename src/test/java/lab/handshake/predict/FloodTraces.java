package lab.handshake.predict;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;

/** Catalogue traces run as the API runs them, and their questions, for the predict unit tests. */
final class FloodTraces {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private FloodTraces() {
    }

    static Trace trace(String scenario, String profile) {
        try {
            ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", scenario + ".yaml").toFile(), ScenarioSpec.class);
            return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The questions about spoofed SYNs, in step order. */
    static List<Question> spoofed(Trace trace) {
        return Questions.of(trace).stream().filter(q -> q.spoofed() != null).toList();
    }

    /** The one question about this moment of the flood. */
    static Question moment(Trace trace, SpoofedSyn.Moment moment) {
        return spoofed(trace).stream().filter(q -> q.spoofed().moment() == moment).findFirst().orElseThrow();
    }
}
