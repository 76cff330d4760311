package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A student of a class reads a lesson to its end on a phone; their teacher finds it on the student's page, in
 * Chinese, with nothing sticking out sideways.
 */
@QuarkusTest
class LessonReadBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void aLessonReadToItsEndShowsOnTheStudentsPageForTheTeacher() throws Exception {
        Browser.requireInstalled();
        String username = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        String teacher = TeacherClasses.newTeacher(username);
        String code = TeacherClasses.create(teacher, "网络 103");
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "classes?lang=zh");
            browser.find("input[name='joinCode']").sendKeys(code);
            browser.find("form.join-class-form button[type='submit']").click();
            browser.awaitElement("table.joined-classes tr[data-class='" + code + "']");

            browser.go(root + "lessons/syn-flood?lang=zh");
            long member = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/roster")
                    .then().statusCode(200).extract().jsonPath().getLong("[0].memberId");
            String student = "/api/teacher/classes/" + code + "/students/" + member;
            assertEquals(List.of(), given().cookie(TeacherLogin.COOKIE, teacher).get(student).then().extract().jsonPath()
                    .getList("lessonsRead"), "the top of a long lesson is not its end");
            ((JavascriptExecutor) browser.driver).executeScript("document.querySelector('.lesson-body > :last-child').scrollIntoView();");
            browser.await(d -> given().cookie(TeacherLogin.COOKIE, teacher).get(student).then().extract().jsonPath()
                    .getList("lessonsRead.item").contains("syn-flood") ? true : null);

            browser.driver.manage().deleteAllCookies();
            browser.go(root + "login?lang=zh");
            browser.find("input[name='j_username']").sendKeys(username);
            browser.find("input[name='j_password']").sendKeys("long-enough-password");
            browser.find("form.login-form button[type='submit']").click();
            browser.await(driver -> driver.getCurrentUrl().endsWith("/teacher"));
            browser.go(root + "teacher/classes/" + code + "/students/" + member + "?lang=zh");
            String read = browser.find("table.activity.lessons-read").getText();
            assertTrue(read.contains("SYN 攻击"), read);
            assertEquals("还没有把任何模拟走到最后一步。", browser.find("#stepped-through + p").getText());
            assertEquals("这名学生还没有做过预测。", browser.find("#predictions + p").getText(), "said of the student, not to the reader");
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('lessons-read').scrollIntoView();");
            browser.screenshot("teacher-student-lessons-read-zh-phone");
        }
    }
}
