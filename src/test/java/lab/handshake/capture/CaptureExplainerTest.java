package lab.handshake.capture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Real Linux captures (src/test/resources/captures/linux, made by tools/linux-captures/hlcap.py) explained
 * against the linux profile: Linux behaviour is no deviation, a loss a one-sided capture implies is a loss, a
 * spoofed SYN is a flood's half-open entry, and the scenario inferred from a capture runs again.
 */
@QuarkusTest
class CaptureExplainerTest {
    static final String PCAP = "application/vnd.tcpdump.pcap";
    /** The step in which the client's connection times out. */
    private static final String GIVE_UP = "it.endpoint == 'client' && it.stateBefore == 'ESTABLISHED' && it.stateAfter == 'CLOSED'";

    private static byte[] capture(String name) throws Exception {
        return Files.readAllBytes(Path.of("src", "test", "resources", "captures", "linux", name + ".pcap"));
    }

    private static JsonPath upload(String name, String lang) throws Exception {
        return upload(capture(name), lang);
    }

    private static JsonPath upload(byte[] pcap, String lang) {
        return given().contentType(PCAP).body(pcap).queryParam("lang", lang)
                .when().post("/api/captures").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath explained(String name, Integer connection) throws Exception {
        return explained(capture(name), connection);
    }

    private static JsonPath explained(byte[] pcap, Integer connection) {
        var request = given().contentType(PCAP).body(pcap).queryParam("lang", "en");
        if (connection != null) {
            request.queryParam("connection", connection);
        }
        return request.when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
    }

    /** When {@code host} makes the call its step names ({@code send(872)}) in the inferred scenario, run again. */
    private static List<Integer> callTimesWhenRunAgain(JsonPath explained, String host, String call) {
        JsonPath rerun = given().contentType(ContentType.JSON).body(explained.getMap("scenario")).queryParam("lang", "en")
                .when().post("/api/traces").then().statusCode(200).extract().jsonPath();
        return rerun.getList("steps.findAll { it.kind == 'call' && it.endpoint == '%s' && it.text.contains('%s') }.at"
                .formatted(host, call));
    }

    private static List<String> deviations(JsonPath trace) {
        return trace.getList("steps.findAll { it.kind == 'deviation' }.text");
    }

    @Test
    void everyKeptLinuxCaptureShowsNoDeviationFromTheLinuxProfile_connectionByConnection() throws Exception {
        // Each replayed with the kernel's tick phase the capture shows (TickPhase): delayed-ack-server-not-reading's
        // first burst is acknowledged at its eighth segment, as the kernel did, not at its seventh.
        List<Path> files;
        try (var listed = Files.list(Path.of("src", "test", "resources", "captures", "linux"))) {
            files = listed.filter(f -> f.toString().endsWith(".pcap")).sorted().toList();
        }
        // Two uploads at a time: the server replays them side by side, as it would for two readers.
        Map<String, List<String>> deviating = new TreeMap<>();
        files.parallelStream().map(CaptureExplainerTest::deviationsConnectionByConnection).forEachOrdered(deviating::putAll);
        assertEquals(Map.of(), deviating);
    }

    /** A kept capture's departures from the linux profile, by connection ("name#n" in a file of several). */
    private static Map<String, List<String>> deviationsConnectionByConnection(Path file) {
        String name = file.getFileName().toString().replace(".pcap", "");
        Map<String, List<String>> deviating = new TreeMap<>();
        byte[] pcap;
        try {
            pcap = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonPath whole = explained(pcap, null);
        int connections = whole.getList("connections").size();
        for (int connection = 0; connection < connections; connection++) {
            // A file of one connection is explained once: the upload without a choice is its connection.
            JsonPath replay = connections > 1 ? explained(pcap, connection) : whole;
            assertEquals("linux", replay.getString("trace.profile"), name);
            // Bulk transfers: when the receiver's reading program ran within a burst varies from run to run,
            // and with it which segments it acknowledged (LinuxCaptureComparisonTest.RECEIVER_ACKS_VARY).
            String receiver = LinuxCaptureComparisonTest.RECEIVER_ACKS_VARY.get(name);
            String deviation = receiver != null
                    ? "it.kind == 'deviation' && it.endpoint != '" + receiver + "'" : "it.kind == 'deviation'";
            List<String> found = replay.getList("trace.steps.findAll { " + deviation + " }.text");
            if (!found.isEmpty()) {
                deviating.put(name + (connections > 1 ? "#" + connection : ""), found);
            }
        }
        return deviating;
    }

    @Test
    void theReplayRunsOnTheKernelsTickPhase_soTheFirstBurstIsAcknowledgedAtItsEighthSegmentAsTheKernelDid() throws Exception {
        // delayed-ack-server-not-reading (docs/linux-captures.md §20i): the server's timer ACKs left 0.7 ms past a
        // multiple of 4 ms of its clock. Counted from the capture's first segment instead, the engine's ticks put the
        // first burst's deadline within a quarter of ato a tick sooner, and its ACK at the seventh segment.
        JsonPath trace = upload("delayed-ack-server-not-reading", "en");
        assertEquals(List.of(), deviations(trace));
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'race' }"));
        assertEquals(59, trace.getList("segments").size());
    }

    @Test
    void aRunOfLostSegments_isInferredAsDropsEachCountedAmongWhatTheDropsBeforeItLetThrough() throws Exception {
        // data-burst-rto (docs/linux-captures.md §31): the client's 4th to 11th ACK-flagged segments were lost, each
        // sent again after the RTO; the engine counts a fault's nth among the segments earlier faults let through.
        JsonPath explained = explained("data-burst-rto", null);
        assertEquals(List.of(4, 4, 4, 4, 4, 4, 4, 4), explained.getList("scenario.faults.match.nth"));
    }

    @Test
    void aServerWhoseOneAckCoversTwoSmallSegmentsLeftThemUnread_andTheInferredScenarioSaysSo() throws Exception {
        // quick-ack-after-idle: the server read nothing, so its delayed ACKs covered two small segments 30 ms apart.
        JsonPath explained = explained("quick-ack-after-idle", null);
        assertEquals("on-call", explained.getString("scenario.params.serverReads"));
        assertNull(explained.get("scenario.params.clientReads"));
        // delayed-ack-server-not-reading: one ACK covered eight small segments 5 ms apart, the first and the last 35 ms.
        assertEquals("on-call", explained("delayed-ack-server-not-reading", null).getString("scenario.params.serverReads"));
        // delayed-ack-small-segments: the server read every segment as it came, and each had its own ACK.
        assertNull(explained("delayed-ack-small-segments", null).get("scenario.params.serverReads"));
    }

    @Test
    void eachHostsOwnMssAndShiftAreInferredFromItsSynOrSynAck_andAreLeftOutWhereTheyAreTheProfiles() throws Exception {
        // data-transfer-mtu-1280: both devices had an MTU of 1280, so each end offered MSS 1240 (RFC 9293 §3.7.1).
        JsonPath small = explained("data-transfer-mtu-1280", null);
        assertEquals(1240, small.getInt("scenario.params.client.mss"));
        assertEquals(1240, small.getInt("scenario.params.server.mss"));
        // three-way-handshake-defaults: Linux's own MSS 1460 and shift 10 on both sides: nothing of a host's own.
        JsonPath defaults = explained("three-way-handshake-defaults", null);
        assertNull(defaults.get("scenario.params.client"));
        assertNull(defaults.get("scenario.params.server"));
    }

    @Test
    void anOptionTheSynAckDeclinedIsOffAtTheServer_andTheInferredScenarioSendsTheCapturesOptionsAgain() {
        // Two machines: a Linux client with timestamps and shift 7, a server with timestamps off. Exported as a pcap
        // and explained, the SYN,ACK's missing timestamps say the server has them off (RFC 7323 §1.3).
        String spec = """
                {"profile": "linux", "params": {"clientIsn": 100, "serverIsn": 300, "client": {"windowScale": 7},
                 "server": {"timestamps": false}},
                 "actions": [{"at": 0, "host": "server", "call": "listen"}, {"at": 10, "host": "client", "call": "connect"}],
                 "untilMs": 1000}""";
        byte[] pcap = given().contentType(ContentType.JSON).body(spec).queryParam("format", "pcap").post("/api/traces")
                .then().statusCode(200).extract().asByteArray();
        JsonPath explained = given().contentType(PCAP).body(pcap).queryParam("lang", "en")
                .post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
        assertEquals(7, explained.getInt("scenario.params.client.windowScale"));
        assertEquals(false, explained.getBoolean("scenario.params.server.timestamps"));
        assertNull(explained.get("scenario.params.server.windowScale"), "the server's shift is the profile's 10");
        Map<String, Object> scenario = explained.getMap("scenario");
        JsonPath rerun = given().contentType(ContentType.JSON).body(scenario).post("/api/traces").then().statusCode(200).extract().jsonPath();
        JsonPath original = given().contentType(ContentType.JSON).body(spec).post("/api/traces").then().statusCode(200).extract().jsonPath();
        assertEquals(original.getList("segments.options.kind"), rerun.getList("segments.options.kind"));
        assertEquals(original.getList("segments.window"), rerun.getList("segments.window"));
    }

    @Test
    void aSecondCopyCarryingTheFirstsTsValIsTheNetworksDuplicate_replayedAsADuplicateFault_rfc7323Section3_2() throws Exception {
        // duplicate-data-defaults (§59, taken at the server): the client's 1000 bytes at 101.175 ms and again at
        // 121.139 ms, both TSval 1705126916. A sender that sends again stamps its own moment, 20 ticks later; this
        // copy carries the first's clock, so the network made it. The replay must not take it as the client's send.
        JsonPath explained = explained("duplicate-data-defaults", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"));
        assertTrue(explained.getString("trace.steps.find { it.kind == 'note' && it.text.contains('network duplicated') }.text")
                .contains("20 ms after the first"));
        // The client's [ACK] segments in sending order: the handshake's ACK (1), the data (2); 121.139 - 101.175 = 19.964,
        // 20 ms.
        assertDuplicateFault(explained, Map.of("from", "client", "flags", List.of("ACK"), "nth", 2), 20);
        JsonPath chinese = upload("duplicate-data-defaults", "zh");
        assertTrue(chinese.getString("steps.find { it.kind == 'note' && it.text.contains('复制') }.text").contains("20 毫秒"));
    }

    @Test
    void aCopyMadeAfterTheCapturePointIsInferredFromItsAnswer_replayedAndADuplicateFault_rfc9293Section3_10_7_4() throws Exception {
        // duplicate-fin-time-wait-defaults (§59, §84, taken at the server): the relay copied the server's FIN after
        // tcpdump saw it; the file shows only the client's second ACK (953.4 ms, 200 ms after its first), the same as the
        // first, then the server's RST to it. The replay delivers the copy, the client's TIME-WAIT answers it, and the
        // inferred scenario has the scenario file's fault.
        JsonPath explained = explained("duplicate-fin-time-wait-defaults", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"));
        assertTrue(explained.getString("trace.steps.find { it.text.contains('after the capture point') }.text")
                .contains("the client acknowledged again"));
        assertDuplicateFault(explained, Map.of("from", "server", "flags", List.of("FIN", "ACK"), "nth", 1), 200);
    }

    @Test
    void aTimeWaitThatOutlivesAResetAtRcvNxtIsReplayedWithTcpRfc1337_rfc1337Section3() throws Exception {
        // time-wait-old-segments-rfc1337 (§37, §84): the server's TIME-WAIT answers the FIN after the RST at RCV.NXT with
        // its ACK, as only tcp_rfc1337 = 1 does; the replay and its inferred scenario take that setting.
        JsonPath explained = explained("time-wait-old-segments-rfc1337", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"));
        assertEquals(true, explained.getBoolean("scenario.params.rfc1337"));
    }

    @Test
    void aSynCopyWithoutTimestampsSoonerThanAnyTimerAndUnpromptedIsTheNetworksDuplicate() throws Exception {
        // duplicate-syn (no options, at the server): the client's SYN at 0.000 and again at 20.019 ms. Without
        // timestamps only the timing tells: 20 ms is less than min(TCP_RTO_MIN 200 ms, the handshake's round trip,
        // 100 ms; a SYN's own timer is 1 s), and the server sent nothing in [0 - 100, 20 - 100] ms that could have
        // prompted it. Its SYN,ACK again (tcp_check_req) and the client's duplicate ACK then follow as in the kernel.
        JsonPath explained = explained("duplicate-syn", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"));
        assertDuplicateFault(explained, Map.of("from", "client", "flags", List.of("SYN"), "nth", 1), 20);
    }

    @Test
    void aSegmentBelowOneCapturedBeforeIt_withNoLaterTsVal_wasDelayedByTheNetwork_sentFirstAndDeliveredLate() throws Exception {
        // delayed-data-out-of-order-defaults (§59): the client sent J+1 and J+1449 (1448 bytes each) at one moment
        // (both TSval 1705153023); the relay held J+1 20 ms, so the server saw J+1449 at 101.302 ms and J+1 at 120.991.
        // J+1 lies below the end of J+1449 and its clock is no later, so it left first: no retransmission.
        JsonPath explained = explained("delayed-data-out-of-order-defaults", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"));
        assertTrue(explained.getString("trace.steps.find { it.kind == 'note' && it.text.contains('network delayed') }.text")
                .contains("20 ms after that one"));
        // The client's [ACK] segments in sending order: the handshake's ACK (1), J+1 (2), J+1449 (3);
        // 120.991 - 101.302 = 19.689, 20 ms.
        Map<String, Object> fault = explained.getMap("scenario.faults.find { it.action == 'delay' }");
        assertEquals(Map.of("from", "client", "flags", List.of("ACK"), "nth", 2), withoutNulls(fault.get("match")));
        assertEquals(20, fault.get("ms"));
        // The replay's client sends J+1 before J+1449, as the kernel did.
        List<Long> sent = explained.getList("trace.segments.findAll { it.from == 'client' && it.len > 0 }.seq", Long.class);
        assertEquals(2, sent.size());
        assertEquals(1448, sent.get(1) - sent.get(0));
        JsonPath chinese = upload("delayed-data-out-of-order-defaults", "zh");
        assertTrue(chinese.getString("steps.find { it.kind == 'note' && it.text.contains('网络延迟') }.text").contains("20 毫秒"));
    }

    /** The inferred scenario's one duplicate fault: the segment it matches and how much later the copy arrives. */
    private static void assertDuplicateFault(JsonPath explained, Map<String, Object> match, int ms) {
        Map<String, Object> fault = explained.getMap("scenario.faults.find { it.action == 'duplicate' }");
        assertEquals(match, withoutNulls(fault.get("match")));
        assertEquals(ms, fault.get("ms"));
    }

    private static Map<Object, Object> withoutNulls(Object map) {
        Map<Object, Object> kept = new java.util.HashMap<>((Map<?, ?>) map);
        kept.values().removeIf(java.util.Objects::isNull);
        return kept;
    }

    @Test
    void anOldDuplicateWhoseTsValIsOlderIsTheNetworksNotTheClients_andThePawsOfTheServerDropsIt() throws Exception {
        // paws-old-duplicate (server side): row 6 carries the client's clock of a second ago; the kernel dropped it
        // and sent a duplicate ACK (TcpExtPAWSEstab 1). The replay must neither infer a send() for it nor flag it.
        JsonPath trace = upload("paws-old-duplicate", "en");
        assertEquals(List.of(), deviations(trace));
        String note = trace.getString("steps.find { it.kind == 'note' && it.text.contains('old duplicate') }.text");
        assertTrue(note.contains("TSval"), note);
        assertTrue(trace.getList("steps.findAll { it.endpoint == 'server' }.rule").contains("RFC 7323 §5.3 (PAWS, R1)"),
                "the server's PAWS drops it");
        JsonPath chinese = upload("paws-old-duplicate", "zh");
        assertTrue(chinese.getString("steps.find { it.kind == 'note' && it.text.contains('旧重复') }.text").contains("PAWS"));
    }

    @Test
    void aLateFinAnsweredWithAResetShowsTheFinWait2TimeoutAndTheReplayAndItsScenarioTakeIt() throws Exception {
        // fin-timeout-orphan (tcp_fin_timeout=3): the server's FIN came 3947 ms after it acknowledged the client's FIN.
        JsonPath explained = explained("fin-timeout-orphan", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }"));
        String note = explained.getString("trace.steps.find { it.kind == 'note' && it.endpoint == 'client' }.text");
        assertTrue(note.contains("3947 ms") && note.contains("3000 ms"), note);
        assertEquals(3000, explained.getInt("scenario.params.finWait2TimeoutMs"));
        assertEquals("CLOSED", explained.getString("trace.finalStates.client"));
    }

    @Test
    void aBareResetToTheClientsFinShowsTheHalfOpenEntryExpiredAndLosesTheAcksItNeverGot() throws Exception {
        // synack-retries-1 (tcp_synack_retries=1): one SYN,ACK retry, both of the client's ACKs dropped after the
        // capture point, then the FIN answered as a listener answers it.
        JsonPath explained = explained("synack-retries-1", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }"));
        assertEquals(List.of("lost", "lost"), explained.getList("trace.segments.findAll { it.from == 'client' && it.flags == ['ACK'] }.fate"));
        assertFalse(explained.getList("trace.steps.findAll { it.endpoint == 'server' }.stateAfter").contains("ESTABLISHED"));
        assertFalse(explained.getList("scenario.actions.call").contains("abort"), "no abort() invented for the reset");
        assertEquals(1, explained.getInt("scenario.params.synAckRetries"));
    }

    @Test
    void aClientSideCaptureOfALostFinLosesTheFirstFinInsteadOfDeliveringIt() throws Exception {
        JsonPath trace = upload("fin-lost-client-side", "en");
        List<Map<String, Object>> fins = trace.getList("segments.findAll { it.from == 'client' && it.flags.contains('FIN') }");
        assertEquals(2, fins.size());
        assertEquals("lost", fins.get(0).get("fate"), "the first FIN never reached the server");
        assertEquals("delivered", fins.get(1).get("fate"));
        String drop = trace.getString("steps.find { it.kind == 'drop' }.text");
        assertTrue(drop.contains("sends this segment again at 751 ms") && drop.contains("probably lost"), drop);
        // The server learns of the close only from the retransmitted FIN, after it was sent.
        long secondFin = ((Number) fins.get(1).get("sentAt")).longValue();
        long closeWait = trace.getLong("steps.find { it.endpoint == 'server' && it.stateAfter == 'CLOSE_WAIT' }.at");
        assertTrue(closeWait > secondFin, "CLOSE_WAIT at " + closeWait + " ms, second FIN sent at " + secondFin + " ms");
        assertEquals(List.of(), deviations(trace), "no invented ACK, no FIN retransmission called un-Linux-like");
        assertEquals(8, trace.getList("segments").size(), "the capture's segments and nothing else");
    }

    @Test
    void zeroWindowProbesAreProbesOfDataWrittenBehindTheShutWindow_notRetransmissionsOfLostData() throws Exception {
        // zero-window-probe (docs/linux-captures.md §29): the client probes twice with SND.UNA - 1 and no data.
        JsonPath trace = upload("zero-window-probe", "en");
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'drop' }"), "nothing was lost");
        assertEquals(List.of(), deviations(trace));
        List<String> probes = trace.getList("steps.findAll { it.text.contains('Persist (zero-window probe) timer expires') }.text");
        assertEquals(2, probes.size(), "both probes sent by the replay's persist timer, as the capture shows them");
        assertTrue(trace.getString("steps.find { it.kind == 'note' && it.text.contains('send(4380)') }.text") != null,
                "the 4380 bytes the probes stand for were written when the window shut");
    }

    @Test
    void aWindowUpdateTheSenderStillProbesAfterWasLost_rfc9293Section3_8_6_1() throws Exception {
        // zero-window-update-lost: the server's window update at 2102 ms is dropped at the client, which probes a third
        // time at 2796 ms and sends only after that probe's answer.
        JsonPath trace = upload("zero-window-update-lost", "en");
        String drop = trace.getString("steps.find { it.kind == 'drop' }.text");
        assertTrue(drop.contains("probes the shut window again at 2795 ms") && drop.contains("probably lost"), drop);
        assertEquals(1, trace.getList("steps.findAll { it.kind == 'drop' }").size(), "only the update");
        assertEquals(List.of(), deviations(trace));
    }

    @Test
    void aClientSideCaptureOfALostSynAckLosesTheSynAckTheRetransmittedSynProves() throws Exception {
        JsonPath trace = upload("syn-ack-lost-client-side", "en");
        List<Map<String, Object>> synAcks = trace.getList("segments.findAll { it.flags == ['SYN', 'ACK'] }");
        assertEquals(2, synAcks.size());
        assertEquals("lost", synAcks.get(0).get("fate"));
        assertEquals("delivered", synAcks.get(1).get("fate"));
        String drop = trace.getString("steps.find { it.kind == 'drop' }.text");
        assertTrue(drop.contains("acknowledgement was probably lost"), drop);
        assertEquals(9, trace.getList("segments").size());
        assertEquals("TIME_WAIT", trace.getString("finalStates.client"));
        // This run is the ordering of syn-ack-lost-syn-first: the client's second SYN reached the server before
        // the server's SYN,ACK timer fired, so Linux answered it once. The kernel's timer wheel explains it: the
        // replay puts the wheel where the client's SYN sent again shows it stood, and the server's 1 s timer, due
        // after that SYN's bucket, fires at the end of the next 8-tick one, after the SYN has come (docs/linux-captures.md
        // §77). No race to tell (one was told before, the engine firing the timer on time), and no departure.
        assertEquals(List.of(), deviations(trace));
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'race' }.text"));
    }

    @Test
    void theReplayAgreesTheCapturedMssAndOffersTheCapturedWindow() throws Exception {
        // receive-window-unread: MSS 1460 on both SYNs, no window scaling. Without the captured options the engine fell
        // back to RFC 9293's 536-byte MSS and called every 1460-byte segment of the client a departure (23 in all).
        JsonPath trace = upload("receive-window-unread", "en");
        assertEquals(List.of(), deviations(trace));
    }

    @Test
    void aWindowThatOnlyShrinksIsDataLeftUnread_andOneThatGrowsBackWithNoNewDataIsARead() throws Exception {
        // receive-window-unread (docs/linux-captures.md §16): both SYNs offer 7300, a buffer smaller than the profile's
        // (SO_RCVBUF 8192); the server's window falls 8760, 7300, 5840, 2920 with its right edge still, and its window
        // update at 401 ms (2920 to 8760, no new data) is its read of all 7300 bytes.
        JsonPath explained = explained("receive-window-unread", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }"));
        assertEquals("on-call", explained.getString("scenario.params.serverReads"));
        assertNull(explained.get("scenario.params.clientReads"));
        // The largest buffer a SYN window of 7300 (five segments of 1460) allows: 7300 + 1460 - 1 (see zero-window-probe).
        assertEquals(8759, explained.getInt("scenario.params.server.window"));
        assertEquals(8759, explained.getInt("scenario.params.client.window"));
        List<Map<String, Object>> reads = explained.getList("scenario.actions.findAll { it.call == 'read' }");
        assertEquals(1, reads.size(), reads.toString());
        assertEquals("server", reads.get(0).get("host"));
        assertEquals(7300, reads.get(0).get("bytes"));
        // The window update was captured at 401 ms at the client's end; it left the server a one-way delay later.
        assertEquals(List.of(451), callTimesWhenRunAgain(explained, "server", "read(7300)"));
        List<String> notes = explained.getList("trace.steps.findAll { it.kind == 'note' }.detail");
        assertTrue(notes.contains("replay.reads-on-call.window"), notes.toString());
        assertTrue(notes.contains("replay.receive-buffer"), notes.toString());

        String zh = upload("receive-window-unread", "zh").getString("steps.find { it.detail == 'replay.reads-on-call.window' }.text");
        assertTrue(zh != null && zh.contains("窗口更新"), zh);
    }

    @Test
    void twoPushedSegmentsAcknowledgedOnlyLaterAreDataLeftUnread_andAFinAtCloseIsAReadOfAllThatWaited() throws Exception {
        // request-response-ping-pong (docs/linux-captures.md §20j): a reading server would have acknowledged requests 2
        // and 3 at once (tcp_cleanup_rbuf, ICSK_ACK_PUSHED2); its answers carried the ACKs 5 ms later. Its windows (shift
        // 10) cannot show 800 bytes, so the read is the one its FIN shows: a close with data unread would reset.
        JsonPath explained = explained("request-response-ping-pong", null);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }"));
        assertEquals("on-call", explained.getString("scenario.params.serverReads"));
        List<String> serverCalls = explained.getList("scenario.actions.findAll { it.host == 'server' }.call");
        assertEquals(List.of("listen", "send", "send", "send", "send", "read", "close"), serverCalls);
        assertEquals(800, explained.getInt("scenario.actions.find { it.call == 'read' }.bytes"));
        assertTrue(explained.getList("trace.steps.detail").contains("replay.reads-on-call.pushed-pair"));
    }

    @Test
    void aSeparateAckOfTheFinBeforeTheServersFirstData_isSentByTheReplaysOwnTick() throws Exception {
        // half-close: the server's delayed-ACK tick acknowledged the client's FIN 0.4 ms after it arrived and 1.3 ms
        // before its application's first send(), which carries the same ack (docs/linux-captures.md §6). The replay's
        // timer fires on its tick grid too (Profile.delayedAckTimerFiresOnTick), at the next tick, before the send.
        JsonPath trace = upload("half-close", "en");
        assertEquals(List.of(), deviations(trace));
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'race' }"));
        assertEquals(11, trace.getList("segments").size(), "the capture's segments, the separate ACK among them");
    }

    @Test
    void aSeparateAckOfTheFinBeforeTheServersFirstData_afterTheReplaysTick_isTheOtherOrderOfTheDelayedAckRace() throws Exception {
        // The same capture with the FIN and all after it 2 ms later: the FIN reaches the replay's server just after a
        // tick, so its timer would fire after the send(), which then carries the ACK; the kernel's tick came first.
        byte[] later = PcapShift.later(capture("half-close"), 3, 2_000);
        JsonPath trace = upload(later, "en");
        assertEquals(List.of(), deviations(trace));
        List<Map<String, Object>> races = trace.getList("steps.findAll { it.kind == 'race' }");
        assertEquals(1, races.size(), trace.getList("steps.text").toString());
        String race = (String) races.get(0).get("text");
        assertEquals("server", races.get(0).get("endpoint"));
        assertTrue(race.startsWith("The server sends <SEQ=") && race.contains("CTL=ACK>") && race.contains("by itself, 2 ms before"),
                race);
        long firstData = trace.getLong("segments.find { it.from == 'server' && it.len > 0 }.sentAt");
        assertEquals(firstData, ((Number) races.get(0).get("at")).longValue(), "told when the data leaves");
        assertEquals(11, trace.getList("segments").size(), "the capture's segments, the separate ACK among them");

        String zh = upload(later, "zh").getString("steps.find { it.kind == 'race' }.text");
        assertTrue(zh != null && zh.startsWith("服务器单独发送了") && zh.contains("延迟确认定时器"), zh);
    }

    @Test
    void aServerSideCaptureOfTheSynFirstOrder_isTheTimerWheelsOrder_withoutARaceOrADeparture_calcIndex() throws Exception {
        // The server's SYN,ACK timer, due 1 s after the SYN,ACK, fires at the end of its 8-tick bucket on the wheel,
        // after the client's SYN sent again has arrived: the replay answers that SYN once, as Linux did (before: the
        // timer on time, told as a race).
        JsonPath trace = upload("syn-ack-lost-syn-first", "en");
        assertEquals(List.of(), deviations(trace));
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'race' }.text"));
    }

    @Test
    void aServerSideCaptureOfTheTimerFirstOrderShowsBothSynAcksAndNoRace() throws Exception {
        // syn-ack-lost: the server's timer fired before the client's second SYN arrived, so both SYN,ACKs are on the
        // wire, as the engine sends them: nothing is missing, so there is no race to tell of.
        JsonPath trace = upload("syn-ack-lost", "en");
        assertEquals(3, trace.getList("segments.findAll { it.flags == ['SYN', 'ACK'] }").size());
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'race' }"));
    }

    @Test
    void aSynOnAFourTupleWhoseConnectionEndedStartsASecondConnection_eachReplayedOnItsOwn() throws Exception {
        // time-wait-reuse (docs/linux-captures.md §18): the client's second connect() took the 4-tuple its first
        // connection held in TIME-WAIT (tcp_tw_reuse), 1150 ms after that connection's last ACK.
        JsonPath chooser = explained("time-wait-reuse", null);
        assertNull(chooser.get("trace"), "two connections: nothing replayed before one is chosen");
        assertEquals(List.of("CLOSED", "ESTABLISHED"), chooser.getList("connections.outcome"));
        assertEquals(List.of(7, 3), chooser.getList("connections.segments"));
        assertEquals(List.of("10.0.0.1:49152", "10.0.0.1:49152"), chooser.getList("connections.client"));

        JsonPath first = explained("time-wait-reuse", 0);
        assertEquals(List.of(), first.getList("trace.steps.findAll { it.kind == 'deviation' }"));
        assertEquals("TIME_WAIT", first.getString("trace.finalStates.client"));
        assertEquals(List.of("listen", "connect", "close", "close"), first.getList("scenario.actions.call"));
        JsonPath second = explained("time-wait-reuse", 1);
        assertEquals(List.of(), second.getList("trace.steps.findAll { it.kind == 'deviation' }"));
        assertEquals("ESTABLISHED", second.getString("trace.finalStates.client"));
        assertEquals(List.of("listen", "connect"), second.getList("scenario.actions.call"));
        // Each on its own ISNs: the second SYN's is the first connection's SND.NXT + 65537 (tcp_twsk_unique).
        assertEquals(102104928L, second.getLong("scenario.params.clientIsn"));
    }

    @Test
    void aServerSideFloodListsHalfOpenEntriesAndTheirReplayInventsNoClient() throws Exception {
        JsonPath chooser = explained("syn-flood-half-open", null);
        assertNull(chooser.get("trace"), "several connections: nothing replayed before one is chosen");
        List<String> outcomes = chooser.getList("connections.outcome");
        assertEquals(9, outcomes.size());
        assertEquals(8, outcomes.stream().filter("HALF_OPEN"::equals).count(), outcomes.toString());
        assertEquals("ESTABLISHED", outcomes.get(8));
        assertEquals("10.0.1.1:40000", chooser.getString("connections[0].client"));

        JsonPath entry = explained("syn-flood-half-open", 0);
        assertEquals(0, entry.getInt("connection"));
        assertEquals("CLOSED", entry.getString("trace.finalStates.client"), "nobody at the spoofed address");
        assertEquals("SYN_RECEIVED", entry.getString("trace.finalStates.server"));
        assertFalse(entry.getList("trace.steps.stateAfter").contains("ESTABLISHED"), "no invented client gets in");
        assertEquals(List.of(), entry.getList("trace.steps.findAll { it.kind == 'deviation' }"));
        assertTrue(entry.getString("trace.steps.find { it.kind == 'note' }.text").contains("half-open entry of a SYN flood"));
        assertEquals(List.of("lost", "lost", "lost", "lost"),
                entry.getList("trace.segments.findAll { it.from == 'server' }.fate"), "every SYN,ACK to the spoofed source");
        assertEquals(List.of("listen"), entry.getList("scenario.actions.call"), "the inferred scenario has no client call");
        assertEquals(1, entry.getInt("scenario.inject[0].flood.count"));

        JsonPath client = explained("syn-flood-half-open", 8);
        assertEquals("ESTABLISHED", client.getString("trace.finalStates.client"));
        assertEquals(List.of(), client.getList("trace.steps.findAll { it.kind == 'deviation' }"));
    }

    @Test
    void theScenarioInferredFromACaptureRunsAgainWithTheOtherProfileAndItsLoss() throws Exception {
        JsonPath explained = explained("fin-lost-client-side", null);
        Map<String, Object> scenario = explained.getMap("scenario");
        assertEquals("linux", scenario.get("profile"));
        assertEquals(List.of("listen", "connect", "close", "close"), explained.getList("scenario.actions.call"));
        assertEquals(List.of(Map.of("from", "client", "flags", List.of("FIN", "ACK"), "nth", 1)), explained.getList("scenario.faults.match"));
        // The client's ACK of the SYN,ACK came 101.8 ms after its SYN: half of it, rounded down.
        assertEquals(50, explained.getInt("scenario.params.oneWayDelayMs"));
        scenario.put("profile", "rfc9293");
        JsonPath rerun = given().contentType(ContentType.JSON).body(scenario).queryParam("lang", "en")
                .when().post("/api/traces").then().statusCode(200).extract().jsonPath();
        assertEquals("rfc9293", rerun.getString("profile"));
        assertEquals(List.of("lost", "delivered"), rerun.getList("segments.findAll { it.from == 'client' && it.flags.contains('FIN') }.fate"));
    }

    /**
     * loopback-data-and-close: the client's 100 bytes at 200.913 ms, the server's reply of 200 at 200.982 ms (its ACK
     * 101 covers them), every arrival within the millisecond it was sent (one-way delay 0). The inferred scenario's
     * calls that followed the first signal of their kind (established, data, eof; RFC 9293 §3.9.1) react to it, as the
     * catalogue's applications do, so run again the reply still follows the request. Before, the server's send(200) was
     * timed at 202 ms, the moment the request arrived, and ran before that arrival: a reply acknowledging nothing
     * of the request, sent ahead of the server's ACK of it.
     */
    @Test
    void aScenarioInferredFromAPathUnderAMillisecond_runsAgainWithEachReplyAfterWhatItAnswered() throws Exception {
        JsonPath explained = explained(Files.readAllBytes(Path.of("src", "test", "resources", "captures", "loopback",
                "loopback-data-and-close.pcap")), null);
        assertEquals(0, explained.getInt("scenario.params.oneWayDelayMs"));
        assertEquals(List.of("data"), explained.getList("scenario.actions.findAll { it.host == 'server' && it.call == 'send' }.on"));
        JsonPath rerun = given().contentType(ContentType.JSON).body(explained.getMap("scenario")).queryParam("lang", "en")
                .when().post("/api/traces").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("client SYN 0", "server SYN,ACK 0", "client ACK 0", "client PSH,ACK 100", "server ACK 0",
                        "server PSH,ACK 200", "client ACK 0", "client FIN,ACK 0", "server ACK 0", "server FIN,ACK 0", "client ACK 0"),
                rerun.<Map<String, Object>>getList("segments").stream()
                        .map(s -> s.get("from") + " " + String.join(",", (List<String>) s.get("flags")) + " " + s.get("len")).toList());
        long request = rerun.getLong("segments.find { it.from == 'client' && it.len == 100 }.seq");
        assertEquals(request + 100, rerun.getLong("segments.find { it.from == 'server' && it.len == 200 }.ack"));
    }

    /**
     * veth-get200k-ack-before-probe: the client's program read nothing until the server's FIN, then all 200,204 bytes
     * that waited. A scenario's read carries at most 65,535 bytes, so the inferred scenario reads them in four calls of
     * that moment (65,535 × 3 + 3,599); before, one read(200204) made the scenario a 400 the captures page could not
     * run again.
     */
    @Test
    void aReadOfMoreThanAScenarioCallCarries_isInferredAsSeveralReadsOfThatMoment_soTheScenarioRunsAgain() throws Exception {
        JsonPath explained = explained(Files.readAllBytes(Path.of("src", "test", "resources", "captures", "veth",
                "veth-get200k-ack-before-probe.pcap")), 0);
        assertEquals(List.of(65_535, 65_535, 65_535, 3_599),
                explained.getList("scenario.actions.findAll { it.host == 'client' && it.call == 'read' }.bytes"));
        given().contentType(ContentType.JSON).body(explained.getMap("scenario")).queryParam("lang", "en")
                .when().post("/api/traces").then().statusCode(200);
    }

    @Test
    void aHandshakeOfAnOddRoundTrip_isReplayedWithHalfOfItRoundedDown_soNoAnswerLeavesBeforeWhatItAnswersArrives() throws Exception {
        // small-window-partial-segment, taken at the server: the SYN,ACK at 0.067 ms, the client's ACK of it at
        // 100.952 ms. Moved so the round trip is 101.0 ms (half rounded to 51 ms, the SYN,ACK would reach the replay's
        // client at 102 ms, after its captured ACK at 101 ms) and 99.6 ms (rounded to 50 ms: 100 ms, after 99 ms).
        Map<Integer, Integer> delayByShift = Map.of(101_067 - 100_952, 50, 99_667 - 100_952, 49);
        for (var shifted : delayByShift.entrySet()) {
            JsonPath explained = explained(PcapShift.later(capture("small-window-partial-segment"), 2, shifted.getKey()), null);
            String moved = "moved by " + shifted.getKey() + " µs";
            assertEquals(shifted.getValue(), explained.getInt("scenario.params.oneWayDelayMs"), moved);
            assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"), moved);
            assertEquals(23, explained.getList("trace.segments").size(), moved);
        }
    }

    @Test
    void aServerGoneSilentBehindItsShutWindow_losesItsAnswersToTheProbes_andTheClientGivesUpAfterItsThirdProbe_rfc9293Section3_8_6_1_must37()
            throws Exception {
        // zero-window-probe-give-up (docs/linux-captures.md §33), taken at the server: it answers each of the client's
        // three probes with its window still shut, and the capture ends. An answered prober probes on, so the answers
        // never arrived; the client (tcp_retries2 = 3) gives up after its third probe, with no segment.
        byte[] pcap = Files.readAllBytes(Path.of("tools", "linux-captures", "runs", "zero-window-probe-give-up",
                "zero-window-probe-give-up.pcap"));
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = given().contentType(PCAP).body(pcap).queryParam("lang", lang)
                    .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
            assertEquals("linux", explained.getString("trace.profile"));
            assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"), lang);
            assertEquals(List.of("lost", "lost", "lost"), explained.getList(
                    "trace.segments.findAll { it.from == 'server' && it.window == 0 }.fate").subList(1, 4), lang);
            assertEquals("CLOSED", explained.getString("trace.finalStates.client"), lang);
            String giveUp = explained.getString("trace.steps.find { " + GIVE_UP + " }.text");
            assertTrue(giveUp.contains(lang.equals("en") ? "3 zero-window probes in a row went unanswered" : "连续 3 个零窗口探测都没有得到回应"),
                    giveUp);
            for (String text : explained.<String>getList("trace.steps.text")) {
                assertFalse(text.contains("replay.") || text.contains("give-up.") || text.contains("{"), lang + ": " + text);
                assertFalse(lang.equals("zh") && text.matches("(?s).*\\b(the|which|sends|probably|network|capture|probe)\\b.*"), text);
            }
            Map<String, Object> scenario = explained.getMap("scenario");
            assertEquals(3, explained.getInt("scenario.params.client.dataRetries"));
            assertEquals("server", explained.getString("scenario.faults[0].match.from"));
            assertNull(explained.get("scenario.faults[0].match.flags"));
            long silentFrom = explained.getLong("scenario.faults[0].match.afterMs");
            assertTrue(silentFrom > 263 && silentFrom < 689, "after the zero window, before the first answer: " + silentFrom);
            assertEquals(1, explained.getList("scenario.faults").size());
            // The inferred scenario runs again: the same three probes, the same give-up.
            JsonPath rerun = given().contentType(ContentType.JSON).body(scenario).queryParam("lang", lang)
                    .when().post("/api/traces").then().statusCode(200).extract().jsonPath();
            assertEquals("CLOSED", rerun.getString("finalStates.client"));
            assertEquals(3, rerun.getList("segments.findAll { it.from == 'client' && it.len == 0 && it.sentAt > 600 }").size());
            assertEquals(giveUp, rerun.getString("steps.find { " + GIVE_UP + " }.text"));
        }
    }

    /** A capture of everyday traffic made with ordinary programs on a veth pair (tools/linux-captures/runs/everyday-*). */
    private static JsonPath everyday(String id, String profile, String lang) throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of("tools", "linux-captures", "runs", id, id + ".pcap"));
        return given().contentType(PCAP).body(pcap).queryParam("lang", lang).queryParam("profile", profile)
                .when().post("/api/captures").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRequestAndCloseWithinOneMillisecond_isReplayedAnswerAfterWhatItAnswers_andTheResetOfLateDataCarriesNoAck() throws Exception {
        // everyday-close-after-request (docs/linux-captures.md §32): handshake, request, FIN and the server's ACK all
        // within 0.13 ms; 22 ms later the server's reply is answered by <SEQ=SEG.ACK><CTL=RST> (tcp_v4_send_reset()).
        JsonPath trace = everyday("everyday-close-after-request", "linux", "en");
        assertEquals(List.of(), deviations(trace));
        assertEquals(List.of("listen()", "connect()", "send(27)", "close()", "send(204)"), trace.getList("steps.findAll { it.kind == 'call' }.detail"),
                "the request is sent once the handshake is replayed, and no abort() is invented for the reset");
        assertEquals(List.of("RST"), trace.getList("segments.find { it.from == 'client' && it.flags.contains('RST') }.flags"));
    }

    @Test
    void keepAliveProbesAreToldAsProbes_notReportedAsSegmentsLinuxWouldNotSend_rfc9293Section3_8_4() throws Exception {
        // everyday-keepalive: SO_KEEPALIVE with TCP_KEEPIDLE and TCP_KEEPINTVL of 1 s; three probes, each answered.
        JsonPath trace = everyday("everyday-keepalive", "linux", "en");
        assertEquals(List.of(), deviations(trace));
        assertEquals(3, trace.getList("steps.findAll { it.kind == 'note' && it.text.contains('keep-alive probe') }").size());
    }

    @Test
    void aStretchAckOfABurstIsLinuxs_butTheTextbookAcknowledgesEverySecondSegment_rfc9293Section3_8_6_3() throws Exception {
        // everyday-download-stretch-acks: the client acknowledges 28 segments of one burst with one ACK (GRO and
        // tcp_add_backlog() took them as one); the capture ends with that ACK.
        JsonPath linux = everyday("everyday-download-stretch-acks", "linux", "en");
        assertEquals(List.of(), linux.getList("steps.findAll { it.kind == 'deviation' && it.endpoint == 'client' }.text"));
        assertTrue(linux.getString("steps.find { it.kind == 'note' && it.endpoint == 'client' && it.text.contains('acknowledges them together') }.text") != null);
        JsonPath textbook = everyday("everyday-download-stretch-acks", "rfc9293", "en");
        assertFalse(textbook.getList("steps.findAll { it.kind == 'deviation' && it.endpoint == 'client' }").isEmpty(),
                "SHLD-19 asks for an ACK at least every second full-sized segment");
    }

    @Test
    void ecnNegotiatedOnTheSyns_isModelledAndToldOnceAsANote_rfc3168Section6_1_1() throws Exception {
        // everyday-ecn-negotiated (docs/linux-captures.md §38, §141): [SYN, ECE, CWR] from a client with tcp_ecn = 1, then
        // [SYN, ACK, ECE] from a server with the default 2, which the engine sends too: no deviation, one note.
        byte[] pcap = Files.readAllBytes(Path.of("tools", "linux-captures", "runs", "everyday-ecn-negotiated", "everyday-ecn-negotiated.pcap"));
        Map<String, List<String>> words = Map.of("en", List.of("asks for ECN", "it agrees", "negotiates ECN as the capture's ends did", "ECN negotiation"),
                "zh", List.of("请求使用 ECN", "它同意", "按抓包中两端的方式协商 ECN", "ECN 协商"));
        for (String lang : List.of("en", "zh")) {
            JsonPath trace = given().contentType(PCAP).body(pcap).queryParam("lang", lang)
                    .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath().setRootPath("trace");
            assertEquals(List.of(), deviations(trace), lang);
            assertEquals(List.of("SYN", "ECE", "CWR"), trace.getList("segments[0].flags"));
            List<Map<String, String>> notes = trace.getList("steps.findAll { it.detail != null && it.detail.startsWith('replay.ecn') }");
            assertEquals(1, notes.size(), lang + ": " + notes);
            Map<String, String> note = notes.get(0);
            assertEquals(List.of("note", "client", "replay.ecn-agreed"), List.of(note.get("kind"), note.get("endpoint"), note.get("detail")));
            String told = note.get("text") + " " + note.get("rule");
            for (String word : words.get(lang)) {
                assertTrue(told.contains(word), lang + ": " + told);
            }
            assertFalse(told.contains("replay.") || told.contains("{"), told);
        }
    }

    @Test
    void everydayCapturesInChineseHaveNoRawKeyAndNoEnglishExplanation() throws Exception {
        for (String id : List.of("everyday-close-after-request", "everyday-keepalive", "everyday-download-stretch-acks")) {
            for (String text : everyday(id, "linux", "zh").<String>getList("steps.text")) {
                assertFalse(text.contains("replay.") || text.contains("{") || text.matches("(?s).*\\b(the|which|sends|probably|together|probe)\\b.*"), id + ": " + text);
            }
        }
    }

    @Test
    void aChineseReplayHasNoRawKeyAndNoEnglishExplanation() throws Exception {
        JsonPath trace = upload("fin-lost-client-side", "zh");
        for (String text : trace.<String>getList("steps.text")) {
            assertFalse(text.contains("replay.") || text.contains("{") || text.matches("(?s).*\\b(the|which|sends|probably|network|capture)\\b.*"), text);
        }
        assertTrue(trace.getString("steps.find { it.kind == 'drop' }.text").contains("很可能丢失"));
        assertTrue(trace.getString("title").startsWith("抓包："), trace.getString("title"));
    }
    /**
     * Captures taken with segmentation offload at its defaults (src/test/resources/captures/offload, made by
     * tools/linux-captures/offload-veth.sh; docs/linux-captures.md §39): a veth pair, tcpdump on the client's side.
     */
    private static JsonPath offloadExplained(String name, String lang) throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "offload", name + ".pcap"));
        return given().contentType(PCAP).body(pcap).queryParam("lang", lang)
                .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDownloadCapturedWhereGroMergedTheSegments_isComparedAsTheWireCarriedIt_rfc9293Section3_7_1() throws Exception {
        // veth-download: the server's 200,000 bytes arrive merged by GRO into "segments" of up to 65,160 bytes, with
        // an MSS of 1448 (1460 less the timestamps); the client acknowledges each merged one once.
        JsonPath explained = offloadExplained("veth-download", "en");
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"));
        assertEquals(Map.of("endpoint", "server", "largest", 65160, "mss", 1448, "wireSegments", 45, "oversized", 8),
                explained.getMap("offload"));
        List<String> notes = explained.getList("trace.steps.findAll { it.detail == 'replay.offload' }.text");
        assertEquals(1, notes.size(), "said once");
        assertTrue(notes.get(0).startsWith("This capture was taken where segments are merged or not yet cut (TSO/GSO/GRO)")
                && notes.get(0).contains("a 65160-byte segment left as 45 segments of 1448 bytes on the wire"), notes.get(0));
        // Every byte the capture shows, in segments of at most the MSS; the states at the end are the capture's.
        List<Integer> lengths = explained.getList("trace.segments.findAll { it.from == 'server' }.len");
        assertEquals(200_000, lengths.stream().mapToInt(Integer::intValue).sum());
        assertTrue(lengths.stream().allMatch(length -> length <= 1448), lengths.toString());
        assertEquals("CLOSED", explained.getString("trace.finalStates.client"));
        assertEquals("TIME_WAIT", explained.getString("trace.finalStates.server"));
    }

    @Test
    void anUploadCapturedAtTheSenderBeforeTsoCutItsSegments_isComparedAsTheWireCarriedIt() throws Exception {
        // veth-upload: the client's own 200,000 bytes, seen before veth's GSO cut them; its last one carries the FIN.
        JsonPath explained = offloadExplained("veth-upload", "en");
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"));
        assertEquals("client", explained.getString("offload.endpoint"));
        assertEquals(65160, explained.getInt("offload.largest"));
        assertEquals("TIME_WAIT", explained.getString("trace.finalStates.client"));
        // Its connection closed; the listener that answered the SYN listens on (RFC 9293 §3.10.1, MUST-41).
        assertEquals("LISTEN", explained.getString("trace.finalStates.server"));
        // The FIN rides on the last data, which the kernel still held when the application closed (tcp_send_fin).
        // The replay infers close() right after the write (docs/linux-captures.md §81), so its client's last data
        // carries the FIN as the capture's does, with no note that the two were sent apart.
        assertEquals(List.of(1240), explained.getList("trace.segments.findAll { it.from == 'client' && it.flags.contains('FIN') }.len"));
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.detail == 'replay.fin-on-queued-data' }"));
    }

    @Test
    void theOffloadNoteIsChineseOnAChinesePage_andACaptureWithoutOffloadHasNone() throws Exception {
        String zh = offloadExplained("veth-download", "zh").getString("trace.steps.find { it.detail == 'replay.offload' }.text");
        assertTrue(zh != null && zh.startsWith("这份抓包是在报文段被合并或尚未切分的位置抓取的"), zh);
        assertEquals(List.of(), lab.handshake.ChineseWords.foreign(zh));
        JsonPath plain = explained("data-transfer", null);
        assertNull(plain.get("offload"));
        assertEquals(List.of(), plain.getList("trace.steps.findAll { it.detail == 'replay.offload' }"));
    }

    /**
     * curl fetching 10,000 bytes from python3 -m http.server on loopback in a namespace of its own
     * (tools/linux-captures/everyday-lo-veth.sh lo get10k; docs/linux-captures.md §42): both SYNs announce loopback's
     * MSS 65495, and the server sends its answer in one segment of 10,000 bytes. Each end's own SYN bounds what it
     * sends (RFC 9293 §3.7.1), so the replayed server sends that one segment too, not seven of the profile's 1460.
     */
    @Test
    void aLoopbackDownloadIsSentInSegmentsOfTheMssEachEndsOwnSynAnnounced_rfc9293Section3_7_1() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux(loopback("loopback-netns-get-10k"), "loopback-netns-get-10k", lang);
            assertEquals(65495, explained.getInt("scenario.params.server.mss"), lang);
        }
    }

    /**
     * loopback-netns-get-10k and loopback-netns-get-200k (docs/linux-captures.md §71): both ends have one address, so the
     * inferred scenario says {@code loopback}, and run again each receiver is charged the sender's own buffers
     * (tcp_stream_alloc_skb's small head plus the payload) as the kernel's was. The 10k scenario runs again segment for
     * segment as the capture shows it, the client's ACK of the body offering 109 units (67 before); the 200k one offers
     * the capture's 93 and 61 after the first two segments of 32,768 bytes.
     */
    @Test
    void aLoopbackCapturesScenarioRunsAgainWithTheWindowsOfTheSendersOwnBuffers_tcpStreamAllocSkb() throws Exception {
        JsonPath small = explained(loopback("loopback-netns-get-10k"), null);
        assertTrue(small.getBoolean("scenario.params.loopback"));
        assertEquals(windows(small.getList("trace.segments")), windows(rerun(small).getList("segments")));
        JsonPath large = explained(loopback("loopback-netns-get-200k"), null);
        List<Integer> clientWindows = rerun(large).getList("segments.findAll { it.from == 'client' }.window");
        assertEquals(List.of(93, 61), clientWindows.subList(4, 6));
    }

    private static JsonPath rerun(JsonPath explained) {
        return given().contentType(ContentType.JSON).body(explained.getMap("scenario")).queryParam("lang", "en")
                .when().post("/api/traces").then().statusCode(200).extract().jsonPath();
    }

    /** Each segment's sender, flags, length and window. */
    private static List<String> windows(List<Map<String, Object>> segments) {
        return segments.stream().map(s -> s.get("from") + " " + s.get("flags") + " " + s.get("len") + " " + s.get("window")).toList();
    }

    /**
     * download-1m-defaults (docs/linux-captures.md §36, §78, §82), taken at the server across the relay's 100 ms round
     * trip: from 707 to 710 ms the client acknowledged the segments one by one, with a few ACKs of two or three (111
     * ACKs, 32 of them departures before), and from 606.8 to 607.4 ms mostly every second one (58 ACKs in 606 and 607 ms,
     * one a departure before), as its reading program ran (__tcp_ack_snd_check, tcp_cleanup_rbuf), which a capture at
     * the sender cannot show. The replay
     * takes those ACKs, each sent as the segment it acknowledges arrived, as the capture shows them, told once in the
     * reader's language: none departs.
     */
    @Test
    void aDownloadsReceiverAckingEachSegment_orEverySecond_asTheCaptureShows_departsInNeitherStretch_tcpAckSndCheck()
            throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = given().contentType(PCAP).body(capture("download-1m-defaults")).queryParam("lang", lang)
                    .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
            assertEquals(1, explained.getList("trace.steps.findAll { it.detail == 'replay.bulk-acks-as-input' }").size(), lang);
            List<String> departures = explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text");
            for (String stretch : List.of("it.sentAt >= 707 && it.sentAt <= 710", "it.sentAt == 606 || it.sentAt == 607")) {
                List<Long> acks = explained.getList("trace.segments.findAll { it.from == 'client' && it.len == 0 && (%s) }.ack"
                        .formatted(stretch), Long.class);
                assertTrue(acks.size() >= 14, stretch + " " + acks);
                for (long ack : acks) {
                    assertTrue(departures.stream().noneMatch(text -> text.contains("<ACK=" + ack + ">")), ack + " " + departures);
                }
            }
        }
    }

    /**
     * curl downloading 200,000 bytes from python3 -m http.server, and a client uploading 1,000,000 bytes, on loopback in
     * a namespace (everyday-lo-veth.sh lo get200k, upload1m; docs/linux-captures.md §42). The handshake takes about
     * 30 µs, far within one 4 ms tick: which segments the receiver's ACKs cover and the windows they offer (0 and 93
     * units 12 µs apart in the upload) follow when its reading program ran. The replay takes those pure ACKs as the
     * capture shows them, told once, gives each receiver a buffer as large as the largest window its ACKs offer, and
     * judges the sender's segments given them (cut to half the largest window offered, tcp_bound_to_half_wnd). Under
     * rfc9293 nothing of this applies: no note, and the ACKs stay compared (SHLD-19).
     */
    @Test
    void aBulkTransferWithARoundTripWithinOneTick_takesTheReceiversAcksAsInput_andItsSenderIsLinuxs() throws Exception {
        for (String name : List.of("loopback-netns-get-200k", "loopback-netns-upload-1m")) {
            for (String lang : List.of("en", "zh")) {
                JsonPath explained = explainedAsLinux(loopback(name), name, lang);
                assertEquals(1, explained.getList("trace.steps.findAll { it.detail == 'replay.acks-as-input' }").size(), name + " " + lang);
            }
            JsonPath textbook = given().contentType(PCAP).body(loopback(name)).queryParam("profile", "rfc9293")
                    .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(), textbook.getList("trace.steps.findAll { it.detail == 'replay.acks-as-input' }"), name);
            assertFalse(textbook.getList("trace.steps.findAll { it.kind == 'deviation' }").isEmpty(), name);
        }
    }

    /**
     * The lo get200k capture with one ACK of the client changed to offer 50 units (51,200 bytes) instead of 93
     * (edit-window.py, next to it): the server's next segment but one, 47,616 bytes from 102816377, lies beyond that
     * window, which a Linux sender never sends (RFC 9293 §3.8.6, tcp_snd_wnd_test). The ACKs are taken as input, and the
     * first departure named is that segment; the client, whose ACKs are the capture's, departs nowhere.
     */
    @Test
    void aSegmentBeyondTheWindowACapturedAckOffered_isStillADepartureFromLinux_rfc9293Section3_8_6() throws Exception {
        JsonPath trace = upload(loopback("loopback-netns-get-200k-window-overrun"), "en");
        List<String> found = deviations(trace);
        assertEquals("The server sends <SEQ=102816377><ACK=3647514519><CTL=PSH,ACK><DATA=47616> at 7 ms,"
                + " which a Linux 6.x endpoint would not send then.", found.get(0), found::toString);
        assertEquals(List.of(), trace.getList("steps.findAll { it.kind == 'deviation' && it.endpoint == 'client' }"));
    }

    /**
     * Downloads whose sender took the receiver's ACKs later than the capture shows them sent (docs/linux-captures.md
     * §48). veth-nooffload-get-200k: curl fetches 200,000 bytes over a veth pair with TSO, GSO and GRO off, captured at
     * the client, the server's socket on CUBIC (everyday-lo-veth.sh veth-nooffload get200k). The server's answer shows
     * one segment at a time, each followed by the client's ACK of it, 20 ACKs in 0.2 ms, then 29 segments with no ACK
     * between them. The server sent a burst: its initial window of 10 (the 204-byte header and 9 segments), then 2 for
     * each ACK, the window growing by the packet each acknowledged while the flight filled it (tcp_slow_start,
     * tcp_is_cwnd_limited): up to 10 + 2 x 20 = 50 segments before the client's next ACK; the capture shows 49. Taken in
     * the capture's order, each ACK would reach a server with one or two segments in flight, whose window never grows
     * (117 deviations before §48). The capture shows the server's segments when they reached the client, after the
     * client's receive path had held them, so an ACK captured before a server segment may have reached the server after
     * it was sent. veth-nooffload-three: the same link, curl fetching a small file and then 200,000 bytes on one
     * keep-alive connection (144 deviations before), and a small file on a second. loopback-netns-get-2m: curl
     * fetches 2,000,000 bytes on loopback (made before the script set CUBIC: the server on this machine's default, bbr,
     * whose startup grows the window by the packets acknowledged, as slow start does here); the server took two ACKs
     * from its socket's backlog only after sending eight more segments inside sendmsg (lock_sock, tcp_add_backlog,
     * sk_flush_backlog; §47), 11 deviations before §48.
     */
    @Test
    void aDownloadWhoseSenderTookTheAcksLaterThanCaptured_isLinuxs_tcpSlowStartTcpAddBacklog() throws Exception {
        for (String lang : List.of("en", "zh")) {
            explainedAsLinux(veth("veth-nooffload-get-200k"), "veth-nooffload-get-200k", lang);
            explainedAsLinux(loopback("loopback-netns-get-2m"), "loopback-netns-get-2m", lang);
            for (int connection : List.of(0, 1)) {
                JsonPath three = given().contentType(PCAP).body(veth("veth-nooffload-three")).queryParam("lang", lang)
                        .queryParam("connection", connection).when().post("/api/captures/explained").then().statusCode(200)
                        .extract().jsonPath();
                assertEquals(2, three.getList("connections").size());
                assertEquals(List.of(), three.getList("trace.steps.findAll { it.kind == 'deviation' }.text"), lang + " " + connection);
            }
        }
    }

    /**
     * curl fetching 2,000,000 bytes on loopback, the server's socket on CUBIC (everyday-lo-veth.sh lo get2m; the file is
     * tools/linux-captures/runs/everyday-lo-veth-s22a/cubic/lo-get2m-1.pcap, docs/linux-captures.md §51). Window scale
     * 10 both ways, MSS 65,483. The client's ACK of 43567857 (frame 22) offers 236 units: 241,664 bytes, a right edge of
     * 43567857 + 241664 = 43809521, and the server's 32,874 bytes from 43767484 end at 43800358, within it. Linux takes
     * data up to rcv_wup + rcv_wnd of the last segment it sent (tcp_select_window sets both, tcp_sequence checks
     * against tcp_receive_window). The profile's model of the client's memory lets a reader on arrival read once per
     * millisecond, so in the 8th it had offered up to 43636518 + 121856 = 43758374, took the 65,483 bytes from 43702001
     * that began within that, and then, 656,896 bytes charged to a memory of 483,328, offered 0 at 43767484: it dropped
     * the segment from 43767484, and each later ACK of the client acknowledged data it "had not taken" (20 deviations
     * before §51). Where the pure ACKs are the capture's, the replayed client's right edge now moves on to what its
     * captured segments offered.
     */
    @Test
    void aLoopbackDownloadWhoseReceiverTakesWhatItsCapturedWindowsLetIn_isLinuxs_tcpSelectWindowTcpSequence() throws Exception {
        for (String lang : List.of("en", "zh")) {
            explainedAsLinux(loopback("loopback-netns-get-2m-cubic"), "loopback-netns-get-2m-cubic", lang);
        }
    }

    /**
     * The scenario inferred from a 2,000,000-byte download runs again through {@code POST /api/traces} (the captures
     * page's profile switch and fault menu): its server sends the same bytes in all as the capture. The API's bound on
     * the data a scenario sends was 1 MB, so every download of more was refused with 413.
     */
    @Test
    void theScenarioInferredFromATwoMegabyteDownload_runsAgainAndSendsWhatTheCaptureSent() throws Exception {
        JsonPath explained = explained(loopback("loopback-netns-get-2m-cubic"), null);
        JsonPath rerun = given().contentType(ContentType.JSON).body(explained.getMap("scenario")).queryParam("lang", "en")
                .when().post("/api/traces").then().statusCode(200).extract().jsonPath();
        String serverData = "segments.findAll { it.from == 'server' && !it.retransmission }.len.sum()";
        int captured = explained.getInt("trace." + serverData);
        assertTrue(captured > 2_000_000, "the capture's answer: " + captured);
        assertEquals(captured, rerun.getInt(serverData));
    }

    /**
     * Another run of the same download (tools/linux-captures/runs/everyday-lo-veth-s23a/lo-get2m-2.pcap, §51, §64). In its
     * last millisecond the server sends eight segments, 65,483 and 29,749 bytes in turn, the last 53,429 bytes from
     * 4026890166 with its FIN; only then come the client's seven ACKs, each one segment further (4026604470 ...
     * 4026890166) with a window 128 units larger: window updates of curl's reads (tcp_cleanup_rbuf), 0.5 ms before its
     * FIN,ACK acknowledges 4026943596. Linux builds every ACK with the RCV.NXT it has then (tcp_transmit_skb), so the
     * ACK of 4026890166 left before the client's TCP took the segment from 4026890166: it waited in the socket's
     * backlog while curl held the socket (tcp_add_backlog). Taken then, 53,429 + 1 bytes past the last ACK is less
     * than one rcv_mss (65,483), and tcp_fin's ping-pong mode leaves PUSHED alone no reason to ACK on the read
     * (tcp_cleanup_rbuf): the ACK waited and rode on the FIN. The replay took every segment at its capture time, so
     * the replayed client had 65,483 + 53,430 bytes unacknowledged by its own ACKs at the FIN, acknowledged it at once,
     * and that ACK was missing from the capture (1 deviation before). Now each segment captured before an ACK of its
     * receiver that acknowledges no more than its first byte is delivered after that ACK.
     */
    @Test
    void aSegmentCapturedBeforeItsReceiversAckOfLess_isTakenAfterThatAck_tcpTransmitSkbAcksRcvNxt() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux(loopback("loopback-netns-get-2m-cubic-fin-taken-late"),
                    "loopback-netns-get-2m-cubic-fin-taken-late", lang);
            List<String> client = explained.getList("trace.steps.findAll { it.endpoint == 'client' }.detail");
            int ack = client.indexOf("<SEQ=4199541916><ACK=4026890166><CTL=ACK>");
            int fin = client.indexOf("<SEQ=4026890166><ACK=4199541916><CTL=FIN,PSH,ACK><DATA=53429>");
            assertTrue(ack >= 0 && fin > ack, lang + ": the ACK of 4026890166 at " + ack + ", the FIN taken at " + fin);
        }
    }

    /**
     * The same capture with the client's ACK of 43567857 (frame 22) changed to offer 100 units instead of 236
     * (edit-window.py): 43567857 + 102400 = 43670257. The server takes that smaller window (a newer ACK,
     * tcp_may_update_window) and its next segment, 65,483 bytes from 43702001, starts beyond it: a Linux sender never
     * sends it (RFC 9293 §3.8.6, tcp_snd_wnd_test). The client's right edge moves only to what it offered: its captured
     * windows reach at most 43502374 + 208 x 1024 = 43715366 (frame 16), its own choices 43767484 (a window of 0 once
     * the segment from 43702001 was in), so the 32,874 bytes from 43767484 lie beyond every window it offered, it drops
     * them (tcp_sequence), and its captured ACK of 43800358 acknowledges data it never took: a departure too.
     */
    @Test
    void dataBeyondEveryWindowTheReceiverOffered_isStillADepartureOfBothEnds_rfc9293Section3_8_6_tcpSequence() throws Exception {
        List<String> found = deviations(upload(loopback("loopback-netns-get-2m-cubic-window-overrun"), "en"));
        assertEquals("The server sends <SEQ=43702001><ACK=3317601327><CTL=ACK><DATA=65483> at 8 ms,"
                + " which a Linux 6.x endpoint would not send then.", found.get(0), found::toString);
        assertTrue(found.contains("The client sends <SEQ=3317601327><ACK=43800358><CTL=ACK> at 8 ms,"
                + " which a Linux 6.x endpoint would not send then."), found::toString);
    }

    /**
     * The veth-nooffload-get-200k capture up to the server's 49th segment of the answer, without the client's 20 ACKs
     * between its first segments (tools/linux-captures/edit-records.py): a sender that sends 49 segments with no ACK at all.
     * However late the replay lets the server take an ACK, none came: its initial window is 10 segments (RFC 6928; the
     * 204-byte header and 9 of 1448), so the 11th, from 3202415090 (K+13237: 204 + 9 x 1448 + 1), and the 38 after it
     * are departures.
     */
    @Test
    void aBurstBeyondTheInitialWindowWithNoAckAtAll_isStillADepartureFromLinux_rfc5681Section3_1() throws Exception {
        JsonPath trace = upload(veth("veth-nooffload-get-200k-burst-without-acks"), "en");
        List<String> server = trace.getList("steps.findAll { it.kind == 'deviation' && it.endpoint == 'server' }.text");
        assertEquals("The server sends <SEQ=3202415090><ACK=983449776><CTL=PSH,ACK><DATA=1448> at 11 ms,"
                + " which a Linux 6.x endpoint would not send then.", server.get(0), server::toString);
        assertEquals(39, server.stream().filter(text -> text.startsWith("The server sends")).count(), server::toString);
    }

    /**
     * veth-get-200k (everyday-lo-veth.sh veth get200k, offload on, §42): the server's last 496 bytes leave at 6.3 ms, in
     * a GRO segment of 3392 (2 x 1448 + 496) with PSH, and its FIN on its own 20 µs later, both in the capture's 6th
     * millisecond, after the client's ACK of 6.2 ms. The congestion window held them until that ACK (tcp_cwnd_test):
     * the replayed server takes it when its data needs it ({@code CaptureReplay.ackOfTheWave}, docs/linux-captures.md
     * §52), sends the 496 bytes, and the close() inferred from the FIN sends the FIN on its own, as the capture shows.
     * Before §52 the ACK came at the end of the millisecond, after close(), the replayed server put the FIN on the
     * queued data (tcp_send_fin), and the replay told that as a note of its own (§49), removed since: 3 deviations
     * without {@code ackOfTheWave}.
     */
    @Test
    void lastDataTheCongestionWindowHeldGoesOnTheAckCapturedBeforeIt_andTheFinAfterItOnItsOwn_tcpCwndTest() throws Exception {
        for (String lang : List.of("en", "zh")) {
            explainedAsLinux(veth("veth-get-200k"), "veth-get-200k", lang);
        }
    }

    /**
     * curl fetching a small file and 200,000 bytes on one keep-alive connection and a small file on a second (the
     * `three` exchange of everyday-lo-veth.sh over a veth pair with TSO, GSO and GRO on, the server on CUBIC; runs 1
     * and 3 of tools/linux-captures/runs/everyday-lo-veth-s22a/cubic, 8 and 112 deviations before docs/linux-captures.md
     * §52). K is the answer's first byte (the server's ISN 176832482 + 1 + 185 + 6 + 204 = 176832878). In run 1 the
     * server's window after the client's third ACK of the answer (K+27512, 9.6 ms) is 30 packets:
     * 10, plus 6, 4 and 10 acknowledged (tcp_slow_start while tcp_is_cwnd_limited), nothing of the answer in flight
     * after it; the server then sends 20 segments (2 + 15 + 3, GRO-merged) before the next ACK, among them the
     * 376-byte tail of the program's first 65,536-byte write (65,536 = 45 x 1448 + 376: tcp_mss_split_point lets a
     * write queue's short tail go with its packet when no small segment is unacknowledged, tcp_nagle_check and
     * tcp_minshall_check). The capture at the client shows that ACK before those segments, within one millisecond
     * that no segment of the server answers; the replayed server had compared them before the ACK reached it, queued
     * its inferred writes behind a full window and cut them, once the ACK came, into segments of 1448 from where the
     * window had stopped: 1448 bytes where the kernel sent its 376 (4 segments missing, 4 unexpected). Now a segment
     * the state machine has not sent takes the ACKs captured before it in its millisecond first, one at a time.
     */
    @Test
    void segmentsTheCongestionWindowLetGoOnTheAckCapturedJustBeforeThem_areLinuxs_tcpCwndTestTcpMssSplitPoint() throws Exception {
        for (String name : List.of("veth-three-1", "veth-three-3")) {
            for (String lang : List.of("en", "zh")) {
                for (int connection : List.of(0, 1)) {
                    oneOfTwoConnectionsExplainedAsLinux(name, lang, connection);
                }
            }
        }
    }

    /**
     * veth-three-1 without the client's third ACK of the answer (record 17, K+27512 at 9.6 ms, K = 176832878 as above;
     * tools/linux-captures/edit-records.py). Without it the server's window under CUBIC is 20 packets (10 + 6 + 4) and
     * 20 are in flight after the segments up to K+41992 (rows of 10 and 10 after K+13032), so the 20 the capture shows
     * next in that millisecond, from 176874870 (K+41992), cannot be Linux's: no ACK captured before them lets them go,
     * and each is a departure (120 in all). Under BBR too (docs/linux-captures.md §55): its window also grew by the
     * first answer's two packets, acknowledged while far below it (bbr_set_cwnd: no tcp_is_cwnd_limited gate), so 22,
     * and only the first 2 of the 20 go; the rest, from 176877766 (K+41992 + 2 × 1448), are departures. BBR departs
     * less (118), so the replay shows BBR's and says so; under either the segments stay flagged.
     */
    @Test
    void segmentsBeyondTheWindowOfEveryAckCapturedBeforeThem_areStillADepartureFromLinux_rfc5681Section3_1() throws Exception {
        JsonPath explained = explained(veth("veth-three-1-without-third-ack"), 0);
        List<String> server = explained.getList("trace.steps.findAll { it.kind == 'deviation' && it.endpoint == 'server' }.text");
        assertEquals("The server sends <SEQ=176877766><ACK=3044964313><CTL=ACK><DATA=1448> at 9 ms,"
                + " which a Linux 6.x endpoint would not send then.", server.get(0), server::toString);
        assertEquals(18, server.stream().filter(text -> text.startsWith("The server sends") && text.contains(" at 9 ms,")).count(),
                server::toString);
        assertEquals("bbr", explained.getString("scenario.params.congestionControl"));
    }

    /**
     * Captures whose server ran BBR (this machine's default, net.ipv4.tcp_congestion_control = bbr; everyday-lo-veth.sh
     * with HL_CC=bbr, docs/linux-captures.md §55): veth-nooffload-three-bbr (runs/everyday-lo-veth-s22a/bbr/
     * veth-nooffload-three-1) and veth-three-bbr (offload on; runs/everyday-lo-veth-s24b/bbr/veth-three-1), both
     * connections. curl fetches a 6-byte file and then 200,000 bytes on one keep-alive connection: the first answer's
     * two packets are acknowledged one by one, each far below the window; BBR's startup adds each to the window
     * (bbr_set_cwnd: cwnd + acked while below the target, 136 packets of 1448 bytes at this round trip, with no
     * tcp_is_cwnd_limited gate), so the second answer starts with 12 packets where CUBIC allows 10, and every ACK grows
     * it again whatever the flight. Replayed under CUBIC they depart (140 and 120 deviations); the replay then runs
     * BBR, which explains them: no deviation, the note that says so, and the inferred scenario's congestionControl bbr;
     * en and zh, no raw key, no Latin word on the Chinese page.
     */
    @Test
    void aServerWhoseWindowGrewAsBbrsDoes_isExplainedWithBbr_bbrSetCwnd() throws Exception {
        for (String name : List.of("veth-nooffload-three-bbr", "veth-three-bbr")) {
            for (String lang : List.of("en", "zh")) {
                for (int connection : List.of(0, 1)) {
                    String which = name + " " + lang + " " + connection;
                    JsonPath three = oneOfTwoConnectionsExplainedAsLinux(name, lang, connection);
                    if (connection == 0) {
                        assertEquals("bbr", three.getString("scenario.params.congestionControl"), which);
                        assertEquals(1, three.getList("trace.steps.findAll { it.kind == 'note' && it.rule.contains('tcp_bbr.c') }").size(), which);
                    }
                }
            }
        }
    }

    /** A capture CUBIC explains is shown with CUBIC: no BBR note, and no congestionControl in the inferred scenario. */
    @Test
    void aCaptureCubicExplains_staysCubic() throws Exception {
        JsonPath explained = explainedAsLinux(veth("veth-nooffload-get-200k"), "veth-nooffload-get-200k", "en");
        assertNull(explained.getString("scenario.params.congestionControl"));
        assertEquals(0, explained.getList("trace.steps.findAll { it.kind == 'note' && it.rule.contains('tcp_bbr.c') }").size());
    }

    /**
     * s23b's veth three run 2 (tools/linux-captures/runs/everyday-lo-veth-s23b/cubic/veth-three-2.pcap; docs/linux-captures.md
     * §54), K the answer's first byte as above. The first 65,536-byte write's 376-byte tail (K+65160) leaves at 16.5 ms
     * with its packet; the second write's 65,160 bytes follow at 16.6 ms, and its 376-byte tail (K+130696) only at
     * 20.8 ms, 4.2 ms later with no ACK between: Minshall's check held it behind the first tail, still unacknowledged
     * (tcp_nagle_check, tcp_minshall_check), until the loss probe's timer (2 × srtt + 2 ms, one 4 ms tick) sent it as
     * new data (tcp_send_loss_probe: tcp_write_xmit with TCP_NAGLE_OFF). Before, that small segment behind another
     * made the replay infer TCP_NODELAY, the replayed server sent the tail at once on the write inferred from it, and
     * its probe, 4 ms later, sent it again: 1 deviation. Now a small segment a probe could have sent is no sign of
     * TCP_NODELAY, and the probe sends the tail Nagle held.
     */
    @Test
    void aWriteTailNagleHeldGoesAsTheLossProbesNewData_isLinuxs_tcpSendLossProbe() throws Exception {
        for (String lang : List.of("en", "zh")) {
            oneOfTwoConnectionsExplainedAsLinux("veth-three-s23b-2", lang, 1);
            List<String> probe = oneOfTwoConnectionsExplainedAsLinux("veth-three-s23b-2", lang, 0).getList(
                    "trace.steps.findAll { it.kind == 'send' && it.endpoint == 'server' && it.detail.contains('SEQ=2705475752') }.detail");
            assertEquals(1, probe.size(), lang + ": the tail K+130696 (2705475752) is sent once: " + probe);
        }
    }

    /**
     * s24b's bbr veth-nooffload three run 2 (tools/linux-captures/runs/everyday-lo-veth-s24b/bbr/veth-nooffload-three-2.pcap,
     * kept as veth-nooffload-three-bbr-probe-tail; docs/linux-captures.md §57). The 200,000-byte answer is written in
     * 65,536-byte pieces and a last one of 3,392: the second piece's 752-byte tail (194728934) leaves at 60.5 ms and stays
     * unacknowledged until 66.3 ms; the last piece's tail, 872 bytes at 194797742 (65,536 + 3,392 = 47 × 1448 + 872),
     * leaves at 66.1 ms, 5.3 ms after the server's last data (60.8 ms) with no client segment between (its last ACK,
     * 60.5 ms, reaches 194710110): Minshall's check held it behind the 752 bytes (tcp_nagle_check, tcp_minshall_check)
     * until the loss probe sent it as new data (tcp_send_loss_probe: tcp_write_xmit with TCP_NAGLE_OFF). Before, the
     * replay inferred send(872) when the tail left, at 66 ms; the replayed server's probe, due at 60 + 4 = 64 ms, found
     * nothing written and sent 194796294 again: 6 deviations. The capture bounds the write: no later than the probe,
     * held by Nagle since; taken as written with the data before it (60 ms), the replayed probe sends it as new data.
     */
    @Test
    void aWriteTailThatLeftAsTheProbesNewData_wasWrittenBeforeTheProbe_tcpSendLossProbe() throws Exception {
        for (String lang : List.of("en", "zh")) {
            oneOfTwoConnectionsExplainedAsLinux("veth-nooffload-three-bbr-probe-tail", lang, 1);
            JsonPath answer = oneOfTwoConnectionsExplainedAsLinux("veth-nooffload-three-bbr-probe-tail", lang, 0);
            assertEquals("bbr", answer.getString("scenario.params.congestionControl"), lang);
            assertEquals(List.of(60), callTimesWhenRunAgain(answer, "server", "send(872)"), lang + ": send(872) with the data before it, at 60 ms");
            List<String> tail = answer.getList(
                    "trace.steps.findAll { it.kind == 'send' && it.endpoint == 'server' && it.detail.contains('SEQ=194797742') }.detail");
            assertEquals(List.of("<SEQ=194797742><ACK=2945995178><CTL=PSH,ACK><DATA=872>"), tail, lang + ": the tail is sent once");
        }
    }

    /**
     * s22a's bbr veth three run 1 (tools/linux-captures/runs/everyday-lo-veth-s22a/bbr/veth-three-1.pcap, kept as
     * veth-three-bbr-fin-carries-ack; docs/linux-captures.md §57). The client's last pure ACK (8.6 ms) reaches
     * 2035266878, three segments (376 + 1448 + 1448) after the ACK before it; the server's last 496 bytes arrive next,
     * and the client's FIN at 15.1 ms is the first to acknowledge them (2035267374): the connection is interactive
     * (the client answered within ato), so one pushed segment waits for the delayed-ACK timer (40 ms or more), and 496
     * bytes since the last ACK are less than one full segment (__tcp_ack_snd_check counts from rcv_wup, which every ACK
     * sets to rcv_nxt: tcp_select_window). The replay takes the client's pure ACKs as the capture shows them; before,
     * its state machine still counted from its own last ACK (2035265430), 1448 + 496 bytes before the 496 bytes' end,
     * more than a segment, and sent a pure ACK of them at once: 1 deviation. Now a captured ACK moves the client's count
     * (TcpConnection.acknowledgedOutside).
     */
    @Test
    void aCapturedAckIsTheOneTheNextAckCountsFrom_tcpSelectWindowSetsRcvWup() throws Exception {
        for (String lang : List.of("en", "zh")) {
            oneOfTwoConnectionsExplainedAsLinux("veth-three-bbr-fin-carries-ack", lang, 1);
            JsonPath three = oneOfTwoConnectionsExplainedAsLinux("veth-three-bbr-fin-carries-ack", lang, 0);
            List<String> acksOfTheTail = three.getList(
                    "trace.steps.findAll { it.kind == 'send' && it.endpoint == 'client' && it.detail.contains('ACK=2035267374') }.detail");
            assertEquals(List.of("<SEQ=2282810325><ACK=2035267374><CTL=FIN,ACK>"), acksOfTheTail, lang + ": the FIN acknowledges the tail");
        }
    }

    /**
     * s22a's bbr veth get200k run 3 (tools/linux-captures/runs/everyday-lo-veth-s22a/bbr/veth-get200k-3.pcap, offload
     * on, kept as veth-get200k-ack-before-probe; docs/linux-captures.md §57). The server's last 21,296 bytes leave at
     * 20.4 ms and the client's ACK of all of them comes at 24.1 ms, with no probe before it. The kernel's probe timer asks
     * for usecs_to_jiffies(2 × srtt + 2 ms), one 4 ms tick at a sub-ms srtt, and the timer wheel fires it one tick after
     * that (calc_index: "Round up with level granularity"), on a tick boundary 4 to 8 ms after it was armed. Before, the
     * replayed server's probe fired exactly 4 ms after 20 ms, at 24 ms, ahead of the ACK in the same millisecond, and
     * sent the last 1024 bytes again: 1 deviation. Now it is due at 28 ms (Profile.timerWheelMs).
     */
    @Test
    void aProbeIsDueATickAfterItsTimeout_soTheAckCapturedFirstCancelsIt_timerWheelCalcIndex() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath download = explainedAsLinux(veth("veth-get200k-ack-before-probe"), "veth-get200k-ack-before-probe", lang);
            List<String> lastBytes = download.getList(
                    "trace.steps.findAll { it.kind == 'send' && it.detail.contains('SEQ=2895790240') }.detail");
            assertEquals(1, lastBytes.size(), lang + ": the last 1024 bytes are sent once: " + lastBytes);
        }
    }

    /**
     * One connection of a two-connection veth capture explained under linux with no deviation, no raw message key,
     * and no Latin word on a Chinese page.
     */
    private static JsonPath oneOfTwoConnectionsExplainedAsLinux(String name, String lang, int connection) throws Exception {
        String which = name + " " + lang + " " + connection;
        JsonPath explained = given().contentType(PCAP).body(veth(name)).queryParam("lang", lang)
                .queryParam("connection", connection).when().post("/api/captures/explained").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, explained.getList("connections").size(), which);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"), which);
        for (String text : explained.<String>getList("trace.steps.text")) {
            assertFalse(text.contains("replay.") || text.contains("{"), which + ": " + text);
            if (lang.equals("zh")) {
                assertEquals(List.of(), lab.handshake.ChineseWords.foreign(text), which + ": " + text);
            }
        }
        return explained;
    }

    private static byte[] veth(String name) throws Exception {
        return Files.readAllBytes(Path.of("src", "test", "resources", "captures", "veth", name + ".pcap"));
    }

    /**
     * A capture kept in src/test/resources/captures/{@code folder}, {@code name}.pcap, explained under linux as
     * {@link #explainedAsLinux(byte[], String, String)} holds it.
     */
    static JsonPath keptExplainedAsLinux(String folder, String name, String lang) throws Exception {
        return explainedAsLinux(Files.readAllBytes(Path.of("src", "test", "resources", "captures", folder, name + ".pcap")), name, lang);
    }

    /** {@link #keptExplainedAsLinux} in English and in Chinese. */
    static void keptExplainedAsLinuxInBothLanguages(String folder, String name) throws Exception {
        for (String lang : List.of("en", "zh")) {
            keptExplainedAsLinux(folder, name, lang);
        }
    }

    /** One connection explained under linux with no deviation, no raw message key, and no Latin word on a Chinese page. */
    static JsonPath explainedAsLinux(byte[] pcap, String name, String lang) {
        JsonPath explained = given().contentType(PCAP).body(pcap).queryParam("lang", lang)
                .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
        assertEquals(1, explained.getList("connections").size(), name + " " + lang);
        assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"), name + " " + lang);
        for (String text : explained.<String>getList("trace.steps.text")) {
            assertFalse(text.contains("replay.") || text.contains("{"), text);
            if (lang.equals("zh")) {
                assertEquals(List.of(), lab.handshake.ChineseWords.foreign(text), text);
            }
        }
        return explained;
    }

    /**
     * The same capture with one segment taken out, the server's ACK of the request (record 5), so that the server
     * shows a departure from Linux: a Linux server acknowledges a connection's first data at once (quick-ACK mode,
     * tcp_in_quickack_mode), as the kept capture shows 4 µs after the request. The
     * explainer, which finds nothing in the whole capture, still names that one segment.
     */
    @Test
    void theLoopbackDownloadWithTheServersAckOfTheRequestTakenOut_isADepartureFromLinuxAtThatSegment() throws Exception {
        JsonPath trace = upload(loopback("loopback-netns-get-10k-no-ack-of-request"), "en");
        assertEquals(List.of("A Linux 6.x endpoint would have sent <SEQ=207583878><ACK=1011737665><CTL=ACK> at 0 ms; the server did not (or did later)."),
                deviations(trace));
    }

    /**
     * A departure names its segment's moment on the replay's clock, the one the diagram shows, and its time in the
     * capture: they differ by the path's one-way delay where the capture was taken at the other end
     * (runs/everyday-s79/download-loss-no-sack-client: 50 ms; before §82 the file was runs/uploads-s47's BBR upload,
     * whose receiver's ACKs the replay now takes as input; 51 ms since §158, whose reading of the tick phase from the
     * copies a timer sent, TickPhase, moves the replay's clock by 1 ms more). The step itself comes later, when
     * the replay has waited for the profile to send the same, so its time is not the segment's.
     */
    @Test
    void aDepartureNamesItsSegmentsMomentOnTheDiagramsClockAndInTheCapture() throws Exception {
        byte[] download = Files.readAllBytes(Path.of("tools", "linux-captures", "runs", "everyday-s79",
                "download-loss-no-sack-client.pcap"));
        JsonPath trace = upload(download, "en");
        String shifted = deviations(trace).stream().filter(text -> text.contains("into the captured connection")).findFirst().orElseThrow();
        assertEquals("The client sends <SEQ=2738026866><ACK=2439517554><CTL=ACK> at 864 ms (813 ms into the captured connection),"
                + " which a Linux 6.x endpoint would not send then.", shifted);
        assertEquals(List.of(864, 864), trace.getList("segments.findAll { it.from == 'client' && it.ack == 2439517554L && it.len == 0 }.sentAt"));
        assertTrue(trace.getInt("steps.find { it.kind == 'deviation' && it.endpoint == 'client' }.at") > 864,
                "told after the replay waited for it");
    }

    private static byte[] loopback(String name) throws Exception {
        return Files.readAllBytes(Path.of("src", "test", "resources", "captures", "loopback", name + ".pcap"));
    }
}
