package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The sandbox's set-up offers every TCP tunable the scenario editor does, in the editor's words (its "TCP setting"
 * block): by keyboard a student gives the client a small receive window, turns Fast Open on without cookies for both
 * hosts, is told why an MSS of 99999 is refused, and starts a session with those settings, which its specification
 * then holds; the page fits a phone in Chinese and a laptop in English.
 */
@QuarkusTest
class SandboxSettingsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @CsvSource({"zh, 390, 844, 值必须是上面所示范围内的整数。", "en, 1280, 900, The value must be a whole number within the allowed range shown above."})
    void aStudentStartsASessionWithTheTcpSettingsChosen(String lang, int width, int height, String refused) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(width, height));
            browser.go(root + "sandbox?lang=" + lang);
            browser.await(d -> d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id") != null);
            String first = browser.find("section.sandbox").getAttribute("data-session-id");
            WebElement block = browser.find("form.sb-setup fieldset#block-tunable");
            new Select(browser.find("select.sb-profile")).selectByValue("linux");

            set(browser, "window", "client", "1000");
            String said = browser.find("div.sb-live").getAttribute("textContent");
            assertTrue(said.contains("= 1000"), "the setting is announced: " + said);
            set(browser, "fastOpen", "both", "no-cookie");
            assertEquals(List.of("client.window", "both.fastOpen"), chosen(browser));

            set(browser, "mss", "both", "99999");
            WebElement error = browser.find("#block-tunable-error");
            assertTrue(error.isDisplayed() && error.getText().equals(refused), error.getText());
            WebElement mss = block.findElement(By.cssSelector("[data-tunable='mss'] [name='value']"));
            assertEquals("true", mss.getAttribute("aria-invalid"));
            assertEquals(mss, browser.driver.switchTo().activeElement(), "the refused field has the focus");
            assertEquals(List.of("client.window", "both.fastOpen"), chosen(browser), "nothing refused is kept");
            assertEquals(null, browser.sticksOut());
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", block);
            browser.screenshot("sandbox-settings-" + lang + "-" + width);

            browser.find("button.sb-setup-apply").click();
            browser.await(d -> !first.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")));
            JsonNode params = session(browser).path("spec").path("params");
            assertEquals(1000, params.path("client").path("window").asInt(), params.toString());
            assertEquals("no-cookie", params.path("fastOpen").asText(), params.toString());
            assertEquals(List.of("both.fastOpen", "client.window"), chosen(browser), "the new session's settings, read from its specification");

            // Removed, a setting is gone from the next session; the focus goes back to the block.
            browser.find("li.sb-tunable[data-tunable='window'] button.sb-tunable-remove").sendKeys(Keys.ENTER);
            assertEquals(List.of("both.fastOpen"), chosen(browser));
            assertEquals("tunable", browser.driver.switchTo().activeElement().getAttribute("name"));
            String second = browser.find("section.sandbox").getAttribute("data-session-id");
            browser.find("button.sb-setup-apply").click();
            browser.await(d -> !second.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")));
            assertTrue(session(browser).path("spec").path("params").path("client").path("window").isMissingNode(), "the window is the profile's again");

            assertEquals(null, browser.sticksOut());
            assertEquals(List.of(), Axe.violations(browser));
            if (lang.equals("zh")) {
                assertEquals(List.of(), ChineseText.foreign(browser), "no English on the Chinese page");
            }
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", browser.find("form.sb-setup"));
            browser.screenshot("sandbox-settings-applied-" + lang + "-" + width);
        }
    }

    /** Chooses a tunable, its host and its value by keyboard, and sets it with Enter in the value field. */
    static void set(Browser browser, String tunable, String host, String value) {
        WebElement block = browser.find("form.sb-setup fieldset#block-tunable");
        new Select(block.findElement(By.cssSelector("select[name='tunable']"))).selectByValue(tunable);
        new Select(block.findElement(By.cssSelector("select[name='host']"))).selectByValue(host);
        WebElement field = block.findElement(By.cssSelector("[data-tunable='" + tunable + "'] [name='value']"));
        if (field.getTagName().equals("select")) {
            new Select(field).selectByValue(value);
            field.sendKeys(Keys.ENTER);
        } else {
            field.clear();
            field.sendKeys(value, Keys.ENTER);
        }
    }

    /** The settings the next session starts with, as host.name in the list's order. */
    private static List<String> chosen(Browser browser) {
        return browser.all("li.sb-tunable").stream().map(row -> row.getAttribute("data-host") + "." + row.getAttribute("data-tunable")).toList();
    }

    /** The page's session as the API shows it. */
    static JsonNode session(Browser browser) throws Exception {
        String id = browser.find("section.sandbox").getAttribute("data-session-id");
        return JSON.readTree((String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "fetch('/api/sessions/' + arguments[0]).then((r) => r.text()).then(arguments[1]);", id));
    }
}
