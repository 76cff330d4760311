package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** A student joins their teacher's class, takes a quiz for it in Chinese, answers a question wrong, and reads why. */
@QuarkusTest
class QuizBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Inject
    QuizCatalogue quizzes;

    @Test
    void aWrongAnswerInChineseIsExplained() throws Exception {
        QuizModel.Question first = quizzes.find("why-three-steps").orElseThrow().questions().get(0);
        QuizModel.Option wrong = first.options().stream().filter(option -> !option.correct()).findFirst().orElseThrow();
        String admin = TeacherLogin.admin();
        String joinCode = TeacherClasses.create(admin, "网络一班");
        try (Browser browser = Browser.open()) {
            browser.go(root + "quizzes/why-three-steps?lang=zh");
            assertEquals("zh-Hans", browser.find("html").getAttribute("lang"));
            browser.find("a.join-class").click();
            browser.awaitElement("input[name='joinCode']").sendKeys(joinCode.toLowerCase());
            browser.screenshot("classes-zh-joining");
            browser.find("form.join-class-form button[type='submit']").click();
            // the join page's own address names the quiz too (?back=/quizzes/…), so wait for the quiz page itself
            browser.await(d -> d.getCurrentUrl().startsWith(root + "quizzes/why-three-steps"));
            Select classes = new Select(browser.find("select[name='classCode']"));
            assertEquals("网络一班", classes.getFirstSelectedOption().getText(), "the class just joined is chosen");
            browser.find("input[name='q." + first.id() + "'][value='" + wrong.id() + "']").click();
            browser.screenshot("quiz-zh-answering");
            browser.find("p.quiz-submit button").click();
            browser.awaitElement("#unanswered:not([hidden]) button[name='confirmed']").click(); // the other questions stay unanswered
            var result = browser.awaitElement("section.result[data-question='" + first.id() + "']");
            assertEquals("wrong", result.getAttribute("data-verdict"));
            assertTrue(result.getText().contains("错误"), "the verdict is written, not only coloured");
            assertTrue(result.getText().contains(wrong.why().get("zh").substring(0, 12)), "the explanation of the chosen option");
            browser.screenshot("quiz-zh-result");
        }
        given().cookie(TeacherLogin.COOKIE, admin).get("/api/teacher/classes/" + joinCode + "/attempts")
                .then().statusCode(200).body("size()", equalTo(1));
    }
}
