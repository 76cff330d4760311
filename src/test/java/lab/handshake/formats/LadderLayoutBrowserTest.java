package lab.handshake.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lab.handshake.delivery.StaticFiles;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.web.OneBrowserPerClass;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.JavascriptExecutor;

/**
 * One ladder, drawn twice: for every catalogue scenario under both profiles, the ladder the page draws (ladder-view.js
 * drawing the served layout, {@code GET /api/scenarios/{id}/ladder}) and the SVG download ({@link LadderSvgWriter},
 * {@code format=svg}) are the same picture, number for number to the digit: the drawing's size, every lane line,
 * arrow, arrowhead, cross, band box and text position, and the arrows' and states' labels. One page load per profile:
 * the page draws and reads every scenario's ladder itself.
 */
@QuarkusTest
class LadderLayoutBrowserTest extends OneBrowserPerClass {
    /**
     * For each scenario, what the page draws and what the download draws, as the same lists: per element kind, each
     * element's geometry attributes in document order; the labels of arrows and of states. The page's own elements
     * that the download has not (an arrow's wide hit line, the line of the current time) are left out, and so is the
     * download's white background.
     */
    private static final String BOTH_DRAWINGS = """
            const [viewUrl, scenarios, profile, done] = arguments;
            const ATTRIBUTES = ['x', 'y', 'dy', 'x1', 'y1', 'x2', 'y2', 'width', 'height', 'points', 'd', 'transform', 'text-anchor'];
            const geometry = (svg) => ({
              viewBox: svg.getAttribute('viewBox'),
              ...Object.fromEntries(['line', 'polygon', 'path', 'rect', 'text', 'tspan'].map((kind) => [kind,
                [...svg.querySelectorAll(kind)]
                  .filter((e) => !e.matches('.hl-seg-hit, .hl-now, .hl-now-label, rect[width="100%"]'))
                  .map((e) => ATTRIBUTES.filter((a) => e.hasAttribute(a)).map((a) => `${a}=${e.getAttribute(a)}`).join(' '))])),
            });
            const texts = (list) => [...list].map((e) => e.textContent);
            import(viewUrl).then(async ({ createLadderView }) => {
              const drawings = {};
              for (const id of scenarios) {
                const run = `profile=${profile}`;
                const [layout, download] = await Promise.all([
                  fetch(`/api/scenarios/${id}/ladder?${run}`).then((r) => r.json()),
                  fetch(`/api/scenarios/${id}/trace?format=svg&lang=en&${run}`).then((r) => r.text())]);
                const host = document.createElement('div');
                createLadderView(host, { t: (key) => key, onActivate: () => {} }).render(layout, 'symbolic');
                const page = host.querySelector('svg');
                const file = new DOMParser().parseFromString(download, 'image/svg+xml').documentElement;
                drawings[id] = {
                  page: { ...geometry(page), arrows: texts(page.querySelectorAll('.hl-seg-label')), states: texts(page.querySelectorAll('.hl-state-label')) },
                  download: { ...geometry(file), arrows: texts(file.querySelectorAll('g:has(> line) > text')), states: texts(file.querySelectorAll(':scope > text[paint-order]')) },
                };
              }
              return drawings;
            }).then((drawings) => done(JSON.stringify(drawings)), (e) => done(JSON.stringify({ error: String(e) })));
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    @TestHTTPResource("/")
    URL root;

    @Inject
    ScenarioCatalogue catalogue;

    @Inject
    StaticFiles staticFiles;

    /** Per profile, every scenario's two drawings, read once. */
    private final Map<String, JsonNode> drawings = new HashMap<>();

    @TestFactory
    Stream<DynamicTest> thePageDrawsEveryCatalogueLadderAsTheSvgDownloadDoes() {
        List<String> scenarios = catalogue.builtIn().stream().map(ScenarioSpec::id).toList();
        return Stream.of("rfc9293", "linux").flatMap(profile -> scenarios.stream().map(id ->
                DynamicTest.dynamicTest(id + " " + profile, () -> {
                    JsonNode both = drawings(profile, scenarios).get(id);
                    JsonNode page = both.get("page");
                    JsonNode download = both.get("download");
                    assertTrue(page.get("line").size() > 2 && page.get("arrows").size() > 0, "the page draws lanes and arrows: " + page);
                    page.fieldNames().forEachRemaining(kind -> assertEquals(download.get(kind), page.get(kind), id + " " + profile + ": " + kind));
                    assertEquals(download, page);
                })));
    }

    private JsonNode drawings(String profile, List<String> scenarios) throws Exception {
        if (!drawings.containsKey(profile)) {
            browser.go(root.toString());
            // Every scenario simulated on a slow machine may take longer than Selenium's default 30 s.
            browser.driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
            String answer = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(BOTH_DRAWINGS,
                    staticFiles.url("/js/ladder-view.js"), scenarios, profile);
            JsonNode read = JSON.readTree(answer);
            assertTrue(read.path("error").isMissingNode(), answer);
            drawings.put(profile, read);
        }
        return drawings.get(profile);
    }
}
