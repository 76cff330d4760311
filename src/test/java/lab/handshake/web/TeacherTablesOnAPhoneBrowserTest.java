package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import lab.handshake.authoring.Authoring;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The teachers' tables on a 390 px phone, in English and Chinese: the classes on the teacher's page, the accounts, the
 * content lists and an item's history. Five to seven columns left each a few characters wide, so that a username,
 * a slug or a time was broken letter by letter; now each row is a block, every cell under its column's name
 * (site.css {@code .rows-as-blocks}), and no word of a cell is broken across lines, nor does the page scroll sideways.
 */
@QuarkusTest
class TeacherTablesOnAPhoneBrowserTest extends OnePhoneBrowserPerClass {
    /**
     * Every word of a table cell (a run of Latin letters, digits and the marks of names and times) drawn on more than
     * one line, with the cell's column name; Chinese text, which breaks between any two characters, is left out, and so
     * is a break after a hyphen, where text may always wrap (a slug, or an LMS account's lti-… name after "Yes, delete").
     */
    private static final String BROKEN_WORDS = """
            const broken = [];
            for (const cell of document.querySelectorAll('main table td')) {
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const word of node.nodeValue.matchAll(/[A-Za-z0-9][A-Za-z0-9_.:@#]*/g)) {
                  const range = document.createRange();
                  range.setStart(node, word.index);
                  range.setEnd(node, word.index + word[0].length);
                  const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
                  if (lines.size > 1) broken.push(`${cell.dataset.label ?? cell.cellIndex}: ${word[0]}`);
                }
              }
            }
            return broken;
            """;

    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @CsvSource({"en", "zh"})
    void aTeachersTablesShowEachRowAsABlock_noWordBroken_nothingScrollingSideways(String lang) throws Exception {
        Authoring admin = Authoring.asAdmin();
        String name = "phone-" + lang + "-" + UUID.randomUUID().toString().substring(0, 8);
        long lesson = admin.create("lesson", name + "-lesson", lang, null).jsonPath().getLong("item.id");
        TeacherClasses.create(admin.cookie(), name);
        // An account named as an LMS launch names its teachers (lti- and 20 hex digits): the longest word of the
        // accounts table, which must move to a line of its own rather than break.
        TeacherClasses.newTeacher("lti-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        browser.go(root + "?lang=" + lang);
        browser.driver.manage().addCookie(new Cookie(TeacherLogin.COOKIE, admin.cookie()));
        for (String page : List.of("teacher", "teacher/accounts", "teacher/content", "teacher/content/" + lesson + "/history")) {
            browser.go(root + page + "?lang=" + lang);
            browser.awaitElement("main table td");
            browser.screenshot("teacher-tables-" + page.replaceAll("[^a-z0-9]+", "-") + "-" + lang + "-390");
            assertEquals(List.of(), script(BROKEN_WORDS), page + ": words broken across lines");
            assertTrue(browser.all("main table.rows-as-blocks tr").size() > 0, page);
            assertEquals(null, browser.sticksOut(), page);
        }
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser.driver).executeScript(script);
    }
}
