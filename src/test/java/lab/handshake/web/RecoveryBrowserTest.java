package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * On a 390 px phone, by keyboard, in both languages: a learner with an attempt makes a recovery code on /progress
 * (focus moves to it, shown once with its link), then the same browser with its cookies deleted (another device)
 * restores with it, typed in English and through the link in Chinese, and sees the attempt again.
 */
@QuarkusTest
class RecoveryBrowserTest {
    private static final String CODE = "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}";

    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void aCodeMadeOnOneDeviceBringsTheAttemptsToAnother(String lang) throws Exception {
        boolean zh = lang.equals("zh");
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "quizzes/why-three-steps?lang=" + lang);
            browser.submitQuiz(() -> { });
            browser.go(root + "progress?lang=" + lang);
            assertEquals(1, browser.all("table.progress:not(.predictions) tbody tr").size(), "the attempt, on the first device");

            browser.find("form.recovery-make-form button").sendKeys(Keys.ENTER);
            WebElement outcome = browser.awaitElement("#recovery-outcome");
            assertEquals("recovery-outcome", browser.driver.switchTo().activeElement().getAttribute("id"), "focus moves to the code");
            assertEquals("status", outcome.getAttribute("role"));
            assertTrue(outcome.getText().contains(zh ? "它只显示这一次" : "it is shown only this once"), outcome.getText());
            String code = browser.find("#recovery-code").getAttribute("value");
            String link = browser.find("#recovery-link").getAttribute("value");
            assertTrue(code.matches(CODE), code);
            assertEquals(root + "progress/restore?code=" + code, link);
            assertTrue(outcome.getText().contains(zh ? "这个链接和恢复码一样需要保密" : "The link is as secret as the code"), outcome.getText());
            assertTrue(browser.find("button.recovery-copy[data-copy='recovery-code']").isDisplayed(), "copy button shown with scripts");
            assertEquals(List.of(), Axe.violations(browser));
            assertNull(browser.sticksOut(), "no sideways scroll");
            assertEquals(List.of(), zh ? ChineseText.foreign(browser) : List.of(), "no English on the Chinese page");
            browser.screenshot("recovery-made-" + lang);

            browser.driver.manage().deleteAllCookies();
            if (zh) {
                browser.go(link + "&lang=zh");
                WebElement field = browser.find("form.recovery-restore-form input[name='code']");
                assertEquals(code, field.getAttribute("value"), "the link fills the form; nothing is restored before it is sent");
                assertTrue(browser.all("table.progress:not(.predictions) tbody tr").isEmpty());
                field.sendKeys(Keys.ENTER);
            } else {
                browser.go(root + "progress?lang=en");
                assertTrue(browser.all("table.progress:not(.predictions) tbody tr").isEmpty(), "a new device has no attempts");
                WebElement field = browser.find("form.recovery-restore-form input[name='code']");
                field.sendKeys(code.toLowerCase().replace('-', ' '));
                field.sendKeys(Keys.ENTER);
            }
            WebElement restored = browser.awaitElement("#recovery-outcome");
            assertEquals(zh ? "你的进度已在这台设备上恢复。" : "Your progress is restored on this device.", restored.getText());
            assertEquals("recovery-outcome", browser.driver.switchTo().activeElement().getAttribute("id"), "focus moves to the news");
            assertEquals(1, browser.all("table.progress:not(.predictions) tbody tr").size(), "the attempt, on the second device");
            assertFalse(browser.driver.manage().getCookieNamed("hl_learner").getValue().isEmpty());
            assertEquals(List.of(), Axe.violations(browser));
            assertNull(browser.sticksOut(), "no sideways scroll");
            assertEquals(List.of(), zh ? ChineseText.foreign(browser) : List.of(), "no English on the Chinese page");
            browser.screenshot("recovery-restored-" + lang);
            ((JavascriptExecutor) browser.driver).executeScript("window.scrollTo(0, 0)");
            browser.screenshot("recovery-restored-top-" + lang);

            WebElement field = browser.find("form.recovery-restore-form input[name='code']");
            field.sendKeys("0000-0000-0000-0000", Keys.ENTER);
            WebElement refused = browser.awaitElement("#recovery-outcome[role='alert']");
            assertTrue(refused.getText().contains(zh ? "没有进度对应这个恢复码" : "No progress has this code"), refused.getText());
            assertEquals("true", browser.find("form.recovery-restore-form input[name='code']").getAttribute("aria-invalid"));
            assertEquals(1, browser.all("table.progress:not(.predictions) tbody tr").size(), "a wrong code changes nothing");
            assertEquals(List.of(), Axe.violations(browser));
            assertEquals(List.of(), zh ? ChineseText.foreign(browser) : List.of(), "no English on the Chinese page");
            browser.screenshot("recovery-refused-" + lang);
            assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
        }
    }
}
