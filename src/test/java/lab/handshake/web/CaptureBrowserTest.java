package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
