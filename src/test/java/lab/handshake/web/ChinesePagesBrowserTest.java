package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.quarkus.narayana.jta.QuarkusTransaction;
import lab.handshake.classes.ClassMember;
import lab.handshake.content.AuthoredItem;
import lab.handshake.classes.SchoolClass;
import lab.handshake.lti.LtiPlatform;
import lab.handshake.teacher.Teacher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * A Chinese page shows no English word and no ISO timestamp outside code, RFC names and protocol terms
 * ({@link ChineseText}): every kind of page learners and teachers see ({@link PageTour}), and simulators read step by step with
 * each segment's inspector open. A failure names the page, the word and the text around it.
 */
@QuarkusTest
class ChinesePagesBrowserTest extends OneBrowserPerClass {
    /** Steps read one by one per scenario, at most (the rest of a flood repeats the same words). */
    private static final int STEPS_READ = 40;

    @TestHTTPResource("/")
    URL root;


    @Test
    void noChineseLearnerPageShowsEnglishWordsOrIsoTimestamps() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1366, 900));
        Map<String, List<String>> found = new LinkedHashMap<>();
        PageTour.walkLearnerPages(browser, root, "zh", page -> record(found, page));
        assertEquals(Map.of(), found, "English or ISO timestamps on Chinese pages, by page");
    }

    @Test
    void noChineseTeacherPageShowsEnglishWordsOrRawKeys() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1366, 900));
        Map<String, List<String>> found = new LinkedHashMap<>();
        PageTour.walkTeacherPages(browser, root, "zh", page -> {
            List<String> foreign = ChineseText.foreign(browser, typedByUsers());
            if (!foreign.isEmpty()) {
                found.put(page, foreign);
            }
        });
        assertEquals(Map.of(), found, "English or raw message keys on Chinese teacher pages, by page");
    }

    /** The same pages on a phone: each fits its width, and a screenshot of each is kept for a look (target/screenshots). */
    @Test
    void chineseTeacherPagesFitAPhone() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        Map<String, String> tooWide = new LinkedHashMap<>();
        PageTour.walkTeacherPages(browser, root, "zh", page -> {
            try {
                browser.screenshot("teacher-zh-phone-" + page.replaceAll("[^A-Za-z0-9]+", "-"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String out = browser.sticksOut();
            if (out != null) {
                tooWide.put(page, out);
            }
        });
        assertEquals(Map.of(), tooWide, "Chinese teacher pages wider than a 390 px phone, by page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"three-way-handshake", "four-way-close", "syn-lost", "fin-lost", "syn-flood-cookies",
            "old-duplicate-syn", "connection-refused", "simultaneous-close", "time-wait-reuse"})
    void aChineseSimulatorSaysEveryStepAndSegmentInChinese(String scenario) throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1366, 900));
        Map<String, List<String>> found = new LinkedHashMap<>();
        browser.go(root + "simulator/" + scenario + "?lang=zh");
        browser.awaitElement(".simulator svg .hl-seg");
        record(found, "step 1");
        WebElement next = browser.find(".simulator button.hl-next");
        for (int read = 1; read < STEPS_READ && !"true".equals(next.getAttribute("aria-disabled")); read++) {
            String before = step();
            next.click();
            browser.await(d -> step().equals(before) ? null : true);
            record(found, "step " + step());
        }
        List<WebElement> segments = browser.all(".simulator svg g.hl-seg");
        for (int i = 0; i < Math.min(segments.size(), 12); i++) {
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true }))",
                    segments.get(i));
            record(found, "segment " + (i + 1) + " inspected");
        }
        assertEquals(Map.of(), found, "English on the Chinese simulator of " + scenario + ", by step");
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

    private String step() {
        return browser.find(".simulator output.hl-counter").getAttribute("data-step");
    }

    private void record(Map<String, List<String>> found, String page) {
        List<String> foreign = ChineseText.foreign(browser);
        if (!foreign.isEmpty()) {
            found.put(page, foreign);
        }
    }
}
