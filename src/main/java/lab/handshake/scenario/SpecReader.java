package lab.handshake.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import lab.handshake.engine.spec.ScenarioSpec;

/**
 * Reads scenario specifications from YAML or JSON files, as strictly as the API reads them: an unknown
 * property is an error, so a typo never silently changes a simulation.
 */
@ApplicationScoped
public class SpecReader {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .findAndRegisterModules();

    /** YAML is a superset of JSON, so one reader serves both kinds of file. */
    public ScenarioSpec read(byte[] content) throws IOException {
        return yaml.readValue(content, ScenarioSpec.class);
    }

    public ScenarioSpec read(String text) throws IOException {
        return yaml.readValue(text, ScenarioSpec.class);
    }
}
