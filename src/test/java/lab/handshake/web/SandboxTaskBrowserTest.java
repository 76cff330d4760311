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
import org.openqa.selenium.WebElement;

/**
 * Sandbox tasks met through the page by keyboard alone, as a student would: the page shows the task in its language,
 * the student makes the moves its instructions describe, and the page says (and announces) that the engine found it
 * met, on a phone and on a laptop, without sideways scrolling.
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

    /** Opens the task's page at the given size and waits for its session. */
    private void openTask(Browser browser, String task, String lang, int width, int height) {
        moves = 0;
        saidWhenMet = null;
        browser.driver.manage().window().setSize(new Dimension(width, height));
        browser.go(root + "sandbox?task=" + task + "&lang=" + lang);
        browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
        assertEquals("false", browser.awaitElement("section.sb-task").getAttribute("data-met"));
    }

    /** The page says the task is met, said so once when it was, fits its width and breaks no accessibility rule. */
    private void assertMet(Browser browser, String lang, String announced) {
        assertEquals("true", browser.find("section.sb-task").getAttribute("data-met"));
        String status = browser.find("section.sb-task p.sb-task-status").getText();
        assertTrue(status.startsWith(lang.equals("zh") ? "任务完成" : "Task met"), status);
        assertTrue(saidWhenMet != null && saidWhenMet.startsWith(announced), String.valueOf(saidWhenMet));
        assertEquals(null, browser.sticksOut());
        assertEquals(List.of(), Axe.violations(browser));
        if (lang.equals("zh")) {
            assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
        }
    }

    private static void showQueue(Browser browser, WebElement queue) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", queue);
    }

    private String state(Browser browser, String host) {
        return browser.find("section.sb-host[data-host='" + host + "'] strong.sb-state").getText();
    }

    @ParameterizedTest
    @CsvSource({
        "zh, 390, 844, '任务完成：关闭连接，让服务器承担 TIME-WAIT。'",
        "en, 1366, 900, 'Task met: Close so that the server holds TIME-WAIT.'"})
    void closingTheServerWhileTheClientsFinIsInFlight_meetsServerHoldsTimeWait(String lang, int width, int height, String announced)
            throws Exception {
        try (Browser browser = Browser.open()) {
            openTask(browser, "server-holds-time-wait", lang, width, height);
            // The handshake: SYN, SYN-ACK, ACK; the client's scripted close() then puts its FIN in flight.
            while (!browser.find("li.sb-flight .sb-flight-label").getText().contains("FIN")) {
                press(browser, "li.sb-flight button.sb-fate-deliver");
            }
            assertEquals("client", browser.find("li.sb-flight").getAttribute("data-from"));
            assertEquals("ESTABLISHED", state(browser, "server"));
            close(browser, "server"); // before the client's FIN arrives: both close at once (RFC 9293 Figure 13)
            assertEquals("FIN_WAIT_1", state(browser, "server"));
            deliverAll(browser);

            assertEquals("TIME_WAIT", state(browser, "server"));
            assertTrue(browser.all("ol.sb-steps li.sb-step").stream().anyMatch(step -> step.getAttribute("textContent").contains("CLOSING")),
                    "the server went through CLOSING");
            assertMet(browser, lang, announced);
            showTask(browser);
            browser.screenshot("sandbox-task-server-holds-time-wait-met-" + lang + "-" + width);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "zh, 390, 844, 'SYN 队列已满：8 个半连接（容量 8）', '任务完成：在 SYN 队列已满时建立连接。'",
        "en, 1366, 900, 'SYN queue full: 8 of 8 half-open', 'Task met: Get a connection through a full SYN queue.'"})
    void advancingUntilThePageShowsTheSynQueueFull_thenDeliveringTheHandshake_meetsConnectThroughFullSynQueue(
            String lang, int width, int height, String fullQueue, String announced) throws Exception {
        try (Browser browser = Browser.open()) {
            openTask(browser, "connect-through-full-syn-queue", lang, width, height);
            WebElement queue = browser.find("section.sb-host[data-host='server'] p.hl-synq");
            assertEquals("false", queue.getAttribute("data-full"), "the flood has only begun");
            assertEquals("8", queue.getAttribute("data-capacity"));
            assertTrue(queue.isDisplayed());
            assertEquals(null, browser.sticksOut());
            showQueue(browser, queue);
            browser.screenshot("sandbox-task-syn-queue-start-" + lang + "-" + width);

            // Time passes, as the instructions say, until the queue is full and the client's SYN is in flight.
            boolean fullBeforeTheClientsSyn = false;
            while (browser.all("li.sb-flight[data-from='client']").isEmpty()) {
                assertTrue(moves < 30, "the scripted connect() comes at 3 s");
                press(browser, "button.sb-advance");
                fullBeforeTheClientsSyn |= browser.all("li.sb-flight").isEmpty() && "true".equals(queue.getAttribute("data-full"));
            }
            assertTrue(fullBeforeTheClientsSyn, "the page showed the queue full before the client's SYN was sent");
            assertEquals(fullQueue, queue.getText());
            assertEquals("SYN_SENT", state(browser, "client"));
            showQueue(browser, queue);
            browser.screenshot("sandbox-task-syn-queue-full-" + lang + "-" + width);

            deliverAll(browser);
            assertEquals("ESTABLISHED", state(browser, "client"));
            assertEquals("ESTABLISHED", state(browser, "server"), "the final ACK carries the cookie (RFC 4987 §3.6)");
            assertEquals(fullQueue, queue.getText(), "the cookie took no place in the queue");
            assertMet(browser, lang, announced);
            showTask(browser);
            browser.screenshot("sandbox-task-syn-queue-met-" + lang + "-" + width);
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
