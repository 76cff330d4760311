package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import lab.handshake.quiz.MovableReviewClock;
import lab.handshake.quiz.ReviewClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * On a 390 px phone, in both languages: submitting a quiz with questions unanswered first shows which (focus on
 * the warning, a way back, a way on); a wrong answer names its misconception; a day later the question waits on
 * /progress and is answered there.
 */
@QuarkusTest
class ReviewBrowserTest {
    private static final String WORDS_ZH = "还有题目没有作答";
    private static final String WORDS_EN = "Some questions are not answered yet";

    @TestHTTPResource("/")
    URL root;

    private final MovableReviewClock clock = new MovableReviewClock();

    @BeforeEach
    void installClock() {
        QuarkusMock.installMockForType(clock, ReviewClock.class);
    }

    /** How far the page reaches past the window's width (0: no sideways scroll). */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void unansweredQuestionsAreNamedBeforeSubmitting_andAWrongOneComesBackForReview(String lang) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "quizzes/why-three-steps?lang=" + lang);
            browser.find("input[name='q.principal-reason'][value='b']").click();
            browser.find("p.quiz-submit button").click();

            WebElement warning = browser.awaitElement("#unanswered:not([hidden])");
            assertEquals(lang.equals("zh") ? WORDS_ZH : WORDS_EN, warning.findElement(org.openqa.selenium.By.tagName("h2")).getText());
            assertEquals("unanswered", browser.driver.switchTo().activeElement().getAttribute("id"), "focus moves to the warning");
            assertEquals(8, browser.all("#unanswered li a").size(), "the eight questions left, as links");
            assertTrue(browser.driver.getCurrentUrl().contains("/quizzes/why-three-steps"), "not submitted yet");
            assertNull(browser.sticksOut(), "no sideways scroll");
            browser.screenshot("quiz-unanswered-" + lang);

            browser.find("#unanswered .unanswered-back").sendKeys(Keys.ENTER);
            assertEquals("q.two-step-hazards", browser.driver.switchTo().activeElement().getAttribute("name"),
                    "back at the first unanswered question");
            browser.find("p.quiz-submit button").click();
            browser.awaitElement("#unanswered:not([hidden]) button[name='confirmed']").sendKeys(Keys.ENTER);

            WebElement result = browser.awaitElement("section.result[data-question='principal-reason']");
            WebElement misconception = result.findElement(org.openqa.selenium.By.cssSelector(".misconception"));
            assertEquals("three-steps-to-combine-syn-ack", misconception.getAttribute("data-misconception"));
            assertTrue(misconception.getText().startsWith(lang.equals("zh") ? "常见误区" : "Misconception"), misconception.getText());
            assertNull(browser.sticksOut(), "no sideways scroll");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", result);
            browser.screenshot("quiz-misconception-" + lang);
            WebElement worked = browser.find("section.result[data-question='third-segment-ack'] .worked");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", worked);
            browser.screenshot("quiz-worked-" + lang);

            clock.advance(Duration.ofDays(1));
            browser.go(root + "progress?lang=" + lang);
            WebElement card = browser.awaitElement("form.review-card[data-question='principal-reason']");
            assertEquals(9, browser.all("form.review-card").size(), "every question of the attempt was wrong or unanswered");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", card);
            browser.screenshot("progress-review-" + lang);
            card.findElement(org.openqa.selenium.By.cssSelector("input[value='a']")).click();
            card.findElement(org.openqa.selenium.By.cssSelector("button[type='submit']")).click();
            WebElement outcome = browser.awaitElement("#review-outcome");
            assertEquals("2", outcome.getAttribute("data-box"));
            assertTrue(outcome.getText().contains(lang.equals("zh") ? "升入第 2 盒" : "moves up to box 2"), outcome.getText());
            assertEquals(8, browser.all("form.review-card").size());
            assertEquals(lang.equals("zh") ? "还有 1 道题要过几天再复习。" : "1 more question is waiting for a later day.",
                    browser.find(".review-later").getText());
            assertNull(browser.sticksOut(), "no sideways scroll");
            browser.screenshot("progress-reviewed-" + lang);
        }
    }
}
