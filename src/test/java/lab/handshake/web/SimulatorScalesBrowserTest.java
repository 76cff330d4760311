package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
import org.openqa.selenium.interactions.Actions;

/**
 * The simulator with long traces (the SYN flood's 3,500 steps), its event list, its keyboard and its phone
 * layout, used as a student uses them.
 */
@QuarkusTest
class SimulatorScalesBrowserTest extends OneBrowserPerClass {
    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void laptopSize() {
        browser.driver.manage().window().setSize(new Dimension(1366, 900));
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    private int step() {
        return Integer.parseInt(browser.awaitElement("output.hl-counter[data-step]").getAttribute("data-step"));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(js, args);
    }

    /** Keys typed where the focus is, as a keyboard does (not to an element of the test's choosing). */
    private void press(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    /** Step numbers (from 1) where client or server changes state, from the trace API. */
    private static List<Integer> stateChanges(String scenario) {
        List<Map<String, Object>> steps = given().queryParam("lang", "en").get("/api/scenarios/" + scenario + "/trace")
                .jsonPath().getList("steps");
        return IntStream.range(0, steps.size()).filter(i -> {
            Map<String, Object> s = steps.get(i);
            return s.get("peer") == null && List.of("client", "server").contains(s.get("endpoint"))
                    && s.get("stateBefore") != null && !s.get("stateBefore").equals(s.get("stateAfter"));
        }).mapToObj(i -> i + 1).toList();
    }

    /** True when the element is across (axis "x": a lane) or down (axis "y": the time line) the ladder's visible box. */
    private boolean visibleInLadder(WebElement element, String axis) {
        return (Boolean) script("""
                const r = arguments[0].getBoundingClientRect(), box = document.querySelector('.hl-ladder-wrap').getBoundingClientRect();
                return arguments[1] === 'x' ? r.left >= box.left && r.right <= box.right : r.top >= box.top && r.bottom <= box.bottom;""",
                element, axis);
    }

    @ParameterizedTest(name = "{0} at {1}×{2}")
    @CsvSource({"en, 1366, 900", "zh, 1366, 900", "en, 390, 844", "zh, 390, 844"})
    void synFlood_reachesItsLastStateChangeInAFewKeyPresses_withTheTimeInView(String lang, int width, int height) throws Exception {
        browser.driver.manage().window().setSize(new Dimension(width, height));
        List<Integer> changes = stateChanges("syn-flood");
        int last = changes.get(changes.size() - 1);
        assertTrue(last > 3000, "the flood's last state change is far down the trace: " + last);
        browser.go(url("/simulator/syn-flood?lang=" + lang));
        step();
        // The page asked for the trace in its compact form (issue #17): a ninth of the full form's 2.1 MB.
        List<?> traceLoads = (List<?>) script("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/trace')).map((e) => [e.name, e.decodedBodySize])");
        assertEquals(1, traceLoads.size(), "one trace loaded: " + traceLoads);
        List<?> load = (List<?>) traceLoads.get(0);
        long bytes = ((Number) load.get(1)).longValue();
        assertTrue(load.get(0).toString().contains("form=compact") && bytes > 100_000 && bytes < 300_000, "loaded " + load);
        browser.find("main h1").click(); // the focus is on the page, not on the simulator
        int presses = 0;
        while (step() < last && presses < 5) {
            new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
            presses++;
            int expected = changes.get(presses);
            browser.await(d -> step() == expected);
        }
        assertEquals(last, step(), "Shift+→ reached the last state change");
        assertTrue(presses <= 3, "in a few key presses: " + presses);
        assertEquals("CLOSED", browser.find("section.hl-endpoint[data-endpoint='client']").getAttribute("data-state"));
        browser.await(d -> visibleInLadder(browser.find("line.hl-now"), "y"));
        assertFalse(browser.find(".hl-clock").getText().isBlank(), "the current time beside the counter");
        assertEquals("true", browser.find("button.hl-next-change").getAttribute("aria-disabled"), "no state change after the last");
        WebElement queue = browser.find("section.hl-endpoint[data-endpoint='server'] p.hl-synq");
        assertEquals("8", queue.getAttribute("data-capacity"), "the trace gives the listener's capacity, listen(8) under the RFC");
        assertEquals(lang.equals("zh") ? "SYN 队列已满：8 个半连接（容量 8）" : "SYN queue full: 8 of 8 half-open", queue.getText(),
                "the flood still fills the queue when the client gives up");

        // The spoofed sources are in bands with their counts, not 60 arrows and "+1060 more".
        List<WebElement> bands = browser.all("g.hl-band");
        assertTrue(bands.size() > 10, "bands: " + bands.size());
        assertTrue(browser.all("g.hl-seg").size() < 40, "only the taught connection's segments are drawn one by one");
        String band = bands.get(0).getAttribute("aria-label");
        assertTrue(band.matches("(?s).*\\d+.*SYN.*"), band);
        assertTrue(browser.all("text.hl-more").isEmpty());
        browser.screenshot("simulator-syn-flood-last-change-" + lang + "-" + width);
    }

    @Test
    void aBandOfSpoofedSegmentsUnfoldsAndFoldsByKeyboard() {
        browser.go(url("/simulator/syn-flood?lang=en"));
        step();
        int drawn = browser.all("g.hl-seg").size();
        WebElement band = browser.find("g.hl-band");
        String title = band.getAttribute("aria-label");
        int count = Integer.parseInt(title.replaceAll("(?s)^\\D*\\((\\d+)\\).*", "$1"));
        script("arguments[0].focus();", band);
        press(Keys.ENTER);
        browser.await(d -> browser.all("g.hl-seg").size() == drawn + count);
        WebElement open = browser.find("g.hl-band.is-open");
        assertEquals("true", open.getAttribute("aria-expanded"));
        assertEquals(open, browser.driver.switchTo().activeElement(), "the focus stays on the band");
        assertTrue(browser.all("g.hl-seg").stream().map(g -> g.getAttribute("aria-label")).noneMatch(l -> l.matches(".*seq=K\\+\\d+.*")),
                "no symbolic numbers on the replies to spoofed sources");
        press(Keys.ENTER);
        browser.await(d -> browser.all("g.hl-seg").size() == drawn);
    }

    @Test
    void spaceOnAFocusedButtonPressesThatButton_notPlay() {
        browser.go(url("/simulator/four-way-close?lang=en"));
        step();
        WebElement next = browser.find("button.hl-next");
        script("arguments[0].focus();", next);
        press(Keys.SPACE);
        browser.await(d -> step() == 2);
        assertFalse(browser.find(".hl-sim").getAttribute("class").contains("is-playing"), "Space did not start playback");
        press(Keys.SPACE);
        browser.await(d -> step() == 3);
        WebElement play = browser.find("button.hl-play");
        script("arguments[0].focus();", play);
        press(Keys.SPACE);
        browser.await(d -> browser.find(".hl-sim").getAttribute("class").contains("is-playing"));
        press(Keys.SPACE);
        browser.await(d -> !browser.find(".hl-sim").getAttribute("class").contains("is-playing"));
    }

    @Test
    void arrowsStepFromAnywhereOnThePage_exceptInAFormField() {
        browser.go(url("/simulator/four-way-close?lang=en"));
        step();
        browser.find("main h1").click();
        press(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        browser.await(d -> step() == 3);
        script("document.querySelector('a.brand').focus();");
        press(Keys.ARROW_LEFT);
        browser.await(d -> step() == 2);
        WebElement isn = browser.find("input.hl-isn-client");
        isn.click();
        press(Keys.ARROW_RIGHT, Keys.ARROW_LEFT, Keys.ARROW_RIGHT);
        assertEquals(2, step(), "arrows in a form field move its caret, not the simulator");
    }

    @Test
    void switchingLanguageKeepsTheStep() {
        browser.go(url("/simulator/four-way-close?lang=en"));
        step();
        browser.find("button.hl-next").click();
        browser.find("button.hl-next").click();
        browser.find("button.hl-next").click();
        browser.await(d -> step() == 4);
        browser.find("a.lang-switch").click();
        browser.await(d -> "zh-Hans".equals(browser.find("html").getAttribute("lang")));
        assertEquals(4, step(), "the Chinese page opens at the same step");
        assertTrue(browser.driver.getCurrentUrl().contains("step=4"), browser.driver.getCurrentUrl());
        assertTrue(browser.find("output.hl-counter").getText().contains("第 4 步"));
        browser.find("a.lang-switch").click();
        browser.await(d -> "en".equals(browser.find("html").getAttribute("lang")));
        assertEquals(4, step());
    }

    @Test
    void theEventListFiltersAndMovesTheSimulator() throws Exception {
        List<Integer> changes = stateChanges("syn-flood");
        browser.go(url("/simulator/syn-flood?lang=en"));
        step();
        WebElement summary = browser.find("details.hl-events > summary");
        script("arguments[0].scrollIntoView({block: 'center'});", summary);
        summary.click();
        browser.awaitElement(".hl-ev-table tbody tr");
        assertEquals(200, browser.all(".hl-ev-table tbody tr").size(), "long lists are drawn 200 rows at a time");
        browser.find("input.hl-ev-changes").click();
        browser.await(d -> browser.all(".hl-ev-table tbody tr").size() == changes.size());
        List<Integer> listed = browser.all(".hl-ev-table tbody button.hl-ev-go").stream().map(b -> Integer.parseInt(b.getText())).toList();
        assertEquals(changes, listed, "state changes only");
        browser.find("input.hl-ev-changes").click();
        new org.openqa.selenium.support.ui.Select(browser.find("select.hl-ev-who")).selectByValue("client");
        new org.openqa.selenium.support.ui.Select(browser.find("select.hl-ev-flags")).selectByVisibleText("SYN");
        browser.await(d -> browser.all(".hl-ev-table tbody tr").size() == 8);
        assertTrue(browser.all(".hl-ev-table tbody td").stream().anyMatch(td -> td.getText().equals("The client sends SYN.")));
        WebElement third = browser.all(".hl-ev-table tbody button.hl-ev-go").get(2);
        int target = Integer.parseInt(third.getText());
        third.sendKeys(Keys.ENTER);
        browser.await(d -> step() == target);
        assertEquals("step", browser.find(".hl-ev-table tr[data-step-index='" + (target - 1) + "']").getAttribute("aria-current"));
        assertEquals(1, browser.all(".hl-ev-table thead th[scope='col']").stream().filter(th -> th.getText().equals("Time")).count());
        browser.screenshot("simulator-event-list-en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void onA390PxPhone_bothLanesShowAndNothingScrollsSideways(String lang) throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        for (String scenario : List.of("three-way-handshake", "syn-flood")) {
            browser.go(url("/simulator/" + scenario + "?lang=" + lang));
            step();
            Number sideways = (Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0, sideways.intValue(), scenario + ": the page does not scroll sideways");
            for (String lane : List.of("client", "server")) {
                WebElement line = browser.find("line.hl-lane.hl-ep-" + lane);
                assertTrue(visibleInLadder(line, "x"), scenario + ": the " + lane + " lane is in view");
            }
            Number smallest = (Number) script("""
                    const svg = document.querySelector('.hl-states'), k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * k));""");
            assertTrue(smallest.doubleValue() >= 11.99, scenario + ": state-diagram text at least 12 px: " + smallest);
            WebElement ladder = browser.find(".hl-ladder-wrap");
            script("arguments[0].scrollIntoView();", ladder);
            browser.screenshot("simulator-" + scenario + "-" + lang + "-390");
        }
        WebElement diagram = browser.find(".hl-diagram");
        assertNotNull(diagram);
        script("arguments[0].scrollIntoView();", diagram);
        browser.screenshot("simulator-state-diagram-" + lang + "-390");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void aFloodsSynAcksGoToTheForgedSourcesLane_whereNobodyAnswers_neverToTheAttacker_rfc4987Section2(String lang) throws Exception {
        boolean en = lang.equals("en");
        browser.go(url("/simulator/syn-flood?lang=" + lang));
        step();
        WebElement forged = browser.find("text.hl-lane-title.hl-ep-forged-source");
        assertEquals(en ? "Forged sources10.0.1.0/24nobody answers" : "伪造的源地址10.0.1.0/24无人应答",
                forged.getText().replace("\n", ""), "the forged sources' lane, titled with the block of their addresses");
        double forgedX = Double.parseDouble(browser.find("line.hl-lane.hl-ep-forged-source").getAttribute("x1"));
        double serverX = Double.parseDouble(browser.find("line.hl-lane.hl-ep-server").getAttribute("x1"));
        double attackerX = Double.parseDouble(browser.find("line.hl-lane.hl-ep-attacker").getAttribute("x1"));
        assertTrue(serverX < forgedX && forgedX < attackerX, "the forged sources between the server and the attacker");
        String band = browser.find("g.hl-band").getAttribute("aria-label");
        assertTrue(band.contains(en ? "SYN,ACK → Forged sources ✕ lost" : "SYN,ACK → 伪造的源地址 ✕ 丢失"), band);

        WebElement first = browser.find("g.hl-band");
        script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", first);
        press(Keys.ENTER);
        browser.awaitElement("g.hl-band.is-open");
        List<WebElement> answers = browser.all("g.hl-seg.hl-from-server.hl-lost").stream()
                .filter(g -> g.getAttribute("aria-label").contains("SYN,ACK seq=") && !g.getAttribute("aria-label").contains("ack=J")).toList();
        assertFalse(answers.isEmpty(), "the band's SYN,ACKs are drawn one by one");
        for (WebElement answer : answers) {
            String label = answer.getAttribute("aria-label");
            assertTrue(label.contains(en ? ", Server to Forged sources: " : "，服务器 → 伪造的源地址："), label);
            double end = Double.parseDouble(answer.findElement(By.cssSelector("line.hl-seg-line")).getAttribute("x2"));
            assertEquals((serverX + forgedX) / 2, end, 0.01, "lost half-way to the forged sources, not to the attacker");
        }
        assertTrue(browser.all("g.hl-seg").stream().map(g -> g.getAttribute("aria-label"))
                .noneMatch(l -> l.contains(en ? "to Attacker" : "→ 攻击者")), "nothing goes to the attacker");

        answers.get(0).sendKeys(Keys.ENTER);
        browser.await(d -> browser.find("dd[data-field='route']").getText().startsWith(en ? "Server → Forged sources (10.0.0.2:80 → 10.0.1."
                : "服务器 → 伪造的源地址 (10.0.0.2:80 → 10.0.1."));
        press(Keys.ESCAPE); // the segment's menu, opened by Enter too
        script("arguments[0].scrollIntoView({block: 'center'});", answers.get(0));
        browser.screenshot("simulator-syn-flood-forged-lane-" + lang);
    }

    @Test
    void theFloodsReplyNumbersStayPlainInSymbolicMode() {
        browser.go(url("/simulator/syn-flood?lang=en"));
        step();
        browser.find("input.hl-numbers").click();
        browser.find("g.hl-band").click();
        browser.await(d -> !d.findElements(By.cssSelector("g.hl-seg.hl-from-server")).isEmpty());
        List<String> labels = browser.all("g.hl-seg text.hl-seg-label").stream().map(WebElement::getText).toList();
        assertTrue(labels.stream().anyMatch(l -> l.contains("seq=J")), "the client's SYN is written with J: " + labels);
        assertTrue(labels.stream().noneMatch(l -> l.matches(".*[JK][+-]\\d{3,}.*")), "no K+570000: " + labels);
    }
}
