package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A student builds a simultaneous open by hand in the sandbox, loses a FIN, and the diagrams follow. */
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
        }
    }
}
