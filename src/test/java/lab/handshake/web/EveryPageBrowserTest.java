package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.handshake.classes.ClassMember;
import lab.handshake.classes.SchoolClass;
import lab.handshake.content.AuthoredItem;
import lab.handshake.lti.LtiPlatform;
import lab.handshake.teacher.Teacher;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every kind of page ({@link PageTour}: lessons, simulators stepping and in predict mode, the sandbox with moves,
 * quizzes graded, captures rebuilt, error pages, the teachers' and administrators' pages, the editor's preview and
 * run), in English and in Chinese, on a laptop and on a phone, is audited at each stop of one walk:
 * <ul>
 * <li>axe-core (WCAG 2.2 A and AA rules) finds no serious or critical violation;</li>
 * <li>nothing breaks the Content-Security-Policy: Chromium's console reports no refused inline script, style or
 * frame;</li>
 * <li>nothing scrolls sideways: what is wider than the screen scrolls inside its own box (the English navigation
 * used to be 428 px wide on a 390 px phone);</li>
 * <li>a Chinese page shows no English word, raw message key or ISO timestamp outside code, RFC names and protocol
 * terms ({@link ChineseText}); on teachers' pages what users typed (names, ids, addresses) is left out.</li>
 * </ul>
 * One walk for all of them, because each walk of every page costs CI time; on a phone each stop is also kept as a
 * screenshot (target/screenshots) for a look. A failure names the walk, the page, the audit and what it found.
 */
@QuarkusTest
class EveryPageBrowserTest {
    private static final int PHONE_WIDTH = 390;

    @TestHTTPResource("/")
    URL root;

    /** The four walks: each language on a laptop and on a phone. */
    private static final List<Walk> WALKS = List.of(new Walk("en", 1366, 900), new Walk("zh", 1366, 900),
            new Walk("en", PHONE_WIDTH, 844), new Walk("zh", PHONE_WIDTH, 844));

    /** One walk's language and window. */
    private record Walk(String lang, int width, int height) {
        @Override
        public String toString() {
            return lang + " at " + width + "×" + height;
        }
    }

    /**
     * The walks run two at a time, each in a browser of its own: most of a walk is one browser thread running axe
     * while the server and the other core wait, so two walks take little longer than one.
     */
    @Test
    void everyPagePassesAxe_keepsItsContentSecurityPolicy_scrollsNothingSideways_andSpeaksItsLanguage() throws Exception {
        ExecutorService twoAtATime = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, List<String>>>> walking = new ArrayList<>();
            for (Walk walk : WALKS) {
                walking.add(twoAtATime.submit(() -> walk(walk)));
            }
            Map<String, Map<String, List<String>>> found = new LinkedHashMap<>();
            for (int i = 0; i < WALKS.size(); i++) {
                Map<String, List<String>> ofWalk = result(walking.get(i));
                if (!ofWalk.isEmpty()) {
                    found.put(WALKS.get(i).toString(), ofWalk);
                }
            }
            assertEquals(Map.of(), found, "what the audits found, by walk and page");
        } finally {
            twoAtATime.shutdownNow();
        }
    }

    private Map<String, List<String>> walk(Walk walk) throws Exception {
        Map<String, List<String>> found = new LinkedHashMap<>();
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(walk.width(), walk.height()));
            consoleIsWatched(browser);
            Audits audits = new Audits(browser, walk.lang(), walk.width(), found);
            PageTour.walkLearnerPages(browser, root, walk.lang(), page -> audits.of(page, () -> ChineseText.NOTHING_TYPED));
            PageTour.walkTeacherPages(browser, root, walk.lang(), page -> audits.of(page, EveryPageBrowserTest::typedByUsers));
            browser.go(root + "?lang=" + walk.lang());
            browser.screenshot("home-" + walk.lang() + "-" + walk.width());
        }
        return found;
    }

    /** A walk's findings, or what stopped it, as thrown in the walk. */
    private static Map<String, List<String>> result(Future<Map<String, List<String>>> walk) throws Exception {
        try {
            return walk.get();
        } catch (ExecutionException stopped) {
            if (stopped.getCause() instanceof Error error) {
                throw error;
            }
            throw stopped.getCause() instanceof Exception e ? e : stopped;
        }
    }

    /** The audits of one walk, each finding put in {@code found} under the page's name. */
    private record Audits(Browser browser, String lang, int width, Map<String, List<String>> found) {
        /**
         * Audits the page the browser shows; {@code typed} is what users typed there, which no page translates (read
         * from the database only where the words are read).
         */
        void of(String page, Supplier<Pattern> typed) {
            List<String> axe = Axe.violations(browser);
            if (!axe.isEmpty()) {
                found.put(page + ": axe", axe);
            }
            List<String> csp = browser.cspViolations();
            if (!csp.isEmpty()) {
                found.put(page + ": Content-Security-Policy", csp);
            }
            String sideways = browser.sticksOut();
            if (sideways != null) {
                found.put(page + ": scrolls sideways", List.of(sideways));
            }
            // Words are read once per language, on the laptop: the phone shows the same text.
            if (lang.equals("zh") && width != PHONE_WIDTH) {
                List<String> foreign = ChineseText.foreign(browser, typed.get());
                if (!foreign.isEmpty()) {
                    found.put(page + ": not Chinese", foreign);
                }
            }
            if (width == PHONE_WIDTH) {
                try {
                    browser.screenshot("page-" + lang + "-phone-" + page.replaceAll("[^A-Za-z0-9]+", "-"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The console is read: a style attribute a script sets is refused, and the refusal is seen (then cleared). */
    private void consoleIsWatched(Browser browser) {
        browser.go(root + "?lang=en");
        browser.awaitElement("main h1");
        ((JavascriptExecutor) browser.driver).executeScript("document.body.setAttribute('style', 'color: red')");
        assertFalse(browser.cspViolations().isEmpty(), "the console is watched: a style attribute set by a script is refused");
    }
    /**
     * What users typed and no page translates, as it stands in the database shared by every test of the run: class,
     * learner and teacher names, the ids of teachers' items, and the LMSs' addresses and client ids (any URL); longest first, so that a name
     * that contains another one is taken out whole.
     */
    private static Pattern typedByUsers() {
        List<String> typed = QuarkusTransaction.requiringNew().call(() -> Stream.of(
                        SchoolClass.<SchoolClass>streamAll().map(c -> c.name),
                        ClassMember.<ClassMember>streamAll().map(m -> m.displayName),
                        Teacher.<Teacher>streamAll().flatMap(t -> Stream.of(t.username, t.displayName)),
                        LtiPlatform.<LtiPlatform>streamAll().map(p -> p.clientId),
                        AuthoredItem.<AuthoredItem>streamAll().map(item -> item.slug))
                .flatMap(names -> names).filter(name -> name != null && !name.isBlank()).distinct().toList());
        // Whole words only: a learner named "Lin" must not take "Lin" out of "Linux" and leave "ux".
        String names = typed.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(name -> "(?<![A-Za-z0-9])" + Pattern.quote(name) + "(?![A-Za-z0-9])")
                .collect(Collectors.joining("|"));
        return Pattern.compile("https?://\\S+" + (names.isEmpty() ? "" : "|" + names));
    }


}
