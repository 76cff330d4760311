package lab.handshake.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Set;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.formats.LadderLayout;
import org.junit.jupiter.api.Test;

/**
 * A catalogue trace's ladder as JSON ({@code GET /api/scenarios/{id}/ladder}): the Java {@link LadderLayout}
 * under the options asked for, cached and revalidated as the trace is, the same in every language.
 */
@QuarkusTest
class LadderApiTest {
    @Inject
    ScenarioCatalogue catalogue;

    @Inject
    TraceService traces;

    @Inject
    ObjectMapper json;

    @Inject
    EncodedTraces encoded;

    @Inject
    MeterRegistry metrics;

    /** The layout as the API writes it, read back. */
    private JsonNode layout(String scenario, String profile, LadderLayout.Options options) throws Exception {
        return json.readTree(json.writeValueAsString(LadderLayout.of(traces.catalogueTrace(
                catalogue.find(scenario).orElseThrow(), new ScenarioRunner.Overrides(profile, null, null, null), Language.EN), options)));
    }

    @Test
    void theLadderIsTheJavaLayoutOfTheTrace_withBothLabelFormsAndEveryStepsY() throws Exception {
        JsonNode answer = json.readTree(given().queryParam("profile", "linux").when().get("/api/scenarios/four-way-close/ladder")
                .then().statusCode(200).contentType("application/json").extract().asString());
        assertEquals(layout("four-way-close", "linux", LadderLayout.Options.DEFAULT), answer);
        JsonNode first = answer.at("/segments/0");
        assertEquals("SYN seq=J", first.get("label").asText());
        assertTrue(first.get("absoluteLabel").asText().matches("SYN seq=\\d+"), first.toString());
        assertEquals(165.95, first.get("labelX").asDouble(), 0, "written to 0.01 px: " + first);
        int steps = traces.catalogueTrace(catalogue.find("four-way-close").orElseThrow(),
                new ScenarioRunner.Overrides("linux", null, null, null), Language.EN).steps().size();
        assertEquals(steps, answer.get("stepY").size(), "a y for every step");
    }

    @Test
    void theNarrowLayoutAndOpenBandsAreAskedFor() throws Exception {
        JsonNode answer = json.readTree(given().queryParam("compact", true).queryParam("open", "0,2").when()
                .get("/api/scenarios/syn-flood/ladder").then().statusCode(200).extract().asString());
        assertEquals(layout("syn-flood", null, new LadderLayout.Options(true, Set.of(0, 2))), answer);
        assertTrue(answer.at("/bands/0/open").asBoolean() && !answer.at("/bands/1/open").asBoolean() && answer.at("/bands/2/open").asBoolean(),
                answer.get("bands").toString());
        assertTrue(answer.get("width").asDouble() < layout("syn-flood", null, LadderLayout.Options.DEFAULT).get("width").asDouble(),
                "the narrow layout is narrower");
    }

    @Test
    void theLadderHasAStrongETag_isAnswered304_andIsTheSameInEveryLanguage() {
        Response english = given().queryParam("lang", "en").when().get("/api/scenarios/three-way-handshake/ladder");
        String etag = english.header("ETag");
        assertTrue(etag != null && !etag.startsWith("W/"), "a strong ETag: " + etag);
        given().header("If-None-Match", etag).when().get("/api/scenarios/three-way-handshake/ladder").then().statusCode(304);
        Response chinese = given().queryParam("lang", "zh").when().get("/api/scenarios/three-way-handshake/ladder");
        assertEquals(etag, chinese.header("ETag"), "no word of the ladder depends on the language");
        assertEquals(english.asString(), chinese.asString());
        assertEquals("public, max-age=300", english.header("Cache-Control"));
    }

    @Test
    void bandIdsThatAreNotWholeNumbersFromZeroAndACompactThatIsNotABooleanAreRefusedNamingTheParameter() {
        for (String open : new String[] {"x", "1,-2", "1,,2"}) {
            given().queryParam("open", open).when().get("/api/scenarios/syn-flood/ladder")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors", hasSize(1)).body("errors[0].field", equalTo("open"));
        }
        given().queryParam("compact", "yes").when().get("/api/scenarios/syn-flood/ladder")
                .then().statusCode(400).body("errors[0].field", equalTo("compact"));
        given().when().get("/api/scenarios/no-such-thing/ladder").then().statusCode(404);
    }

    /**
     * Once cached, a catalogue trace's ladder is answered on the event loop ({@link CachedTraceRoute}) with the bytes and
     * headers the resource sent, with the parameters the page sends; a bad parameter still reaches the resource.
     */
    @Test
    void aCachedLadderIsAnsweredFromTheEventLoopWithTheSameBytesAndHeaders() {
        Counter fromTheRoute = metrics.counter("handshake.traces.cached.answers");
        String path = "/api/scenarios/three-way-handshake/ladder?profile=linux&compact=true&open=1";
        Response first = given().header("Accept-Encoding", "identity").when().get(path);
        // The cache keeps what is asked for most (W-TinyLFU): a ladder asked for once may not be kept yet.
        ScenarioSpec spec = catalogue.find("three-way-handshake").orElseThrow();
        ScenarioRunner.Overrides linux = new ScenarioRunner.Overrides("linux", null, null, null);
        // Earlier tests may have filled it with entries asked for more often, so ask until it is kept.
        LadderLayout.Options compactOpen = new LadderLayout.Options(true, Set.of(1));
        for (int ask = 0; ask < 20 && encoded.cachedLadder(spec, linux, compactOpen) == null; ask++) {
            given().header("Accept-Encoding", "identity").when().get(path);
        }
        assertNotNull(encoded.cachedLadder(spec, linux, compactOpen), "kept in the cache after 20 asks");
        double before = fromTheRoute.count();
        catalogue.all(); // the route answers only while the published scenarios are fresh
        Response cached = given().header("Accept-Encoding", "identity").when().get(path);
        assertEquals(before + 1, fromTheRoute.count(), "the cached ladder came from the route");
        assertEquals(first.asString(), cached.asString());
        for (String header : new String[] {"ETag", "Cache-Control", "Vary", "Content-Type"}) {
            assertEquals(first.header(header), cached.header(header), header);
        }
        given().when().get(path + "&lang=fr").then().statusCode(400);
        given().when().get(path.replace("open=1", "open=x")).then().statusCode(400);
        assertEquals(before + 1, fromTheRoute.count(), "refusals are the resource's");
    }
}
