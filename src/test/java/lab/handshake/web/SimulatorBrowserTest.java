package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** Lessons and the simulator in a real browser, used as a student uses them. */
@QuarkusTest
class SimulatorBrowserTest extends OneBrowserPerClass {
    @TestHTTPResource("/")
    URL root;


    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    private WebElement counter() {
        return browser.awaitElement("output.hl-counter[data-step]");
    }

    private String stateOf(String endpoint) {
        return browser.find("section.hl-endpoint[data-endpoint='" + endpoint + "']").getAttribute("data-state");
    }

    @Test
    void aLessonReadsInEnglishAndInChinese() throws Exception {
        browser.go(url("/lessons/three-way-handshake?lang=en"));
        assertEquals("The three-way handshake", browser.find("h1").getText());
        assertEquals("en", browser.find("html").getAttribute("lang"));
        assertFalse(browser.all("aside.callout-misconception").isEmpty(), "common-misconception boxes");
        browser.awaitElement(".simulator output.hl-counter[data-step]");
        browser.screenshot("lesson-three-way-handshake-en");

        browser.go(url("/lessons/three-way-handshake?lang=zh"));
        assertEquals("三次握手", browser.find("h1").getText());
        assertEquals("zh-Hans", browser.find("html").getAttribute("lang"));
        assertTrue(browser.find("aside.callout-misconception .callout-title").getText().contains("常见误解"));
        browser.awaitElement(".simulator output.hl-counter[data-step]");
        browser.screenshot("lesson-three-way-handshake-zh");

        browser.go(url("/lessons/three-way-handshake"));
        assertEquals("三次握手", browser.find("h1").getText(), "the language chosen last is remembered");
        browser.go(url("/?lang=en"));
    }

    @Test
    void steppingThroughTheHandshakeShowsEachStateChangeWhereItHappens() throws Exception {
        List<Map<String, Object>> steps = given().queryParam("lang", "en")
                .get("/api/scenarios/three-way-handshake/trace").jsonPath().getList("steps");
        browser.go(url("/simulator/three-way-handshake?lang=en"));
        counter();
        browser.find("button.hl-first").click();
        for (int i = 0; i < steps.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, String> states = (Map<String, String>) steps.get(i).get("states");
            int shown = i + 1;
            browser.await(d -> String.valueOf(shown).equals(counter().getAttribute("data-step")));
            assertEquals(states.get("client"), stateOf("client"), "client at step " + shown);
            assertEquals(states.get("server"), stateOf("server"), "server at step " + shown);
            if ("arrive".equals(steps.get(i).get("kind")) && Integer.valueOf(3).equals(steps.get(i).get("segmentId"))) {
                assertEquals("ESTABLISHED", stateOf("server"), "the server is ESTABLISHED when the third segment arrives");
                browser.screenshot("simulator-handshake-third-segment-arrives");
            }
            if (i + 1 < steps.size()) {
                browser.find("button.hl-next").click();
            }
        }
    }

    @Test
    void losingTheSynAckShowsTheRetransmission() throws Exception {
        browser.go(url("/simulator/three-way-handshake?lang=en"));
        counter();
        WebElement synAck = browser.awaitElement("g.hl-seg[data-segment-id='2']");
        synAck.click();
        browser.awaitElement("div.hl-menu button[data-fault='drop']").click();
        browser.awaitElement(".hl-notice");
        browser.await(d -> !d.findElements(By.cssSelector("g.hl-seg.hl-lost")).isEmpty());
        long synAcks = browser.all("g.hl-seg").stream()
                .filter(segment -> segment.getAttribute("aria-label").contains("SYN,ACK")).count();
        assertTrue(synAcks >= 2, "the lost SYN,ACK is sent again: " + synAcks);
        browser.find("button.hl-last").click();
        browser.screenshot("simulator-syn-ack-lost");
        browser.await(d -> "ESTABLISHED".equals(stateOf("client")));
        browser.find("button.hl-reset").click();
        browser.await(d -> d.findElements(By.cssSelector("g.hl-seg.hl-lost")).isEmpty());
    }

    /**
     * The fault menu takes "every such segment from X ms on" as well as "this one, the n-th" (faults[].match.afterMs):
     * a bad time is said in the menu, one the server refuses (beyond the scenario's time limit) in its own words, and
     * every later ACK of the client is lost; on a phone in Chinese and on a laptop in English.
     */
    @ParameterizedTest
    @CsvSource({"zh, 390, 844", "en, 1366, 900"})
    void theFaultMenuLosesEverySegmentOfAKindFromAMomentOn(String lang, int width, int height) throws Exception {
        boolean zh = lang.equals("zh");
        browser.driver.manage().window().setSize(new Dimension(width, height));
        try {
            browser.go(url("/simulator/three-way-handshake?lang=" + lang));
            counter();
            browser.awaitElement("g.hl-seg[data-segment-id='3']").click();
            WebElement menu = browser.awaitElement("div.hl-menu[role='dialog']");
            assertTrue(menu.getText().contains(zh ? "客户端的第 1 个 ACK" : "the client's ACK no. 1"), menu.getText());
            browser.find("input.hl-menu-scope-choice[value='after']").click();
            WebElement drop = browser.find("div.hl-menu button[data-fault='drop']");
            assertEquals(zh ? "丢弃它们" : "Lose them", drop.getText());
            assertFalse(menu.getText().matches("(?s).*\\b(fault|rerun)[A-Z_a-z]*\\b.*"), "no raw key: " + menu.getText());
            WebElement after = browser.find("input.hl-menu-after");
            assertEquals(after.getAttribute("id"), browser.find("label.hl-menu-field").getAttribute("for"), "the field has its label");
            after.clear();
            after.sendKeys("-5");
            drop.click();
            WebElement invalid = browser.awaitElement("p.hl-menu-error");
            assertTrue(invalid.isDisplayed() && invalid.getText().contains(zh ? "不小于 0" : "0 or more"), invalid.getText());
            assertEquals("true", after.getAttribute("aria-invalid"));
            assertEquals(null, browser.sticksOut());
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", menu);
            browser.screenshot("simulator-fault-from-a-moment-" + lang + "-" + width);

            after.clear();
            after.sendKeys("999999999999");
            drop.click();
            WebElement refused = browser.awaitElement("p.hl-error");
            browser.await(d -> refused.isDisplayed());
            assertTrue(refused.getText().contains("afterMs"), "the server's own words name the field: " + refused.getText());
            assertFalse(zh && refused.getText().contains("must"), refused.getText());

            browser.find("g.hl-seg[data-segment-id='3']").click();
            browser.find("input.hl-menu-scope-choice[value='after']").click();
            WebElement field = browser.find("input.hl-menu-after");
            field.clear();
            field.sendKeys("0", Keys.ENTER); // Enter in the field loses them
            WebElement notice = browser.awaitElement(".hl-notice");
            browser.await(d -> notice.isDisplayed() && notice.getText().contains(zh ? "从 0 毫秒起" : "from 0 ms on"));
            browser.await(d -> d.findElements(By.cssSelector("g.hl-seg.hl-lost")).size() >= 2);
            assertTrue(browser.all("g.hl-seg.hl-lost").stream().allMatch(seg -> seg.getAttribute("aria-label").contains("ACK")));
            assertEquals(null, browser.sticksOut());
            browser.screenshot("simulator-fault-from-a-moment-rerun-" + lang + "-" + width);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    /**
     * "Only this one" hits the segment chosen where the scenario has a fault on the same kind already: the engine counts
     * a fault's nth among the segments the faults before it let through (FaultPolicy), so the menu does too. In
     * tcp-metrics-round-trip two faults lose the client's request and its probe (segments 15 and 16, both PSH,ACK);
     * losing the client's last ACK (segment 20, its 9th ACK on the ladder) must lose that one (the 7th the new fault
     * sees), not a 9th that never comes; and a segment the scenario's fault already loses is said to be out of reach.
     */
    @ParameterizedTest
    @CsvSource({"zh, 390, 844", "en, 1366, 900"})
    void theFaultMenuLosesTheChosenSegment_whenTheScenarioHasAFaultOnItsKind(String lang, int width, int height) throws Exception {
        boolean zh = lang.equals("zh");
        browser.driver.manage().window().setSize(new Dimension(width, height));
        try {
            browser.go(url("/simulator/tcp-metrics-round-trip?lang=" + lang));
            browser.awaitElement("g.hl-seg[data-segment-id='20']").click();
            WebElement menu = browser.awaitElement("div.hl-menu[role='dialog']");
            assertTrue(menu.getText().contains(zh ? "客户端的第 9 个 ACK" : "the client's ACK no. 9"), menu.getText());
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", menu);
            browser.screenshot("simulator-fault-after-the-scenarios-" + lang + "-" + width);
            browser.find("div.hl-menu button[data-fault='drop']").click();
            WebElement notice = browser.awaitElement(".hl-notice");
            browser.await(d -> notice.isDisplayed());
            browser.await(d -> d.findElement(By.cssSelector("g.hl-seg[data-segment-id='20']")).getAttribute("class").contains("hl-lost"));
            assertEquals(List.of("15", "16", "20"), browser.all("g.hl-seg.hl-lost").stream()
                    .map(seg -> seg.getAttribute("data-segment-id")).filter(id -> Integer.parseInt(id) <= 20).toList());
            assertEquals(null, browser.sticksOut());
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                    browser.find(".hl-notice"));
            browser.screenshot("simulator-fault-after-the-scenarios-rerun-" + lang + "-" + width);

            browser.find("g.hl-seg[data-segment-id='15']").click();
            browser.find("div.hl-menu button[data-fault='delay']").click();
            WebElement refused = browser.awaitElement("p.hl-menu-error");
            browser.await(d -> refused.isDisplayed());
            assertTrue(refused.getText().contains(zh ? "第二个故障无法再作用于它" : "a second one cannot reach it"), refused.getText());
            assertTrue(refused.getText().contains("15"), refused.getText());
            assertTrue(menu.isDisplayed(), "the menu stays open, saying why");
            assertEquals(null, browser.sticksOut());
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", menu);
            browser.screenshot("simulator-fault-taken-" + lang + "-" + width);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    /**
     * The fault menu marks a segment CE (mark-ce, a congested router, RFC 3168 §5), from the keyboard: the ECN scenario
     * opens under its own linux profile; Enter on the client's request (segment 4, ECT(0)) opens the menu, the arrows reach
     * "Mark it CE" and Enter re-runs: the notice says so and the segment's name says it was marked; on a phone in
     * Chinese and on a laptop in English.
     */
    @ParameterizedTest
    @CsvSource({"zh, 390, 844", "en, 1280, 900"})
    void theFaultMenuMarksASegmentCe_fromTheKeyboard(String lang, int width, int height) throws Exception {
        boolean zh = lang.equals("zh");
        browser.driver.manage().window().setSize(new Dimension(width, height));
        try {
            browser.go(url("/simulator/ecn-congestion-mark?lang=" + lang));
            counter();
            assertEquals("linux", new Select(browser.find("select.hl-profile")).getFirstSelectedOption().getAttribute("value"),
                    "the scenario's own profile");
            String marked = zh ? "被路由器标记为 CE" : "marked CE by a router";
            browser.await(d -> browser.find("g.hl-seg[data-segment-id='6']").getAttribute("aria-label").contains(marked));
            WebElement segment = browser.find("g.hl-seg[data-segment-id='4']");
            assertEquals("delivered", segment.getAttribute("data-fate"));
            segment.sendKeys(Keys.ENTER);
            WebElement menu = browser.awaitElement("div.hl-menu[role='dialog']");
            browser.await(d -> menu.isDisplayed());
            WebElement markCe = browser.find("div.hl-menu button[data-fault='mark-ce']");
            assertEquals(zh ? "标记为 CE（拥塞的路由器；不支持 ECN 的报文段会被丢弃）" : "Mark it CE (a congested router; lost if not ECN-capable)",
                    markCe.getText());
            for (int i = 0; i < 4; i++) {
                browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            }
            assertEquals("mark-ce", browser.driver.switchTo().activeElement().getAttribute("data-fault"));
            assertEquals(null, browser.sticksOut());
            browser.screenshot("simulator-mark-ce-menu-" + lang + "-" + width);
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            WebElement notice = browser.awaitElement(".hl-notice");
            browser.await(d -> notice.isDisplayed() && notice.getText().contains(zh ? "报文段 4 被拥塞的路由器标记为 CE" : "segment 4 marked CE"));
            browser.await(d -> "ce-marked".equals(browser.find("g.hl-seg[data-segment-id='4']").getAttribute("data-fate")));
            assertTrue(browser.find("g.hl-seg[data-segment-id='4']").getAttribute("aria-label").contains(marked));
            assertEquals(null, browser.sticksOut());
            browser.screenshot("simulator-mark-ce-rerun-" + lang + "-" + width);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    @Test
    void theKeyboardDrivesTheSimulatorAndEveryStepIsAnnounced() {
        browser.go(url("/simulator/four-way-close?lang=en"));
        int total = Integer.parseInt(counter().getAttribute("data-total"));
        WebElement next = browser.find("button.hl-next");
        browser.find("button.hl-first").click();
        next.sendKeys(Keys.HOME);
        browser.await(d -> "1".equals(counter().getAttribute("data-step")));
        String announced = browser.find("div.hl-live").getText();
        next.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        browser.await(d -> "4".equals(counter().getAttribute("data-step")));
        assertNotEquals(announced, browser.find("div.hl-live").getText(), "the live region announces the new step");
        assertEquals("polite", browser.find("div.hl-live").getAttribute("aria-live"));
        next.sendKeys(Keys.ARROW_LEFT);
        browser.await(d -> "3".equals(counter().getAttribute("data-step")));
        next.sendKeys(Keys.END);
        browser.await(d -> String.valueOf(total).equals(counter().getAttribute("data-step")));
        assertEquals("CLOSED", stateOf("client"));
    }

    @Test
    void theSynRetriesUsedUp_labelTheEdgeToClosedWithTheirCause_notClose() {
        browser.go(url("/simulator/syn-unanswered?lang=zh"));
        // The simulator's controls and diagrams are drawn once its trace has come.
        browser.awaitElement("button.hl-next").sendKeys(Keys.END);
        WebElement edge = browser.awaitElement("svg.hl-states g.hl-tr[data-from='SYN_SENT'][data-to='CLOSED']");
        browser.await(d -> edge.getAttribute("class").contains("is-taken"));
        assertEquals("synRetriesUsedUp", edge.getAttribute("data-label"));
        assertEquals("超时", edge.findElement(By.cssSelector(".hl-tr-label")).getText());
    }

    @Test
    void aDeepLinkOpensAtItsStep() throws Exception {
        browser.go(url("/simulator/four-way-close?lang=zh&step=5"));
        assertEquals("5", counter().getAttribute("data-step"));
        assertTrue(browser.find("div.hl-live").getAttribute("aria-live") != null);
        browser.screenshot("simulator-four-way-close-zh-step-5");
        browser.find("button.hl-next").click();
        browser.await(d -> d.getCurrentUrl().contains("step=6"));
    }

    /** The page asks for its script's words while it is read (a preload), and the script takes them from there: one request. */
    @Test
    void theSimulatorsWordsAreAskedForOnceWhileThePageIsRead() {
        browser.go(url("/simulator/three-way-handshake?lang=zh"));
        counter();
        Object initiators = ((JavascriptExecutor) browser.driver).executeScript(
                "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith('/words/'))"
                        + ".map(e => new URL(e.name).pathname + ' ' + e.initiatorType);");
        assertEquals(List.of("/words/simulator/zh link"), initiators);
    }

    /** If the words cannot be had (after one retry), the simulator says so where it would be, in the page's language. */
    @Test
    void withoutItsWordsTheSimulatorSaysSoInThePagesLanguage() throws Exception {
        ChromeDriver chrome = (ChromeDriver) browser.driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/words/*")));
        try {
            browser.go(url("/simulator/three-way-handshake?lang=zh"));
            WebElement alert = browser.awaitElement(".simulator p[role=alert]");
            assertEquals("页面的这一部分未能从服务器取得界面文字。请刷新页面重试。", alert.getText());
            assertTrue(browser.all(".hl-next").isEmpty(), "no simulator without its words");
            browser.screenshot("simulator-words-failed-zh");
        } finally {
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            chrome.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }

    /**
     * After its first connection is deleted the server still listens (its passive OPEN is a record of its own, RFC 9293
     * MUST-41): the simulator shows it back in LISTEN, in a step that says why, on a phone in Chinese and a laptop in English.
     */
    @ParameterizedTest
    @CsvSource({"zh, 390, 844, 监听套接字", "en, 1366, 900, listening socket"})
    void theServerIsShownBackInListenOnceItsConnectionIsDeleted(String lang, int width, int height, String why) throws Exception {
        List<Map<String, Object>> steps = given().get("/api/scenarios/time-wait-reuse/trace").jsonPath().getList("steps");
        int backToListen = 0;
        while (!("server".equals(steps.get(backToListen).get("endpoint")) && "state".equals(steps.get(backToListen).get("kind"))
                && "CLOSED".equals(steps.get(backToListen).get("stateBefore"))
                && "LISTEN".equals(steps.get(backToListen).get("stateAfter")))) {
            backToListen++;
        }
        assertEquals("LAST_ACK", steps.get(backToListen - 2).get("stateBefore"), "right after the ACK of its FIN");
        String shown = String.valueOf(backToListen + 1);
        browser.driver.manage().window().setSize(new Dimension(width, height));
        try {
            browser.go(url("/simulator/time-wait-reuse?lang=" + lang + "&step=" + shown));
            browser.await(d -> shown.equals(counter().getAttribute("data-step")));
            assertEquals("LISTEN", stateOf("server"));
            assertTrue(browser.find("p.hl-text").getText().contains(why), browser.find("p.hl-text").getText());
            assertTrue(browser.find("p.hl-rule").getText().contains("MUST-41"), browser.find("p.hl-rule").getText());
            List<String> serverLabels = browser.all("text.hl-state-label[data-endpoint='server']").stream()
                    .map(label -> label.getAttribute("textContent")).toList();
            assertEquals(List.of("CLOSED", "LISTEN"), serverLabels.subList(serverLabels.size() - 2, serverLabels.size()),
                    "the lane says the connection closed and the server listens again: " + serverLabels);
            WebElement edge = browser.find("svg.hl-states g.hl-tr.is-taken[data-to='LISTEN']");
            assertEquals("CLOSED_END", edge.getAttribute("data-from"), "from the closed connection's box, not by a new passive OPEN");
            assertEquals(lang.equals("zh") ? "监听套接字仍在监听" : "the listener still listens", edge.getAttribute("textContent"));
            browser.find("button.hl-next").sendKeys(Keys.END);
            browser.await(d -> String.valueOf(steps.size()).equals(counter().getAttribute("data-step")));
            assertEquals("LISTEN", stateOf("server"), "still listening at the end");
            assertEquals(null, browser.sticksOut());
            browser.go(url("/simulator/time-wait-reuse?lang=" + lang + "&step=" + shown));
            browser.await(d -> shown.equals(counter().getAttribute("data-step")));
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.find("p.hl-text"));
            browser.screenshot("simulator-time-wait-reuse-back-to-listen-" + lang + "-" + width);
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.find("svg.hl-states"));
            browser.screenshot("simulator-time-wait-reuse-back-to-listen-diagram-" + lang + "-" + width);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    /**
     * RFC 9293 §3.5 Figure 8 named as lesson 6 names it: the server answers the old duplicate SYN from K0 and the real
     * SYN from K, on the ladder and in the inspector, on a phone in Chinese and on a laptop in English.
     */
    @ParameterizedTest
    @CsvSource({"zh, 390, 844", "en, 1366, 900"})
    void theOldDuplicateSynIsAnsweredFromK0AndTheRealSynFromK(String lang, int width, int height) throws Exception {
        List<Map<String, Object>> steps = given().get("/api/scenarios/old-duplicate-syn/trace").jsonPath().getList("steps");
        int answerToOldSyn = 0;
        while (!"send".equals(steps.get(answerToOldSyn).get("kind")) || !Integer.valueOf(3).equals(steps.get(answerToOldSyn).get("segmentId"))) {
            answerToOldSyn++;
        }
        browser.driver.manage().window().setSize(new Dimension(width, height));
        try {
            browser.go(url("/simulator/old-duplicate-syn?lang=" + lang + "&step=" + (answerToOldSyn + 1)));
            browser.await(d -> "3".equals(browser.find(".hl-seg-info").getAttribute("data-segment-id")));
            assertTrue(browser.find(".hl-seg-info dd[data-field='seq']").getText().contains("300 (K0)"),
                    browser.find(".hl-seg-info").getText());
            assertTrue(browser.find(".hl-seg-info dd[data-field='symbolicForm']").getText().contains("SYN,ACK seq=K0 ack=X+1"),
                    browser.find(".hl-seg-info").getText());
            browser.find("input.hl-numbers").click(); // the ladder in the lessons' symbolic numbers
            browser.await(d -> browser.all("g.hl-seg text").stream().anyMatch(t -> t.getText().contains("K0")));
            List<String> labels = browser.all("g.hl-seg text").stream().map(WebElement::getText).toList();
            assertTrue(labels.contains("SYN,ACK seq=K0 ack=X+1") && labels.contains("SYN,ACK seq=K ack=J+1"), String.join(" | ", labels));
            assertEquals(null, browser.sticksOut());
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            js.executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.find("g.hl-seg[data-segment-id='3']"));
            browser.screenshot("simulator-old-duplicate-syn-k0-" + lang + "-" + width);
            js.executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.find(".hl-seg-info"));
            browser.screenshot("simulator-old-duplicate-syn-k0-inspector-" + lang + "-" + width);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void theInspectorShowsEveryOptionWithWhatItMeansOnAPhone(String lang) throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.go(url("/simulator/three-way-handshake?lang=" + lang));
            counter();
            new Select(browser.find("select.hl-profile")).selectByValue("linux");
            // The first step that shows a segment shows the SYN.
            browser.await(d -> {
                if (browser.all(".hl-seg-info li[data-option]").isEmpty()) {
                    browser.find("button.hl-next").click();
                    return false;
                }
                return true;
            });
            WebElement inspector = browser.find(".hl-seg-info");
            List<String> kinds = browser.all(".hl-seg-info li[data-option]").stream().map(li -> li.getAttribute("data-option")).toList();
            assertEquals(List.of("mss", "sack-permitted", "timestamps", "nop", "window-scale"), kinds, "the SYN's options in wire order");
            String text = inspector.getText();
            assertTrue(text.contains("1460"), text);
            assertEquals(5, browser.all(".hl-seg-info li[data-option] .hl-meaning").size(), "each option says what it means");
            if (lang.equals("zh")) {
                assertTrue(text.contains("字节") && text.contains("窗口扩大因子"), text);
                assertFalse(text.matches("(?s).*\\b(bytes|The largest|Padding)\\b.*"), "no English on the Chinese page: " + text);
            } else {
                assertTrue(text.contains("MSS: 1460 bytes") && text.contains("Window scale: 10 (× 1024)"), text);
            }
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView();", inspector);
            browser.screenshot("simulator-inspector-options-" + lang + "-390");
            // The simulator itself must not widen the page (the ladder and the state diagram scroll inside their own frames).
            Object outside = ((JavascriptExecutor) browser.driver).executeScript(
                    "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('.simulator *')]"
                            + ".filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.hl-ladder-wrap, .hl-diagram'))"
                            + ".map(e => e.tagName + '.' + e.className).slice(0, 8).join(' ');");
            assertEquals("", outside, "no part of the simulator sticks out sideways at 390 px");
            Number inspectorOverflow = (Number) ((JavascriptExecutor) browser.driver).executeScript(
                    "const e = document.querySelector('.hl-seg-info'); return e.scrollWidth - e.clientWidth;");
            assertEquals(0, inspectorOverflow.intValue(), "the inspector fits its column");
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        }
    }
}
