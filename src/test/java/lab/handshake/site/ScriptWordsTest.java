package lab.handshake.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.handshake.ChineseWords;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.StepKind;
import org.junit.jupiter.api.Test;

/**
 * The simulator's and the sandbox's script words, served once per language from their message bundles: the same
 * keys in English and Chinese, each a finished text (not empty, not its own key, no English in the Chinese), kept by
 * the browser and revalidated with its ETag; a language or a script the site does not have is a 404 problem.
 */
@QuarkusTest
class ScriptWordsTest {
    private static final List<String> SCRIPTS = List.of("simulator", "sandbox");

    private static final TypeRef<Map<String, String>> WORDS = new TypeRef<>() {
    };

    private static Map<String, String> words(String script, String lang) {
        return given().get("/words/" + script + "/" + lang).then().statusCode(200).contentType("application/json")
                .header("Cache-Control", containsString("max-age=")).extract().as(WORDS);
    }

    @Test
    void englishAndChineseHaveTheSameKeysEachAFinishedText() {
        for (String script : SCRIPTS) {
            Map<String, String> english = words(script, "en");
            Map<String, String> chinese = words(script, "zh");
            assertEquals(english.keySet(), chinese.keySet(), script);
            assertTrue(english.size() > 50, "the " + script + " script's words are served: " + english.size());
            for (Map<String, String> language : List.of(english, chinese)) {
                language.forEach((key, text) -> {
                    assertFalse(text.isBlank(), script + " " + key + " is empty");
                    assertFalse(text.matches("[a-z0-9]+(_[a-z0-9]+)+"), script + " " + key + " reads as a raw key: " + text);
                    assertFalse(text.contains("{") || text.contains("}"), script + " " + key + " has a brace Qute did not read: " + text);
                });
            }
            chinese.forEach((key, text) -> assertFalse(text.equals(key), script + " " + key + " is its own raw key in Chinese"));
        }
        Map<String, String> simulator = words("simulator", "en");
        assertEquals("First step", simulator.get("first"));
        assertEquals(", ", simulator.get("list_sep"), "a separator keeps its space");
        assertEquals("第 [n] 步 / 共 [total] 步", words("simulator", "zh").get("counter"));
        assertEquals(" ([n])", words("sandbox", "en").get("flight_count"), "a leading space is kept");
        assertEquals("第 [n] 步操作：[move]", words("sandbox", "zh").get("log_move"));
    }

    /** The inspector shows every option a trace can carry with its value and its meaning, so each kind has both. */
    @Test
    void everyOptionKindATraceCanCarryHasItsWordsInBothLanguages() {
        for (String lang : List.of("en", "zh")) {
            Map<String, String> simulator = words("simulator", lang);
            for (OptionKind kind : OptionKind.values()) {
                String key = kind.wireName().replace('-', '_');
                assertTrue(simulator.containsKey("opt_" + key), lang + ": the words of option " + kind.wireName());
                assertTrue(simulator.containsKey("about_opt_" + key), lang + ": what option " + kind.wireName() + " means");
            }
        }
        assertEquals("SACK：[blocks]", words("simulator", "zh").get("opt_sack"));
    }

    /** The step counter announces every step with a summary of its kind, so no kind falls back to its wire name. */
    @Test
    void everyStepKindATraceCanHoldHasItsSummaryInBothLanguages() {
        for (String lang : List.of("en", "zh")) {
            Map<String, String> simulator = words("simulator", lang);
            for (StepKind kind : StepKind.values()) {
                assertTrue(simulator.containsKey("sum_" + kind.wireName().replace('-', '_')), lang + ": the summary of step " + kind.wireName());
            }
        }
        assertEquals("[the]的应用程序在等待发送缓冲区腾出空间。", words("simulator", "zh").get("sum_write_waits"));
    }

    @Test
    void theChineseWordsHoldNoEnglishBesidesProtocolTerms() {
        for (String script : SCRIPTS) {
            String foreign = words(script, "zh").entrySet().stream()
                    .flatMap(word -> ChineseWords.foreign(word.getValue().replaceAll("\\[\\w+]", " ")).stream()
                            .map(found -> word.getKey() + ": " + found))
                    .collect(Collectors.joining("\n"));
            assertEquals("", foreign, script);
        }
    }

    @Test
    void aBrowserThatHasTheWordsIsAnswered304() {
        String etag = given().get("/words/simulator/zh").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/words/simulator/zh").then().statusCode(304);
        given().header("If-None-Match", etag).get("/words/simulator/en").then().statusCode(200);
    }

    @Test
    void aLanguageOrAScriptTheSiteDoesNotHaveIsNotFound() {
        given().get("/words/simulator/fr").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("fr"));
        given().get("/words/quiz/en").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("quiz"));
    }
}
