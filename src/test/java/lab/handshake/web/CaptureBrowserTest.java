package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/** A student uploads a real Linux capture and steps through the engine's explanation of it. */
@QuarkusTest
class CaptureBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void aRealCaptureIsUploadedAndExplained() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(root + "captures?lang=en");
            Path capture = Path.of("src", "test", "resources", "captures", "linux", "three-segment-close.pcap").toAbsolutePath();
            browser.find("input[type='file']").sendKeys(capture.toString());
            browser.find("form.capture-upload button[type='submit']").click();
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            assertTrue(browser.find(".capture-status").getText().contains("Rebuilt 6 segments"), browser.find(".capture-status").getText());
            String notes = browser.find("ul.capture-notes").getText();
            assertTrue(notes.contains("would have sent") && notes.contains("<CTL=ACK>"), "the delayed ACK is pointed out: " + notes);
            assertEquals(1, browser.all("ul.capture-notes li").size(), "and nothing else differs: " + notes);
            browser.find("#capture-results button.hl-last").click();
            browser.await(d -> "TIME_WAIT".equals(browser.find("section.hl-endpoint[data-endpoint='client']").getAttribute("data-state")));
            assertEquals("CLOSED", browser.find("section.hl-endpoint[data-endpoint='server']").getAttribute("data-state"));
            browser.screenshot("capture-three-segment-close");
        }
    }

    /**
     * The API's refusals are English problem documents; a Chinese page says them in Chinese. The limits are
     * answered by a stand-in for fetch (the real ones need a low allowance), the unreadable file by the server.
     */
    @ParameterizedTest
    @CsvSource({
            "429, 你上传的抓包文件太多了，请等一分钟再试。",
            "503, 服务器当前正在运行的模拟太多，请稍后再试。",
            "0, 这不是本页能读取的 pcap 或 pcapng 文件。"})
    void aChinesePageSaysWhyAnUploadFailedInChinese(int status, String expected) throws Exception {
        Path notACapture = Files.createTempFile("not-a-capture", ".pcap");
        try (Browser browser = Browser.open()) {
            Files.writeString(notACapture, "this is not a capture");
            browser.go(root + "captures?lang=zh");
            if (status != 0) {
                ((JavascriptExecutor) browser.driver).executeScript("window.fetch = async () => new Response("
                        + "JSON.stringify({type: '/problems/x', title: 'Refused', status: arguments[0], detail: 'At most 20 captures may be uploaded'}),"
                        + "{status: arguments[0], headers: {'Content-Type': 'application/problem+json', 'Retry-After': '3'}});", status);
            }
            browser.find("input[type='file']").sendKeys(notACapture.toString());
            browser.find("form.capture-upload button[type='submit']").click();
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
