package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A student builds a simultaneous open by hand in the sandbox, loses a FIN, and the diagrams follow; a
 * classmate with the share link watches, then continues in their own copy.
 */
@QuarkusTest
class SandboxBrowserTest {
    @TestHTTPResource("/")
    URL root;

    private static String state(Browser browser, String host) {
        return browser.find("section.sb-host[data-host='" + host + "'] strong.sb-state").getText();
    }

    private static void call(Browser browser, String host, String call) {
        int before = browser.all("li.sb-move").size();
        browser.find("section.sb-host[data-host='" + host + "'] button.sb-call[data-call='" + call + "']").click();
        browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() > before);
    }

    private static void decideFirst(Browser browser, String fate) {
        int before = browser.all("li.sb-move").size();
        browser.find("li.sb-flight button.sb-fate[data-fate='" + fate + "']").click();
        browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() > before);
    }

    @Test
    void theServerSwitchedToReadOnlyOnCall_keepsTheDataUntilItsReadCall() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(root + "sandbox?lang=zh");
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            String first = browser.find("section.sandbox").getAttribute("data-session-id");
            WebElement reads = browser.find("section.sb-host[data-host='server'] input.sb-reads");
            assertTrue(reads.findElement(By.xpath("..")).getText().contains("只在调用 read() 时读取"), "the switch in Chinese");
            assertFalse(reads.isSelected(), "applications read on arrival by default");
            reads.click();
            browser.await(d -> !first.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")));
            assertTrue(browser.find("section.sb-host[data-host='server'] input.sb-reads").isSelected());

            call(browser, "server", "listen");
            assertFalse(browser.find("section.sb-host[data-host='server'] input.sb-reads").isEnabled(), "fixed once the session has moves");
            call(browser, "client", "connect");
            decideFirst(browser, "deliver");
            decideFirst(browser, "deliver");
            decideFirst(browser, "deliver");
            call(browser, "client", "send");
            decideFirst(browser, "deliver");
            WebElement read = browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='read']");
            browser.await(d -> "false".equals(read.getAttribute("aria-disabled")));
            call(browser, "server", "read");
            browser.await(d -> "true".equals(read.getAttribute("aria-disabled")));
            browser.screenshot("sandbox-server-reads-on-call-zh");
        }
    }

    /**
     * On a phone, by keyboard: the set-up starts a session with the Linux profile, chosen ISNs, TCP_NODELAY and the automatic mode;
     * an injected old duplicate SYN is answered and reset as in RFC 9293 Figure 8, with the lesson's name X.
     */
    @ParameterizedTest
    @CsvSource({"en, 'Old duplicate SYN, Client → Server', 'Nagle''s algorithm (RFC 9293 §3.7.4)'",
            "zh, '旧的重复 SYN，客户端 → 服务器', 'Nagle 算法（RFC 9293 §3.7.4）'"})
    void theSetUpChoosesProfileIsnsNagleAndModeAndAnOldDuplicateSynIsInjected(String lang, String inject, String nagleHint) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "sandbox?lang=" + lang);
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            String first = browser.find("section.sandbox").getAttribute("data-session-id");
            assertEquals("1000", browser.find("input.sb-isn[data-host='client']").getAttribute("value"));

            new Select(browser.find("select.sb-profile")).selectByValue("linux");
            WebElement clientIsn = browser.find("input.sb-isn[data-host='client']");
            clientIsn.clear();
            clientIsn.sendKeys("99999999999");
            browser.find("button.sb-setup-apply").click();
            browser.await(d -> "true".equals(clientIsn.getAttribute("aria-invalid")));
            assertFalse(browser.find("p.sb-error").getAttribute("hidden") != null, "the error is shown");
            clientIsn.clear();
            clientIsn.sendKeys("100");
            WebElement serverIsn = browser.find("input.sb-isn[data-host='server']");
            serverIsn.clear();
            serverIsn.sendKeys("300");
            new Select(browser.find("select.sb-mode-choice")).selectByValue("auto");
            WebElement noDelay = browser.find("input.sb-nodelay");
            assertFalse(noDelay.isSelected(), "Nagle's algorithm is on by default");
            assertTrue(browser.find("p.sb-nodelay-row").getText().contains(nagleHint), browser.find("p.sb-nodelay-row").getText());
            noDelay.click();
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", browser.find("form.sb-setup"));
            browser.screenshot("sandbox-setup-" + lang);
            serverIsn.sendKeys(Keys.ENTER); // submits the set-up, as a form does
            browser.await(d -> !first.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")));
            assertEquals("auto", browser.find("div.sb-root").getAttribute("data-mode"));
            assertEquals("linux", new Select(browser.find("select.sb-profile")).getFirstSelectedOption().getAttribute("value"));
            assertTrue(browser.find("input.sb-nodelay").isSelected(), "the new session keeps TCP_NODELAY (params.noDelay)");

            pressForMove(browser, browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='listen']"));
            WebElement oldSyn = browser.find("button.sb-inject[data-type='old-syn']");
            assertEquals(inject, oldSyn.getText());
            pressForMove(browser, oldSyn);
            browser.await(d -> "LISTEN".equals(state(browser, "server")));
            String labels = String.join(" | ", browser.all("g.hl-seg text").stream().map(WebElement::getText).toList());
            assertTrue(labels.contains("X") && labels.contains("X+1"), labels);
            // Lesson 6's name for the ISN of the server's answer to the old SYN (RFC 9293 Figure 8): K0, not K.
            WebElement answer = browser.all("g.hl-seg").stream().filter(g -> g.getText().contains("K0")).findFirst()
                    .orElseThrow(() -> new AssertionError("no segment labelled K0: " + labels));
            assertTrue(answer.getText().contains("X+1"), "K0 acknowledges the old SYN: " + answer.getText());
            answer.sendKeys(Keys.ENTER); // the segment read out, by keyboard
            WebElement live = browser.find("div.sb-live");
            browser.await(d -> live.getText().contains("K0"));
            assertTrue(live.getText().startsWith(lang.equals("zh") ? "报文段 " : "Segment "), live.getText());
            assertTrue(live.getText().contains("X+1"), live.getText());
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), Axe.violations(browser));
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", answer);
            browser.screenshot("sandbox-old-syn-" + lang);
        }
    }

    /** Presses a control with the Enter key, as a keyboard user does, and waits for the move it makes. */
    /**
     * The set-up makes a host go silent from a moment on (faults[].match.afterMs): a bad time is said, and in the
     * automatic mode every segment the server sends from then on is lost, its SYN,ACK first; on a phone, in both languages.
     */
    @ParameterizedTest
    @CsvSource({"en, every segment the server sends, 0 or more", "zh, 服务器发送的每个报文段, 不小于 0"})
    void theSetUpMakesTheServerGoSilentFromAMomentOn(String lang, String option, String invalid) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "sandbox?lang=" + lang);
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            String first = browser.find("section.sandbox").getAttribute("data-session-id");
            Select silent = new Select(browser.find("select.sb-silent"));
            assertEquals("", silent.getFirstSelectedOption().getAttribute("value"), "nobody is silent by default");
            silent.selectByVisibleText(option);
            WebElement after = browser.find("input.sb-silent-after");
            assertEquals(after.getAttribute("id"), browser.find("label[for='" + after.getAttribute("id") + "']").getAttribute("for"));
            after.clear();
            after.sendKeys("-1");
            browser.find("button.sb-setup-apply").click();
            browser.await(d -> "true".equals(after.getAttribute("aria-invalid")));
            assertTrue(browser.find("p.sb-error").getText().contains(invalid), browser.find("p.sb-error").getText());
            after.clear();
            after.sendKeys("0");
            new Select(browser.find("select.sb-mode-choice")).selectByValue("auto");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", browser.find("form.sb-setup"));
            assertEquals(null, browser.sticksOut());
            browser.screenshot("sandbox-setup-silent-" + lang);
            after.sendKeys(Keys.ENTER);
            browser.await(d -> !first.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")));
            assertEquals("server", new Select(browser.find("select.sb-silent")).getFirstSelectedOption().getAttribute("value"),
                    "the new session keeps its silent server");

            call(browser, "server", "listen");
            call(browser, "client", "connect");
            browser.await(d -> !d.findElements(By.cssSelector("g.hl-seg.hl-lost")).isEmpty());
            assertTrue(browser.all("g.hl-seg.hl-lost").stream().allMatch(seg -> seg.getAttribute("aria-label").contains("SYN,ACK")),
                    "what the server sends is lost");
            assertEquals("SYN_SENT", state(browser, "client"));
            assertEquals(List.of(), Axe.violations(browser));
            browser.screenshot("sandbox-silent-server-" + lang);
        }
    }

    private static void pressForMove(Browser browser, WebElement control) {
        int before = browser.all("li.sb-move").size();
        control.sendKeys(Keys.ENTER);
        browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() > before);
        browser.await(d -> d.findElement(By.cssSelector("div.sb-root")).getAttribute("aria-busy") == null ? true : null);
    }

    /**
     * On a phone in Chinese, by keyboard: the student plays a SYN flood's attacker (RFC 4987 §2) in the free sandbox,
     * fills the listening server's SYN queue with spoofed SYNs, and the client's SYN then finds no place in it.
     */
    @Test
    void spoofedSynsSentByKeyboard_fillTheServersSynQueue_andTheLadderShowsTheAttacker() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(root + "sandbox?lang=zh");
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            WebElement spoof = browser.find("button.sb-inject[data-type='spoofed-syn']");
            assertEquals("伪造源地址的 SYN，攻击者 → 服务器", spoof.getText());

            spoof.sendKeys(Keys.ENTER); // nothing listens yet: refused, with the reason
            browser.await(d -> d.findElement(By.cssSelector("p.sb-error")).getText().contains("服务器没有在监听"));
            assertTrue(browser.all("li.sb-move").isEmpty(), "no move was made");
            pressForMove(browser, browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='listen']"));
            WebElement queue = browser.find("section.sb-host[data-host='server'] p.hl-synq");
            assertEquals("SYN 队列：0 个半连接（容量 128）", queue.getText());

            WebElement count = browser.find("input.sb-spoof-count");
            count.sendKeys(Keys.chord(Keys.CONTROL, "a"), "300", Keys.ENTER);
            browser.await(d -> "true".equals(count.getAttribute("aria-invalid")));
            assertTrue(browser.find("p.sb-error").getText().contains("1 到 256"), "said before asking the server");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", count);
            browser.screenshot("sandbox-spoofed-syns-control-zh");
            count.sendKeys(Keys.chord(Keys.CONTROL, "a"), "100");
            pressForMove(browser, count);
            assertEquals("SYN 队列：100 个半连接（容量 128）", queue.getText());
            count.sendKeys(Keys.chord(Keys.CONTROL, "a"), "28");
            pressForMove(browser, count);
            assertEquals("SYN 队列已满：128 个半连接（容量 128）", queue.getText());
            assertEquals("true", queue.getAttribute("data-full"));
            assertEquals("LISTEN", state(browser, "server"));
            assertTrue(browser.find("li.sb-move h4").getText().contains("28 个伪造源地址的 SYN，攻击者 → 服务器"),
                    browser.find("li.sb-move h4").getText());
            assertFalse(browser.all("g.hl-band").isEmpty(), "the spoofed segments are banded as the simulator bands a flood");

            pressForMove(browser, browser.find("section.sb-host[data-host='client'] button.sb-call[data-call='connect']"));
            pressForMove(browser, browser.find("li.sb-flight button.sb-fate-deliver"));
            assertEquals("LISTEN", state(browser, "server"), "the full queue has no place for the client's SYN (cookies are off)");
            assertEquals("SYN_SENT", state(browser, "client"));
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), Axe.violations(browser));
            assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", queue);
            browser.screenshot("sandbox-spoofed-syns-queue-full-zh");
            // The attacker's lane is right of the server's: the ladder scrolls sideways on a phone.
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "arguments[0].scrollIntoView(); arguments[0].scrollLeft = arguments[0].scrollWidth", browser.find("div.sb-ladder"));
            browser.screenshot("sandbox-spoofed-syns-ladder-zh");
        }
    }

    @Test
    void aSimultaneousOpenBuiltByHandThenALostFin() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(root + "sandbox?lang=en");
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            String session = browser.find("section.sandbox").getAttribute("data-session-id");
            browser.await(d -> d.getCurrentUrl().contains("/sandbox/" + session));

            call(browser, "client", "connect");
            call(browser, "server", "connect");
            assertEquals(2, browser.all("li.sb-flight").size(), "both SYNs are in flight");
            decideFirst(browser, "deliver");
            decideFirst(browser, "deliver");
            assertEquals("SYN_RECEIVED", state(browser, "client"));
            assertEquals("SYN_RECEIVED", state(browser, "server"));
            decideFirst(browser, "deliver");
            decideFirst(browser, "deliver");
            assertEquals("ESTABLISHED", state(browser, "client"));
            assertEquals("ESTABLISHED", state(browser, "server"));
            List<WebElement> marks = browser.all("svg.hl-states g.hl-mark");
            assertFalse(marks.isEmpty(), "the state diagram marks the endpoints");
            browser.screenshot("sandbox-simultaneous-open");

            call(browser, "client", "close");
            assertEquals("FIN_WAIT_1", state(browser, "client"));
            decideFirst(browser, "drop");
            browser.await(d -> !d.findElements(By.cssSelector("g.hl-seg.hl-lost")).isEmpty());
            int segmentsBefore = browser.all("g.hl-seg").size();
            browser.find("button.sb-advance").click();
            browser.await(d -> d.findElements(By.cssSelector("g.hl-seg")).size() > segmentsBefore);
            assertEquals(1, browser.all("li.sb-flight").size(), "the FIN is sent again");
            assertTrue(browser.find("li.sb-flight").getText().contains("FIN"), browser.find("li.sb-flight").getText());
            assertTrue(browser.find("div.sb-live").getText().length() > 0, "moves are announced");
            browser.screenshot("sandbox-lost-fin-retransmitted");

            browser.go(root + "sandbox/" + session + "?lang=zh");
            browser.await(d -> !d.findElements(By.cssSelector("li.sb-flight")).isEmpty());
            assertEquals("FIN_WAIT_1", state(browser, "client"), "the share link continues the same session");
            assertTrue(browser.find("div.sb-watching").getAttribute("hidden") != null, "the creator is not a watcher");

            try (Browser other = Browser.open()) {
                other.go(root + "sandbox/" + session + "?lang=zh");
                WebElement watching = other.awaitElement("div.sb-watching:not([hidden])");
                assertTrue(watching.getText().contains("只有创建者可以操作"), watching.getText());
                other.await(d -> !d.findElements(By.cssSelector("li.sb-flight")).isEmpty());
                assertEquals("FIN_WAIT_1", state(other, "client"), "a watcher sees the same session");
                assertTrue(other.all("button.sb-call").stream().noneMatch(WebElement::isDisplayed), "no call to make");
                assertTrue(other.all("button.sb-fate").stream().noneMatch(WebElement::isDisplayed), "no segment to decide");
                assertFalse(other.find("button.sb-advance").isDisplayed());
                other.screenshot("sandbox-zh-watching");

                WebElement copy = other.find("button.sb-copy");
                assertEquals("复制一份我自己的", copy.getText());
                copy.click();
                other.await(d -> !d.getCurrentUrl().contains(session) && d.getCurrentUrl().contains("/sandbox/"));
                other.awaitElement("section.sb-host[data-host='client'] button.sb-call[data-call='abort']");
                other.await(d -> !d.findElements(By.cssSelector("li.sb-flight")).isEmpty());
                assertEquals("FIN_WAIT_1", state(other, "client"), "the copy starts where the original was");
                assertTrue(other.find("div.sb-watching").getAttribute("hidden") != null, "the copy is the watcher's own");
                call(other, "client", "abort");
                assertEquals("CLOSED", state(other, "client"));
            }
            browser.go(root + "sandbox/" + session + "?lang=en");
            browser.await(d -> !d.findElements(By.cssSelector("li.sb-flight")).isEmpty());
            assertEquals("FIN_WAIT_1", state(browser, "client"), "the copy's moves leave the original alone");
        }
    }

    /**
     * A congested router's CE mark chosen by the student, by keyboard, on a phone and a desktop in both languages
     * (RFC 3168 §5, the simulator's "mark CE"): under Linux with the client at tcp_ecn 1, its data segment arrives
     * marked CE and the server's ACK waits in flight with ECE (tcp_data_ecn_check).
     */
    @ParameterizedTest
    @CsvSource({"en, 1280, 900, Mark CE, 390, 844", "zh, 390, 844, 标记 CE, 1280, 900"})
    void aSegmentMarkedCeByKeyboard_arrivesMarked_andTheServersAckCarriesEce(String lang, int width, int height, String button,
                                                                           int otherWidth, int otherHeight) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(width, height));
            browser.go(root + "sandbox?lang=" + lang);
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            String first = browser.find("section.sandbox").getAttribute("data-session-id");
            new Select(browser.find("select.sb-profile")).selectByValue("linux");
            SandboxSettingsBrowserTest.set(browser, "ecn", "client", "1");
            browser.find("button.sb-setup-apply").click();
            browser.await(d -> !first.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")));

            pressForMove(browser, browser.find("section.sb-host[data-host='server'] button.sb-call[data-call='listen']"));
            pressForMove(browser, browser.find("section.sb-host[data-host='client'] button.sb-call[data-call='connect']"));
            for (int i = 0; i < 3; i++) {
                pressForMove(browser, browser.find("li.sb-flight button.sb-fate-deliver"));
            }
            pressForMove(browser, browser.find("section.sb-host[data-host='client'] button.sb-call[data-call='send']"));
            WebElement mark = browser.find("li.sb-flight button.sb-fate-mark-ce");
            assertEquals(button, mark.getText());
            int data = Integer.parseInt(mark.getAttribute("data-segment"));
            pressForMove(browser, mark);

            JsonNode marked = SandboxSettingsBrowserTest.session(browser).path("trace").path("segments").get(data - 1);
            assertEquals("ce-marked", marked.path("fate").asText(), marked.toString());
            String ack = browser.find("li.sb-flight code.sb-flight-label").getText();
            assertTrue(ack.contains("ECE"), "the server echoes the mark: " + ack);
            assertTrue(browser.find("li.sb-move h4").getText().contains(button + (lang.equals("zh") ? "：" : ":")), browser.find("li.sb-move h4").getText());
            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), Axe.violations(browser));
            if (lang.equals("zh")) {
                assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            }
            WebElement flights = browser.find("li.sb-flight");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", flights);
            browser.screenshot("sandbox-mark-ce-" + lang + "-" + width);
            browser.driver.manage().window().setSize(new Dimension(otherWidth, otherHeight));
            assertEquals(null, browser.sticksOut());
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", flights);
            browser.screenshot("sandbox-mark-ce-" + lang + "-" + otherWidth);
        }
    }
}
