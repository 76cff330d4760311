package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * A sandbox task on a phone, by keyboard alone: the page shows the task in its language, the student opens the
 * connection and closes it from the server first, and the page says (and announces) that the engine found it met.
 */
@QuarkusTest
class SandboxTaskBrowserTest {
    @TestHTTPResource("/")
    URL root;

    /** Moves made so far on the page; each move adds its group to the log. */
    private int moves;
    /** What the live region said after the move that met the task; null before it. */
    private String saidWhenMet;

    private void press(Browser browser, String css) {
        browser.find(css).sendKeys(Keys.ENTER);
        moves++;
        browser.awaitElement("li.sb-move[data-move-count='" + moves + "']");
        browser.await(d -> d.findElement(By.cssSelector("div.sb-root")).getAttribute("aria-busy") == null ? true : null);
        if (saidWhenMet == null && "true".equals(browser.find("section.sb-task").getAttribute("data-met"))) {
            saidWhenMet = browser.find(".sb-live").getAttribute("textContent");
        }
    }

    private static void showTask(Browser browser) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", browser.find("section.sb-task"));
    }

    private void deliverAll(Browser browser) {
        while (!browser.all("li.sb-flight button.sb-fate-deliver").isEmpty()) {
            press(browser, "li.sb-flight button.sb-fate-deliver");
        }
    }

    private void close(Browser browser, String host) {
        press(browser, "section.sb-host[data-host='" + host + "'] button.sb-call[data-call='close']");
    }

    @ParameterizedTest
    @CsvSource({
        "en, 'Task: Make the server end in TIME-WAIT', 'Task met: Make the server end in TIME-WAIT.'",
        "zh, '任务：让服务器停在 TIME-WAIT 状态', '任务完成：让服务器停在 TIME-WAIT 状态。'"})
    void aStudentMeetsATaskByKeyboardOnAPhone(String lang, String heading, String announced) throws Exception {
        moves = 0;
        saidWhenMet = null;
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "sandbox?task=server-ends-in-time-wait&lang=" + lang);
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            assertEquals(heading, browser.awaitElement("section.sb-task h2").getText());
            assertEquals("false", browser.find("section.sb-task").getAttribute("data-met"));
            assertTrue(!browser.find("form.sb-setup").isDisplayed(), "the task fixes the set-up");
            assertEquals(null, browser.sticksOut());
            showTask(browser);
            browser.screenshot("sandbox-task-start-" + lang);

            deliverAll(browser);
            close(browser, "server");
            deliverAll(browser);
            close(browser, "client");
            deliverAll(browser);

            assertEquals("TIME_WAIT", browser.find("section.sb-host[data-host='server'] strong.sb-state").getText());
            assertTrue(saidWhenMet != null, "the task was met by the FIN arriving at the server in FIN-WAIT-2");
            assertEquals("true", browser.find("section.sb-task").getAttribute("data-met"));
            assertTrue(saidWhenMet.startsWith(announced), saidWhenMet);
            assertTrue(browser.driver.getCurrentUrl().contains("/sandbox/"), "the page links to its session");
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), Axe.violations(browser));
            showTask(browser);
            browser.screenshot("sandbox-task-met-" + lang);
            if (lang.equals("zh")) {
                assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            }
            // Loaded again from its link, the session still shows its task, met.
            browser.go(browser.driver.getCurrentUrl());
            browser.await(d -> "true".equals(d.findElement(By.cssSelector("section.sb-task")).getAttribute("data-met")) ? true : null);
            assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "server-holds-time-wait, '任务：关闭连接，让服务器承担 TIME-WAIT', 客户端程序在连接建立 300 毫秒后调用 close()",
        "connect-through-full-syn-queue, '任务：在 SYN 队列已满时建立连接', 客户端程序在第 3 秒调用 connect()"})
    void theOtherTasksShowTheirChineseInstructionsOnAPhone_withoutSidewaysScrolling(String task, String heading, String instructed)
            throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "sandbox?task=" + task + "&lang=zh");
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            assertEquals(heading, browser.awaitElement("section.sb-task h2").getText());
            assertTrue(browser.find("section.sb-task p.sb-task-text").getText().contains(instructed));
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            showTask(browser);
            browser.screenshot("sandbox-task-" + task + "-zh");
        }
    }
}
