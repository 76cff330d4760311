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
import org.junit.jupiter.api.Test;

/**
 * The simulator script's words, served once per language from the message bundle: the same keys in English and
 * Chinese, each a finished text (not empty, not its own key, no English in the Chinese), kept by the browser and
 * revalidated with its ETag; a language the site does not have is a 404 problem.
 */
@QuarkusTest
class SimulatorWordsTest {
    private static final TypeRef<Map<String, String>> WORDS = new TypeRef<>() {
    };

    private static Map<String, String> words(String lang) {
        return given().get("/words/simulator/" + lang).then().statusCode(200).contentType("application/json")
                .header("Cache-Control", containsString("max-age=")).extract().as(WORDS);
    }

    @Test
    void englishAndChineseHaveTheSameKeysEachAFinishedText() {
        Map<String, String> english = words("en");
        Map<String, String> chinese = words("zh");
        assertEquals(english.keySet(), chinese.keySet());
        assertTrue(english.size() > 100, "the simulator's words are served: " + english.size());
        for (Map<String, String> language : List.of(english, chinese)) {
            language.forEach((key, text) -> {
                assertFalse(text.isBlank(), key + " is empty");
                assertFalse(text.matches("[a-z0-9]+(_[a-z0-9]+)+"), key + " reads as a raw key: " + text);
                assertFalse(text.contains("{") || text.contains("}"), key + " has a brace Qute did not read: " + text);
            });
        }
        chinese.forEach((key, text) -> assertFalse(text.equals(key), key + " is its own raw key in Chinese"));
        assertEquals("First step", english.get("first"));
        assertEquals(", ", english.get("list_sep"), "a separator keeps its space");
        assertEquals("第 [n] 步 / 共 [total] 步", chinese.get("counter"));
    }

    @Test
    void theChineseWordsHoldNoEnglishBesidesProtocolTerms() {
        String foreign = words("zh").entrySet().stream()
                .flatMap(word -> ChineseWords.foreign(word.getValue().replaceAll("\\[\\w+]", " ")).stream()
                        .map(found -> word.getKey() + ": " + found))
                .collect(Collectors.joining("\n"));
        assertEquals("", foreign);
    }

    @Test
    void aBrowserThatHasTheWordsIsAnswered304() {
        String etag = given().get("/words/simulator/zh").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/words/simulator/zh").then().statusCode(304);
        given().header("If-None-Match", etag).get("/words/simulator/en").then().statusCode(200);
    }

    @Test
    void aLanguageTheSiteDoesNotHaveIsNotFound() {
        given().get("/words/simulator/fr").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("fr"));
    }
}
