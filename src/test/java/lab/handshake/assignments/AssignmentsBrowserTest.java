package lab.handshake.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
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
            assertTrue(row.contains("取最后一次") && row.contains("2099-01-01 08:00 UTC"), row);
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
