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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Predict mode in the sandbox, as a student uses it on a phone and on a laptop by keyboard alone: listen(), connect(), then
 * every advance of the three-way handshake is predicted before it is shown, with the feedback, a misconception
 * named, and the running accuracy.
 */
@QuarkusTest
class SandboxPredictBrowserTest {
    @TestHTTPResource("/")
    URL root;

    private static String state(Browser browser, String host) {
        return browser.find("section.sb-host[data-host='" + host + "'] strong.sb-state").getText();
    }

    /** The question is asked: the form is shown and its heading has the focus. */
    private static WebElement question(Browser browser) {
        browser.await(d -> browser.find(".predict-form").isDisplayed()
                && browser.driver.switchTo().activeElement().getAttribute("class").contains("predict-title") ? true : null);
        return browser.find(".predict-event");
    }

    /** The feedback, once the step is shown: the verdict has the focus, so a screen reader reads it. */
    private static WebElement feedback(Browser browser, int moves) {
        WebElement feedback = browser.awaitElement(".predict-feedback:not([hidden])");
        browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() >= moves ? true : null);
        assertTrue(browser.driver.switchTo().activeElement().getAttribute("class").contains("predict-verdict"));
        return feedback;
    }

    /** Continue, from the verdict: the focus goes back to the control that made the move. */
    private static void next(Browser browser) {
        PredictByKeyboard.press(browser, Keys.TAB, Keys.ENTER);
        browser.await(d -> !browser.find(".predict-feedback").isDisplayed() ? true : null);
    }

    // Each language at one width: EveryPageBrowserTest audits the sandbox in both languages at both widths.
    @ParameterizedTest
    @CsvSource({
        "en, 1366, Right., 'Segment 1, SYN seq=J, arrives at the server.', 4 of 5 predictions right",
        "zh, 390, 正确。, '报文段 1（SYN seq=J）到达服务器。', 5 次预测中答对 4 次"})
    void aStudentPredictsEveryStepOfTheHandshakeInTheSandboxByKeyboard(String lang, int width, String right, String synArrives,
                                                                      String accuracy) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
            browser.go(root + "sandbox?lang=" + lang + "&mode=predict");
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            browser.await(d -> "true".equals(browser.find(".predict-toggle").getAttribute("aria-pressed")) ? true : null);
            assertEquals("step", browser.find("div.sb-root").getAttribute("data-mode"), "predict mode steps one event per advance");
            assertTrue(browser.driver.getCurrentUrl().contains("mode=predict"), "the share link keeps predict mode");

            browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='listen']").sendKeys(Keys.ENTER);
            question(browser);
            assertEquals("CLOSED", state(browser, "server"), "the call takes effect only once predicted");
            PredictByKeyboard.predict(browser, "LISTEN", null, null, null);
            assertEquals(right, feedback(browser, 1).findElement(By.cssSelector(".predict-verdict")).getText());
            assertEquals("LISTEN", state(browser, "server"));
            next(browser);

            browser.find("section.sb-host[data-host='client'] button.sb-call[data-call='connect']").sendKeys(Keys.ENTER);
            question(browser);
            PredictByKeyboard.predict(browser, "SYN_SENT", List.of("SYN"), "J", null);
            assertEquals(right, feedback(browser, 2).findElement(By.cssSelector(".predict-verdict")).getText());
            next(browser);

            PredictByKeyboard.press(browser, "a"); // the sandbox's key for advance
            assertEquals(synArrives, question(browser).getText());
            assertEquals("LISTEN", state(browser, "server"), "nothing is shown before the prediction");
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), Axe.violations(browser));
            browser.screenshot("sandbox-predict-question-" + lang + (width == 390 ? "" : "-" + width));
            PredictByKeyboard.predict(browser, "SYN_RECEIVED", List.of("SYN", "ACK"), "K", "j + 1");
            assertEquals(right, feedback(browser, 3).findElement(By.cssSelector(".predict-verdict")).getText());
            assertEquals("SYN_RECEIVED", state(browser, "server"));
            assertTrue(browser.find(".predict-rule").getText().contains("RFC 9293"), browser.find(".predict-rule").getText());
            next(browser);

            PredictByKeyboard.press(browser, "a");
            question(browser);
            PredictByKeyboard.predict(browser, "ESTABLISHED", List.of("SYN", "ACK"), "J+1", "K+1");
            WebElement wrong = feedback(browser, 4);
            assertEquals("false", wrong.getAttribute("data-right"));
            assertTrue(browser.find(".predict-misconception").isDisplayed(), "the misconception is named");
            assertTrue(browser.find(".predict-refutation").getText().contains("SYN"), browser.find(".predict-refutation").getText());
            assertEquals("ESTABLISHED", state(browser, "client"), "the step is shown after the feedback");
            assertTrue(browser.find(".predict-live").getAttribute("textContent").contains(browser.find(".predict-claim").getText()
                    .replaceAll("[“”]", "")), "the misconception is announced");
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), Axe.violations(browser));
            browser.screenshot("sandbox-predict-misconception-" + lang + (width == 390 ? "" : "-" + width));
            next(browser);

            PredictByKeyboard.press(browser, "a");
            question(browser);
            PredictByKeyboard.predict(browser, "ESTABLISHED", null, null, null);
            assertEquals(right, feedback(browser, 5).findElement(By.cssSelector(".predict-verdict")).getText());
            assertEquals("ESTABLISHED", state(browser, "server"));
            assertEquals(accuracy, browser.find(".predict-score").getText());
            assertTrue(browser.find(".predict-live").getAttribute("textContent").contains(accuracy), "the accuracy is announced");
            browser.screenshot("sandbox-predict-accuracy-" + lang + (width == 390 ? "" : "-" + width));
            if (lang.equals("zh")) {
                assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            }
            assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
        }
    }

    /**
     * RFC 9293 §3.5, Figure 7: in a simultaneous open one advance brings both SYNs, and both endpoints decide at that
     * moment; each is asked in turn, and the advance is shown only after the second.
     */
    @ParameterizedTest
    @CsvSource({
        "en, 'Decision 1 of 2 at this moment: Segment 1, SYN seq=J, arrives at the server.', 'Decision 2 of 2 at this moment:', 4 of 4 predictions right, 2 of 2 predictions right",
        "zh, '此刻共有 2 个决定，这是第 1 个：报文段 1（SYN seq=J）到达服务器。', '此刻共有 2 个决定，这是第 2 个：', 4 次预测中答对 4 次, 2 次预测中答对 2 次"})
    void aSimultaneousOpenAsksBothEndpointsInTurnBeforeTheAdvanceIsShown(String lang, String first, String second, String accuracy,
                                                                        String afterUndo) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "sandbox?lang=" + lang + "&mode=predict");
            browser.await(d -> "true".equals(browser.find(".predict-toggle").getAttribute("aria-pressed")) ? true : null);
            browser.await(d -> "step".equals(browser.find("div.sb-root").getAttribute("data-mode")) ? true : null);
            browser.find("section.sb-host[data-host='client'] button.sb-call[data-call='connect']").sendKeys(Keys.ENTER);
            question(browser);
            PredictByKeyboard.predict(browser, "SYN_SENT", List.of("SYN"), "J", null);
            feedback(browser, 1);
            next(browser);
            browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='connect']").sendKeys(Keys.ENTER);
            question(browser);
            PredictByKeyboard.predict(browser, "SYN_SENT", List.of("SYN"), "K", null);
            feedback(browser, 2);
            next(browser);

            PredictByKeyboard.press(browser, "a");
            assertEquals(first, question(browser).getText());
            PredictByKeyboard.predict(browser, "SYN_RECEIVED", List.of("SYN", "ACK"), "K", "J+1");
            assertEquals("true", feedback(browser, 2).getAttribute("data-right"));
            assertEquals(2, browser.all("li.sb-move").size(), "the advance waits for its second decision");
            assertEquals("SYN_SENT", state(browser, "server"));
            next(browser);

            assertTrue(question(browser).getText().startsWith(second), browser.find(".predict-event").getText());
            assertTrue(browser.find(".predict-live").getAttribute("textContent").contains(second), "the second question is announced");
            browser.screenshot("sandbox-predict-second-decision-" + lang);
            PredictByKeyboard.predict(browser, "SYN_RECEIVED", List.of("SYN", "ACK"), "J", "K+1");
            assertEquals("true", feedback(browser, 3).getAttribute("data-right"));
            assertEquals("SYN_RECEIVED", state(browser, "client"));
            assertEquals("SYN_RECEIVED", state(browser, "server"));
            assertEquals(accuracy, browser.find(".predict-score").getText());
            assertEquals(null, browser.sticksOut());
            if (lang.equals("zh")) {
                assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            }
            next(browser);
            assertEquals("button", browser.driver.switchTo().activeElement().getTagName(),
                    "after the last decision the focus is back on a control of the sandbox");
            // Taking the advance back takes its two predictions back too.
            PredictByKeyboard.press(browser, "u");
            browser.await(d -> browser.all("li.sb-move").size() == 2 ? true : null);
            assertEquals(afterUndo, browser.find(".predict-score").getText());
        }
    }

    /**
     * Spoofed SYNs (RFC 4987 §2) sent by the attacker ask nothing; of their arrivals only the first the listener keeps a
     * half-open entry for is asked, as in a catalogue flood, with the seq the server chooses left open. The advance that
     * brings them and the client's SYN together asks about that spoofed SYN, then about the client's SYN.
     */
    @ParameterizedTest
    @CsvSource({
        "en, '3 spoofed SYNs, Attacker → Server: no endpoint decides anything', 'Decision 1 of 2', 'Decision 2 of 2', 'SYN seq=J, arrives at the server.', 'SYN queue: 4 of 128 half-open'",
        "zh, '3 个伪造源地址的 SYN，攻击者 → 服务器：没有任何一端需要作出决定', '第 1 个', '第 2 个', '（SYN seq=J）到达服务器。', 'SYN 队列：4 个半连接（容量 128）'"})
    void onlyTheFirstSpoofedSynTakenIsAsked_andTheClientsSynArrivingAmongThemIsAskedNext(String lang, String said, String first,
            String second, String synArrives, String queue) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(1366, 900));
            browser.go(root + "sandbox?lang=" + lang + "&mode=predict");
            browser.await(d -> "true".equals(browser.find(".predict-toggle").getAttribute("aria-pressed")) ? true : null);
            browser.await(d -> "step".equals(browser.find("div.sb-root").getAttribute("data-mode")) ? true : null);
            browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='listen']").sendKeys(Keys.ENTER);
            question(browser);
            PredictByKeyboard.predict(browser, "LISTEN", null, null, null);
            feedback(browser, 1);
            next(browser);

            WebElement count = browser.find("input.sb-spoof-count");
            count.sendKeys(Keys.chord(Keys.CONTROL, "a"), "3", Keys.ENTER);
            browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() == 2 ? true : null);
            browser.await(d -> browser.find(".predict-live").getAttribute("textContent").startsWith(said) ? true : null);
            assertTrue(!browser.find(".predict-form").isDisplayed(), "no question about the attacker sending");

            browser.find("section.sb-host[data-host='client'] button.sb-call[data-call='connect']").sendKeys(Keys.ENTER);
            question(browser);
            PredictByKeyboard.predict(browser, "SYN_SENT", List.of("SYN"), "J", null);
            feedback(browser, 3);
            next(browser);

            PredictByKeyboard.press(browser, "a");
            String spoofed = question(browser).getText();
            assertTrue(spoofed.contains(first) && spoofed.contains("10.0.1."), "the first spoofed SYN first: " + spoofed);
            String ack = Long.toString(Long.parseLong(spoofed.replaceAll(".*SYN seq=(\\d+).*", "$1")) + 1);
            PredictByKeyboard.predict(browser, "LISTEN", List.of("SYN", "ACK"), null, ack, "forged-source");
            assertEquals("true", feedback(browser, 3).getAttribute("data-right"), "any seq: the server chooses its ISN; to the forged source");
            next(browser);

            String asked = question(browser).getText();
            assertTrue(asked.endsWith(synArrives) && asked.contains(second), "then the client's SYN: " + asked);
            PredictByKeyboard.predict(browser, "SYN_RECEIVED", List.of("SYN", "ACK"), "K", "J+1");
            assertEquals("true", feedback(browser, 4).getAttribute("data-right"));
            assertEquals("SYN_RECEIVED", state(browser, "server"));
            assertEquals(queue, browser.find("section.sb-host[data-host='server'] p.hl-synq").getText(), "three spoofed entries and the client's");
            assertEquals(null, browser.sticksOut());
            if (lang.equals("zh")) {
                assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            }
            browser.screenshot("sandbox-predict-spoofed-syns-" + lang);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "en, Predict mode is off: it asks only in the step-by-step mode.",
        "zh, 预测模式已关闭：它只在“逐步”模式中提问。"})
    void startingAgainInAnotherModeTurnsPredictModeOffAndSaysSo(String lang, String said) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(root + "sandbox?lang=" + lang + "&mode=predict");
            browser.await(d -> "true".equals(browser.find(".predict-toggle").getAttribute("aria-pressed")) ? true : null);
            String first = browser.find("section.sandbox").getAttribute("data-session-id");
            new org.openqa.selenium.support.ui.Select(browser.find("select.sb-mode-choice")).selectByValue("auto");
            browser.find("button.sb-setup-apply").sendKeys(Keys.ENTER);
            browser.await(d -> !first.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")) ? true : null);
            assertEquals("auto", browser.find("div.sb-root").getAttribute("data-mode"));

            browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='listen']").sendKeys(Keys.ENTER);
            browser.await(d -> "LISTEN".equals(state(browser, "server")) ? true : null);
            assertEquals("false", browser.find(".predict-toggle").getAttribute("aria-pressed"), "nothing is held back any more");
            assertTrue(!browser.find(".predict-form").isDisplayed(), "no question in automatic mode");
            browser.await(d -> browser.find(".sb-live").getAttribute("textContent").startsWith(said) ? true : null);
            assertTrue(!browser.driver.getCurrentUrl().contains("mode=predict"), "the link no longer asks for predict mode");
        }
    }
}
