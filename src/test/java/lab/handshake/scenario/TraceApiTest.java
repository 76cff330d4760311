package lab.handshake.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import lab.handshake.api.RawHttp;
import org.junit.jupiter.api.Test;

/** {@code POST /api/traces}: a client runs its own scenario; every bad request gets a 4xx problem document. */
@QuarkusTest
class TraceApiTest {
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;


    /** RFC 9293 Figure 6 and Figure 12 in one specification: ISNs 99 and 299 give the figures' numbers. */
    private static final String FIGURES_6_AND_12 = """
            {"id": "figures-6-and-12", "profile": "rfc9293",
             "params": {"clientIsn": 99, "serverIsn": 299},
             "actions": [
               {"at": 0, "host": "server", "call": "listen"},
               {"at": 10, "host": "client", "call": "connect"},
               {"at": 400, "host": "client", "call": "close"},
               {"at": 700, "host": "server", "call": "close"}]}
            """;

    @Test
    void shouldRunAClientsOwnScenarioAsInRfc9293Figures6And12() {
        given().contentType(ContentType.JSON).body(FIGURES_6_AND_12)
                .when().post("/api/traces")
                .then().statusCode(200)
                .body("segments.seq", equalTo(List.of(99, 299, 100, 100, 300, 300, 101)))
                .body("segments.ack", equalTo(java.util.Arrays.asList(null, 100, 300, 300, 101, 101, 301)))
                .body("segments[3].flags", hasItems("FIN", "ACK"))
                .body("finalStates.client", equalTo("CLOSED"))
                .body("finalStates.server", equalTo("LISTEN")); // its connection is CLOSED; its listener still listens
    }

    /** A changed scenario's ladder comes with its trace (the simulator page draws it): laid out as asked, JSON only. */
    @Test
    void withLadderTheAnswerIsTheTraceAndItsLadderLaidOutAsAsked() {
        JsonPath answer = given().contentType(ContentType.JSON).body(FIGURES_6_AND_12).queryParam("ladder", "compact")
                .when().post("/api/traces")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(List.of(99, 299, 100, 100, 300, 300, 101), answer.getList("trace.segments.seq"));
        assertEquals(answer.getList("trace.steps").size(), answer.getList("ladder.stepY").size(), "a y for every step");
        assertEquals(List.of(104f, 314f), answer.getList("ladder.lanes.x"), "the narrow layout");
        assertEquals("SYN seq=J", answer.getString("ladder.segments[0].label"));
        assertEquals("SYN seq=99", answer.getString("ladder.segments[0].absoluteLabel"));
        for (String query : new String[] {"ladder=tall", "ladder=wide&open=x", "ladder=wide&format=pcap"}) {
            given().contentType(ContentType.JSON).body(FIGURES_6_AND_12).when().post("/api/traces?" + query)
                    .then().statusCode(400).body("errors[0].field", equalTo(query.contains("open") ? "open" : "ladder"));
        }
    }

    @Test
    void aPcapTakenAtTheServer_isAsked_withCapturedAt_andAnythingElseIsRefusedNamingIt() {
        byte[] atServer = given().contentType(ContentType.JSON).body(FIGURES_6_AND_12).queryParam("format", "pcap")
                .queryParam("capturedAt", "server").when().post("/api/traces")
                .then().statusCode(200).contentType("application/vnd.tcpdump.pcap").extract().asByteArray();
        // The SYN when it arrived and the SYN,ACK answering it, both at that moment (sent at 10 ms, one way later).
        List<String> first = lab.handshake.capture.PcapReader.read(atServer).stream().limit(2)
                .map(segment -> segment.timeMicros() / 1000 + " " + Integer.toUnsignedLong(segment.seq())).toList();
        long arrival = Long.parseLong(first.get(0).split(" ")[0]);
        assertTrue(arrival > 10, first::toString);
        assertEquals(List.of(arrival + " 99", arrival + " 299"), first);
        for (String query : new String[] {"format=pcap&capturedAt=router", "capturedAt=server", "format=packetdrill&capturedAt=client"}) {
            given().contentType(ContentType.JSON).body(FIGURES_6_AND_12).when().post("/api/traces?" + query)
                    .then().statusCode(400).body("errors[0].field", equalTo("capturedAt"));
        }
        given().queryParam("format", "pcap").queryParam("capturedAt", "client").when().get("/api/scenarios/syn-ack-lost/trace")
                .then().statusCode(200).contentType("application/vnd.tcpdump.pcap");
        given().queryParam("capturedAt", "client").when().get("/api/scenarios/syn-ack-lost/trace")
                .then().statusCode(400).body("errors[0].field", equalTo("capturedAt"));
    }

    @Test
    void shouldGiveTheSynQueueCapacityOfEveryEndpointThatListens_theBacklogAndOneMoreUnderLinux() {
        String spec = """
                {"params": {"listenBacklog": 4},
                 "actions": [{"at": 0, "host": "server", "call": "listen"}, {"at": 10, "host": "client", "call": "connect"}]}
                """;
        given().contentType(ContentType.JSON).body(spec).when().post("/api/traces")
                .then().statusCode(200)
                .body("synQueueCapacity", equalTo(Map.of("server", 4)));
        given().contentType(ContentType.JSON).body(spec.replace("{\"params\"", "{\"profile\": \"linux\", \"params\""))
                .when().post("/api/traces")
                .then().statusCode(200)
                .body("synQueueCapacity", equalTo(Map.of("server", 5)))
                .body("steps[-1].synQueue.server", equalTo(0));
    }

    @Test
    void shouldGiveNoSynQueueCapacityWhenNoEndpointListens() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"actions": [{"at": 0, "host": "client", "call": "connect"}]}
                        """)
                .when().post("/api/traces")
                .then().statusCode(200)
                .body("synQueueCapacity", equalTo(null));
    }

    @Test
    void shouldGiveTheSameTraceByteForByteForTheSameSpecification() {
        String first = given().contentType(ContentType.JSON).body(FIGURES_6_AND_12).post("/api/traces").asString();
        String second = given().contentType(ContentType.JSON).body(FIGURES_6_AND_12).post("/api/traces").asString();
        assertEquals(first, second);
    }

    @Test
    void shouldRefuseAnUnknownPropertyNamingIt() {
        given().contentType(ContentType.JSON)
                .body("{\"actions\": [{\"at\": 0, \"host\": \"server\", \"call\": \"listen\", \"delay\": 5}]}")
                .when().post("/api/traces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Unknown property 'delay'"))
                .body("errors[0].field", equalTo("actions[0].delay"));
    }

    @Test
    void shouldRefuseAWrongTypeNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"params\": {\"clientIsn\": \"lots\"}}")
                .when().post("/api/traces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("params.clientIsn"));
    }

    @Test
    void shouldRefuseMalformedJson() {
        given().contentType(ContentType.JSON).body("{\"actions\": [")
                .when().post("/api/traces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid JSON"));
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        given().contentType(ContentType.JSON)
                .when().post("/api/traces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-scenario")).body("title", equalTo("Invalid scenario"))
                .body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).header("Accept-Language", "zh")
                .when().post("/api/traces")
                .then().statusCode(400)
                .body("type", equalTo("/problems/invalid-scenario")).body("title", equalTo("无效的场景"))
                .body("errors[0].message", equalTo("不能为空"));
    }

    @Test
    void shouldListEveryInvalidFieldAtOnce() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"profile": "bsd",
                         "params": {"clientIsn": 4294967296, "lossRate": 2},
                         "actions": [{"at": 0, "host": "mallory", "call": "fly"},
                                     {"at": 5, "host": "client", "call": "send", "bytes": 0}],
                         "faults": [{"match": {"from": "client", "flags": ["SYN", "URG"]}, "action": "drop"}]}
                        """)
                .when().post("/api/traces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid scenario"))
                .body("errors.field", hasItems("profile", "params.clientIsn", "params.lossRate", "actions[0].host",
                        "actions[0].call", "actions[1].bytes", "faults[0].match.flags"));
    }

    @Test
    void aCeMarkWithAnIcmpCode_isRefusedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"actions": [{"at": 0, "host": "server", "call": "listen"}, {"at": 10, "host": "client", "call": "connect"}],
                         "faults": [{"match": {"from": "server"}, "action": "mark-ce", "code": "port"}]}
                        """)
                .when().post("/api/traces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("faults[0].code")));
    }

    @Test
    void shouldWordAViolationInTheReadersLanguage() {
        String outOfRange = "{\"params\": {\"lossRate\": 2}, \"actions\": [{\"at\": 0, \"host\": \"mallory\", \"call\": \"listen\"}]}";
        given().contentType(ContentType.JSON).body(outOfRange)
                .when().post("/api/traces")
                .then().statusCode(400)
                .body("errors.message", hasItems("must be between 0 and 1", "must be 'client' or 'server'"))
                .body("detail", containsString("params.lossRate must be between 0 and 1")).body("detail", containsString("; "));
        given().contentType(ContentType.JSON).body(outOfRange)
                .when().post("/api/traces?lang=zh")
                .then().statusCode(400)
                .body("title", equalTo("无效的场景"))
                .body("errors.message", hasItems("必须在 0 到 1 之间", "必须是“client”或“server”"))
                .body("detail", containsString("params.lossRate 必须在 0 到 1 之间"))
                .body("detail", containsString("；")).body("detail", not(containsString("; ")));
    }

    @Test
    void aProblemIsInTheLanguageChosenOnAPage_unlessLangChoosesAnother() {
        String outOfRange = "{\"params\": {\"lossRate\": 2}}";
        given().contentType(ContentType.JSON).cookie("hl_lang", "zh").body(outOfRange)
                .when().post("/api/traces")
                .then().statusCode(400)
                .body("title", equalTo("无效的场景")).body("errors[0].message", equalTo("必须在 0 到 1 之间"));
        given().contentType(ContentType.JSON).cookie("hl_lang", "zh").header("Accept-Language", "en").body(outOfRange)
                .when().post("/api/traces")
                .then().statusCode(400).body("title", equalTo("无效的场景"));
        given().contentType(ContentType.JSON).cookie("hl_lang", "zh").body(outOfRange)
                .when().post("/api/traces?lang=en")
                .then().statusCode(400)
                .body("title", equalTo("Invalid scenario")).body("errors[0].message", equalTo("must be between 0 and 1"));
        given().contentType(ContentType.JSON).cookie("hl_lang", "zh").body(outOfRange)
                .when().post("/api/traces?lang=fr")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("lang")).body("errors[0].message", equalTo("必须是 en 或 zh"));
    }

    @Test
    void anAnswerIsInTheLanguageChosenOnAPage_likeItsProblems() {
        String path = "/api/scenarios/three-way-handshake/trace";
        given().cookie("hl_lang", "zh").header("Accept-Language", "en").get(path).then().statusCode(200)
                .header("Vary", containsString("Cookie")).body("language", equalTo("zh"));
        given().cookie("hl_lang", "zh").get(path + "?lang=en").then().statusCode(200).body("language", equalTo("en"));
        given().cookie("hl_lang", "zh").get("/api/scenarios").then().statusCode(200)
                .body("find { it.id == 'three-way-handshake' }.title", equalTo(given().get("/api/scenarios?lang=zh")
                        .then().extract().path("find { it.id == 'three-way-handshake' }.title")));
    }

    @Test
    void shouldRefuseTooManyActionsWith413() {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            actions.append(i == 0 ? "" : ",").append("{\"at\": ").append(i).append(", \"host\": \"client\", \"call\": \"abort\"}");
        }
        given().contentType(ContentType.JSON).body("{\"actions\": [" + actions + "]}")
                .when().post("/api/traces")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 200 actions"));
    }

    @Test
    void shouldRefuseAnOversizedFloodWith413() {
        given().contentType(ContentType.JSON)
                .body("{\"inject\": [{\"at\": 0, \"flood\": {\"count\": 100000, \"fromSubnet\": \"10.0.1.0/24\", \"ratePerMs\": 1}}]}")
                .when().post("/api/traces")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("inject"));
    }

    @Test
    void shouldStopASimulationThatWouldGrowWithoutBoundWith413() {
        // 12-byte segments: the 5,000 data segments alone fit, so the run starts; their ACKs take it past the bound.
        String spec = """
                {"params": {"mss": 12},
                 "actions": [{"at": 0, "host": "server", "call": "listen"},
                             {"at": 10, "host": "client", "call": "connect"},
                             {"on": "established", "host": "client", "call": "send", "bytes": 60000}]}
                """;
        given().contentType(ContentType.JSON).body(spec)
                .when().post("/api/traces")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("title", equalTo("Simulation too large"))
                .body("detail", startsWith("The simulation would produce more than 5000 segments;"));
        given().contentType(ContentType.JSON).body(spec).queryParam("lang", "zh")
                .when().post("/api/traces")
                .then().statusCode(413)
                .body("title", equalTo("模拟过大"))
                .body("detail", startsWith("模拟将产生超过 5000 个报文段；"));
    }

    @Test
    void shouldRefuseABodyOverTheSizeLimitWith413() throws Exception {
        // Over a raw socket: the server answers and closes while the body is still being sent.
        String padding = "x".repeat(300 * 1024);
        RawHttp.Answer refused = RawHttp.withLength("POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
                ("{\"id\": \"" + padding + "\"}").getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, refused.status(), refused::text);
        assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused::text);
    }

    @Test
    void shouldRefuseANonJsonBodyWith415() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/api/traces")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRunTheEngineOnceForTheSameTraceInEnglishAndChinese() {
        // ISNs no other test asks for, so the first request is not served from the cache.
        String path = "/api/scenarios/three-way-handshake/trace?clientIsn=31415926&serverIsn=27182818&lang=";
        double before = catalogueSimulations();
        JsonPath english = given().get(path + "en").then().statusCode(200).extract().jsonPath();
        JsonPath chinese = given().get(path + "zh").then().statusCode(200).extract().jsonPath();
        assertEquals(before + 1, catalogueSimulations(), "one run serves both languages");
        assertEquals("en", english.getString("language"));
        assertEquals("zh", chinese.getString("language"));
        assertEquals(english.getList("segments"), chinese.getList("segments"));
        assertEquals(english.getList("steps.kind"), chinese.getList("steps.kind"));
        assertNotEquals(english.getList("steps.text"), chinese.getList("steps.text"));
        assertTrue(chinese.getString("steps[1].text").startsWith("客户端调用 connect()。"), chinese.getString("steps[1].text"));
        assertTrue(english.getString("steps[1].text").startsWith("The client calls connect()."), english.getString("steps[1].text"));
    }

    /** {@code handshake_simulations_total{source="catalogue"}} as Prometheus reads it (on the management port). */
    private double catalogueSimulations() {
        return given().get(metrics).then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("handshake_simulations_total{") && line.contains("source=\"catalogue\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void shouldRefuseDataThatCannotFitInATraceBeforeRunningItNamingTheField() {
        // One-byte segments: 60,000 bytes are 60,000 segments, far past the trace's bound of 5,000.
        given().contentType(ContentType.JSON)
                .body("""
                        {"params": {"mss": 1},
                         "actions": [{"at": 0, "host": "server", "call": "listen"},
                                     {"at": 10, "host": "client", "call": "connect"},
                                     {"on": "established", "host": "client", "call": "send", "bytes": 60000}]}
                        """)
                .when().post("/api/traces")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("title", equalTo("Scenario too large"))
                .body("errors[0].field", equalTo("actions"))
                .body("detail", containsString("at least 60000 segments"));
    }

    @Test
    void shouldRefuseAFloodThatCannotFitInATraceBeforeRunningItNamingTheField() {
        // Every SYN kept half-open (backlog 4096), each SYN,ACK sent 8 times: 18,000 segments, over the 5,000.
        given().contentType(ContentType.JSON)
                .body("""
                        {"params": {"listenBacklog": 4096, "synCookies": "off", "synAckRetries": 7},
                         "actions": [{"at": 0, "host": "server", "call": "listen"}],
                         "inject": [{"at": 10, "flood": {"count": 2000, "fromSubnet": "10.0.1.0/24", "ratePerMs": 1}}]}
                        """)
                .when().post("/api/traces")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("inject[0].flood.count"))
                .body("detail", containsString("at least 18000 segments"));
    }
}
