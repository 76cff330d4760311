package lab.handshake.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import lab.handshake.ChineseWords;
import lab.handshake.MainResources;
import lab.handshake.capture.ReplayRules;
import lab.handshake.engine.Call;
import lab.handshake.engine.Language;
import lab.handshake.engine.Messages;
import lab.handshake.engine.Rules;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.Tunable;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * Every explanation exists in English and in Chinese, and every step of every scenario has a finished text and a
 * rule, in Chinese without English words (outside protocol terms, RFC and kernel names).
 */
class ExplanationTextsTest {

    /** The engine's explanations in one language: English is the base file (the engine falls back to no other). */
    private static Properties bundle(Language language) throws IOException {
        return MainResources.properties("lab/handshake/engine/explanations" + (language == Language.EN ? "" : "_" + language.code())
                + ".properties");
    }

    @Test
    void everyLanguageHasEveryKeyAndNoOther() throws IOException {
        Set<String> english = new TreeSet<>(bundle(Language.EN).stringPropertyNames());
        for (Language language : Language.values()) {
            assertEquals(english, new TreeSet<>(bundle(language).stringPropertyNames()), "explanations_" + language.code() + ".properties");
        }
    }

    /** A new {@link Call} says what it does in every language. */
    @Test
    void everyCallIsExplainedInEveryLanguage() throws IOException {
        for (Language language : Language.values()) {
            Set<String> keys = bundle(language).stringPropertyNames();
            List<String> missing = Call.wireNames().stream().map(name -> "call." + name).filter(key -> !keys.contains(key)).toList();
            assertEquals(List.of(), missing, "explanations of " + language.code());
        }
    }

    /**
     * The scenario editor offers every tunable ({@link Tunable}) by its name and a line on what it means, and a choice's
     * words, in the teacher's language; the Chinese ones without English words outside code, protocol and kernel names.
     */
    @Test
    void everyTunableIsNamedAndExplainedInEveryLanguage() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Language language : Language.values()) {
            Properties words = bundle(language);
            for (Tunable tunable : Tunable.all()) {
                List<String> keys = new ArrayList<>(List.of(tunable.key(), tunable.meaningKey()));
                tunable.choices().forEach(choice -> keys.add(tunable.choiceKey(choice)));
                for (String key : keys) {
                    if (!words.containsKey(key)) {
                        missing.add("explanations of " + language.code() + " need " + key);
                    } else if (language == Language.ZH) {
                        ChineseWords.foreign(words.getProperty(key)).forEach(english -> missing.add(key + ": " + english));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyRuleOfTheEngineAndTheReplayWithEnglishWordsHasThemInChineseAndItsEnglishKeyIsTheRuleItself() throws Exception {
        Properties english = bundle(Language.EN);
        Properties chinese = bundle(Language.ZH);
        List<String> untranslated = new ArrayList<>();
        for (Field field : Stream.of(Rules.class, ReplayRules.class).flatMap(rules -> Stream.of(rules.getFields())).toList()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String rule = (String) field.get(null);
                String key = Messages.ruleKey(rule);
                if (english.containsKey(key)) {
                    assertEquals(rule, english.getProperty(key), key);
                }
                if (!ChineseWords.foreign(chinese.getProperty(key, rule)).isEmpty()) {
                    untranslated.add(field.getName() + " " + ChineseWords.foreign(chinese.getProperty(key, rule)));
                }
            }
        }
        assertEquals(List.of(), untranslated, "rules whose words are English in Chinese (give each a rule.… key in both bundles)");
    }

    @Test
    void everyStepOfEveryScenarioHasATextAndARuleInBothLanguagesAndProfiles() throws IOException {
        List<String> english = new ArrayList<>();
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
                            if (language == Language.ZH) {
                                ChineseWords.foreign(step.text() + " " + step.rule()).forEach(word -> english.add(where + ": " + word));
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), english.stream().limit(40).toList(), "English in Chinese steps (" + english.size() + " in all)");
    }
}
