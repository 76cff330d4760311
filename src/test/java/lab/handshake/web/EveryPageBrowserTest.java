package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every kind of page ({@link PageTour}: lessons, simulators stepping and in predict mode, the sandbox with moves,
 * quizzes graded, captures rebuilt, error pages, the teachers' and administrators' pages, the editor's preview and
 * run), in English and in Chinese, on a laptop and on a phone, is audited at each stop of one walk for three things:
 * <ul>
 * <li>axe-core (WCAG 2.2 A and AA rules) finds no serious or critical violation;</li>
 * <li>nothing breaks the Content-Security-Policy: Chromium's console reports no refused inline script, style or
 * frame;</li>
 * <li>nothing scrolls sideways: what is wider than the screen scrolls inside its own box (the English navigation
 * used to be 428 px wide on a 390 px phone).</li>
 * </ul>
 * One walk for the three, because each walk of every page costs CI time. A failure names the page, the audit and what
 * it found.
 */
@QuarkusTest
class EveryPageBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest(name = "{0} at {1}×{2}")
    @CsvSource({"en, 1366, 900", "zh, 1366, 900", "en, 390, 844", "zh, 390, 844"})
    void everyPagePassesAxe_keepsItsContentSecurityPolicy_andScrollsNothingSideways(String lang, int width, int height)
            throws Exception {
        Map<String, List<String>> found = new LinkedHashMap<>();
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(width, height));
            consoleIsWatched(browser);
            PageTour.walk(browser, root, lang, page -> {
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
            });
            browser.go(root + "?lang=" + lang);
            browser.screenshot("home-" + lang + "-" + width);
        }
        assertEquals(Map.of(), found, "what the audits found in " + lang + " at " + width + " px, by page");
    }

    /** The console is read: a style attribute a script sets is refused, and the refusal is seen (then cleared). */
    private void consoleIsWatched(Browser browser) {
        browser.go(root + "?lang=en");
        browser.awaitElement("main h1");
        ((JavascriptExecutor) browser.driver).executeScript("document.body.setAttribute('style', 'color: red')");
        assertFalse(browser.cspViolations().isEmpty(), "the console is watched: a style attribute set by a script is refused");
    }
}
