package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A lesson page with its simulator, every script, style and word list it loads, stays under 150 KB before compression. */
@QuarkusTest
class PageWeightTest {
    private static final int BUDGET = 150 * 1024;
    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/(?:static/[^/\"]+/)?(?:css|js)/[^\"]+)\"");
    private static final Pattern IMPORTED = Pattern.compile("(?:from\\s+|import\\s*\\()['\"](\\.{1,2}/[^'\"]+|/js/[^'\"]+)['\"]");

    @Test
    void theHeaviestLessonPageWithItsSimulatorStaysUnderBudget() {
        for (String lesson : new String[] {"three-way-handshake", "four-way-teardown", "edge-cases", "state-machine"}) {
            String html = given().get("/lessons/" + lesson).then().statusCode(200).extract().asString();
            long total = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            Deque<String> pending = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            Matcher linked = LINKED.matcher(html);
            while (linked.find()) {
                pending.add(linked.group(1));
            }
            while (!pending.isEmpty()) {
                String path = pending.poll();
                if (!seen.add(path)) {
                    continue;
                }
                String body = given().get(path).then().statusCode(200).extract().asString();
                total += body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                Matcher imports = IMPORTED.matcher(body);
                while (imports.find()) {
                    String target = imports.group(1);
                    pending.add(target.startsWith("/") ? target : path.substring(0, path.lastIndexOf('/') + 1) + target.replaceFirst("^\\./", ""));
                }
            }
            // and the words the simulator's script fetches (i18n.js), in the page's language
            total += given().get("/words/simulator/en").then().statusCode(200).extract().asByteArray().length;
            assertTrue(seen.stream().anyMatch(path -> path.endsWith("simulator.js")), "the simulator's scripts are counted");
            assertTrue(total < BUDGET, lesson + " weighs " + total + " bytes with " + seen);
        }
    }
}
