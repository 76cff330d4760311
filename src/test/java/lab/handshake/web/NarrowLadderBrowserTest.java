package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The ladder on a 390 px phone with the 32-bit sequence numbers of a real connection (ten digits each): every label,
 * of a segment, a state or a lane, lies inside the drawing, and a segment's between the client's and the server's
 * lanes (not over the states written beside them), on the simulator, a lesson, the sandbox and the captures page, in
 * English and Chinese; no label is shrunk to be unreadable (at least three quarters of its size), and the page does
 * not scroll sideways. A label too wide for the gap between the lanes goes on onto a second line below its arrow
 * (LadderLayout.labelBreak); the sandbox asks for the compact layout too.
 */
@QuarkusTest
class NarrowLadderBrowserTest extends OnePhoneBrowserPerClass {
    private static final String CLIENT_ISN = "2873916251";
    private static final String SERVER_ISN = "4294967000";
    /**
     * Every text of the ladder that sticks out of the drawing's box, and every segment's label that runs past the
     * client's or the server's lane (over the state written there), with where it lies; and "scale" when the drawing is
     * shrunk below three quarters of its size (the wide layout squeezed onto a phone).
     */
    private static final String OUTSIDE = """
            const svg = document.querySelector('svg.hl-ladder');
            const box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            const lane = (ep) => box.left + svg.querySelector(`line.hl-lane.hl-ep-${ep}`).x1.baseVal.value * scale;
            const [left, right] = [lane('client'), lane('server')];
            const where = (t, r) => `${t.textContent} [${Math.round(r.left - box.left)}, ${Math.round(r.right - box.left)}] of ${Math.round(box.width)}`;
            const texts = [...svg.querySelectorAll('text')].map((t) => [t, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
            return [...(scale < 0.75 ? [`scale ${scale}`] : []),
              ...texts.filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5).map(([t, r]) => where(t, r)),
              ...texts.filter(([t, r]) => t.matches('.hl-seg-label') && (r.left < left - 1 || r.right > right + 1)).map(([t, r]) => `between the lanes: ${where(t, r)}`)];
            """;

    /**
     * Every two segment labels whose drawn lines overlap, as "id: text × id: text": each line's box (its bounding box in
     * the text's own rotated frame) taken to the page by the text's transform, and two boxes compared edge by edge (the
     * separating axis theorem), so that labels along parallel or crossing arrows are not taken for overlapping because
     * their upright bounding rectangles are.
     */
    private static final String OVERLAPPING = """
            const boxes = [...document.querySelectorAll('svg.hl-ladder text.hl-seg-label')].flatMap((t) => {
              const m = t.getScreenCTM();
              const id = t.closest('[data-segment-id]').dataset.segmentId;
              return (t.children.length ? [...t.children] : [t]).map((line) => {
                const b = line.getBBox();
                const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
                  .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
                return { id, text: line.textContent, corners };
              });
            });
            const apart = (p, q) => [p, q].some((shape) => shape.corners.some((c, k) => {
              const d = shape.corners[(k + 1) % 4];
              const [nx, ny] = [d.y - c.y, c.x - d.x];
              const range = (s) => s.corners.map((e) => e.x * nx + e.y * ny);
              return Math.max(...range(p)) <= Math.min(...range(q)) + 0.5 || Math.max(...range(q)) <= Math.min(...range(p)) + 0.5;
            }));
            const found = [];
            boxes.forEach((p, i) => boxes.slice(i + 1).forEach((q) => {
              if (p.id !== q.id && !apart(p, q)) found.push(`${p.id}: ${p.text} × ${q.id}: ${q.text}`);
            }));
            return found;
            """;

    /** The state labels the current time, written in the client's margin, is drawn over. */
    private static final String UNDER_THE_TIME = """
            const time = document.querySelector('svg.hl-ladder .hl-now-label').getBoundingClientRect();
            return [...document.querySelectorAll('svg.hl-ladder .hl-state-label')].filter((t) => {
              const b = t.getBoundingClientRect();
              return Math.min(b.right, time.right) - Math.max(b.left, time.left) > 0.5 && Math.min(b.bottom, time.bottom) - Math.max(b.top, time.top) > 0.5;
            }).map((t) => t.textContent);
            """;

    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @CsvSource({"simulator/data-transfer, en", "simulator/data-transfer, zh", "lessons/four-way-teardown, zh"})
    void aSimulatorsLabelsWithAbsoluteNumbersStayInsideTheDrawing(String page, String lang) throws Exception {
        browser.go(root + page + "?lang=" + lang);
        browser.awaitElement(".simulator output.hl-counter[data-step]");
        for (String[] isn : List.of(new String[] {"client", CLIENT_ISN}, new String[] {"server", SERVER_ISN})) {
            script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
                    browser.find("input.hl-isn-" + isn[0]), isn[1]);
            browser.await(d -> d.findElements(By.cssSelector("g.hl-seg[aria-label*='" + isn[1] + "']")).size() > 0);
        }
        browser.find("button.hl-last").click();
        assertInside(page.replace('/', '-') + "-" + lang);
    }

    @ParameterizedTest
    @CsvSource({"en", "zh"})
    void theSandboxsLabelsWithAbsoluteNumbersStayInsideTheDrawing(String lang) throws Exception {
        browser.go(root + "sandbox?lang=" + lang);
        browser.awaitElement(".sb-work:not([hidden])");
        String first = browser.find("section.sandbox").getAttribute("data-session-id");
        script("arguments[0].value = arguments[2]; arguments[1].value = arguments[3];",
                browser.find("input.sb-isn[data-host='client']"), browser.find("input.sb-isn[data-host='server']"), CLIENT_ISN, SERVER_ISN);
        browser.find("button.sb-setup-apply").click();
        browser.await(d -> !first.equals(d.findElement(By.cssSelector("section.sandbox")).getAttribute("data-session-id")));
        browser.find("input.sb-numbers").click(); // the 32-bit numbers, not J and K
        for (String[] call : List.of(new String[] {"server", "listen"}, new String[] {"client", "connect"})) {
            script("arguments[0].click()", browser.find("button.sb-call[data-host='" + call[0] + "'][data-call='" + call[1] + "']"));
            browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() > (call[1].equals("listen") ? 0 : 1));
        }
        for (int delivered = 0; delivered < 3; delivered++) {
            int moves = browser.all("li.sb-move").size();
            script("arguments[0].click()", browser.awaitElement("li.sb-flight button.sb-fate[data-fate='deliver']"));
            browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() > moves);
        }
        assertTrue(browser.all("g.hl-seg[aria-label*='" + SERVER_ISN + "']").size() > 0, "the server's ISN is on the ladder");
        assertInside("sandbox-" + lang);
    }

    @ParameterizedTest
    @CsvSource({"en", "zh"})
    void anUploadedCapturesLabelsStayInsideTheDrawing(String lang) throws Exception {
        browser.go(root + "captures?lang=" + lang);
        browser.find("input[type='file']").sendKeys(Path.of("src", "test", "resources", "captures", "linux", "data-transfer.pcap")
                .toAbsolutePath().toString());
        browser.awaitElement("form.capture-upload button[type='submit']:enabled").click();
        browser.awaitElement("#capture-results output.hl-counter[data-step]");
        browser.find("#capture-results button.hl-last").click();
        assertInside("captures-" + lang);
    }

    /**
     * Segments sent at one moment from both ends cross in the middle of the gap, and their labels, written from their
     * senders, met there: on a phone, and on a wide screen too for a capture's ten-digit numbers. No two labels overlap
     * now (LabelFitting: broken at their sender's half, else their first line, else their flags), in either language,
     * on the simulator and in the captures page's replay; their accessible names keep the whole label. Nor is the
     * current time (at the last step, after the close) written over the client's state in a phone's narrow margin.
     */
    @ParameterizedTest
    @CsvSource({"simulator/simultaneous-open, en, 390", "simulator/simultaneous-close, zh, 390", "simulator/simultaneous-close, en, 390",
            "lessons/four-way-teardown, zh, 390",
            "captures:simultaneous-open, zh, 390", "captures:simultaneous-close, en, 390", "captures:data-both-ways-at-once, zh, 390",
            "captures:data-both-ways-at-once, en, 1366", "captures:simultaneous-close, zh, 1366"})
    void labelsOfSegmentsCrossingAtOneMomentDoNotOverlap(String page, String lang, int width) throws Exception {
        if (width != 390) {
            notAPhone();
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
        }
        if (page.startsWith("captures:")) {
            browser.go(root + "captures?lang=" + lang);
            browser.find("input[type='file']").sendKeys(Path.of("src", "test", "resources", "captures", "linux", page.substring(9) + ".pcap")
                    .toAbsolutePath().toString());
            browser.awaitElement("form.capture-upload button[type='submit']:enabled").click();
            browser.awaitElement("#capture-results output.hl-counter[data-step]");
            browser.find("#capture-results button.hl-last").click();
        } else {
            browser.go(root + page + "?lang=" + lang);
            browser.awaitElement(".simulator output.hl-counter[data-step]");
            browser.find("button.hl-last").click();
        }
        for (WebElement label : browser.all("g.hl-seg text.hl-seg-label")) {
            String name = label.findElement(By.xpath("..")).getAttribute("aria-label");
            assertTrue(name.contains(label.getDomProperty("textContent")), "the accessible name has what is drawn: " + name);
        }
        Object overlapping = script(OVERLAPPING);
        script("document.querySelector('.hl-ladder-wrap').scrollIntoView()");
        browser.screenshot("crossing-labels-" + page.replaceAll("[/:]", "-") + "-" + lang + "-" + width);
        assertEquals(List.of(), overlapping, "segment labels drawn over each other");
        assertEquals(List.of(), script(UNDER_THE_TIME), "the current time drawn over a state");
        assertEquals(null, browser.sticksOut());
    }

    private void assertInside(String name) throws Exception {
        Object outside = script(OUTSIDE);
        script("document.querySelector('.hl-ladder-wrap').scrollIntoView()");
        browser.screenshot("narrow-ladder-" + name);
        assertEquals(List.of(), outside, "labels cut at the drawing's edge, over a lane and its state, or drawn too small to read");
        assertEquals(null, browser.sticksOut());
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, arguments);
    }
}
