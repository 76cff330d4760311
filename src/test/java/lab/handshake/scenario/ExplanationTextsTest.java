package lab.handshake.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/** Every explanation exists in English and in Chinese, and every step of every scenario has a finished text. */
class ExplanationTextsTest {

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream input = ExplanationTextsTest.class.getResourceAsStream("/lab/handshake/engine/" + name)) {
            properties.load(new java.io.InputStreamReader(input, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyKeyHasBothLanguages() throws IOException {
        Set<String> english = new TreeSet<>(bundle("explanations.properties").stringPropertyNames());
        Set<String> chinese = new TreeSet<>(bundle("explanations_zh.properties").stringPropertyNames());
        assertEquals(english, chinese);
    }

    @Test
    void everyStepOfEveryScenarioHasATextAndARuleInBothLanguagesAndProfiles() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(Path.of("content", "scenarios"))) {
            for (Path file : files.toList()) {
                ScenarioSpec spec = yaml.readValue(file.toFile(), ScenarioSpec.class);
                for (String profile : new String[] {"rfc9293", "linux"}) {
                    for (Language language : Language.values()) {
                        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), language, Limits.API);
                        for (TraceStep step : trace.steps()) {
                            String where = spec.id() + "/" + profile + "/" + language + " step " + step.index();
                            assertFalse(step.text().isBlank(), where);
                            assertFalse(step.text().matches(".*\\{\\d}.*"), where + " has an unfilled placeholder: " + step.text());
                            assertTrue(step.rule() != null && !step.rule().isBlank(), where + " has no rule");
                        }
                    }
                }
            }
        }
    }
}
