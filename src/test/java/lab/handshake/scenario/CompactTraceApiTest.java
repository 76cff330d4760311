package lab.handshake.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.RequiredTool;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.formats.CompactTraceReader;
import org.junit.jupiter.api.Test;

/**
 * The compact form of every catalogue trace, read back by the page's own decoder, is the full trace; a flood's
 * is a fraction of its bytes. (Its caching, ETag and codings: {@link TraceBytesTest}.)
 */
@QuarkusTest
class CompactTraceApiTest {
    /** The syn-flood trace's compact form was 229 KB when it was made (the full form 2.1 MB); the goal was well under 500 KB. */
    private static final int SYN_FLOOD_BUDGET = 300_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ScenarioCatalogue catalogue;

    private static byte[] trace(String scenario, String lang, String form) {
        var request = given().queryParam("lang", lang).header("Accept-Encoding", "identity");
        if (form != null) {
            request.queryParam("form", form);
        }
        return request.get("/api/scenarios/" + scenario + "/trace").then().statusCode(200).extract().asByteArray();
    }

    @Test
    void everyCatalogueTraceReadBackFromItsCompactFormIsTheFullTrace() throws Exception {
        RequiredTool.require(CompactTraceReader.nodeInstalled(), "Debian's nodejs");
        List<String> names = new ArrayList<>();
        List<JsonNode> full = new ArrayList<>();
        List<byte[]> compact = new ArrayList<>();
        for (ScenarioSpec spec : catalogue.all()) {
            for (String lang : List.of("en", "zh")) {
                names.add(spec.id() + " (" + lang + ")");
                full.add(JSON.readTree(trace(spec.id(), lang, null)));
                compact.add(trace(spec.id(), lang, "compact"));
            }
        }
        assertTrue(names.size() >= 40, "the whole catalogue: " + names);
        List<JsonNode> readBack = CompactTraceReader.expand(compact);
        List<String> different = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!full.get(i).equals(readBack.get(i))) {
                different.add(names.get(i));
            }
        }
        assertEquals(List.of(), different, "read back differently from their full form");
    }

    @Test
    void theSynFloodTraceIsSentInAFractionOfItsBytes() {
        for (String lang : List.of("en", "zh")) {
            int full = trace("syn-flood", lang, "full").length;
            int compact = trace("syn-flood", lang, "compact").length;
            assertTrue(compact < SYN_FLOOD_BUDGET && compact * 5 < full, lang + ": " + compact + " bytes compact, " + full + " in full");
        }
    }

    @Test
    void anUnknownFormOrAFormOfAnotherFormatIsRefusedNamingTheParameter() {
        given().queryParam("form", "tiny").get("/api/scenarios/syn-flood/trace")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("form"));
        given().queryParam("form", "compact").queryParam("format", "pcap").get("/api/scenarios/syn-flood/trace")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("form"));
    }

    @Test
    void anUnknownFormIsRefusedInTheReadersLanguage() {
        given().queryParam("form", "tiny").queryParam("lang", "zh").get("/api/scenarios/syn-flood/trace")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("无效的参数"))
                .body("detail", equalTo("查询参数“form”必须是以下之一：full, compact。"))
                .body("errors[0].field", equalTo("form"))
                .body("errors[0].message", equalTo("必须是以下之一：full, compact"));
        given().queryParam("form", "tiny").get("/api/scenarios/syn-flood/trace")
                .then().statusCode(400)
                .body("title", equalTo("Invalid parameter"))
                .body("detail", equalTo("Query parameter 'form' must be one of full, compact."));
    }

    @Test
    void aClientsOwnScenarioIsAnsweredCompactWhenAskedTo() throws Exception {
        RequiredTool.require(CompactTraceReader.nodeInstalled(), "Debian's nodejs");
        String spec = given().get("/api/scenarios/four-way-close").then().statusCode(200).extract().asString();
        byte[] full = given().contentType("application/json").body(spec).post("/api/traces?lang=zh")
                .then().statusCode(200).extract().asByteArray();
        byte[] compact = given().contentType("application/json").body(spec).post("/api/traces?lang=zh&form=compact")
                .then().statusCode(200).body(containsString("\"form\":\"compact\"")).extract().asByteArray();
        assertEquals(JSON.readTree(full), CompactTraceReader.expand(List.of(compact)).get(0));
    }
}
