package lab.handshake.capture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Captures of the servers and tools a reviewer has at hand (tools/linux-captures/everyday-servers.py,
 * docs/linux-captures.md §85): nginx with Debian's settings (tcp_nopush, keep-alive, lingering close), curl, nc and
 * socat over loopback, a veth pair and the relay's 20 ms round trip, §89's openssl and ssh, and §92's scp and
 * PostgreSQL over IPv6, kept in src/test/resources/captures/everyday-servers.
 */
@QuarkusTest
class EverydayServersCapturesTest {

    /**
     * Each is one connection explained under linux with no deviation, no raw message key and, on the Chinese answer,
     * no Latin word a Chinese reader should not see.
     */
    @ParameterizedTest
    @ValueSource(strings = {"lo-nginx-keepalive-client", "veth-nginx-200k-server", "relay-nginx-http10-nopush-server",
        "relay-nginx-head-client", "relay-socat-server-closes-client", "relay-nc-client-closes-server", "lo-refused-client",
        "relay-ssh-server"})
    void anEverydayServersExchange_isExplainedWithoutDeviation(String name) throws Exception {
        for (String lang : List.of("en", "zh")) {
            explainedAsLinux(name, lang);
        }
    }

    /**
     * `everyday-servers.py relay nginx-slow`: curl --limit-rate 100k fetches 200,000 bytes behind a 20 ms round trip,
     * reading in bursts and sleeping between them. Its ACK at 143 ms acknowledges new data (K+101361) and offers 78
     * units of 1,024, a right edge (K+181233) its buffer could not offer with the 57,920 bytes that had come since its
     * last read unread: Linux offers no more than the free space (__tcp_select_window), so the application read. The
     * replay infers those reads where the ACKs show them (at 62 and 143 ms, before the window closes at 207 ms), where
     * before it took only the window update at 987 ms as a read and its client, its buffer full, refused the server's
     * data from K+89777 on (103 departures, now 28: see §85's "Not done").
     */
    @Test
    void anAckOfNewDataThatOpensTheWindowPastTheFreeSpace_isARead_tcpSelectWindow() throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "everyday-servers", "relay-nginx-slow-client.pcap"));
        JsonPath explained = given().contentType(CaptureExplainerTest.PCAP).body(pcap).queryParam("lang", "en")
                .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
        List<Integer> readsBeforeTheZeroWindow = explained.getList(
                "trace.steps.findAll { it.kind == 'call' && it.endpoint == 'client' && it.detail.startsWith('read(') && it.at < 220 }.at", Integer.class);
        assertEquals(2, readsBeforeTheZeroWindow.size(), readsBeforeTheZeroWindow.toString());
        int deviations = explained.getList("trace.steps.findAll { it.kind == 'deviation' }").size();
        assertTrue(deviations <= 28, deviations + " departures");
    }

    /**
     * `everyday-servers.py relay nginx-http10`, at the server: nginx answers an HTTP/1.0 request with TCP_CORK set
     * (tcp_nopush) and shuts its sending side down with the cork still on, so its 845 bytes, less than a full segment,
     * wait queued and leave with the FIN (tcp_send_fin) as one FIN,PSH,ACK. The engine does not model the cork and
     * would send the data at once and the FIN alone: told as a note, not three departures (before: 3).
     */
    @Test
    void aPartialTailThatLeavesWithTheFin_isACorkedSocketTold_tcpSendFin() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("relay-nginx-http10-server", lang);
            assertEquals(1, explained.getList("trace.steps.findAll { it.detail == 'replay.fin-on-corked-data' }").size(), lang);
        }
    }

    /**
     * `everyday-servers.py relay tls`, at the client: openssl s_client sends its Finished (80 bytes), a line (28) and its
     * close_notify (24) with the FIN; s_server's two session tickets leave as two 255-byte segments before the line
     * arrives. The second carries ack J+378 and the third segment (28 bytes, its answer) ack J+406, both sent in the
     * millisecond the line reached the server: Linux sends every segment with the RCV.NXT it has then
     * (tcp_transmit_skb: ack_seq = rcv_nxt), so the line was taken after the second ticket left. Before, the replay
     * delivered the line at the start of that millisecond and the server's ticket departed twice (it would have
     * acknowledged the line).
     */
    @Test
    void aSegmentTheReceiversDataOfThatMillisecondDoesNotAcknowledge_arrivesAfterIt_tcpTransmitSkb() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("relay-tls-client", lang);
            List<String> serverSteps = explained.getList(
                    "trace.steps.findAll { it.endpoint == 'server' && (it.kind == 'send' || it.kind == 'arrive') && it.at >= 120 && it.at < 127 }.kind", String.class);
            assertEquals(List.of("arrive", "send", "send", "arrive", "send"), serverSteps, lang);
        }
    }

    /**
     * `everyday-servers.py veth6 scp` with the host's default congestion control, BBR (docs/linux-captures.md §92), at
     * the client: ssh's key exchange, small records answered one by one, then 300,000 bytes, the first 32,804 as 23
     * segments at once (GSO packets of 17,136 and 15,668 bytes). The exchange's writes found nothing unsent and the
     * window far from full (tcp_rate_check_app_limited), so its rounds did not end BBR's STARTUP
     * (bbr_check_full_bw_reached returns on an application-limited sample) and the window grew by every ACK. Before,
     * the replay counted them, its client's BBR left STARTUP and cut the window to 6, and the file departed 231 times
     * under CUBIC and 235 under BBR. Beside it, PostgreSQL's 100 KB answer over IPv6 veth at the server (CUBIC).
     */
    @Test
    void scpUnderBbrAfterAnApplicationLimitedStart_andPostgresOverIpv6_areExplainedWithoutDeviation_tcpRateCheckAppLimited() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("bbr-veth6-scp-client", lang);
            assertEquals(1, explained.getList("trace.steps.findAll { it.detail == 'replay.congestion-control-bbr' }").size(), lang);
            explainedAsLinux("veth6-pg-100k-server", lang);
        }
    }

    /** The kept capture {@code name} explained under linux in {@code lang}, held to no departure ({@link CaptureExplainerTest#explainedAsLinux}). */
    private static JsonPath explainedAsLinux(String name, String lang) throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "everyday-servers", name + ".pcap"));
        return CaptureExplainerTest.explainedAsLinux(pcap, name, lang);
    }
}
