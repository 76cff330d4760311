package lab.handshake.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.api.Learner;
import lab.handshake.web.Browser;
import lab.handshake.web.PredictByKeyboard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Predict mode used as a student does, by keyboard alone: the three-way handshake from {@code ?mode=predict},
 * in English at desktop width and in Chinese on a 390 px phone, with the step hidden until the prediction is
 * checked, the feedback and the misconception announced, and the accuracy at the end.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictBrowserTest {
    @TestHTTPResource("/")
    URL root;

    Browser browser;

    @BeforeAll
    void openBrowser() throws Exception {
        browser = Browser.open();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    private void press(CharSequence... keys) {
        PredictByKeyboard.press(browser, keys);
    }

    private void predictByKeyboard(String state, List<String> flags, String seq, String ack) {
        PredictByKeyboard.predict(browser, state, flags, seq, ack);
    }

    private WebElement feedback() {
        return browser.awaitElement(".predict-feedback:not([hidden])");
    }

    /** The verdict, once the feedback is shown. */
    private String verdict() {
        return feedback().findElement(By.cssSelector(".predict-verdict")).getText();
    }

    /** A browser that has not predicted before (the tests share one browser). */
    private void asNewLearner() {
        browser.go(url("/"));
        browser.driver.manage().deleteAllCookies();
    }

    private void continueByKeyboard() {
        assertTrue(browser.driver.switchTo().activeElement().getAttribute("class").contains("predict-verdict"),
                "the verdict takes the focus, so a screen reader reads it");
        press(Keys.TAB);
        press(Keys.ENTER);
    }

    private void awaitQuestion(int number) {
        browser.await(d -> browser.find(".predict-form").isDisplayed()
                && browser.find(".predict-progress").getText().contains(String.valueOf(number)) ? true : null);
    }

    private String stateOf(String endpoint) {
        return browser.find("section.hl-endpoint[data-endpoint='" + endpoint + "']").getAttribute("data-state");
    }

    /**
     * Nothing below the site's header sticks out sideways (the ladder and the state diagram scroll in their own boxes). The English header
     * itself is too wide for a phone today; that is another change's (issue 16, "Phone").
     */
    private void assertNoSidewaysScroll(String where) {
        Object wide = ((JavascriptExecutor) browser.driver).executeScript(
                "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]"
                        + ".filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.hl-ladder-wrap, .hl-diagram, header'))"
                        + ".map((e) => e.tagName + '.' + e.className).slice(0, 5).join(' ');");
        assertEquals("", wide, where + ": these stick out of a " + 390 + " px page");
    }

    @Test
    void aStudentPredictsTheHandshakeByKeyboardInEnglish() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1366, 900));
        asNewLearner();
        browser.go(url("/simulator/three-way-handshake?lang=en&mode=predict"));
        awaitQuestion(1);
        assertEquals("The application at the client calls connect().", browser.find(".predict-event").getText());
        assertEquals("true", browser.find(".predict-toggle").getAttribute("aria-pressed"));
        assertEquals("CLOSED", stateOf("client"), "the step is not shown before the prediction");
        browser.screenshot("predict-en-desktop-question");
        predictByKeyboard("SYN_SENT", List.of("SYN"), "J", null);
        assertEquals("Right.", verdict());
        browser.await(d -> "SYN_SENT".equals(stateOf("client")) ? true : null);
        assertTrue(browser.find(".predict-live").getAttribute("textContent").contains("Right."), "announced");
        continueByKeyboard();

        awaitQuestion(2);
        assertEquals("LISTEN", stateOf("server"));
        assertTrue(browser.all(".hl-seg[data-segment-id='2']").get(0).getAttribute("class").contains("is-future"),
                "the SYN,ACK is hidden until the prediction is checked");
        predictByKeyboard("SYN_RECEIVED", List.of("SYN", "ACK"), "K", "J+1");
        assertEquals("Right.", verdict());
        assertTrue(browser.find(".predict-rule").getText().contains("RFC 9293 §3.10.7.2"));
        continueByKeyboard();

        awaitQuestion(3);
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        assertNoSidewaysScroll("question 3 at 390 px");
        browser.screenshot("predict-en-phone-question");
        predictByKeyboard("ESTABLISHED", List.of("ACK"), "1001", "5001");
        assertEquals("Right.", verdict());
        continueByKeyboard();
        browser.driver.manage().window().setSize(new Dimension(1366, 900));

        awaitQuestion(4);
        predictByKeyboard("ESTABLISHED", null, null, null);
        assertEquals("Right.", verdict());
        browser.screenshot("predict-en-desktop-feedback");
        continueByKeyboard();

        WebElement done = browser.awaitElement(".predict-done:not([hidden]) .predict-done-text");
        assertEquals("No more questions in this simulation. 4 of 4 predictions right", done.getText());
        assertEquals("4 of 4 predictions right", browser.find(".predict-score").getText());
        assertEquals("ESTABLISHED", stateOf("server"));
        assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
    }

    /** One question of a predict run and the trace's answer, as the API grades it. */
    private record Answer(int step, String state, List<String> flags, String seq, String ack) {
    }

    /** Every question of a scenario's predict run with its answer, asked of the API by a learner of its own. */
    private static List<Answer> answers(String scenario) {
        Learner probe = Learner.fresh();
        List<Answer> answers = new ArrayList<>();
        for (int after = -1; ; ) {
            Integer step = probe.request().queryParam("lang", "en").queryParam("after", after)
                    .get("/api/predictions/" + scenario + "/next").then().statusCode(200).extract().path("question.step");
            if (step == null) {
                return answers;
            }
            JsonPath expected = PredictApiTest.predict(probe, scenario, PredictApiTest.prediction(step, "CLOSED", null))
                    .statusCode(200).extract().jsonPath().setRootPath("expected");
            boolean sends = expected.get("segment") != null;
            answers.add(new Answer(step, expected.getString("state"), sends ? expected.getList("segment.flags", String.class) : null,
                    expected.getString("segment.seq"), expected.getString("segment.ack")));
            after = step;
        }
    }

    @ParameterizedTest(name = "{0} at {1}×{2}")
    @CsvSource({"en, 390, 844", "zh, 1366, 900"})
    void aStudentCompletesAPredictRunOfTheFourWayCloseByKeyboard_seeingFeedbackEachTimeAndTheAccuracyAtTheEnd(String lang, int width,
                                                                                                              int height) throws Exception {
        List<Answer> answers = answers("four-way-close");
        assertTrue(answers.size() > 8, "the handshake, the close and the TIME-WAIT timer are asked: " + answers);
        browser.driver.manage().window().setSize(new Dimension(width, height));
        asNewLearner();
        browser.go(url("/simulator/four-way-close?lang=" + lang + "&mode=predict"));
        String right = lang.equals("en") ? "Right." : "正确。";
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            awaitQuestion(i + 1);
            predictByKeyboard(answer.state(), answer.flags(), answer.seq(), answer.ack());
            assertEquals(right, verdict(), "question " + (i + 1) + ": " + answer);
            assertTrue(browser.find(".predict-rule").getText().contains("RFC"), "the feedback says the rule");
            if (answer.state().equals("TIME_WAIT")) {
                assertNoSidewaysScroll("the FIN's feedback at " + width + " px");
                browser.screenshot("predict-four-way-close-" + lang + "-" + width + "-time-wait");
            }
            continueByKeyboard();
        }
        WebElement done = browser.awaitElement(".predict-done:not([hidden]) .predict-done-text");
        int n = answers.size();
        assertEquals(lang.equals("en") ? "No more questions in this simulation. " + n + " of " + n + " predictions right"
                : "这个模拟没有更多问题了。" + n + " 次预测中答对 " + n + " 次", done.getText());
        assertEquals("CLOSED", stateOf("client"), "the run reached the end of TIME-WAIT");
        browser.screenshot("predict-four-way-close-" + lang + "-" + width + "-done");
        assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
    }

    @Test
    void aStudentPredictsTheHandshakeByKeyboardInChineseOnAPhoneAndLearnsFromAMistake() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        asNewLearner();
        browser.go(url("/simulator/three-way-handshake?lang=zh"));
        WebElement toggle = browser.awaitElement(".predict-toggle:not([hidden])");
        assertEquals("先预测，再观察", toggle.getText());
        toggle.sendKeys(Keys.ENTER);
        awaitQuestion(1);
        assertTrue(browser.driver.getCurrentUrl().contains("mode=predict"), "the mode is in the address, to share");
        assertEquals("客户端的应用程序调用 connect()。", browser.find(".predict-event").getText());
        assertNoSidewaysScroll("question 1 at 390 px");
        browser.screenshot("predict-zh-phone-question");
        predictByKeyboard("SYN_SENT", List.of("SYN"), "J", null);
        assertEquals("正确。", verdict());
        continueByKeyboard();

        awaitQuestion(2);
        // A number the server cannot read is said in Chinese, and the field takes the focus to be mended.
        predictByKeyboard("SYN_RECEIVED", List.of("SYN", "ACK"), "K*2", "j + 1");
        WebElement invalid = browser.awaitElement(".predict-invalid:not([hidden])");
        assertTrue(invalid.getText().startsWith("无法识别 seq 或 ack"), invalid.getText());
        assertEquals("seq", browser.driver.switchTo().activeElement().getAttribute("name"));
        browser.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "k", Keys.ENTER);
        assertEquals("正确。", verdict());
        continueByKeyboard();

        awaitQuestion(3);
        predictByKeyboard("ESTABLISHED", List.of("SYN", "ACK"), "J+1", "K+1");
        assertEquals("不完全正确：状态对了，报文段不对。", verdict());
        assertTrue(browser.find(".predict-misconception").isDisplayed(), "the misconception is named");
        assertTrue(browser.find(".predict-refutation").getText().contains("SYN=0"));
        assertTrue(browser.find(".predict-live").getAttribute("textContent").contains("三次握手的第三个报文段"), "and announced");
        assertNoSidewaysScroll("feedback at 390 px");
        browser.screenshot("predict-zh-phone-misconception");
        browser.driver.manage().window().setSize(new Dimension(1366, 900));
        browser.screenshot("predict-zh-desktop-misconception");
        continueByKeyboard();

        awaitQuestion(4);
        predictByKeyboard("ESTABLISHED", null, null, null);
        assertEquals("正确。", verdict());
        continueByKeyboard();
        WebElement done = browser.awaitElement(".predict-done:not([hidden]) .predict-done-text");
        assertEquals("这个模拟没有更多问题了。4 次预测中答对 3 次", done.getText());
        assertFalse(done.getText().matches(".*[A-Za-z].*"), "no English on the Chinese page");
        assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
    }

    @Test
    void aStudentPredictsASynFloodsSpoofedSynsByKeyboardInChineseOnAPhone() throws Exception {
        // RFC 4987: the first spoofed SYN the server takes, the first SYN,ACK retransmission to a spoofed source, the
        // first spoofed SYN that finds the SYN queue full; the seq the server chooses is left open, and where its answer
        // goes is chosen in a radio group: the forged source address, or (a known misconception) the attacker's (§2).
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        asNewLearner();
        browser.go(url("/simulator/syn-flood?lang=zh&mode=predict"));
        awaitQuestion(1);
        assertTrue(browser.find(".predict-event").getText().contains("伪造的源"), browser.find(".predict-event").getText());
        assertEquals("服务器的监听套接字处于 LISTEN。之后它处于什么状态？它发送什么，发往哪里？", browser.find(".predict-prompt").getText());
        WebElement sentTo = browser.find(".predict-sent-to");
        assertTrue(sentTo.isDisplayed(), "where the SYN,ACK goes is asked");
        assertEquals("发往哪里", sentTo.findElement(By.tagName("legend")).getText());
        assertTrue(sentTo.getText().contains("发往 SYN 携带的源地址："), sentTo.getText());
        assertTrue(browser.find(".predict-forged-source").getText().startsWith("10.0.1."), "the first choice names the forged address");
        assertTrue(sentTo.getText().contains("发往攻击者的真实地址"), sentTo.getText());
        WebElement seqLabel = browser.find(".predict-seq").findElement(By.xpath(".."));
        assertTrue(seqLabel.getText().contains("（任意：由服务器自己选）"), "the seq field says the server chooses: " + seqLabel.getText());
        assertNoSidewaysScroll("a spoofed SYN's question at 390 px");
        browser.screenshot("predict-zh-phone-spoofed-syn-question");
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", sentTo);
        browser.screenshot("predict-zh-phone-spoofed-syn-sent-to");
        String ack = Long.toString(Long.parseLong(browser.find(".predict-event").getText().replaceAll(".*SYN seq=(\\d+).*", "$1")) + 1);
        PredictByKeyboard.predict(browser, "LISTEN", List.of("SYN", "ACK"), null, ack, "forged-source");
        assertEquals("正确。", verdict());
        assertTrue(browser.find(".predict-note").getText().contains("RFC 9293 §3.4.1"), "why the seq was not graded");
        assertTrue(browser.find(".predict-note").getText().contains("攻击者伪造的"), "and why it goes to the forged source");
        assertTrue(browser.find(".predict-given").getText().endsWith("→ 伪造的源地址"), browser.find(".predict-given").getText());
        assertTrue(browser.find(".predict-live").getAttribute("textContent").contains("seq 不评分"), "and announced");
        assertNoSidewaysScroll("a spoofed SYN's feedback at 390 px");
        browser.screenshot("predict-zh-phone-spoofed-syn-feedback");
        continueByKeyboard();

        awaitQuestion(2);
        assertTrue(browser.find(".predict-event").getText().contains("重传定时器到期"), browser.find(".predict-event").getText());
        PredictByKeyboard.predict(browser, "LISTEN", List.of("SYN", "ACK"), null, ack, "attacker");
        assertEquals("不完全正确：状态对了，报文段不对。", verdict());
        assertTrue(browser.find(".predict-claim").getText().contains("攻击者的真实地址"), "the misconception is named");
        assertTrue(browser.find(".predict-refutation").getText().contains("RFC 4987"), browser.find(".predict-refutation").getText());
        assertTrue(browser.find(".predict-expected").getText().endsWith("→ 伪造的源地址"), browser.find(".predict-expected").getText());
        assertNoSidewaysScroll("the SYN,ACK-to-the-attacker feedback at 390 px");
        browser.screenshot("predict-zh-phone-synack-to-attacker");
        continueByKeyboard();

        awaitQuestion(3);
        PredictByKeyboard.predict(browser, "LISTEN", List.of("RST"), "0", null, "forged-source");
        assertEquals("不完全正确：状态对了，报文段不对。", verdict());
        assertTrue(browser.find(".predict-misconception").isDisplayed(), "a full SYN queue answering with RST is named");
        assertTrue(browser.find(".predict-claim").getText().contains("RST"));
        assertTrue(browser.find(".predict-expected").getText().startsWith("LISTEN"));
        assertNoSidewaysScroll("the full queue's feedback at 390 px");
        browser.screenshot("predict-zh-phone-full-syn-queue");
        assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
    }
}
