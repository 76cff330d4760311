package lab.handshake.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import lab.handshake.delivery.StaticFiles;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.TraceService;
import lab.handshake.web.Browser;
import lab.handshake.web.OneBrowserPerClass;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The SVG download draws the page's ladder, and the Java layout can draw the page's under every option: for every
 * catalogue scenario under both profiles, the Java {@link LadderLayout} of a trace equals what the page's own
 * ladder-layout.js computes from the same trace fetched from the API, to 0.01 px, in every field the page draws
 * from: wide with every band folded (the download), narrow with every other band open, and wide with all open;
 * the label with symbolic numbers and with absolute ones.
 */
@QuarkusTest
class LadderLayoutBrowserTest extends OneBrowserPerClass {
    private static final double TOLERANCE_PX = 0.01;

    /** Every band id a catalogue trace could have: the "all open" options. */
    private static final int MANY_BANDS = 1000;

    /**
     * The page's layout in the Java record's shape: every field, named as the record names them.
     */
    private static final String PAGE_LAYOUT = """
            const [moduleUrl, scenario, profile, compact, open, done] = arguments;
            Promise.all([import(moduleUrl), fetch(`/api/scenarios/${scenario}/trace?lang=en&profile=${profile}`).then((r) => r.json())])
              .then(([{ layoutLadder }, trace]) => {
                const l = layoutLadder(trace, { compact, open: new Set(open) });
                done(JSON.stringify({
                  width: l.width, mainWidth: l.mainWidth, height: l.height, top: l.top, bottom: l.bottom, lanes: l.lanes,
                  segments: l.segments.map((s) => ({
                    id: s.id, from: s.from, to: s.to, x1: s.x1, y1: s.y1, x2: s.x2, y2: s.y2, lost: s.lost,
                    copyEnd: s.copyEnd, label: s.label, absoluteLabel: s.absoluteLabel,
                    labelX: s.labelX, labelY: s.labelY, labelAngle: s.labelAngle, labelAnchor: s.labelAnchor, fate: s.fate,
                    retransmission: s.retransmission, injected: s.injected, extra: s.extra, sendStep: s.sendStep })),
                  stateLabels: l.stateLabels,
                  breaks: l.breaks.map((b) => ({ y1: b.y1, y2: b.y2, ms: b.ms })),
                  bands: l.bands,
                  stepY: l.stepY,
                }));
              })
              .catch((e) => done(JSON.stringify({ error: String(e) })));
            """;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

    @TestHTTPResource("/")
    URL root;

    @Inject
    ScenarioCatalogue catalogue;

    @Inject
    TraceService traces;

    @Inject
    StaticFiles staticFiles;


    @TestFactory
    Stream<DynamicTest> theJavaLayoutOfEveryCatalogueTraceIsThePagesLayout() {
        Set<Integer> everyOther = IntStream.range(0, MANY_BANDS).filter(id -> id % 2 == 1).boxed().collect(Collectors.toSet());
        Set<Integer> all = IntStream.range(0, MANY_BANDS).boxed().collect(Collectors.toSet());
        Map<String, LadderLayout.Options> variants = new LinkedHashMap<>();
        variants.put("wide, folded", LadderLayout.Options.DEFAULT);
        variants.put("compact, every other band open", new LadderLayout.Options(true, everyOther));
        LadderLayout.Options everyBandOpen = new LadderLayout.Options(false, all);
        variants.put("wide, every band open", everyBandOpen);
        List<DynamicTest> tests = new ArrayList<>();
        for (String profile : List.of("rfc9293", "linux")) {
            for (ScenarioSpec spec : catalogue.builtIn()) {
                // Opening every band changes nothing where there is no band: that variant only where there are some.
                boolean banded = !LadderLayout.of(trace(spec, profile), LadderLayout.Options.DEFAULT).bands().isEmpty();
                variants.forEach((name, options) -> {
                    if (banded || options != everyBandOpen) {
                        tests.add(DynamicTest.dynamicTest(spec.id() + " " + profile + " " + name, () -> sameLayout(spec, profile, options)));
                    }
                });
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theForgedSourcesBlockOfThePageIsTheJavaOne() {
        return Stream.of(List.of("10.0.1.70", "10.0.1.1", "10.0.1.70"), List.of("10.0.1.70", "10.0.7.1"), List.of("10.0.1.70"),
                List.of("10.0.1.70", "192.168.0.1"), List.<String>of()).map(ips -> DynamicTest.dynamicTest(ips.toString(), () -> {
                    if (!browser.driver.getCurrentUrl().startsWith(root.toString())) {
                        browser.go(root.toString());
                    }
                    Object page = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                            "const [url, ips, done] = arguments; import(url).then((m) => done(m.addressBlock(ips)));",
                            staticFiles.url("/js/ladder-layout.js"), ips);
                    assertEquals(LadderLayout.addressBlock(ips), page);
                }));
    }

    private void sameLayout(ScenarioSpec spec, String profile, LadderLayout.Options options) throws Exception {
        if (!browser.driver.getCurrentUrl().startsWith(root.toString())) {
            browser.go(root.toString());
        }
        String page = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(PAGE_LAYOUT,
                staticFiles.url("/js/ladder-layout.js"), spec.id(), profile, options.compact(), List.copyOf(options.open()));
        JsonNode expected = JSON.readTree(page);
        assertTrue(expected.path("error").isMissingNode(), page);
        LadderLayout layout = LadderLayout.of(trace(spec, profile), options);
        JsonNode actual = JSON.valueToTree(layout);
        assertTrue(expected.get("segments").size() > 0, "the page draws segments");
        compare("layout", expected, actual);
    }

    private Trace trace(ScenarioSpec spec, String profile) {
        return traces.catalogueTrace(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN);
    }

    /** Fails at the first place where the two differ: numbers by more than 0.01 px, anything else at all. */
    private static void compare(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            if (Math.abs(expected.asDouble() - actual.asDouble()) > TOLERANCE_PX) {
                fail(path + ": page " + expected + ", Java " + actual);
            }
        } else if (expected.isArray() && actual.isArray()) {
            assertEquals(expected.size(), actual.size(), path + " length");
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(name -> {
                if (!names.contains(name)) {
                    names.add(name);
                }
            });
            for (String name : names) {
                compare(path + "." + name, expected.path(name), actual.path(name));
            }
        } else if (!(isAbsent(expected) && isAbsent(actual))) {
            assertEquals(expected, actual, path);
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }
}
