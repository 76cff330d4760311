package lab.handshake.session;

import static lab.handshake.session.SessionApiTest.CREATOR;
import static lab.handshake.session.SessionApiTest.create;
import static lab.handshake.session.SessionApiTest.move;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import lab.handshake.api.Learner;
import org.junit.jupiter.api.Test;

/**
 * Predict mode in the sandbox ({@code /api/sessions/{id}/question} and {@code /prediction}): the question before a
 * move and its grading, worked out on a replay of the move by the catalogue's own questions and grader.
 */
@QuarkusTest
class SandboxPredictApiTest {
    private static final String ADVANCE = "{\"type\": \"advance\"}";
    private static final String CONNECT = "{\"type\": \"call\", \"host\": \"client\", \"call\": \"connect\"}";
    private static final String LISTEN = "{\"type\": \"call\", \"host\": \"server\", \"call\": \"listen\"}";

    /** A step-mode session with RFC 9293 Figure 6's numbers, after listen() and connect(): the SYN is on its way. */
    private static String connected() {
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}, \"mode\": \"step\"}");
        move(id, LISTEN);
        move(id, CONNECT);
        return id;
    }

    private static ValidatableResponse post(Learner learner, String id, String what, String body) {
        return learner.request().contentType(ContentType.JSON).body(body)
                .when().post("/api/sessions/" + id + "/" + what + "?lang=en")
                .then();
    }

    private static String prediction(String move, int since, String state, String segment) {
        return prediction(move, since, state, segment, 0, 0);
    }

    /** With the page's count so far: {@code right} of {@code total}. */
    private static String prediction(String move, int since, String state, String segment, int right, int total) {
        return "{\"move\": " + move + ", \"since\": " + since + ", \"state\": \"" + state + "\", \"segment\": " + segment
                + ", \"right\": " + right + ", \"total\": " + total + "}";
    }

    @Test
    void stepModeStopsBeforeEveryArrivalSoEachAdvanceIsOneDecision() {
        String id = connected();
        JsonPath synArrives = move(id, ADVANCE);
        assertEquals("SYN_RECEIVED", synArrives.getString("session.states.server"));
        assertEquals("SYN_SENT", synArrives.getString("session.states.client"), "the SYN-ACK is still on its way");
        assertEquals("ESTABLISHED", move(id, ADVANCE).getString("session.states.client"));
        assertEquals("ESTABLISHED", move(id, ADVANCE).getString("session.states.server"));
    }

    @Test
    void theQuestionBeforeAnAdvanceIsTheArrivalItBringsAndARightSymbolicAnswerIsGradedRight() {
        String id = connected();
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2}").statusCode(200)
                .body("question.endpoint", equalTo("server"))
                .body("question.kind", equalTo("arrive"))
                .body("question.stateBefore", equalTo("LISTEN"))
                .body("question.event", containsString("SYN seq=J"))
                .body("question.progress", nullValue())
                .body("states", hasItem("SYN_RECEIVED"));
        post(CREATOR, id, "prediction", prediction(ADVANCE, 2, "SYN_RECEIVED",
                "{\"flags\": [\"SYN\", \"ACK\"], \"seq\": \"k\", \"ack\": \"J + 1\"}"))
                .statusCode(200)
                .body("right", equalTo(true))
                .body("expected.text", equalTo("SYN_RECEIVED · SYN,ACK seq=K ack=J+1"))
                .body("rule", containsString("RFC 9293"))
                .body("accuracy.text", equalTo("1 of 1 predictions right"));
        // The advance made next shows exactly what was graded.
        JsonPath advanced = move(id, ADVANCE);
        assertEquals("SYN_RECEIVED", advanced.getString("session.states.server"));
        assertEquals(java.util.List.of("SYN", "ACK"), advanced.getList("session.trace.segments[1].flags"));
        assertEquals(300L, advanced.getLong("session.trace.segments[1].seq"));
        assertEquals(101L, advanced.getLong("session.trace.segments[1].ack"));
    }

    /**
     * RFC 9293 §3.5, Figure 7: in a simultaneous open both SYNs arrive at one moment, so one advance makes both
     * endpoints decide; each decision is asked in turn (decision 0, then 1) before the advance is made.
     */
    @Test
    void aSimultaneousOpenAsksBothArrivalsOfOneAdvanceOneAfterTheOther() {
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}, \"mode\": \"step\"}");
        move(id, CONNECT);
        move(id, "{\"type\": \"call\", \"host\": \"server\", \"call\": \"connect\"}");
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2}").statusCode(200)
                .body("decision", equalTo(0)).body("decisions", equalTo(2))
                .body("question.endpoint", equalTo("server")).body("question.stateBefore", equalTo("SYN_SENT"));
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2, \"decision\": 1}").statusCode(200)
                .body("decision", equalTo(1)).body("decisions", equalTo(2))
                .body("question.endpoint", equalTo("client")).body("question.kind", equalTo("arrive"))
                .body("question.event", containsString("SYN seq=K"));
        post(CREATOR, id, "prediction", "{\"move\": " + ADVANCE + ", \"since\": 2, \"state\": \"SYN_RECEIVED\", "
                + "\"segment\": {\"flags\": [\"SYN\", \"ACK\"], \"seq\": \"K\", \"ack\": \"J+1\"}}")
                .statusCode(200).body("right", equalTo(true));
        post(CREATOR, id, "prediction", "{\"move\": " + ADVANCE + ", \"since\": 2, \"decision\": 1, \"state\": \"SYN_RECEIVED\", "
                + "\"segment\": {\"flags\": [\"SYN\", \"ACK\"], \"seq\": \"J\", \"ack\": \"K+1\"}, \"right\": 1, \"total\": 1}")
                .statusCode(200).body("right", equalTo(true))
                .body("expected.text", equalTo("SYN_RECEIVED · SYN,ACK seq=J ack=K+1"))
                .body("accuracy.text", equalTo("2 of 2 predictions right"));
        // There is no third decision: its question is none, and predicting it is refused.
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2, \"decision\": 2}").statusCode(200)
                .body("question", nullValue()).body("decisions", equalTo(2));
        post(CREATOR, id, "prediction", "{\"move\": " + ADVANCE + ", \"since\": 2, \"decision\": 2, \"state\": \"SYN_RECEIVED\", "
                + "\"segment\": null}").statusCode(409).body("type", containsString("nothing-to-predict"));
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2, \"decision\": -1}").statusCode(400)
                .body("errors[0].field", equalTo("decision"));
        JsonPath advanced = move(id, ADVANCE);
        assertEquals("SYN_RECEIVED", advanced.getString("session.states.client"));
        assertEquals("SYN_RECEIVED", advanced.getString("session.states.server"));
    }

    /**
     * RFC 4987: the spoofed SYNs of one move arrive at one moment; of them, the first the listener keeps a half-open
     * entry for and the first that finds its SYN queue (of 2) full are asked, the seq the listener chooses left open, and
     * where its answer goes asked: to the forged source, not the attacker (§2).
     */
    @Test
    void spoofedSynsArrivingTogetherAskTheFirstTakenAndTheFirstFindingTheQueueFull() {
        String id = create("{\"spec\": {\"params\": {\"listenBacklog\": 2}}, \"mode\": \"step\"}");
        move(id, LISTEN);
        move(id, "{\"type\": \"spoofed-syn\", \"count\": 4}");
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2}").statusCode(200)
                .body("decisions", equalTo(2))
                .body("question.stateBefore", equalTo("LISTEN"))
                .body("question.event", containsString("holds 0 of 2 half-open entries"))
                .body("question.seqChosen", equalTo("(any: the server chooses it)"))
                .body("question.forgedSource", containsString("10.0.1."));
        String ack = post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2}").extract().path("question.arriving.seq");
        post(CREATOR, id, "prediction", prediction(ADVANCE, 2, "LISTEN", "{\"flags\": [\"SYN\", \"ACK\"], \"ack\": \""
                + (Long.parseLong(ack) + 1) + "\", \"sentTo\": \"attacker\"}")).statusCode(200)
                .body("stateRight", equalTo(true))
                .body("segmentRight", equalTo(false))
                .body("misconception.id", equalTo("synack-to-attacker"));
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2, \"decision\": 1}").statusCode(200)
                .body("question.event", containsString("holds 2 of 2 half-open entries"))
                .body("question.seqChosen", nullValue());
        post(CREATOR, id, "prediction", "{\"move\": " + ADVANCE + ", \"since\": 2, \"decision\": 1, \"state\": \"LISTEN\", "
                + "\"segment\": null}").statusCode(200)
                .body("right", equalTo(true))
                .body("note", containsString("RFC 4987 §3.1"));
    }

    @Test
    void anApplicationCallIsAskedBeforeItTakesEffectTheSessionsFirstMoveToo() {
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}, \"mode\": \"step\"}");
        post(CREATOR, id, "prediction", prediction(LISTEN, 0, "LISTEN", "null")).statusCode(200)
                .body("right", equalTo(true))
                .body("rule", containsString("RFC 9293 §3.10.1"));
        move(id, LISTEN);
        post(CREATOR, id, "question", "{\"move\": " + CONNECT + ", \"since\": 1}").statusCode(200)
                .body("question.kind", equalTo("call"))
                .body("question.endpoint", equalTo("client"));
        post(CREATOR, id, "prediction", prediction(CONNECT, 1, "SYN_SENT", "{\"flags\": [\"SYN\"], \"seq\": \"100\"}"))
                .statusCode(200).body("right", equalTo(true));
    }

    @Test
    void aSynAckAnsweredWithSynAgainIsWrongAndNamesTheMisconception() {
        String id = connected();
        move(id, ADVANCE);
        post(CREATOR, id, "prediction", prediction(ADVANCE, 3, "ESTABLISHED",
                "{\"flags\": [\"SYN\", \"ACK\"], \"seq\": \"J+1\", \"ack\": \"K+1\"}", 1, 1))
                .statusCode(200)
                .body("right", equalTo(false))
                .body("stateRight", equalTo(true))
                .body("segmentRight", equalTo(false))
                .body("misconception.id", equalTo("third-segment-has-syn"))
                .body("expected.text", equalTo("ESTABLISHED · ACK seq=J+1 ack=K+1"))
                .body("accuracy.text", equalTo("1 of 2 predictions right"));
    }

    @Test
    void expectingThePureAckToBeAcknowledgedAsSeqPlusOneNamesThatMisconception() {
        String id = connected();
        move(id, ADVANCE);
        move(id, ADVANCE);
        post(CREATOR, id, "prediction", prediction(ADVANCE, 4, "ESTABLISHED",
                "{\"flags\": [\"ACK\"], \"seq\": \"K+1\", \"ack\": \"J+2\"}"))
                .statusCode(200)
                .body("right", equalTo(false))
                .body("expected.text", equalTo("ESTABLISHED · nothing"))
                .body("misconception.id", equalTo("ack-always-seq-plus-one"));
    }

    @Test
    void onlyTheSessionsCreatorMayPredict() {
        String id = connected();
        Learner other = Learner.fresh();
        post(other, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 2}").statusCode(403)
                .contentType("application/problem+json");
        post(other, id, "prediction", prediction(ADVANCE, 2, "SYN_RECEIVED", "null")).statusCode(403)
                .body("type", containsString(SessionService.NOT_YOUR_SESSION));
    }

    @Test
    void aPredictionThatCannotBeReadIsRefusedNamingTheField() {
        String id = connected();
        post(CREATOR, id, "prediction", prediction(ADVANCE, 2, "LISTENING", "null")).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        post(CREATOR, id, "prediction", prediction(ADVANCE, 2, "SYN_RECEIVED", "{\"flags\": [\"SYN\"], \"seq\": \"Q+1\"}"))
                .statusCode(400).body("errors[0].field", equalTo("segment.seq"));
        post(CREATOR, id, "prediction", prediction(ADVANCE, 2, "SYN_RECEIVED", "{\"flags\": [\"SYN\"], \"seq\": \"u\"}"))
                .statusCode(400).body("errors[0].field", equalTo("segment.seq"))
                .body("detail", containsString("does not have"));
        post(CREATOR, id, "prediction", "{\"since\": 2, \"state\": \"LISTEN\"}").statusCode(400)
                .body("errors[0].field", equalTo("move"));
        post(CREATOR, id, "prediction", prediction("{\"type\": \"teleport\"}", 2, "LISTEN", "null")).statusCode(400)
                .body("errors[0].field", equalTo("move.type"));
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + "}").statusCode(400)
                .body("errors[0].field", equalTo("since"));
        post(CREATOR, id, "prediction", prediction(ADVANCE, 2, "LISTEN", "null", 3, 2))
                .statusCode(400).body("errors[0].field", equalTo("right"));
    }

    @Test
    void thereIsNothingToPredictWhenNothingIsScheduledOrTheSessionMovedOn() {
        String id = create("{\"spec\": {\"params\": {\"clientIsn\": 100, \"serverIsn\": 300}}, \"mode\": \"step\"}");
        move(id, LISTEN);
        post(CREATOR, id, "question", "{\"move\": " + ADVANCE + ", \"since\": 1}").statusCode(409)
                .contentType("application/problem+json").body("type", containsString("move-refused"));
        post(CREATOR, id, "prediction", prediction(ADVANCE, 1, "LISTEN", "null")).statusCode(409);
        post(CREATOR, id, "question", "{\"move\": " + CONNECT + ", \"since\": 0}").statusCode(409)
                .body("type", containsString("session-changed"));
    }
}
