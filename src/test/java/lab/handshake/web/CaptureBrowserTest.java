package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.List;
import lab.handshake.capture.PcapShift;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** A student uploads a real Linux capture and steps through the engine's explanation of it. */
@QuarkusTest
class CaptureBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void aRealCaptureIsExplainedAsLinuxAndTheProfileSwitchReplaysItAgainstRfc9293() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(root + "captures?lang=en");
            browser.find("input[type='file']").sendKeys(linux("three-segment-close"));
            browser.awaitElement("form.capture-upload button[type='submit']:enabled").click();
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            assertEquals("Rebuilt 6 segments; no departures from Linux 6.x.", browser.find(".capture-status").getText());
            assertEquals("linux", new Select(browser.find("#capture-results select.hl-profile")).getFirstSelectedOption().getAttribute("value"));
            browser.find("#capture-results button.hl-last").click();
            browser.await(d -> "TIME_WAIT".equals(browser.find("section.hl-endpoint[data-endpoint='client']").getAttribute("data-state")));
            assertEquals("LISTEN", browser.find("section.hl-endpoint[data-endpoint='server']").getAttribute("data-state"),
                    "its connection is closed; the listener the replay inferred still listens");

            new Select(browser.find("#capture-results select.hl-profile")).selectByValue("rfc9293");
            String status = browser.await(d -> {
                String text = browser.find(".capture-status").getText();
                return text.contains("RFC 9293") ? text : null;
            });
            assertEquals("Rebuilt 6 segments; 1 departure from a textbook RFC 9293 endpoint.", status);
            String notes = browser.find("ul.capture-notes").getText();
            assertTrue(notes.contains("A textbook (RFC 9293) endpoint would have sent") && notes.contains("<CTL=ACK>"),
                    "the delayed ACK is a departure from the textbook: " + notes);
            browser.screenshot("capture-three-segment-close-rfc9293");
        }
    }

    /**
     * half-close with its FIN and all after it 2 ms later (CaptureExplainerTest): the kernel's delayed-ACK tick came
     * before the server's first send(), where the replay's comes after it. A race, listed in the reader's language
     * with the segment, and no departure.
     */
    @ParameterizedTest
    @CsvSource({
            "en, 'Rebuilt 11 segments; no departures from Linux 6.x.', 'by itself, 2 ms before'",
            "zh, '已重建 11 个报文段；与 Linux 6.x 没有不同。', '延迟确认定时器'"
    })
    void aCaptureOfTheOtherTimerOrderIsListedAsARaceNotADeparture(String lang, String status, String race) throws Exception {
        Path later = Files.createTempFile("half-close-later", ".pcap");
        try (Browser browser = Browser.open()) {
            Files.write(later, PcapShift.later(Files.readAllBytes(Path.of(linux("half-close"))), 3, 2_000));
            uploadOnAPhone(browser, lang, later);
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            assertEquals(status, browser.find(".capture-status").getText());
            String notes = browser.find("ul.capture-notes").getText();
            assertTrue(notes.contains(race) && notes.contains("CTL=ACK>"), notes);
            assertEquals(0, wider(browser), "no sideways scrolling");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", browser.find("ul.capture-notes"));
            browser.screenshot("capture-timer-race-" + lang);
        } finally {
            Files.deleteIfExists(later);
        }
    }

    /**
     * A download from a server that ran BBR (this machine's default; docs/linux-captures.md §55), uploaded on a phone:
     * the replay chose BBR for it, and the one-line status says so, in the reader's language.
     */
    @ParameterizedTest
    @CsvSource({
            "en, 'no departures from Linux 6.x with BBR.'",
            "zh, '与使用 BBR 的 Linux 6.x 没有不同。'"
    })
    void aCaptureBbrExplains_saysItWasReplayedWithBbr(String lang, String ending) throws Exception {
        try (Browser browser = Browser.open()) {
            uploadOnAPhone(browser, lang, Path.of("src", "test", "resources", "captures", "veth", "veth-three-bbr.pcap"));
            browser.awaitElement("nav.capture-chooser button.capture-choose").click();
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            String status = browser.find(".capture-status").getText();
            assertTrue(status.endsWith(ending), status);
            assertEquals(0, wider(browser), "no sideways scrolling");
            browser.screenshot("capture-bbr-" + lang);
        }
    }

    /**
     * A bulk transfer against the textbook profile departs at many segments (its ACK of every second segment, its
     * slow start): the first ten notes are listed, the rest wait behind one disclosure that says how many, and opening
     * it lists them, in the reader's language.
     */
    @ParameterizedTest
    @CsvSource({"en, 'The other ', ' departures and races'", "zh, '其余 ', ' 处不同和竞争'"})
    void manyNotesShowTheFirstTenAndTheRestBehindOneDisclosure(String lang, String before, String after) throws Exception {
        try (Browser browser = Browser.open()) {
            uploadOnAPhone(browser, lang, "data-slow-start");
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            new Select(browser.find("#capture-results select.hl-profile")).selectByValue("rfc9293");
            browser.awaitElement("ul.capture-notes > li.capture-more");
            assertEquals(10, browser.all("#capture-results > ul.capture-notes > li:not(.capture-more)").size(), "ten notes open");
            List<WebElement> rest = browser.all("li.capture-more details ul.capture-notes > li");
            assertFalse(rest.isEmpty());
            WebElement summary = browser.find("li.capture-more summary");
            assertEquals(before + rest.size() + after, summary.getText());
            assertFalse(rest.get(0).isDisplayed(), "closed at first");
            summary.click();
            assertTrue(rest.get(0).isDisplayed(), "opened, the rest are listed");
            assertEquals(0, wider(browser), "no sideways scrolling");
        }
    }

    /**
     * A server-side SYN-flood capture (9 connections) on a 390 px phone: the first page of a chooser with one line
     * per connection (the spoofed sources as half-open flood entries) and a one-line live status.
     */
    @ParameterizedTest
    @CsvSource({
            "en, 'The capture holds 9 connections; choose one.', 'half-open (a SYN flood entry)'",
            "zh, '抓包文件包含 9 个连接，请选择一个。', '半开（SYN 洪泛条目）'"})
    void aFloodCaptureIsOfferedAsAPagedListWithAOneLineStatus(String lang, String several, String halfOpen) throws Exception {
        try (Browser browser = Browser.open()) {
            uploadTheFloodCaptureOnAPhone(browser, lang);
            assertEquals(several, browser.find(".capture-status").getText(), "one short sentence in the live region");
            List<String> first = browser.all("button.capture-choose").stream().map(e -> e.getText()).toList();
            assertEquals(8, first.size(), first.toString());
            assertTrue(first.get(0).startsWith("10.0.1.1:40000 → 10.0.0.2:80 · " + halfOpen), first.get(0));
            browser.screenshot("capture-chooser-" + lang);
            assertEquals(0L, wider(browser), "nothing sticks out sideways at 390 px");
        }
    }

    /**
     * Turning the chooser's page shows the ninth connection alone, says so in the live region, and choosing it
     * replays that connection below the list; "Previous" brings the first page back.
     */
    @ParameterizedTest
    @CsvSource({"en, 'Page 2 of 2', 'Page 1 of 2', 'Page 2 of 2 of the connections.'",
            "zh, '第 2 页，共 2 页', '第 1 页，共 2 页', '连接列表第 2 页，共 2 页。'"})
    void theChoosersSecondPageShowsTheLastConnectionAndChoosingItReplaysIt(String lang, String second, String first,
                                                                          String announced) throws Exception {
        try (Browser browser = Browser.open()) {
            uploadTheFloodCaptureOnAPhone(browser, lang);
            assertEquals(first, browser.find("span.capture-page").getText());

            browser.find("button.capture-next").click();
            browser.await(d -> second.equals(browser.find("span.capture-page").getText()));
            List<String> shown = browser.all("button.capture-choose").stream().map(e -> e.getText()).toList();
            assertEquals(1, shown.size(), shown.toString());
            assertEquals("9", browser.find("ol.capture-connections").getAttribute("start"), "the list keeps counting");
            assertEquals(announced, browser.find(".capture-status").getText());
            assertTrue(browser.find("button.capture-next").getAttribute("disabled") != null, "no page after the last");

            browser.find("button.capture-choose").click();
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            assertEquals(second, browser.find("span.capture-page").getText(), "the chooser stays on the page it was on");
            browser.screenshot("capture-chooser-page-2-" + lang);

            // The fault menu re-runs the scenario inferred from the capture: the SYN,ACK lost is sent again.
            browser.awaitElement("#capture-results g.hl-seg[data-segment-id='2']").click();
            browser.awaitElement("#capture-results div.hl-menu button[data-fault='drop']").click();
            browser.await(d -> !browser.all("#capture-results g.hl-seg.hl-lost").isEmpty());
            long synAcks = browser.all("#capture-results g.hl-seg").stream()
                    .filter(segment -> segment.getAttribute("aria-label").contains("SYN,ACK")).count();
            assertTrue(synAcks >= 2, "the lost SYN,ACK is sent again: " + synAcks);
            assertFalse(browser.find("#capture-results .hl-notice").getText().isBlank(), "the change is said");
            browser.screenshot("capture-chooser-fault-" + lang);

            browser.find("button.capture-prev").click();
            browser.await(d -> first.equals(browser.find("span.capture-page").getText()));
            assertEquals(8, browser.all("button.capture-choose").size());
        }
    }

    /** The server-side flood capture (9 connections) uploaded at 390 px, up to its chooser. */
    private void uploadTheFloodCaptureOnAPhone(Browser browser, String lang) {
        uploadOnAPhone(browser, lang, "syn-flood-half-open");
        browser.awaitElement("nav.capture-chooser button.capture-choose");
    }

    /** A kept Linux capture uploaded on the captures page at 390 px, in the page's language. */
    private void uploadOnAPhone(Browser browser, String lang, String capture) {
        uploadOnAPhone(browser, lang, Path.of(linux(capture)));
    }

    /** A capture file uploaded on the captures page at 390 px, in the page's language. */
    private void uploadOnAPhone(Browser browser, String lang, Path capture) {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.go(root + "captures?lang=" + lang);
        browser.find("input[type='file']").sendKeys(capture.toAbsolutePath().toString());
        browser.awaitElement("form.capture-upload button[type='submit']:enabled").click();
    }

    private static String linux(String name) {
        return Path.of("src", "test", "resources", "captures", "linux", name + ".pcap").toAbsolutePath().toString();
    }

    /** By how many pixels the page is wider than the window. */
    private static long wider(Browser browser) {
        return ((Number) ((JavascriptExecutor) browser.driver).executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);")).longValue();
    }

    /**
     * The API's refusals are English problem documents; a Chinese page says them in Chinese. The limits are
     * answered by a stand-in for fetch (the real ones need a low allowance), the unreadable file by the server.
     */
    @ParameterizedTest
    @CsvSource({
            "429, 你上传的抓包文件太多了，请等一分钟再试。",
            "503, 服务器当前太忙（模拟或大文件上传过多），请稍后再试。",
            "413, 文件超过 8 MB。",
            "0, 这不是本页能读取的 pcap 或 pcapng 文件。"})
    void aChinesePageSaysWhyAnUploadFailedInChinese(int status, String expected) throws Exception {
        Path notACapture = Files.createTempFile("not-a-capture", ".pcap");
        try (Browser browser = Browser.open()) {
            Files.writeString(notACapture, "this is not a capture");
            browser.go(root + "captures?lang=zh");
            // The script is in place (its words loaded) before fetch is replaced below.
            WebElement submit = browser.awaitElement("form.capture-upload button[type='submit']:enabled");
            if (status != 0) {
                ((JavascriptExecutor) browser.driver).executeScript("window.fetch = async () => new Response("
                        + "JSON.stringify({type: '/problems/x', title: 'Refused', status: arguments[0], detail: 'At most 20 captures may be uploaded'}),"
                        + "{status: arguments[0], headers: {'Content-Type': 'application/problem+json', 'Retry-After': '3'}});", status);
            }
            browser.find("input[type='file']").sendKeys(notACapture.toString());
            submit.click();
            String said = browser.await(d -> {
                String text = browser.find(".capture-status").getText();
                return text.startsWith("无法读取抓包文件：") ? text : null;
            });
            assertEquals("无法读取抓包文件：" + expected, said, "the reason in Chinese, not the API's English detail");
        } finally {
            Files.deleteIfExists(notACapture);
        }
    }
}
