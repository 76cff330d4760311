package lab.handshake.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.web.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * A teacher sets an assignment on the class's page (in Chinese, on a phone); a student joins the class with a name
 * and finds the assignment on /progress and on the home page, in Chinese and in English, at 390 px with nothing
 * sticking out sideways.
 */
@QuarkusTest
class AssignmentsBrowserTest {
    @TestHTTPResource("/")
    URL root;

    private void assertNoSidewaysScroll(Browser browser, String where) {
        Object wide = ((JavascriptExecutor) browser.driver).executeScript(
                "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]"
                        + ".filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll, header'))"
                        + ".map((e) => e.tagName + '.' + e.className).slice(0, 5).join(' ');");
        assertEquals("", wide, where + ": these stick out of a 390 px page");
    }

    private void logIn(Browser browser, String username) {
        browser.go(root + "login?lang=zh");
        browser.find("input[name='j_username']").sendKeys(username);
        browser.find("input[name='j_password']").sendKeys("long-enough-password");
        browser.find("form.login-form button[type='submit']").click();
        browser.await(driver -> driver.getCurrentUrl().endsWith("/teacher"));
    }

    /** Fills the form for a simulation assignment open until 2099 and sends it; the page it answers with. */
    private void assign(Browser browser, String code, String lang, String work, String ask, String fromStep, String toStep) {
        browser.go(root + "teacher/classes/" + code + "/assignments?lang=" + lang);
        new Select(browser.find("select[name='work']")).selectByValue(work);
        ((JavascriptExecutor) browser.driver).executeScript("document.querySelector(\"input[name='opensAt']\").value = '2020-01-01T08:00';"
                + "document.querySelector(\"input[name='dueAt']\").value = '2099-12-31T23:00';");
        new Select(browser.find("select[name='ask']")).selectByValue(ask);
        browser.find("input[name='fromStep']").sendKeys(fromStep);
        browser.find("input[name='toStep']").sendKeys(toStep);
        browser.find("form.assignment-form button[type='submit']").click();
    }

    private static void scrollTo(Browser browser, org.openqa.selenium.WebElement element) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({ block: 'center' });", element);
    }

    /** Every date of the page on as few lines as its halves allow: a day or a time never broken inside. */
    private static void assertDatesUnbroken(Browser browser, String where) {
        Object broken = ((JavascriptExecutor) browser.driver).executeScript("return [...document.querySelectorAll('time.when > span')]"
                + ".filter((e) => e.getClientRects().length > 1).map((e) => e.textContent).join(' | ');");
        assertEquals("", broken, where + ": these dates break inside a number");
    }

    @Test
    void aTeacherAsksStateChangesOnlyAndTheStudentsLinksCarryItAndSteppingThroughCounts() throws Exception {
        Browser.requireInstalled();
        String username = "asker-" + UUID.randomUUID().toString().substring(0, 8);
        String code = TeacherClasses.create(TeacherClasses.newTeacher(username), "网络 102");
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            logIn(browser, username);

            assign(browser, code, "zh", "PREDICT:syn-lost", "RANGE", "5", "3");
            String refusal = browser.awaitElement("#assignment-refusal").getText();
            assertTrue(refusal.contains("请检查：") && refusal.contains("结束步"), refusal);
            assertEquals("true", browser.find("input[name='toStep']").getAttribute("aria-invalid"));
            assertNoSidewaysScroll(browser, "the refused form in Chinese");
            browser.screenshot("assignments-range-refused-zh-phone");
            scrollTo(browser, browser.find("fieldset.asked-steps-choice"));
            browser.screenshot("assignments-range-refused-fields-zh-phone");

            assign(browser, code, "zh", "PREDICT:syn-lost", "CHANGES", "", "");
            String row = browser.awaitElement("table.class-assignments tr[data-assignment]").getText();
            assertTrue(row.contains("模拟：逐步预测") && row.contains("仅状态变化"), row);
            assertFalse(row.matches(".*[A-Za-z]{4,}.*"), "no English words on the Chinese page: " + row);
            assertNoSidewaysScroll(browser, "the teacher's assignments in Chinese");
            assertDatesUnbroken(browser, "the teacher's assignments in Chinese");
            browser.screenshot("assignments-predict-changes-zh-phone");

            assign(browser, code, "en", "PREDICT:three-way-handshake", "CHANGES", "", "");
            browser.await(d -> browser.all("table.class-assignments tr[data-assignment]").size() == 2 ? true : null);
            assign(browser, code, "en", "STEP:three-way-handshake", "ALL", "", "");
            browser.await(d -> browser.all("table.class-assignments tr[data-assignment]").size() == 3 ? true : null);
            String table = browser.find("table.class-assignments").getText();
            assertTrue(table.contains("Simulation: predict each step · state changes only"), table);
            assertNoSidewaysScroll(browser, "the teacher's assignments in English");
            assertDatesUnbroken(browser, "the teacher's assignments in English");
            browser.screenshot("assignments-predict-changes-en-phone");

            browser.driver.manage().deleteAllCookies();
            browser.go(root + "classes?lang=en");
            browser.find("input[name='joinCode']").sendKeys(code);
            browser.find("form.join-class-form button[type='submit']").click();
            browser.awaitElement("table.joined-classes tr[data-class='" + code + "']");

            browser.go(root + "progress?lang=en");
            List<String> links = browser.all("ul.learner-assignments li a").stream().map(a -> a.getAttribute("href")).toList();
            assertTrue(links.contains(root + "simulator/syn-lost?mode=predict&ask=changes")
                    && links.contains(root + "simulator/three-way-handshake?mode=predict&ask=changes")
                    && links.contains(root + "simulator/three-way-handshake"), links.toString());
            assertDatesUnbroken(browser, "/progress in English");
            browser.screenshot("assignments-predict-links-en-phone");

            browser.find("ul.learner-assignments li a[href$='syn-lost?mode=predict&ask=changes']").click();
            browser.await(d -> browser.find(".predict-form").isDisplayed() ? true : null);
            assertEquals("changes", browser.find(".predict-ask").getAttribute("value"), "predict mode asks what the link says");
            browser.screenshot("assignments-predict-changes-simulator-en-phone");

            // Stepping the handshake to its end is told to the server: the STEP assignment is done.
            browser.go(root + "simulator/three-way-handshake?lang=en");
            browser.awaitElement(".simulator output.hl-counter[data-step]");
            browser.find(".simulator button.hl-last").click();
            browser.await(d -> {
                browser.go(root + "progress?lang=en");
                return browser.find("ul.learner-assignments li a[href$='/simulator/three-way-handshake']")
                        .findElement(org.openqa.selenium.By.xpath("..")).getAttribute("class").contains("assignment-DONE") ? true : null;
            });
            scrollTo(browser, browser.find("ul.learner-assignments li a[href$='/simulator/three-way-handshake']"));
            browser.screenshot("assignments-stepped-through-en-phone");
        }
    }

    @Test
    void aTeacherAssignsAQuizAndTheStudentSeesItOnProgressInBothLanguages() throws Exception {
        Browser.requireInstalled();
        String username = "assigner-" + UUID.randomUUID().toString().substring(0, 8);
        String teacherCookie = TeacherClasses.newTeacher(username);
        String code = TeacherClasses.create(teacherCookie, "网络 101");
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "login?lang=zh");
            browser.find("input[name='j_username']").sendKeys(username);
            browser.find("input[name='j_password']").sendKeys("long-enough-password");
            browser.find("form.login-form button[type='submit']").click();
            browser.await(driver -> driver.getCurrentUrl().endsWith("/teacher"));

            browser.go(root + "teacher/classes/" + code + "/assignments?lang=zh");
            new Select(browser.find("select[name='work']")).selectByValue("QUIZ:why-three-steps");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            js.executeScript("document.querySelector(\"input[name='opensAt']\").value = '2020-01-01T08:00';"
                    + "document.querySelector(\"input[name='dueAt']\").value = '2099-01-01T08:00';");
            browser.find("input[name='attemptsAllowed']").clear();
            browser.find("input[name='attemptsAllowed']").sendKeys("2");
            new Select(browser.find("select[name='counted']")).selectByValue("LAST");
            browser.find("form.assignment-form button[type='submit']").click();
            String row = browser.awaitElement("table.class-assignments tr[data-assignment]").getText();
            assertTrue(row.contains("取最后一次") && row.replaceAll("\\s+", " ").contains("2099-01-01 08:00 UTC"), row);
            assertNoSidewaysScroll(browser, "the teacher's assignments in Chinese");
            browser.screenshot("assignments-teacher-zh-phone");

            browser.driver.manage().deleteAllCookies();
            browser.go(root + "classes?lang=zh");
            browser.find("input[name='joinCode']").sendKeys(code);
            browser.find("input[name='displayName']").sendKeys("韩梅梅");
            browser.find("form.join-class-form button[type='submit']").click();
            browser.awaitElement("table.joined-classes tr[data-class='" + code + "']");

            browser.go(root + "progress?lang=zh");
            String mine = browser.awaitElement("ul.learner-assignments li").getText();
            assertTrue(browser.find("#assignments-title").getText().contains("我的作业"));
            assertTrue(mine.contains("进行中") && mine.contains("网络 101") && mine.contains("0 / 2"), mine);
            assertFalse(mine.matches(".*[A-Za-z]{4,}.*"), "no English words on the Chinese page: " + mine);
            assertNoSidewaysScroll(browser, "/progress in Chinese");
            browser.screenshot("assignments-progress-zh-phone");

            browser.go(root + "progress?lang=en");
            mine = browser.awaitElement("ul.learner-assignments li").getText();
            assertTrue(browser.find("#assignments-title").getText().contains("My assignments"));
            assertTrue(mine.contains("open") && mine.contains("Quiz") && mine.contains("0 / 2"), mine);
            assertNoSidewaysScroll(browser, "/progress in English");
            browser.screenshot("assignments-progress-en-phone");

            browser.go(root + "?lang=en");
            assertTrue(browser.find("ul.learner-assignments").getText().contains("Due"), "the home page lists it too");
            browser.screenshot("assignments-home-en-phone");
        }
    }
}
