package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Dimension;

/**
 * axe-core (WCAG 2.2 A and AA rules) finds no serious or critical violation on any kind of page ({@link PageTour}:
 * lessons, simulators stepping and in predict mode, the sandbox with moves, quizzes graded, captures, error pages,
 * the teachers' and administrators' pages), in English and in Chinese, on a laptop and on a phone. A failure names
 * the page, the rule and the element.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTest {
    @TestHTTPResource("/")
    URL root;

    /** One browser for every walk (null on a machine without Chromium, where each test is skipped). */
    private Browser browser;

    @BeforeAll
    void openBrowser() throws Exception {
        if (Browser.installed()) {
            browser = Browser.open();
        }
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest(name = "{0} at {1}×{2}")
    @CsvSource({"en, 1366, 900", "zh, 1366, 900", "en, 390, 844", "zh, 390, 844"})
    void axeFindsNoSeriousOrCriticalViolationOnAnyPage(String lang, int width, int height) throws Exception {
        Browser.requireInstalled();
        browser.driver.manage().window().setSize(new Dimension(width, height));
        Map<String, List<String>> found = new LinkedHashMap<>();
        PageTour.walk(browser, root, lang, page -> {
            List<String> violations = Axe.violations(browser);
            if (!violations.isEmpty()) {
                found.put(page, violations);
            }
        });
        assertEquals(Map.of(), found, "serious or critical WCAG violations in " + lang + " at " + width + " px, by page");
    }
}
