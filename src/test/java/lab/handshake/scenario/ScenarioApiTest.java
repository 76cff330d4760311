package lab.handshake.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/scenarios}: the catalogue, specifications and traces, as the API contract describes them. */
@QuarkusTest
class ScenarioApiTest {

    @Test
    void shouldListEveryCatalogueScenarioWithTitlesInTheRequestedLanguage() {
        given().queryParam("lang", "zh")
                .when().get("/api/scenarios")
                .then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(20))
                .body("id", hasItems("three-way-handshake", "four-way-close", "three-segment-close", "server-closes-first",
                        "data-transfer", "half-close", "simultaneous-open", "simultaneous-close", "syn-lost", "syn-ack-lost",
                        "handshake-ack-lost", "fin-lost", "last-ack-lost", "connection-refused", "abort", "syn-flood",
                        "old-duplicate-syn", "half-open-discovery", "two-way-handshake-hazard", "no-time-wait-hazard"))
                .body("find { it.id == 'three-way-handshake' }.title", equalTo("三次握手"));
    }

    @Test
    void shouldHonourAcceptLanguageWhenNoLangParameterIsGiven() {
        given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
                .when().get("/api/scenarios")
                .then().statusCode(200)
                .body("find { it.id == 'four-way-close' }.title", equalTo("四次挥手"));
    }

    @Test
    void shouldReturnTheSpecificationWithoutUnsetFields() {
        given().when().get("/api/scenarios/syn-ack-lost")
                .then().statusCode(200)
                .body("id", equalTo("syn-ack-lost"))
                .body("title.zh", equalTo("SYN,ACK 丢失"))
                .body("faults[0].match.flags", hasItems("SYN", "ACK"))
                .body("params", not(hasKey("mss")))
                .body("actions[0]", not(hasKey("on")));
    }

    @Test
    void shouldNotGetAnUnknownScenario() {
        given().when().get("/api/scenarios/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("No scenario with id 'no-such-thing'."));
    }

    @Test
    void anUnknownScenarioIsRefusedInTheReadersLanguage() {
        given().header("Accept-Language", "zh-CN,zh;q=0.9").when().get("/api/scenarios/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("未找到"))
                .body("detail", equalTo("没有 id 为“no-such-thing”的场景。"));
    }

    @Test
    void shouldTraceTheHandshakeInTheContractsShape() {
        given().when().get("/api/scenarios/three-way-handshake/trace")
                .then().statusCode(200)
                .body("scenario", equalTo("three-way-handshake"))
                .body("profile", equalTo("rfc9293"))
                .body("endpoints.client.isn", equalTo(1000))
                .body("endpoints.server.port", equalTo(80))
                .body("segments[0].flags", equalTo(java.util.List.of("SYN")))
                .body("segments[0].seq", equalTo(1000))
                .body("segments[0].ack", nullValue())
                .body("segments[0].seqSymbolic", equalTo("J"))
                .body("segments[1].ackSymbolic", equalTo("J+1"))
                .body("segments[2].seqSymbolic", equalTo("J+1"))
                .body("segments[2].ackSymbolic", equalTo("K+1"))
                .body("segments[2].fate", equalTo("delivered"))
                // The server becomes ESTABLISHED where the third segment arrives, not where it is sent.
                .body("steps.find { it.kind == 'arrive' && it.segmentId == 3 }.stateAfter", equalTo("ESTABLISHED"))
                .body("steps.find { it.kind == 'send' && it.segmentId == 3 }.states.server", equalTo("SYN_RECEIVED"))
                .body("steps.rule", everyItem(notNullValue()))
                .body("steps.find { it.kind == 'arrive' && it.segmentId == 1 }.rule", startsWith("RFC 9293 §3.10.7.2"))
                .body("finalStates.client", equalTo("ESTABLISHED"));
    }

    @Test
    void shouldExplainStepsInChinese() {
        given().queryParam("lang", "zh")
                .when().get("/api/scenarios/three-way-handshake/trace")
                .then().statusCode(200)
                .body("steps.find { it.kind == 'send' && it.segmentId == 3 }.text",
                        org.hamcrest.Matchers.containsString("第三次握手是一个普通的 ACK"));
    }

    @Test
    void shouldApplyIsnOverridesWithWrapAround() {
        given().queryParam("clientIsn", "4294967295").queryParam("serverIsn", "0")
                .when().get("/api/scenarios/three-way-handshake/trace")
                .then().statusCode(200)
                .body("segments[0].seq", equalTo(4294967295L))
                .body("segments[1].ack", equalTo(0))
                .body("segments[1].ackSymbolic", equalTo("J+1"))
                .body("segments[2].seq", equalTo(0));
    }

    @Test
    void shouldUseTheLinuxProfileWhenAsked() {
        given().queryParam("profile", "linux")
                .when().get("/api/scenarios/abort/trace")
                .then().statusCode(200)
                .body("profile", equalTo("linux"))
                .body("segments[3].flags", hasItems("RST", "ACK"));
    }

    @ParameterizedTest
    @CsvSource({
            "clientIsn, -1", "clientIsn, 4294967296", "clientIsn, abc", "serverIsn, 1.5",
            "seed, twelve", "profile, bsd", "lang, fr", "format, pcapng"})
    void shouldRefuseABadQueryParameterNamingIt(String parameter, String value) {
        given().queryParam(parameter, value)
                .when().get("/api/scenarios/three-way-handshake/trace")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(parameter))
                .body("detail", startsWith("Query parameter '" + parameter + "'"));
    }

    @Test
    void shouldAnswerAnUnknownAddressWithAProblemDocument() {
        given().when().get("/api/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void shouldAnswerAWrongMethodWithAProblemDocument() {
        given().when().delete("/api/scenarios")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void shouldPublishAnOpenApiDocument() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", hasKey("/api/traces"))
                .body("paths", hasKey("/api/scenarios/{id}/trace"))
                .body("components.schemas.StepKind.enum", hasItems("call", "timer-armed", "deviation"))
                .body("components.schemas.SegmentFate.enum", hasItems("delivered", "lost", "held"));
    }
}
