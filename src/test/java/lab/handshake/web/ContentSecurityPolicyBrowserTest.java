package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.authoring.Authoring;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Every kind of page, used as students and teachers use it (simulators stepping, a quiz graded, a capture
 * rebuilt, the editor's preview and run), breaks nothing of the Content-Security-Policy: Chromium reports no
 * refused inline script, style or frame in its console, in either language.
 */
@QuarkusTest
class ContentSecurityPolicyBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void noPageBreaksItsContentSecurityPolicy(String lang) throws Exception {
        Authoring teacher = Authoring.asAdmin();
        long lesson = teacher.create("lesson", "csp-lesson-" + lang, lang, null).jsonPath().getLong("item.id");
        long quiz = teacher.create("quiz", "csp-quiz-" + lang, null, null).jsonPath().getLong("item.id");
        long scenario = teacher.create("scenario", "csp-scenario-" + lang, null, "three-way-handshake").jsonPath().getLong("item.id");
        Map<String, List<String>> violations = new LinkedHashMap<>();
        try (Browser browser = Browser.open()) {
            visit(browser, violations, "", lang, "h1");
            ((JavascriptExecutor) browser.driver).executeScript("document.body.setAttribute('style', 'color: red')");
            assertFalse(browser.cspViolations().isEmpty(), "the console is watched: a style attribute set by a script is refused");
            visit(browser, violations, "lessons/three-way-handshake", lang, ".simulator svg");
            browser.find(".simulator button.hl-last").click();
            record(browser, violations, "lesson, last step");
            visit(browser, violations, "simulator/three-way-handshake", lang, ".simulator svg");
            visit(browser, violations, "sandbox", lang, "section.sandbox[data-session-id]");
            browser.screenshot("csp-sandbox-" + lang);
            visit(browser, violations, "quizzes", lang, "h1");
            visit(browser, violations, "quizzes/why-three-steps", lang, "form input[type='radio']");
            browser.find("form input[type='radio']").click();
            browser.submitQuiz(() -> record(browser, violations, "quiz unanswered warning"));
            browser.awaitElement("section.result[data-verdict]");
            record(browser, violations, "graded quiz");
            browser.screenshot("csp-quiz-result-" + lang);
            visit(browser, violations, "progress", lang, "h1");
            visit(browser, violations, "captures", lang, "form.capture-upload");
            Path capture = Path.of("src", "test", "resources", "captures", "linux", "three-segment-close.pcap").toAbsolutePath();
            browser.find("input[type='file']").sendKeys(capture.toString());
            browser.find("form.capture-upload button[type='submit']").click();
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            record(browser, violations, "rebuilt capture");
            visit(browser, violations, "lessons/no-such-lesson", lang, "h1");

            visit(browser, violations, "login", lang, "input[name='j_username']");
            browser.find("input[name='j_username']").sendKeys("admin");
            browser.find("input[name='j_password']").sendKeys("admin-password-for-tests");
            browser.find("button[type='submit']").click();
            browser.awaitElement("a[href='/teacher/content']");
            record(browser, violations, "signed in");
            visit(browser, violations, "teacher", lang, "h1");
            visit(browser, violations, "teacher/accounts", lang, "h1");
            visit(browser, violations, "teacher/content", lang, "h1");
            visit(browser, violations, "teacher/content/" + lesson, lang, "#editor-text");
            browser.await(d -> inPreview(d, "h1"));
            record(browser, violations, "lesson preview");
            browser.screenshot("csp-editor-preview-" + lang);
            visit(browser, violations, "teacher/content/" + scenario, lang, "#preview-button");
            browser.find("#preview-button").click();
            browser.await(d -> inPreview(d, "svg"));
            record(browser, violations, "scenario run");
            visit(browser, violations, "teacher/content/" + quiz + "/form", lang, "h1");
            visit(browser, violations, "teacher/content/" + lesson + "/history", lang, "h1");
            visit(browser, violations, "teacher/content/" + lesson + "/revisions/1", lang, "h1");
        }
        assertEquals(Map.of(), violations, "pages that broke their Content-Security-Policy (" + lang + ")");
    }

    private void visit(Browser browser, Map<String, List<String>> violations, String page, String lang, String readyWhen) {
        browser.go(root + page + "?lang=" + lang);
        browser.awaitElement(readyWhen);
        record(browser, violations, page);
    }

    private static void record(Browser browser, Map<String, List<String>> violations, String where) {
        List<String> found = browser.cspViolations();
        if (!found.isEmpty()) {
            violations.put(where, found);
        }
    }

    /** Whether the editor's preview frame shows an element matching {@code css}. */
    private static Boolean inPreview(WebDriver driver, String css) {
        try {
            driver.switchTo().frame(driver.findElement(By.id("editor-preview")));
            return !driver.findElements(By.cssSelector(css)).isEmpty() ? true : null;
        } finally {
            driver.switchTo().defaultContent();
        }
    }
}
