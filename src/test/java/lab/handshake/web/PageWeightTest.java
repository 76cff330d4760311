package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every page a student reaches from the home page (each lesson with its simulators, each scenario's simulator, the
 * sandbox, the captures page, the quizzes and the progress page), in both languages, stays under 150 KB before
 * compression (issue #17); so do the scripts, styles and word lists it loads, counted apart because they are shared
 * by the pages and kept by the browser for a year under their versioned URLs.
 */
@QuarkusTest
class PageWeightTest {
    private static final int BUDGET = 150 * 1024;
    /** Same-site links to pages: not to static files, the API, Quarkus's own paths or the teachers' side. */
    private static final Pattern PAGE_LINK = Pattern.compile("href=\"(/(?!static/|api/|q/|teacher|login|lti|css/|js/|words/)[a-z][a-z0-9/-]*)\"");
    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/(?:static/[^/\"]+/)?(?:css|js)/[^\"]+)\"");
    private static final Pattern IMPORTED = Pattern.compile("(?:from\\s+|import\\s*\\()['\"](\\.{1,2}/[^'\"]+|/js/[^'\"]+)['\"]");
    /** The scripts that fetch a word list of their own (i18n.js: GET /words/{script}/{lang}). */
    private static final List<String> SCRIPTS_WITH_WORDS = List.of("simulator", "sandbox");

    @Test
    void everyPageAStudentReachesStaysUnderBudgetWithWhatItLoads() {
        Set<String> pages = pagesReachedFromHome();
        assertTrue(pages.containsAll(List.of("/lessons/syn-flood", "/simulator/syn-flood", "/sandbox", "/captures", "/quizzes")),
                "the crawl reaches the lessons, simulators and tools: " + pages);
        assertTrue(pages.stream().anyMatch(page -> page.startsWith("/quizzes/")), "the crawl reaches the quizzes: " + pages);
        for (String page : pages) {
            for (String lang : List.of("en", "zh")) {
                String html = new String(bytes(page + "?lang=" + lang), StandardCharsets.UTF_8);
                long weight = html.getBytes(StandardCharsets.UTF_8).length;
                assertTrue(weight < BUDGET, page + "?lang=" + lang + " weighs " + weight + " bytes");
                long loaded = weightOfWhatItLoads(html, lang);
                assertTrue(loaded < BUDGET, page + "?lang=" + lang + " loads " + loaded + " bytes of scripts, styles and words");
            }
        }
    }

    @Test
    void whatALessonLoadsCountsItsSimulatorsScriptsAndWords() {
        String html = new String(bytes("/lessons/three-way-handshake?lang=en"), StandardCharsets.UTF_8);
        long words = bytes("/words/simulator/en").length;
        long simulatorScript = bytes(html.replaceAll("(?s).*src=\"([^\"]*/js/)simulator-page.js\".*", "$1simulator.js")).length;
        assertTrue(weightOfWhatItLoads(html, "en") > words + simulatorScript,
                "the simulator's scripts (imported by the page's script) are counted with its words");
    }

    /** The home page's pages and the pages they link to (the quizzes page lists the quizzes). */
    private static Set<String> pagesReachedFromHome() {
        Set<String> pages = new TreeSet<>(pageLinks("/"));
        for (String page : Set.copyOf(pages)) {
            pages.addAll(pageLinks(page));
        }
        pages.add("/");
        return pages;
    }

    private static Set<String> pageLinks(String page) {
        Set<String> links = new HashSet<>();
        Matcher link = PAGE_LINK.matcher(new String(bytes(page + "?lang=en"), StandardCharsets.UTF_8));
        while (link.find()) {
            links.add(link.group(1));
        }
        return links;
    }

    /** The scripts (with those they import), styles and word lists a page loads, in bytes. */
    private static long weightOfWhatItLoads(String html, String lang) {
        long total = 0;
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
            byte[] body = bytes(path);
            total += body.length;
            Matcher imports = IMPORTED.matcher(new String(body, StandardCharsets.UTF_8));
            while (imports.find()) {
                String target = imports.group(1);
                pending.add(target.startsWith("/") ? target : path.substring(0, path.lastIndexOf('/') + 1) + target.replaceFirst("^\\./", ""));
            }
        }
        for (String script : SCRIPTS_WITH_WORDS) {
            if (seen.stream().anyMatch(path -> path.endsWith("/" + script + ".js"))) {
                total += bytes("/words/" + script + "/" + lang).length;
            }
        }
        return total;
    }

    private static byte[] bytes(String path) {
        return given().get(path).then().statusCode(200).extract().asByteArray();
    }
}
