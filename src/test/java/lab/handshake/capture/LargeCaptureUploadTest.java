package lab.handshake.capture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.api.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * A capture with its payload (what Wireshark and a plain {@code tcpdump -w} keep) is larger than the 256 KB other
 * requests may be: it is taken up to 8 MB (web.OversizedBodies), and only four such bodies come in at once.
 */
@QuarkusTest
class LargeCaptureUploadTest {
    private static final String UPLOAD = "POST /api/captures/explained HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/vnd.tcpdump.pcap\r\n";
    /** 300,000 bytes: over the general limit, so it needs a large body's turn. */
    private static final byte[] LARGE_JUNK = new byte[300_000];

    @Test
    void aWholeCaptureWithItsPayloadIsExplainedConnectionByConnection() throws Exception {
        // tcpdump -i any (Linux cooked v2) on ::1 while curl fetched 5,000 and 300,000 bytes from python3 -m http.server:
        // 309,406 bytes, every packet whole.
        byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "loopback",
                "loopback-ipv6-any-get-300k-full-payload.pcap"));
        assertTrue(pcap.length > 256 * 1024, "the capture must be over the general body limit: " + pcap.length);
        for (int connection = 0; connection < 2; connection++) {
            JsonPath explained = given().contentType("application/vnd.tcpdump.pcap").body(pcap).queryParam("lang", "en")
                    .queryParam("connection", connection)
                    .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
            assertEquals(2, explained.getList("connections").size());
            assertEquals("linux", explained.getString("trace.profile"));
            assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"), "connection " + connection);
            assertEquals("CLOSED", explained.getString("connections[" + connection + "].outcome"));
        }
    }

    @Test
    void aFifthLargeUploadWhileFourComeInIsToldToComeBackAndASmallOneIsNot() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                // Each says it sends a megabyte and sends one byte: it holds its turn until it ends.
                Socket socket = new Socket("localhost", RestAssured.port);
                OutputStream out = socket.getOutputStream();
                out.write((UPLOAD + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(0);
                out.flush();
                slow.add(socket);
            }
            RawHttp.Answer fifth = awaitRefused();
            assertEquals(503, fifth.status(), fifth::text);
            assertEquals("5", fifth.header("Retry-After"), fifth::text);
            assertTrue(fifth.body().contains("\"type\":\"/problems/busy\""), fifth::text);
            assertTrue(fifth.body().contains("4 large uploads"), fifth::text);
            // Under the general limit a capture needs no turn: it is read (and refused for what it holds).
            RawHttp.Answer small = RawHttp.withLength(UPLOAD, new byte[1_000]);
            assertEquals(400, small.status(), small::text);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        // The turns come back when their clients leave.
        RawHttp.Answer later = null;
        for (int tries = 0; tries < 50 && (later == null || later.status() == 503); tries++) {
            Thread.sleep(100);
            later = RawHttp.withLength(UPLOAD, LARGE_JUNK);
        }
        assertEquals(400, later.status(), later::text);
        assertTrue(later.body().contains("unknown magic number"), later::text);
    }

    /** The fifth large upload's answer, once the four before it have taken their turns (their heads may still be on the way). */
    private static RawHttp.Answer awaitRefused() throws Exception {
        RawHttp.Answer answer = null;
        for (int tries = 0; tries < 50 && (answer == null || answer.status() != 503); tries++) {
            Thread.sleep(100);
            answer = RawHttp.withLength(UPLOAD, LARGE_JUNK);
        }
        return answer;
    }
}
