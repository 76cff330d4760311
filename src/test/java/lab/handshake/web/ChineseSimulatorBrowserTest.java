package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A Chinese simulator shows no English word and no ISO timestamp outside code, RFC names and protocol terms
 * ({@link ChineseText}) at any step or in any segment's inspector. (Every other kind of page is read in Chinese by
 * {@link EveryPageBrowserTest}.) A failure names the step or segment, the word and the text around it.
 */
@QuarkusTest
class ChineseSimulatorBrowserTest extends OneBrowserPerClass {
    /** Steps read one by one per scenario, at most (the rest of a flood repeats the same words). */
    private static final int STEPS_READ = 40;
    /** Segments opened in the inspector per scenario, at most. */
    private static final int SEGMENTS_READ = 12;

    @TestHTTPResource("/")
    URL root;

    /**
     * Steps the simulator and opens the inspector inside the page, one script for all of it (a WebDriver call per step
     * cost most of this test's time), and answers each stop's name with the text a reader sees there. Each step is
     * read once its counter has moved and two frames have been drawn.
     */
    private static final String READ_STEPS_AND_SEGMENTS = ChineseText.VISIBLE_TEXT_FUNCTION + """
            const [stepsRead, segmentsRead, done] = arguments;
            const simulator = document.querySelector('.simulator');
            const next = simulator.querySelector('button.hl-next');
            const step = () => simulator.querySelector('output.hl-counter').getAttribute('data-step');
            const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
            const moved = async (before) => {
              const start = performance.now();
              while (step() === before) {
                if (performance.now() - start > 10000) throw new Error('the simulator stayed at step ' + before);
                await frame();
              }
              await frame();
              await frame();
            };
            (async () => {
              const seen = [['step 1', visibleText()]];
              for (let read = 1; read < stepsRead && next.getAttribute('aria-disabled') !== 'true'; read++) {
                const before = step();
                next.click();
                await moved(before);
                seen.push(['step ' + step(), visibleText()]);
              }
              const segments = [...simulator.querySelectorAll('svg g.hl-seg')].slice(0, segmentsRead);
              segments.forEach((segment, i) => {
                segment.dispatchEvent(new MouseEvent('click', { bubbles: true }));
                seen.push(['segment ' + (i + 1) + ' inspected', visibleText()]);
              });
              return seen;
            })().then(done, failed => done([['reading the steps', ['failed: ' + failed]]]));
            """;

    @ParameterizedTest
    @ValueSource(strings = {"three-way-handshake", "four-way-close", "syn-lost", "fin-lost", "syn-flood-cookies",
            "old-duplicate-syn", "connection-refused", "simultaneous-close", "time-wait-reuse"})
    @SuppressWarnings("unchecked")
    void aChineseSimulatorSaysEveryStepAndSegmentInChinese(String scenario) throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1366, 900));
        browser.go(root + "simulator/" + scenario + "?lang=zh");
        browser.awaitElement(".simulator svg .hl-seg");
        List<List<Object>> stops = (List<List<Object>>) ((JavascriptExecutor) browser.driver)
                .executeAsyncScript(READ_STEPS_AND_SEGMENTS, STEPS_READ, SEGMENTS_READ);
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (List<Object> stop : stops) {
            List<String> foreign = ChineseText.foreign((List<String>) stop.get(1));
            if (!foreign.isEmpty()) {
                found.put((String) stop.get(0), foreign);
            }
        }
        assertTrue(stops.size() > 2, "steps and segments read: " + stops.size());
        assertEquals(Map.of(), found, "English on the Chinese simulator of " + scenario + ", by step");
    }
}
