package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import org.junit.jupiter.api.Test;

/** A student takes a quiz in Chinese, answers a question wrong, and reads why. */
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
        try (Browser browser = Browser.open()) {
            browser.go(root + "quizzes/why-three-steps?lang=zh");
            assertEquals("zh-Hans", browser.find("html").getAttribute("lang"));
            browser.find("input[name='q." + first.id() + "'][value='" + wrong.id() + "']").click();
            browser.find("input[name='classCode']").sendKeys("NET-101");
            browser.screenshot("quiz-zh-answering");
            browser.find("button[type='submit']").click();
            var result = browser.awaitElement("section.result[data-question='" + first.id() + "']");
            assertEquals("wrong", result.getAttribute("data-verdict"));
            assertTrue(result.getText().contains("错误"), "the verdict is written, not only coloured");
            assertTrue(result.getText().contains(wrong.why().get("zh").substring(0, 12)), "the explanation of the chosen option");
            browser.screenshot("quiz-zh-result");
        }
    }
}
