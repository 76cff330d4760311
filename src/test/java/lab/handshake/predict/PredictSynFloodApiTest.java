package lab.handshake.predict;

import static lab.handshake.predict.PredictApiTest.predict;
import static lab.handshake.predict.PredictApiTest.prediction;
import static lab.handshake.predict.PredictApiTest.segment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import lab.handshake.api.Learner;
import lab.handshake.classes.TeacherClasses;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/predictions/syn-flood} (RFC 4987): the spoofed SYNs asked about (under the rfc9293 profile, step 2 is the
 * first spoofed SYN the server takes, 32 the first SYN,ACK retransmission to a spoofed source, 65 the first spoofed SYN
 * that finds the SYN queue of 8 full), graded on flags, ack, where the answer goes (the forged source, RFC 4987 §2) and
 * the listener's state, not on the seq it chose.
 */
@QuarkusTest
class PredictSynFloodApiTest {
    private static final int TAKEN = 2;
    private static final int RESENT = 32;
    private static final int QUEUE_FULL = 65;
    /** The first spoofed SYN's seq + 1: the ack of the server's SYN,ACK to it. */
    private static final String FIRST_ACK = "1796027476";

    private static ValidatableResponse next(String lang, int after) {
        return Learner.fresh().request().queryParam("lang", lang).queryParam("profile", "rfc9293").queryParam("after", after)
                .get("/api/predictions/syn-flood/next").then().statusCode(200);
    }

    /** The listener's SYN,ACK to a spoofed SYN, with the seq left open, sent to {@code sentTo}. */
    private static Map<String, Object> synAck(String ack, String sentTo) {
        Map<String, Object> segment = segment(List.of("SYN", "ACK"), null, ack);
        segment.put("sentTo", sentTo);
        return segment;
    }

    private static Map<String, Object> rstToTheForgedSource() {
        Map<String, Object> rst = segment(List.of("RST"), "0", null);
        rst.put("sentTo", "forged-source");
        return rst;
    }

    private static Map<String, Object> inRfc9293(Map<String, Object> prediction) {
        prediction.put("profile", "rfc9293");
        return prediction;
    }

    @Test
    void shouldAskAboutTheFirstSpoofedSynAsTheListenersMomentAndSayTheSeqIsTheServersChoice() {
        next("en", -1)
                .body("question.step", equalTo(TAKEN))
                .body("question.stateBefore", equalTo("LISTEN"))
                .body("question.event", containsString("from the spoofed source 10.0.1.70:59362"))
                .body("question.event", containsString("holds 0 of 8 half-open entries"))
                .body("question.prompt", equalTo("The server's listening socket is in LISTEN. What is its state afterwards, what does it send, and where to?"))
                .body("question.seqChosen", equalTo("(any: the server chooses it)"))
                .body("question.forgedSource", equalTo("10.0.1.70:59362"));
        next("zh", TAKEN)
                .body("question.step", equalTo(RESENT))
                .body("question.event", containsString("重传定时器到期"))
                .body("question.seqChosen", equalTo("（任意：由服务器自己选）"));
    }

    @Test
    void shouldAskTheRealClientsQuestionsWithoutASeqLeftOpen() {
        next("en", QUEUE_FULL).body("question.seqChosen", nullValue()).body("question.forgedSource", nullValue())
                .body("question.event", not(containsString("spoofed")));
    }

    @Test
    void shouldGradeTheSynAckRightWithAnySeqOrNoneAndSayWhyRfc9293Section3_4_1() {
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(TAKEN, "LISTEN", synAck(FIRST_ACK, "forged-source"))))
                .statusCode(200)
                .body("right", equalTo(true))
                .body("given.text", equalTo("LISTEN · SYN,ACK ack=" + FIRST_ACK + " → the forged source"))
                .body("expected.sentTo", equalTo("forged-source"))
                .body("rule", equalTo("RFC 9293 §3.10.7.2"))
                .body("explanation", containsString("The connection with 10.0.1.70:59362 changes state: LISTEN → SYN_RECEIVED"))
                .body("explanation", not(containsString("arrives at the server")))
                .body("note", containsString("RFC 9293 §3.4.1"))
                .body("note", containsString("which the attacker forged"));
        Map<String, Object> withSeq = synAck(FIRST_ACK, "forged-source");
        withSeq.put("seq", "12345");
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(TAKEN, "LISTEN", withSeq))).statusCode(200).body("right", equalTo(true));
    }

    @Test
    void shouldGradeAWrongAckWrongWithFeedback() {
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(TAKEN, "LISTEN", synAck("1796027475", "forged-source"))))
                .statusCode(200)
                .body("right", equalTo(false))
                .body("stateRight", equalTo(true))
                .body("segmentRight", equalTo(false))
                .body("expected.segment.ack", equalTo(FIRST_ACK))
                .body("note", containsString("seq + 1"));
    }

    @Test
    void shouldGradeSynReceivedForTheListenerWrongAndNameTheMisconception() {
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(TAKEN, "SYN_RECEIVED", synAck(FIRST_ACK, "forged-source"))))
                .statusCode(200)
                .body("stateRight", equalTo(false))
                .body("expected.state", equalTo("LISTEN"))
                .body("misconception.id", equalTo("listener-leaves-listen"));
    }

    @Test
    void shouldGradeASynAckToTheAttackersRealAddressWrongAndNameTheMisconceptionRfc4987Section2() {
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(RESENT, "LISTEN", synAck(FIRST_ACK, "attacker"))))
                .statusCode(200)
                .body("right", equalTo(false))
                .body("stateRight", equalTo(true))
                .body("segmentRight", equalTo(false))
                .body("expected.text", containsString("→ the forged source"))
                .body("given.sentTo", equalTo("attacker"))
                .body("given.text", equalTo("LISTEN · SYN,ACK ack=" + FIRST_ACK + " → the attacker's address"))
                .body("misconception.id", equalTo("synack-to-attacker"))
                .body("misconception.rfc", containsString("RFC 4987"));
        Learner.fresh().request().contentType("application/json").queryParam("lang", "zh")
                .body(inRfc9293(prediction(TAKEN, "LISTEN", synAck(FIRST_ACK, "attacker"))))
                .post("/api/predictions/syn-flood").then().statusCode(200)
                .body("given.text", equalTo("LISTEN · SYN,ACK ack=" + FIRST_ACK + " → 攻击者的地址"))
                .body("misconception.claim", equalTo("监听套接字对伪造 SYN 的 SYN,ACK 会发回攻击者的真实地址。"));
    }

    @Test
    void shouldRefuseASegmentWithoutItsDestinationWhereItIsAskedAndWithOneWhereItIsNot() {
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(TAKEN, "LISTEN", synAck(FIRST_ACK, null))))
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("segment.sentTo"))
                .body("errors[0].message", containsString("forged-source, attacker"));
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(TAKEN, "LISTEN", synAck(FIRST_ACK, "the-moon"))))
                .statusCode(400).body("errors[0].field", equalTo("segment.sentTo"));
        Map<String, Object> taught = segment(List.of("SYN", "ACK"), "K", "J+1");
        taught.put("sentTo", "forged-source");
        predict(Learner.fresh(), "three-way-handshake", prediction(4, "SYN_RECEIVED", taught))
                .statusCode(400).body("errors[0].field", equalTo("segment.sentTo"))
                .body("errors[0].message", containsString("spoofed SYN"));
    }

    @Test
    void shouldGradeNothingRightWhenTheSynQueueIsFullAndARstWrongRfc4987Section3_1() {
        predict(Learner.fresh(), "syn-flood", inRfc9293(prediction(QUEUE_FULL, "LISTEN", null))).statusCode(200)
                .body("right", equalTo(true))
                .body("expected.text", equalTo("LISTEN · nothing"))
                .body("rule", equalTo("RFC 4987 §3"))
                .body("note", containsString("RFC 4987 §3.1"));
        Learner.fresh().request().contentType("application/json").queryParam("lang", "zh")
                .body(inRfc9293(prediction(QUEUE_FULL, "LISTEN", rstToTheForgedSource())))
                .post("/api/predictions/syn-flood").then().statusCode(200)
                .body("right", equalTo(false))
                .body("misconception.id", equalTo("full-syn-queue-answers-rst"))
                .body("misconception.claim", equalTo("SYN 队列满时，新来的 SYN 会被回一个 RST 拒绝。"));
    }

    @Test
    void shouldStillRequireTheSeqWhereItIsKnown() {
        predict(Learner.fresh(), "three-way-handshake", prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), null, "J+1")))
                .statusCode(400).body("errors[0].field", equalTo("segment.seq"));
    }

    @Test
    void shouldShowTheClassHowItPredictedASpoofedSyn() {
        String teacher = TeacherClasses.newTeacher("flood-teacher-" + System.nanoTime());
        String code = TeacherClasses.create(teacher, "Flooders");
        Learner right = Learner.joined(code);
        Learner wrong = Learner.joined(code);
        predict(right, "syn-flood", inRfc9293(prediction(TAKEN, "LISTEN", synAck(FIRST_ACK, "forged-source")))).statusCode(200);
        predict(wrong, "syn-flood", inRfc9293(prediction(TAKEN, "LISTEN", synAck(FIRST_ACK, "attacker")))).statusCode(200);
        String cells = TeacherClasses.predictStepRow(teacher, code, "en", "syn-flood", TAKEN + 1);
        assertTrue(cells.contains("spoofed source"), cells);
        assertTrue(cells.contains("50% (2)"), cells);
        assertTrue(cells.contains("LISTEN · SYN,ACK ack=" + FIRST_ACK + " → the attacker&#39;s address"), "the most common wrong answer: " + cells);
    }
}
