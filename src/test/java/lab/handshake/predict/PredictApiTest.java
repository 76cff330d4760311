package lab.handshake.predict;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.api.Learner;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/predictions}: questions generated from the trace, predictions checked against it (symbolic and
 * absolute numbers), the misconception a wrong answer shows, accuracy per learner, and refusals of bad input.
 * Step indexes are those of the catalogue traces (see the golden files): in the three-way handshake 1 is the
 * client's connect(), 4 the SYN's arrival at the server, 7 the SYN,ACK's at the client, 10 the ACK's at the server.
 */
@QuarkusTest
class PredictApiTest {

    static Map<String, Object> segment(List<String> flags, String seq, String ack) {
        Map<String, Object> segment = new HashMap<>();
        segment.put("flags", flags);
        segment.put("seq", seq);
        segment.put("ack", ack);
        return segment;
    }

    static Map<String, Object> prediction(int step, String state, Map<String, Object> segment) {
        Map<String, Object> body = new HashMap<>();
        body.put("step", step);
        body.put("state", state);
        body.put("segment", segment);
        return body;
    }

    static ValidatableResponse predict(Learner learner, String scenario, Object body) {
        return learner.request().contentType(ContentType.JSON).body(body).queryParam("lang", "en")
                .post("/api/predictions/" + scenario).then();
    }

    @Nested
    class Questions {
        @Test
        void shouldAskFirstAboutTheClientsConnectAndSkipTheStartingStep() {
            Learner.fresh().request().queryParam("lang", "en").get("/api/predictions/three-way-handshake/next").then()
                    .statusCode(200)
                    .body("question.step", equalTo(1))
                    .body("question.endpoint", equalTo("client"))
                    .body("question.kind", equalTo("call"))
                    .body("question.stateBefore", equalTo("CLOSED"))
                    .body("question.event", equalTo("The application at the client calls connect()."))
                    .body("question.number", equalTo(1))
                    .body("question.of", equalTo(4))
                    .body("states", hasItem("SYN_RECEIVED"))
                    .body("done", nullValue());
        }

        @Test
        void shouldDescribeTheArrivingSegmentInChinese() {
            Learner.fresh().request().queryParam("lang", "zh").queryParam("after", 1)
                    .get("/api/predictions/three-way-handshake/next").then().statusCode(200)
                    .body("question.step", equalTo(4))
                    .body("question.arriving.flags", equalTo(List.of("SYN")))
                    .body("question.arriving.seq", equalTo("J"))
                    .body("question.event", equalTo("报文段 1（SYN seq=J）到达服务器。"))
                    .body("question.prompt", containsString("服务器处于 LISTEN"));
        }

        @Test
        void shouldSayDoneAfterTheLastQuestion() {
            Learner.fresh().request().queryParam("lang", "en").queryParam("after", 10)
                    .get("/api/predictions/three-way-handshake/next").then().statusCode(200)
                    .body("question", nullValue())
                    .body("done", equalTo("No more questions in this simulation. 0 of 0 predictions right"));
        }

        @Test
        void shouldAskOnlyAboutStateChangesWhenTold() {
            // In data-transfer the server's arrival of data (step 15) changes no state; connect() at step 1 does.
            Learner.fresh().request().queryParam("ask", "changes").queryParam("after", 12)
                    .get("/api/predictions/data-transfer/next").then().statusCode(200)
                    .body("question.step", equalTo(26))
                    .body("question.event", containsString("close()"));
            Learner.fresh().request().queryParam("after", 12)
                    .get("/api/predictions/data-transfer/next").then().statusCode(200)
                    .body("question.step", equalTo(15));
        }

        @Test
        void shouldAskOnlyWithinARange() {
            Learner.fresh().request().queryParam("ask", "range").queryParam("from", 6).queryParam("to", 9)
                    .get("/api/predictions/three-way-handshake/next").then().statusCode(200)
                    .body("question.step", equalTo(7))
                    .body("question.of", equalTo(1));
        }
    }

    @Nested
    class Grading {
        @Test
        void shouldGradeTheServersSynAckInSymbolicFormsRightAndExplainTheRule() {
            predict(Learner.fresh(), "three-way-handshake",
                    prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "K", "J+1"))).statusCode(200)
                    .body("right", equalTo(true))
                    .body("verdict", equalTo("Right."))
                    .body("expected.segment.seq", equalTo("K"))
                    .body("expected.segment.ack", equalTo("J+1"))
                    .body("rule", equalTo("RFC 9293 §3.10.7.2"))
                    .body("explanation", not(equalTo("")))
                    .body("revealUpTo", greaterThanOrEqualTo(5))
                    .body("misconception", nullValue());
        }

        @Test
        void shouldAcceptLowerCaseNamesSpacesAndAbsoluteNumbers() {
            Learner learner = Learner.fresh();
            predict(learner, "three-way-handshake", prediction(4, "SYN_RECEIVED", segment(List.of("ACK", "SYN"), " k ", "j + 1")))
                    .statusCode(200).body("right", equalTo(true));
            predict(learner, "three-way-handshake", prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "5000", "1001")))
                    .statusCode(200).body("right", equalTo(true)).body("given.segment.seq", equalTo("K"));
        }

        @Test
        void shouldGradeTheFinsAckWithTeardownNames() {
            // four-way-close step 15: the client's FIN <SEQ=u> arrives at the server, which ACKs it with ack=u+1.
            predict(Learner.fresh(), "four-way-close", prediction(15, "CLOSE_WAIT", segment(List.of("ACK"), "v", "u+1")))
                    .statusCode(200).body("right", equalTo(true));
        }

        @Test
        void shouldGradeTheAnswerToAnOldDuplicateSynWithTheLessonsNamesXAndK0() {
            // RFC 9293 Figure 8, line 4: the old SYN <SEQ=X> arrives at the listening server, which answers
            // <SEQ=K0><ACK=X+1> from the ISN of this bogus attempt.
            int oldSynArrives = arrivalsAtServer("old-duplicate-syn").get(0);
            predict(Learner.fresh(), "old-duplicate-syn",
                    prediction(oldSynArrives, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "k0", "x + 1"))).statusCode(200)
                    .body("right", equalTo(true))
                    .body("expected.segment.seq", equalTo("K0"))
                    .body("expected.segment.ack", equalTo("X+1"));
        }

        @Test
        void shouldGradeKForTheAnswerToTheOldDuplicateSynWrongAndSayEachAttemptHasItsOwnIsn() {
            // RFC 9293 Figure 8: K is the ISN of the real connection (line 7), not of the answer to the old SYN (line 4).
            int oldSynArrives = arrivalsAtServer("old-duplicate-syn").get(0);
            predict(Learner.fresh(), "old-duplicate-syn",
                    prediction(oldSynArrives, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "K", "X+1"))).statusCode(200)
                    .body("right", equalTo(false))
                    .body("given.segment.seq", equalTo("K"))
                    .body("misconception.id", equalTo("one-isn-for-both-attempts"))
                    .body("misconception.refutation", containsString("K0"));
        }

        @Test
        void shouldGradeTheRealSynsAnswerRightAsKAfterAnOldDuplicateSyn() {
            // RFC 9293 Figure 8, line 7: the real SYN <SEQ=J> is answered <SEQ=K><ACK=J+1>, from a new ISN.
            List<Integer> arrivals = arrivalsAtServer("old-duplicate-syn");
            int realSynArrives = arrivals.get(2); // after the old SYN and the RST
            predict(Learner.fresh(), "old-duplicate-syn",
                    prediction(realSynArrives, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "K", "J+1"))).statusCode(200)
                    .body("right", equalTo(true));
            predict(Learner.fresh(), "old-duplicate-syn",
                    prediction(realSynArrives, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "K0", "J+1"))).statusCode(200)
                    .body("right", equalTo(false))
                    .body("misconception.id", equalTo("one-isn-for-both-attempts"));
        }

        /** The indexes of the steps where a segment arrives at the server, in order. */
        private List<Integer> arrivalsAtServer(String scenario) {
            List<String> kinds = given().get("/api/scenarios/" + scenario + "/trace").then().statusCode(200)
                    .extract().path("steps.collect { it.endpoint + ' ' + it.kind }");
            return java.util.stream.IntStream.range(0, kinds.size()).filter(i -> kinds.get(i).equals("server arrive")).boxed().toList();
        }

        @Test
        void shouldGradeSendingNothingRight() {
            predict(Learner.fresh(), "three-way-handshake", prediction(10, "ESTABLISHED", null)).statusCode(200)
                    .body("right", equalTo(true))
                    .body("expected.text", equalTo("ESTABLISHED · nothing"));
        }

        @Test
        void shouldTellAWrongStateFromAWrongSegment() {
            predict(Learner.fresh(), "three-way-handshake", prediction(4, "ESTABLISHED", segment(List.of("SYN", "ACK"), "K", "J+1")))
                    .statusCode(200)
                    .body("right", equalTo(false)).body("stateRight", equalTo(false)).body("segmentRight", equalTo(true))
                    .body("expected.state", equalTo("SYN_RECEIVED"));
        }

        @Test
        void shouldNameTheThirdSegmentWithSynMisconception() {
            predict(Learner.fresh(), "three-way-handshake", prediction(7, "ESTABLISHED", segment(List.of("SYN", "ACK"), "J+1", "K+1")))
                    .statusCode(200)
                    .body("right", equalTo(false)).body("stateRight", equalTo(true))
                    .body("misconception.id", equalTo("third-segment-has-syn"))
                    .body("misconception.rfc", containsString("RFC 9293"))
                    .body("misconception.refutation", containsString("SYN=0"));
        }

        @Test
        void shouldNameAckSentOnlyAfter2Msl() {
            predict(Learner.fresh(), "four-way-close", prediction(22, "TIME_WAIT", null)).statusCode(200)
                    .body("stateRight", equalTo(true)).body("segmentRight", equalTo(false))
                    .body("misconception.id", equalTo("ack-after-2msl"));
        }

        @Test
        void shouldNameTimeWaitAtTheServerInChinese() {
            Learner.fresh().request().contentType(ContentType.JSON).queryParam("lang", "zh")
                    .body(prediction(25, "TIME_WAIT", null)).post("/api/predictions/four-way-close").then().statusCode(200)
                    .body("misconception.id", equalTo("server-holds-time-wait"))
                    .body("misconception.claim", equalTo("进入 TIME-WAIT 的是服务器。"))
                    .body("verdict", equalTo("不完全正确：报文段对了，状态不对。"));
        }

        @Test
        void shouldNameMissingFinWait2() {
            predict(Learner.fresh(), "four-way-close", prediction(17, "TIME_WAIT", null)).statusCode(200)
                    .body("misconception.id", equalTo("no-fin-wait-2"));
        }

        @Test
        void shouldNameAckOfDataAsSeqPlusOne() {
            // data-transfer step 15: 100 bytes <SEQ=J+1> arrive at the server, acknowledged with ack=J+101.
            predict(Learner.fresh(), "data-transfer", prediction(15, "ESTABLISHED", segment(List.of("ACK"), "K+1", "J+2")))
                    .statusCode(200).body("misconception.id", equalTo("ack-is-seq-plus-one"));
        }

        @Test
        void shouldCountTheLearnersAccuracyPerScenarioAndOnProgress() {
            Learner learner = Learner.fresh();
            predict(learner, "three-way-handshake", prediction(10, "ESTABLISHED", null)).statusCode(200)
                    .body("accuracy.right", equalTo(1)).body("accuracy.total", equalTo(1));
            predict(learner, "three-way-handshake", prediction(10, "CLOSED", null)).statusCode(200)
                    .body("accuracy.right", equalTo(1)).body("accuracy.total", equalTo(2))
                    .body("accuracy.text", equalTo("1 of 2 predictions right"));
            learner.request().get("/api/learners/me/predictions").then().statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].scenario", equalTo("three-way-handshake"))
                    .body("[0].right", equalTo(1)).body("[0].total", equalTo(2));
            learner.request().queryParam("after", 1).get("/api/predictions/three-way-handshake/next").then()
                    .body("accuracy.total", equalTo(2));
        }

        @Test
        void shouldGiveANewLearnerACookie() {
            given().contentType(ContentType.JSON).body(prediction(10, "ESTABLISHED", null))
                    .post("/api/predictions/three-way-handshake").then().statusCode(200)
                    .cookie(LearnerIdentity.COOKIE, notNullValue());
        }
    }

    @Nested
    class Refusals {
        void refused(Object body, String field) {
            predict(Learner.fresh(), "three-way-handshake", body).statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/invalid-prediction"))
                    .body("errors[0].field", equalTo(field));
        }

        @Test
        void shouldRefuseAStateThatDoesNotExist() {
            refused(prediction(4, "SYN_RCVD", null), "state");
        }

        @Test
        void shouldRefuseAStepWhereNothingIsAsked() {
            refused(prediction(2, "SYN_SENT", null), "step");
            refused(prediction(99999, "SYN_SENT", null), "step");
        }

        @Test
        void shouldRefuseNumbersItCannotRead() {
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "J*2", "J+1")), "segment.seq");
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "4294967296", "J+1")), "segment.seq");
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "K", "J+1".repeat(20))), "segment.ack");
            // u, v and w exist only in a teardown
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "v", "J+1")), "segment.seq");
        }

        @Test
        void shouldSayWhatIsWrongInTheReadersLanguage() {
            Object unknownName = prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "v", "J+1"));
            predict(Learner.fresh(), "three-way-handshake", unknownName).statusCode(400)
                    .body("title", equalTo("Invalid prediction"))
                    .body("errors[0].message", containsString("uses v, which this scenario does not have"));
            Learner.fresh().request().contentType(ContentType.JSON).body(unknownName).queryParam("lang", "zh")
                    .post("/api/predictions/three-way-handshake").then().statusCode(400)
                    .body("type", equalTo("/problems/invalid-prediction")).body("title", equalTo("无效的预测"))
                    .body("errors[0].field", equalTo("segment.seq"))
                    .body("errors[0].message", containsString("用了 v，但这个场景中没有它"))
                    .body("detail", not(containsString("scenario")));
        }

        @Test
        void shouldRefuseFlagsItCannotRead() {
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "URG"), "K", "J+1")), "segment.flags");
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "SYN"), "K", "J+1")), "segment.flags");
            refused(prediction(4, "SYN_RECEIVED", segment(List.of(), "K", "J+1")), "segment.flags");
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK", "FIN", "RST", "PSH", "ACK"), "K", "J+1")), "segment.flags");
        }

        @Test
        void shouldRefuseAnAckWithoutTheAckFlagAndAnAckFlagWithoutAck() {
            refused(prediction(1, "SYN_SENT", segment(List.of("SYN"), "J", "K")), "segment.ack");
            refused(prediction(4, "SYN_RECEIVED", segment(List.of("SYN", "ACK"), "K", null)), "segment.ack");
        }

        @Test
        void shouldRefuseMalformedJsonAndUnknownFieldsAsProblems() {
            Learner.fresh().request().contentType(ContentType.JSON).body("{\"step\": 4, ")
                    .post("/api/predictions/three-way-handshake").then().statusCode(400)
                    .contentType("application/problem+json");
            Learner.fresh().request().contentType(ContentType.JSON).body("{\"step\": 4, \"state\": \"LISTEN\", \"guess\": 1}")
                    .post("/api/predictions/three-way-handshake").then().statusCode(400)
                    .contentType("application/problem+json");
            Learner.fresh().request().contentType(ContentType.JSON).body("null")
                    .post("/api/predictions/three-way-handshake").then().statusCode(400)
                    .contentType("application/problem+json");
        }

        @Test
        void shouldRefuseUnknownScenariosAndBadQueryParameters() {
            Learner.fresh().request().get("/api/predictions/no-such-scenario/next").then().statusCode(404)
                    .contentType("application/problem+json");
            Learner.fresh().request().queryParam("ask", "sometimes").get("/api/predictions/three-way-handshake/next")
                    .then().statusCode(400).body("errors[0].field", equalTo("ask"));
            Learner.fresh().request().queryParam("ask", "range").queryParam("from", 5).queryParam("to", 2)
                    .get("/api/predictions/three-way-handshake/next").then().statusCode(400).body("errors[0].field", equalTo("to"));
            Learner.fresh().request().queryParam("profile", "windows").get("/api/predictions/three-way-handshake/next")
                    .then().statusCode(400).body("errors[0].field", equalTo("profile"));
            Learner.fresh().request().queryParam("after", "one").get("/api/predictions/three-way-handshake/next")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Nested
    class Results {
        @Test
        void shouldShowTheLearnerTheirAccuracyOnProgress() {
            Learner learner = Learner.fresh();
            predict(learner, "four-way-close", prediction(25, "CLOSED", null)).statusCode(200);
            predict(learner, "four-way-close", prediction(25, "TIME_WAIT", null)).statusCode(200);
            String page = learner.request().queryParam("lang", "zh").get("/progress").then().statusCode(200).extract().asString();
            assertTrue(page.contains("2 次预测中答对 1 次"), "overall accuracy in Chinese");
            assertTrue(page.contains("<tr data-scenario=\"four-way-close\">"), "per scenario");
        }

        @Test
        void shouldShowTheTeacherHowOftenTheClassPredictedEachStepRightAndTheCommonestWrongAnswer() {
            String teacher = TeacherClasses.newTeacher("predict-teacher-" + System.nanoTime());
            String code = TeacherClasses.create(teacher, "Predictors");
            Learner right = Learner.fresh();
            Learner wrong = Learner.fresh();
            Learner alsoWrong = Learner.fresh();
            Learner outsider = Learner.fresh();
            for (Learner learner : List.of(right, wrong, alsoWrong)) {
                learner.join(code);
            }
            predict(right, "three-way-handshake", prediction(7, "ESTABLISHED", segment(List.of("ACK"), "J+1", "K+1"))).statusCode(200);
            predict(wrong, "three-way-handshake", prediction(7, "ESTABLISHED", segment(List.of("SYN", "ACK"), "J+1", "K+1"))).statusCode(200);
            predict(alsoWrong, "three-way-handshake", prediction(7, "ESTABLISHED", segment(List.of("SYN", "ACK"), "1001", "5001"))).statusCode(200);
            predict(outsider, "three-way-handshake", prediction(7, "CLOSED", null)).statusCode(200);
            String page = given().cookie(TeacherLogin.COOKIE, teacher)
                    .queryParam("lang", "en").get("/teacher/classes/" + code).then().statusCode(200).extract().asString();
            int row = page.indexOf("<tr data-scenario=\"three-way-handshake\" data-step=\"8\">");
            assertTrue(row > 0, "a row for step 8 of the handshake");
            String cells = page.substring(row, page.indexOf("</tr>", row));
            assertTrue(cells.contains("33% (3)"), cells);
            assertTrue(cells.contains("ESTABLISHED · SYN,ACK seq=J+1 ack=K+1</code> (×2)"), cells);
        }
    }
}
