package lab.handshake.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.handshake.api.Learner;
import lab.handshake.api.LearnerIdentity;
import org.junit.jupiter.api.Test;

/** {@code /api/sessions}: every move, the refusals, undo, replay and expiry. */
@QuarkusTest
class SessionApiTest {
    /** Who starts and moves the sessions of these tests, as one browser. */
    static final Learner CREATOR = Learner.fresh();

    @Inject
    SessionService sessions;

    static String create(String body) {
        return CREATOR.request().contentType(ContentType.JSON).body(body)
                .when().post("/api/sessions")
                .then().statusCode(201)
                .header("Location", containsString("/api/sessions/"))
                .extract().path("id");
    }

    static JsonPath move(String id, String body) {
        return CREATOR.request().contentType(ContentType.JSON).body(body)
                .when().post("/api/sessions/" + id + "/actions")
                .then().statusCode(200).extract().jsonPath();
    }

    static int onlyInFlight(JsonPath session) {
        assertEquals(1, session.getList("session.inFlight").size(), "segments in flight");
        return session.getInt("session.inFlight[0].id");
    }

    @Test
    void shouldDriveAHandshakeByHandInManualMode() {
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}}");
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        JsonPath afterConnect = move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}");
        assertEquals("SYN_SENT", afterConnect.getString("session.states.client"));
        assertEquals(100L, afterConnect.getLong("session.inFlight[0].seq"));
        assertTrue(afterConnect.getBoolean("session.ladder.segments[0].held") && !afterConnect.getBoolean("session.ladder.segments[0].lost"),
                "the SYN waiting for a decision is drawn held, not lost, in the ladder every answer carries");
        String download = CREATOR.request().queryParam("format", "svg").get("/api/sessions/" + id + "/trace")
                .then().statusCode(200).contentType(containsString("image/svg+xml")).extract().asString();
        assertTrue(download.contains("stroke-dasharray=\"2 3\"") && download.contains("fill=\"#fff\" stroke-width=\"1.5\""),
                "the SVG download draws the waiting SYN as the page does, dotted with an open head: " + download);
        assertFalse(download.contains("#b91c1c"), "and draws no loss's cross: " + download);
        JsonPath afterSyn = move(id, "{\"type\": \"deliver\", \"segment\": " + onlyInFlight(afterConnect) + "}");
        assertEquals("SYN_RECEIVED", afterSyn.getString("session.states.server"));
        assertEquals("arrive", afterSyn.getString("steps[0].kind"), "the answer lists the steps the move added");
        assertEquals(List.of(false, true), afterSyn.getList("session.ladder.segments.held"), "the SYN arrived; its SYN,ACK waits");
        JsonPath afterSynAck = move(id, "{\"type\": \"deliver\", \"segment\": " + onlyInFlight(afterSyn) + "}");
        JsonPath afterAck = move(id, "{\"type\": \"deliver\", \"segment\": " + onlyInFlight(afterSynAck) + "}");
        assertEquals("ESTABLISHED", afterAck.getString("session.states.server"));
        CREATOR.request().when().get("/api/sessions/" + id + "/trace")
                .then().statusCode(200)
                .body("segments.seq", equalTo(java.util.List.of(100, 300, 101)))
                .body("finalStates.server", equalTo("ESTABLISHED"));
    }

    /** Two small sends right after the handshake, by hand: how many segments are then in flight. */
    static int inFlightAfterTwoSmallSends(String noDelay) {
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300" + noDelay + "}}}");
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        JsonPath next = move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}");
        for (int i = 0; i < 3; i++) {
            next = move(id, "{\"type\": \"deliver\", \"segment\": " + onlyInFlight(next) + "}");
        }
        move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"send\", \"bytes\": 100}");
        next = move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"send\", \"bytes\": 100}");
        return next.getList("session.inFlight").size();
    }

    /** RFC 9293 §3.7.4: Nagle's algorithm holds the second small segment while the first is unacknowledged. */
    @Test
    void aSessionWithNoDelaySendsEverySmallSendAtOnce_withoutItNagleHoldsTheSecondBack() {
        assertEquals(1, inFlightAfterTwoSmallSends(""), "Nagle's algorithm (the default)");
        assertEquals(2, inFlightAfterTwoSmallSends(", \"noDelay\": true"), "TCP_NODELAY");
        CREATOR.request().contentType(ContentType.JSON).body("{\"spec\": {\"params\": {\"noDelay\": \"sometimes\"}}}")
                .post("/api/sessions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** On a phone the page asks for the compact ladder, whose long labels go on onto a second line. */
    @Test
    void aSessionAskedForWithTheCompactLadder_answersItEveryTime() {
        JsonPath created = CREATOR.request().contentType(ContentType.JSON)
                .body("{\"spec\": {\"params\": {\"clientIsn\": 2873916251, \"serverIsn\": 4294967000}}, \"mode\": \"auto\"}")
                .post("/api/sessions?ladder=compact").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}")
                .post("/api/sessions/" + id + "/actions?ladder=compact").then().statusCode(200);
        JsonPath moved = CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}")
                .post("/api/sessions/" + id + "/actions?ladder=compact").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(104.0f, 314.0f), moved.getList("session.ladder.lanes.x"), "the compact lanes");
        // The network delivers in the automatic mode: the handshake is done, its SYN,ACK seq=4294967000 ack=2873916252 too wide for one line.
        assertTrue(moved.getList("session.ladder.segments.absoluteLabelBreak", Integer.class).stream().anyMatch(at -> at > 0),
                "a label broken: " + moved.getList("session.ladder.segments.absoluteLabel"));
        assertEquals(List.of(150.0f, 590.0f), CREATOR.request().get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath()
                .getList("ladder.lanes.x"), "wide when not asked");
    }

    @Test
    void anOldDuplicateSynInjectedAsFromTheClientIsAnsweredAndResetAsInRfc9293Figure8() {
        // RFC 9293 §3.5 Figure 8 in automatic mode: the old SYN <SEQ=X> (ten below J) reaches the listening server,
        // which answers <SEQ=K0><ACK=X+1> from the ISN of this bogus attempt; the client, with no connection, answers
        // that with <SEQ=X+1><CTL=RST>, and the server goes back to LISTEN (§3.10.7.4).
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}, \"mode\": \"auto\"}");
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        JsonPath after = move(id, "{\"type\": \"old-syn\", \"host\": \"client\"}");
        assertEquals("LISTEN", after.getString("session.states.server"));
        CREATOR.request().when().get("/api/sessions/" + id + "/trace").then().statusCode(200)
                .body("segments.flags", equalTo(List.of(List.of("SYN"), List.of("SYN", "ACK"), List.of("RST"))))
                .body("segments.seqSymbolic", equalTo(java.util.Arrays.asList("X", "K0", "X+1")))
                .body("segments[1].ackSymbolic", equalTo("X+1"))
                .body("segments[0].injected", equalTo(true));
    }

    @Test
    void aForgedRstWithTheExpectedSequenceNumberResetsAnEstablishedConnection() {
        // RFC 9293 §3.10.7.4: a RST whose sequence number is exactly RCV.NXT resets the connection.
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}, \"mode\": \"auto\"}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"forged-rst\", \"host\": \"client\"}")
                .post("/api/sessions/" + id + "/actions").then().statusCode(409)
                .body("detail", containsString("no connection to reset"));
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        JsonPath established = move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}");
        assertEquals("ESTABLISHED", established.getString("session.states.server"));
        JsonPath reset = move(id, "{\"type\": \"forged-rst\", \"host\": \"client\"}");
        assertEquals("LISTEN", reset.getString("session.states.server"), "its connection is reset; its listener still listens");
        assertEquals("ESTABLISHED", reset.getString("session.states.client"), "the client never sent it and knows nothing");
        CREATOR.request().when().get("/api/sessions/" + id + "/trace").then().statusCode(200)
                .body("segments[-1].flags", equalTo(List.of("RST")))
                .body("segments[-1].seqSymbolic", equalTo("J+1"))
                .body("segments[-1].injected", equalTo(true));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"old-syn\"}")
                .post("/api/sessions/" + id + "/actions").then().statusCode(400)
                .body("errors[0].field", equalTo("host"));
    }

    @Test
    void aBlindRstInsideTheWindowButNotExactIsAnsweredWithAChallengeAckAndResetsNothing() {
        // RFC 9293 §3.10.7.4 (RFC 5961 §3.2): a RST whose sequence number is in the window but not RCV.NXT gets a
        // challenge ACK; the connection stays.
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}, \"mode\": \"auto\"}");
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}");
        JsonPath blind = move(id, "{\"type\": \"blind-rst\", \"host\": \"client\"}");
        assertEquals("ESTABLISHED", blind.getString("session.states.server"));
        CREATOR.request().when().get("/api/sessions/" + id + "/trace").then().statusCode(200)
                .body("segments[-2].flags", equalTo(List.of("RST")))
                .body("segments[-2].seqSymbolic", equalTo("J+2"))
                .body("segments[-1].from", equalTo("server"))
                .body("segments[-1].flags", equalTo(List.of("ACK")))
                .body("segments[-1].ackSymbolic", equalTo("J+1"));
    }

    @Test
    void spoofedSynsFillTheListeningServersSynQueue_andAreRefusedWhenNothingListens() {
        // RFC 4987 §2: SYNs from spoofed sources each hold a SYN-RECEIVED entry (RFC 9293 §3.10.7.2) of the listener.
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300, \"listenBacklog\": 8}}, \"mode\": \"auto\"}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"spoofed-syn\", \"count\": 8}")
                .post("/api/sessions/" + id + "/actions").then().statusCode(409)
                .body("type", equalTo("/problems/move-refused")).body("detail", containsString("server is not listening"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"spoofed-syn\", \"count\": 8}")
                .post("/api/sessions/" + id + "/actions?lang=zh").then().statusCode(409)
                .body("detail", containsString("服务器没有在监听"));
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        JsonPath full = move(id, "{\"type\": \"spoofed-syn\", \"count\": 8}");
        assertEquals("LISTEN", full.getString("session.states.server"));
        assertEquals(8, full.getInt("session.synQueueCapacity"));
        assertEquals(8, full.getInt("steps[-1].synQueue.server"), "the queue is full");
        assertEquals(8, full.getInt("session.moves[1].count"), "the count is kept with the move, for the replay");
        CREATOR.request().when().get("/api/sessions/" + id + "/trace").then().statusCode(200)
                .body("segments.findAll { it.from == 'attacker' }", hasSize(8))
                .body("segments.findAll { it.to == 'forged-source' }.fate", everyItem(equalTo("lost")));
    }

    @Test
    void aSpoofedSynMoveWithoutACountOrBeyondTheBound_is400NamingCount() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        for (String count : List.of("", ", \"count\": 0", ", \"count\": 257")) {
            CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"spoofed-syn\"" + count + "}")
                    .post("/api/sessions/" + id + "/actions")
                    .then().statusCode(400).body("type", equalTo("/problems/invalid-move"))
                    .body("errors[0].field", equalTo("count")).body("errors[0].message", equalTo("spoofed-syn needs a count from 1 to 256"));
        }
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"spoofed-syn\", \"count\": -3}")
                .post("/api/sessions/" + id + "/actions?lang=zh")
                .then().statusCode(400).body("errors[0].message", equalTo("spoofed-syn 需要 1 到 256 之间的 count"));
    }

    @Test
    void aMarkCeMove_withoutASegmentIs400NamingSegment_andOnTheSynIsAsARouterDropsANotEctSegment_rfc3168Section5() {
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"mark-ce\"}")
                .post("/api/sessions/" + id + "/actions")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-move")).body("errors[0].field", equalTo("segment"));
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        JsonPath connected = move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}");
        int syn = connected.getInt("session.inFlight[0].id");
        JsonPath marked = move(id, "{\"type\": \"mark-ce\", \"segment\": " + syn + "}");
        assertEquals("mark-ce", marked.getString("session.moves[2].type"));
        assertEquals("lost", marked.getString("session.trace.segments[0].fate"), "a SYN is never ECN-capable (RFC 3168 §6.1.1)");
    }

    @Test
    void inPredictMode_sendingSpoofedSynsAsksNothing_andTheirArrivalAsksTheFirstTakenBesideTheRealClientsSyn() {
        // The attacker's sending decides nothing; of the arrivals, the listener's first spoofed SYN taken is asked
        // (RFC 4987: as in a catalogue flood), then the real client's SYN of the same moment.
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300, \"listenBacklog\": 8}}, \"mode\": \"step\"}");
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"move\": {\"type\": \"spoofed-syn\", \"count\": 3}, \"since\": 1}")
                .post("/api/sessions/" + id + "/question").then().statusCode(200)
                .body("decisions", equalTo(0)).body("question", equalTo(null));
        move(id, "{\"type\": \"spoofed-syn\", \"count\": 3}");
        move(id, "{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"move\": {\"type\": \"advance\"}, \"since\": 3}")
                .post("/api/sessions/" + id + "/question").then().statusCode(200)
                .body("decisions", equalTo(2)).body("question.endpoint", equalTo("server"))
                .body("question.event", containsString("spoofed source"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"move\": {\"type\": \"advance\"}, \"since\": 3, \"decision\": 1}")
                .post("/api/sessions/" + id + "/question").then().statusCode(200)
                .body("question.endpoint", equalTo("server")).body("question.event", containsString("SYN seq=J"));
        JsonPath arrived = move(id, "{\"type\": \"advance\"}");
        assertEquals(4, arrived.getInt("steps[-1].synQueue.server"), "three spoofed entries and the client's");
        assertEquals("SYN_RECEIVED", arrived.getString("session.states.server"));
    }

    @Test
    void shouldRefuseACallTheStateMachineDoesNotAllowWith409() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        CREATOR.request().when().get("/api/sessions/" + id)
                .then().statusCode(200)
                .body("states.client", equalTo("SYN_SENT"))
                .body("possibleCalls.client", not(hasItem("send")));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"call\", \"host\": \"client\", \"call\": \"send\", \"bytes\": 10}")
                .when().post("/api/sessions/" + id + "/actions")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("send() is not possible now: the client is in SYN_SENT"));
    }

    @Test
    void shouldPlayOnByItselfInAutoModeAndAdvanceToTheNextTimer() {
        String id = create("{\"scenario\": \"four-way-close\", \"mode\": \"auto\"}");
        CREATOR.request().when().get("/api/sessions/" + id)
                .then().statusCode(200)
                .body("states.client", equalTo("TIME_WAIT"))
                .body("timers.kind", hasItem("time-wait"))
                .body("canAdvance", equalTo(true));
        JsonPath advanced = move(id, "{\"type\": \"advance\"}");
        assertEquals("CLOSED", advanced.getString("session.states.client"));
    }

    @Test
    void shouldDropDuplicateAndDelaySegmentsInFlight() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        JsonPath session = CREATOR.request().get("/api/sessions/" + id).jsonPath();
        int syn = session.getInt("inFlight[0].id");
        JsonPath dropped = move(id, "{\"type\": \"drop\", \"segment\": " + syn + "}");
        assertEquals("lost", dropped.getString("session.trace.segments[0].fate"));
        JsonPath retransmitted = move(id, "{\"type\": \"advance\"}");
        int again = onlyInFlight(retransmitted);
        JsonPath duplicated = move(id, "{\"type\": \"duplicate\", \"segment\": " + again + "}");
        assertEquals("duplicated", duplicated.getString("session.trace.segments[1].fate"));
        int synAck = duplicated.getInt("session.inFlight[0].id");
        JsonPath delayed = move(id, "{\"type\": \"delay\", \"segment\": " + synAck + ", \"ms\": 500}");
        assertEquals("delayed", delayed.getString("session.trace.segments.find { it.id == " + synAck + " }.fate"));
    }

    /** The client's copy of the trace after a move, from the copy before it and the answer's change. */
    private static Map<String, Object> applied(Map<String, Object> trace, JsonPath answer) {
        Map<String, Object> after = new HashMap<>(trace);
        int from = answer.getInt("traceChange.fromStep");
        List<Object> steps = new ArrayList<>(((List<?>) trace.get("steps")).subList(0, from));
        steps.addAll(answer.getList("traceChange.steps"));
        Map<Object, Object> segments = new TreeMap<>();
        for (Object segment : (List<?>) trace.get("segments")) {
            segments.put(((Map<?, ?>) segment).get("id"), segment);
        }
        for (Map<?, ?> segment : answer.<Map<?, ?>>getList("traceChange.segments")) {
            segments.put(segment.get("id"), segment);
        }
        after.put("steps", steps);
        after.put("segments", new ArrayList<>(segments.values()));
        after.put("finalStates", answer.getMap("traceChange.finalStates"));
        return after;
    }

    @Test
    void aMoveAnswersOnlyWhatItChangedInTheTraceTheClientHolds() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        JsonPath view = CREATOR.request().get("/api/sessions/" + id).jsonPath();
        Map<String, Object> trace = view.getMap("trace");
        int held = view.getInt("inFlight[0].id");
        // Drop the SYN, let it be sent again, then deliver the three segments of the handshake one by one.
        String next = "{\"type\": \"drop\", \"segment\": " + held + "}";
        for (int count = 0; count < 5; count++) {
            JsonPath answer = CREATOR.request().contentType(ContentType.JSON).body(next).queryParam("since", count)
                    .post("/api/sessions/" + id + "/actions").then().statusCode(200).extract().jsonPath();
            assertNull(answer.get("session.trace"), "the trace is not sent again");
            trace = applied(trace, answer);
            assertEquals(CREATOR.request().get("/api/sessions/" + id).jsonPath().getMap("trace"), trace,
                    "after move " + (count + 1) + " the client's copy is the session's trace");
            if (count < 4) {
                next = count == 0 ? "{\"type\": \"advance\"}"
                        : "{\"type\": \"deliver\", \"segment\": " + answer.getInt("session.inFlight[0].id") + "}";
            }
        }
        assertEquals("ESTABLISHED", ((Map<?, ?>) trace.get("finalStates")).get("server"));
    }

    @Test
    void aClientThatHoldsAnotherVersionGetsTheWholeTraceAndABadSinceIs400() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        JsonPath stale = CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"advance\"}").queryParam("since", 5)
                .post("/api/sessions/" + id + "/actions").then().statusCode(200).extract().jsonPath();
        assertNull(stale.get("traceChange"));
        assertEquals(CREATOR.request().get("/api/sessions/" + id).jsonPath().getMap("trace"), stale.getMap("session.trace"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"advance\"}").queryParam("since", "-1")
                .post("/api/sessions/" + id + "/actions").then().statusCode(400).body("errors[0].field", equalTo("since"));
    }

    @Test
    void shouldUndoTheLastMoveAndReplayToTheSameSession() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        String before = CREATOR.request().get("/api/sessions/" + id + "/trace").asString();
        move(id, "{\"type\": \"drop\", \"segment\": 1}");
        CREATOR.request().contentType(ContentType.JSON).post("/api/sessions/" + id + "/undo")
                .then().statusCode(200)
                .body("moveCount", equalTo(0))
                .body("inFlight", hasSize(1));
        assertEquals(before, CREATOR.request().get("/api/sessions/" + id + "/trace").asString(), "the same log rebuilds the same trace");
        CREATOR.request().contentType(ContentType.JSON).post("/api/sessions/" + id + "/undo")
                .then().statusCode(409)
                .body("title", equalTo("Nothing to undo"));
        CREATOR.request().contentType(ContentType.JSON).header("Accept-Language", "zh").post("/api/sessions/" + id + "/undo")
                .then().statusCode(409)
                .body("title", equalTo("没有可撤销的步骤"))
                .body("detail", equalTo("这个会话没有可以撤回的步骤。"));
    }

    @Test
    void shouldRefuseMalformedMovesWith400NamingTheField() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"teleport\"}")
                .post("/api/sessions/" + id + "/actions")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"call\", \"host\": \"mallory\", \"call\": \"listen\"}")
                .post("/api/sessions/" + id + "/actions")
                .then().statusCode(400).body("errors[0].field", equalTo("host"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"delay\", \"segment\": 1}")
                .post("/api/sessions/" + id + "/actions")
                .then().statusCode(400).body("errors[0].field", equalTo("ms"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"deliver\", \"segment\": 99}")
                .post("/api/sessions/" + id + "/actions")
                .then().statusCode(409).body("detail", containsString("no segment 99"));
    }

    @Test
    void aMalformedMoveIsRefusedAsAnInvalidMoveNamingTheFieldInTheReadersLanguage() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"call\", \"host\": \"client\", \"call\": \"send\"}")
                .post("/api/sessions/" + id + "/actions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-move")).body("title", equalTo("Invalid move"))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("bytes"))
                .body("errors[0].message", equalTo("send needs bytes from 1 to 65535"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"call\", \"host\": \"client\", \"call\": \"cork\", \"more\": true}")
                .post("/api/sessions/" + id + "/actions?lang=zh")
                .then().statusCode(400).body("errors[0].field", equalTo("more"))
                .body("errors[0].message", equalTo("只有 send 可以带 more（MSG_MORE）"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"type\": \"call\", \"host\": \"mallory\", \"call\": \"listen\"}")
                .post("/api/sessions/" + id + "/actions?lang=zh")
                .then().statusCode(400).body("title", equalTo("无效的操作"))
                .body("errors[0].field", equalTo("host")).body("errors[0].message", equalTo("必须是 client 或 server"));
        CREATOR.request().contentType(ContentType.JSON).header("Accept-Language", "zh-CN").post("/api/sessions/" + id + "/actions")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-move"))
                .body("errors[0].field", equalTo("body")).body("errors[0].message", equalTo("不能为空"));
    }

    @Test
    void aQuestionBeforeAMoveNamesEveryBoundItBreaksWithTheBoundInTheMessage() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        CREATOR.request().contentType(ContentType.JSON).body("{\"move\": {\"type\": \"advance\"}, \"since\": -1, \"decision\": 100}")
                .post("/api/sessions/" + id + "/question")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-prediction"))
                .body("errors.field", equalTo(List.of("decision", "since")))
                .body("errors[0].message", equalTo("must be a whole number from 0 to 99 (which of the move's decisions)"));
    }

    @Test
    void aSessionRequestWithBothAScenarioAndATaskIsRefusedNamingScenario() {
        CREATOR.request().contentType(ContentType.JSON).body("{\"scenario\": \"abort\", \"task\": \"server-ends-in-time-wait\"}")
                .post("/api/sessions")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-session"))
                .body("errors[0].field", equalTo("scenario"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"task\": \"../etc\"}").post("/api/sessions")
                .then().statusCode(400).body("errors[0].field", equalTo("task"));
    }

    @Test
    void shouldRefuseBadSessionRequests() {
        CREATOR.request().contentType(ContentType.JSON).body("{}").post("/api/sessions")
                .then().statusCode(400).contentType("application/problem+json");
        CREATOR.request().contentType(ContentType.JSON).body("{\"scenario\": \"nope\"}").post("/api/sessions")
                .then().statusCode(404);
        CREATOR.request().contentType(ContentType.JSON).body("{\"scenario\": \"abort\", \"mode\": \"turbo\"}").post("/api/sessions")
                .then().statusCode(400).body("errors[0].field", equalTo("mode"));
        CREATOR.request().contentType(ContentType.JSON).body("{\"spec\": {\"actions\": [{\"at\": 0, \"host\": \"x\", \"call\": \"listen\"}]}}")
                .post("/api/sessions")
                .then().statusCode(400).body("errors[0].field", equalTo("actions[0].host"));
        CREATOR.request().get("/api/sessions/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldPurgeSessionsIdleLongerThanTheExpiry() {
        String id = create("{\"scenario\": \"abort\"}");
        QuarkusTransaction.requiringNew().run(() -> {
            SimulationSession stored = SimulationSession.findById(id);
            stored.lastUsedAt = Instant.now().minus(Duration.ofDays(8));
        });
        sessions.purgeIdleSessions();
        CREATOR.request().get("/api/sessions/" + id).then().statusCode(404);
    }

    @Test
    void shouldKeepEverythingInTheDatabaseSoAFreshLoadContinuesTheSession() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        move(id, "{\"type\": \"deliver\", \"segment\": 1}");
        String stored = QuarkusTransaction.requiringNew().call(() -> SimulationSession.<SimulationSession>findById(id).movesJson);
        assertEquals("[{\"type\":\"deliver\",\"segment\":1}]", stored);
        CREATOR.request().get("/api/sessions/" + id).then().statusCode(200)
                .body("moveCount", equalTo(1))
                .body("states.server", equalTo("SYN_RECEIVED"))
                .body("inFlight", not(empty()))
                .body("trace.scenario", endsWith("three-way-handshake"));
    }

    @Test
    void aMoveContinuesFromTheStoredSession_notFromTheSandboxKeptAfterTheLastMove_whenAnotherReplicaChangedItSince() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        move(id, "{\"type\": \"drop\", \"segment\": 1}");
        // Another replica (sharing the database) undoes the drop: its commit raises the version this one kept.
        QuarkusTransaction.requiringNew().run(() -> {
            SimulationSession stored = SimulationSession.findById(id);
            stored.movesJson = "[]";
            stored.moveCount = 0;
        });
        JsonPath delivered = move(id, "{\"type\": \"deliver\", \"segment\": 1}");
        assertEquals(1, delivered.getInt("session.moveCount"), "the stored session had no move");
        assertEquals("SYN_RECEIVED", delivered.getString("session.states.server"), "its SYN was still in flight, not dropped");
        JsonPath next = move(id, "{\"type\": \"deliver\", \"segment\": 2}");
        assertEquals(2, next.getInt("session.moveCount"), "and the move after it continues from there, kept or not");
        assertEquals("ESTABLISHED", next.getString("session.states.client"));
    }

    @Test
    void onlyTheCreatorActsOrUndoes_everyoneElseGets403AndTheSessionStaysAsItWas() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        int synAck = onlyInFlight(move(id, "{\"type\": \"deliver\", \"segment\": 1}"));
        String trace = CREATOR.request().get("/api/sessions/" + id + "/trace").asString();
        Learner other = Learner.fresh();
        for (RequestSpecification stranger : List.of(other.request(), given(), given().cookie(LearnerIdentity.COOKIE, "not-a-learner"))) {
            stranger.contentType(ContentType.JSON).body("{\"type\": \"deliver\", \"segment\": " + synAck + "}")
                    .post("/api/sessions/" + id + "/actions")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("/problems/not-your-session")).body("detail", containsString("/copy"));
        }
        other.request().contentType(ContentType.JSON).post("/api/sessions/" + id + "/undo")
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(trace, CREATOR.request().get("/api/sessions/" + id + "/trace").asString(), "nothing changed");
        other.request().get("/api/sessions/" + id).then().statusCode(200)
                .body("yours", equalTo(false)).body("moveCount", equalTo(1));
        CREATOR.request().get("/api/sessions/" + id).then().statusCode(200).body("yours", equalTo(true));
    }

    @Test
    void anyoneWithTheLinkMakesTheirOwnCopy_whichOnlyTheyChange() {
        String id = create("{\"scenario\": \"three-way-handshake\"}");
        move(id, "{\"type\": \"deliver\", \"segment\": 1}");
        Learner watcher = Learner.fresh();
        JsonPath copy = watcher.request().contentType(ContentType.JSON).post("/api/sessions/" + id + "/copy?lang=zh")
                .then().statusCode(201).header("Location", containsString("/api/sessions/"))
                .body("yours", equalTo(true)).body("moveCount", equalTo(1)).body("scenario", equalTo("three-way-handshake"))
                .extract().jsonPath();
        String copyId = copy.getString("id");
        assertNotEquals(id, copyId);
        assertEquals(CREATOR.request().get("/api/sessions/" + id + "/trace").asString(),
                watcher.request().get("/api/sessions/" + copyId + "/trace").asString(), "the copy replays to the same trace");

        int synAck = copy.getInt("inFlight[0].id");
        watcher.request().contentType(ContentType.JSON).body("{\"type\": \"deliver\", \"segment\": " + synAck + "}")
                .post("/api/sessions/" + copyId + "/actions").then().statusCode(200).body("session.moveCount", equalTo(2));
        CREATOR.request().contentType(ContentType.JSON).post("/api/sessions/" + copyId + "/undo").then().statusCode(403);
        CREATOR.request().get("/api/sessions/" + id).then().body("moveCount", equalTo(1));
        watcher.request().contentType(ContentType.JSON).post("/api/sessions/00000000-0000-0000-0000-000000000000/copy").then().statusCode(404);
    }

    @Test
    void aLearnerWithoutACookieGetsOneWithTheirNewSession() {
        io.restassured.response.Response created = given().contentType(ContentType.JSON).body("{\"scenario\": \"abort\"}")
                .post("/api/sessions");
        created.then().statusCode(201).body("yours", equalTo(true));
        String learner = created.getCookie(LearnerIdentity.COOKIE);
        given().cookie(LearnerIdentity.COOKIE, learner).contentType(ContentType.JSON).body("{\"type\": \"advance\"}")
                .post("/api/sessions/" + created.path("id") + "/actions").then().statusCode(200);
    }
}
