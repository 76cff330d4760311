package lab.handshake.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code POST /api/captures}: real captures and our own exports, rebuilt and explained by the engine. */
@QuarkusTest
class CaptureApiTest {
    private static final String PCAP = "application/vnd.tcpdump.pcap";

    private static byte[] file(String path) throws Exception {
        return Files.readAllBytes(Path.of("src", "test", "resources", "captures").resolve(path));
    }

    private static JsonPath upload(byte[] capture) {
        return given().contentType(PCAP).body(capture).queryParam("lang", "en")
                .when().post("/api/captures").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRealLinuxThreeSegmentCloseIsLinuxBehaviourUnderLinuxAndADelayedAckUnderRfc9293() throws Exception {
        JsonPath trace = upload(file("linux/three-segment-close.pcap"));
        assertEquals("linux", trace.getString("profile"), "the linux profile unless asked otherwise");
        assertEquals(6, trace.getList("segments").size());
        assertEquals("K", trace.getString("segments[1].seqSymbolic"));
        assertEquals("TIME_WAIT", trace.getString("finalStates.client"));
        assertEquals("LISTEN", trace.getString("finalStates.server"), "its connection is gone; the replayed listener still listens");
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'deviation' }.text"), "Linux does what Linux does");

        JsonPath textbook = given().contentType(PCAP).body(file("linux/three-segment-close.pcap"))
                .queryParam("lang", "en").queryParam("profile", "rfc9293")
                .when().post("/api/captures").then().statusCode(200).extract().jsonPath();
        assertEquals("rfc9293", textbook.getString("profile"));
        List<String> differences = textbook.getList("steps.findAll { it.kind == 'deviation' }.text");
        assertEquals(1, differences.size(), "only the delayed ACK of the FIN differs: " + differences);
        assertTrue(differences.get(0).contains("A textbook (RFC 9293) endpoint would have sent") && differences.get(0).contains("<CTL=ACK>"),
                differences.get(0));
    }

    @Test
    void anUnknownProfileIsRefusedNamingTheParameter() throws Exception {
        given().contentType(PCAP).body(file("linux/three-segment-close.pcap")).queryParam("profile", "windows")
                .post("/api/captures").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("profile"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback/loopback-data-and-close.pcap", "loopback/loopback-data-and-close.pcapng"})
    void aLoopbackCaptureOfDataAndCloseWithTcpOptionsReadsAsPcapAndAsPcapng(String capture) throws Exception {
        JsonPath trace = upload(file(capture));
        assertEquals(11, trace.getList("segments").size());
        assertEquals("J+101", trace.getString("segments[4].ackSymbolic"));
        assertEquals("TIME_WAIT", trace.getString("finalStates.client"));
        assertEquals("LISTEN", trace.getString("finalStates.server"), "its connection is gone; the replayed listener still listens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback/loopback-ipv6-handshake.pcap", "loopback/any-interface-sll2-handshake.pcap"})
    void anIpv6AndALinuxCookedCaptureReplayTheirHandshake(String capture) throws Exception {
        JsonPath trace = upload(file(capture));
        assertEquals(3, trace.getList("segments").size());
        assertEquals("ESTABLISHED", trace.getString("finalStates.client"));
        assertEquals("ESTABLISHED", trace.getString("finalStates.server"));
        assertEquals(capture.contains("ipv6") ? "::1" : "127.0.0.1", trace.getString("endpoints.client.address"));
    }

    @Test
    void aRealRefusedConnectionEndsTheClientInClosed() throws Exception {
        JsonPath trace = upload(file("loopback/loopback-connection-refused.pcap"));
        assertEquals(List.of("RST", "ACK"), trace.getList("segments[1].flags"));
        // The reset is shown with the window the capture has (Linux's tcp_v4_send_reset leaves it 0), though no
        // SYN,ACK gave the server's window scale: nothing reads a reset's window (RFC 9293 §3.10.7.4).
        assertEquals(0, trace.getInt("segments[1].window"));
        assertEquals("CLOSED", trace.getString("finalStates.client"));
        assertEquals("SYN_SENT", trace.getString("steps.find { it.kind == 'arrive' && it.segmentId == 2 }.stateBefore"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"three-way-handshake", "four-way-close", "data-transfer", "half-close", "server-closes-first",
            "simultaneous-open", "simultaneous-close", "abort", "connection-refused"})
    void everyExportedPcapImportsAsTheSameSegmentsAndStates(String scenario) {
        JsonPath original = given().get("/api/scenarios/" + scenario + "/trace").jsonPath();
        byte[] pcap = given().queryParam("format", "pcap").get("/api/scenarios/" + scenario + "/trace").asByteArray();
        JsonPath imported = upload(pcap);
        for (String field : List.of("from", "flags", "seq", "ack", "len")) {
            assertEquals(original.getList("segments." + field), imported.getList("segments." + field), scenario + " " + field);
        }
        // The original goes on after its last segment arrives (TIME-WAIT expires); the capture stops there.
        long lastArrival = 0;
        for (Map<String, Object> segment : original.<Map<String, Object>>getList("segments")) {
            Object arrival = segment.get("arrivesAt") != null ? segment.get("arrivesAt") : segment.get("sentAt");
            lastArrival = Math.max(lastArrival, ((Number) arrival).longValue());
        }
        for (String endpoint : List.of("client", "server")) {
            assertEquals(stateChanges(original, endpoint, lastArrival), stateChanges(imported, endpoint, Long.MAX_VALUE),
                    scenario + " " + endpoint);
        }
    }

    /** The states an endpoint went through, up to a time. */
    private static List<String> stateChanges(JsonPath trace, String endpoint, long until) {
        List<String> states = new ArrayList<>();
        for (Map<String, Object> step : trace.<Map<String, Object>>getList("steps")) {
            Object before = step.get("stateBefore");
            if (endpoint.equals(step.get("endpoint")) && step.get("peer") == null && before != null
                    && !before.equals(step.get("stateAfter")) && ((Number) step.get("at")).longValue() <= until) {
                states.add((String) step.get("stateAfter"));
            }
        }
        return states;
    }

    @Test
    void brokenFilesAndOtherTrafficAreRefusedWithAClear4xx() throws Exception {
        byte[] real = file("linux/four-way-close.pcap");
        given().contentType(PCAP).body(Arrays.copyOf(real, real.length - 7)).post("/api/captures")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("truncated"));
        byte[] noise = new byte[2_000];
        new Random(7).nextBytes(noise);
        given().contentType(PCAP).body(noise).post("/api/captures")
                .then().statusCode(400).body("detail", containsString("not a pcap or pcapng"));
        // In the reader's language, naming the byte where the file breaks.
        given().contentType(PCAP).header("Accept-Language", "zh-CN").body(Arrays.copyOf(real, real.length - 7)).post("/api/captures")
                .then().statusCode(400).body("title", equalTo("无效的抓包"))
                .body("detail", allOf(containsString("字节处的数据包不完整或已损坏"), not(containsString("truncated"))));
        given().contentType(PCAP).queryParam("lang", "zh").body(noise).post("/api/captures")
                .then().statusCode(400).body("detail", equalTo("不是 pcap 或 pcapng 文件（未知的魔数）。"));
        given().contentType(PCAP).body(udpOnly()).post("/api/captures")
                .then().statusCode(400).body("title", equalTo("No TCP in the capture"));
        given().contentType(PCAP).body(new byte[0]).post("/api/captures")
                .then().statusCode(400);
    }

    @Test
    void aCaptureWithSeveralConnectionsAsksWhichOne() {
        byte[] flood = given().queryParam("format", "pcap").get("/api/scenarios/syn-flood-cookies/trace").asByteArray();
        given().contentType(PCAP).body(flood).post("/api/captures")
                .then().statusCode(409).body("title", equalTo("Several connections"))
                .body("errors.field", hasItem("connection=0"))
                .body("errors.message", hasItem(matchesRegex("10\\.0\\.1\\.\\d+:\\d+ → 10\\.0\\.0\\.2:80, half-open \\(a SYN flood entry\\), \\d+ segments")));
        given().contentType(PCAP).body(flood).queryParam("lang", "zh").post("/api/captures")
                .then().statusCode(409).body("title", equalTo("多个连接"))
                .body("errors.message", hasItem(matchesRegex("10\\.0\\.1\\.\\d+:\\d+ → 10\\.0\\.0\\.2:80，半开（SYN 洪泛的一项），\\d+ 个报文段")));
        given().contentType(PCAP).body(flood).queryParam("connection", 99_999).post("/api/captures")
                .then().statusCode(400).body("errors[0].field", equalTo("connection"));
        given().contentType(PCAP).body(flood).queryParam("connection", 0).post("/api/captures")
                .then().statusCode(200).body("segments", hasSize(greaterThanOrEqualTo(1)));
    }

    /** A valid pcap whose packets are UDP: our handshake export with the protocol byte changed. */
    private static byte[] udpOnly() {
        byte[] pcap = given().queryParam("format", "pcap").get("/api/scenarios/three-way-handshake/trace").asByteArray();
        int offset = 24;
        while (offset < pcap.length) {
            int length = (pcap[offset + 8] & 0xFF) | (pcap[offset + 9] & 0xFF) << 8;
            pcap[offset + 16 + 14 + 9] = 17;
            offset += 16 + length;
        }
        return pcap;
    }
}
