package lab.handshake.quiz;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import lab.handshake.api.Learner;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code /api/quizzes}: no answers before submission, grading on the server, bad attempts, LMS exports. */
@QuarkusTest
class QuizApiTest {
    @Inject
    QuizCatalogue catalogue;
    @Inject
    QuizAnswers answers;

    /** The questions of a quiz for a fresh learner: the response and the learner's cookie. */
    static Response start(String quiz, String learner) {
        var request = given().queryParam("lang", "en");
        if (learner != null) {
            request = request.cookie(LearnerIdentity.COOKIE, learner);
        }
        return request.when().get("/api/quizzes/" + quiz).then().statusCode(200).extract().response();
    }

    /** The right answer to every question of an attempt, worked out from the bank and the stored ISNs. */
    List<Map<String, Object>> rightAnswers(String quizId, String attemptId) throws Exception {
        return answers.right(quizId, attemptId);
    }

    @Test
    void shouldListAtLeastFiveQuizzesAndFortyQuestions() {
        List<Integer> counts = given().get("/api/quizzes").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(5))
                .body("id", hasItems("why-three-steps", "why-four-steps", "time-wait-2msl", "sequence-numbers", "which-state-when", "syn-flood"))
                .extract().path("questionCount");
        assertTrue(counts.stream().mapToInt(Integer::intValue).sum() >= 40);
    }

    @Test
    void shouldHandOutQuestionsWithoutAnyAnswerOrExplanation() {
        for (QuizModel.Quiz quiz : catalogue.all()) {
            String body = start(quiz.id(), null).asString();
            assertFalse(body.contains("\"correct\""), quiz.id() + " reveals which option is right");
            assertFalse(body.contains("\"why\""), quiz.id() + " reveals an explanation");
            assertFalse(body.contains("\"order\""), quiz.id() + " reveals an order");
            assertFalse(body.contains("{clientIsn}") || body.contains("{serverIsn}"), quiz.id() + " leaves a placeholder");
            assertTrue(body.contains("\"attemptId\""));
        }
    }

    @Test
    void shouldGradeRightAnswersAsFullMarksWithExplanations() throws Exception {
        Response started = start("sequence-numbers", null);
        String attempt = started.path("attemptId");
        Learner learner = new Learner(started.getCookie(LearnerIdentity.COOKIE));
        String joinCode = TeacherClasses.create(TeacherLogin.admin(), "Networks 101");
        learner.join(joinCode.toLowerCase());
        learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", rightAnswers("sequence-numbers", attempt), "classCode", joinCode))
                .when().post("/api/quizzes/sequence-numbers/attempts")
                .then().statusCode(200)
                .body("percent", equalTo(100))
                .body("questions.correct", not(hasItems(false)))
                .body("questions[0].explanation", notNullValue())
                .body("lesson", equalTo("header-fields"));
        learner.request().get("/api/learners/me/progress")
                .then().statusCode(200).body("quiz", hasItems("sequence-numbers"));
    }

    @Test
    void shouldGradeWrongAnswersWrongAndGivePartialCreditForMultipleChoice() {
        QuizModel.Question multiple = catalogue.find("sequence-numbers").orElseThrow().questions().stream()
                .filter(q -> q.kind().equals("multiple")).findFirst().orElseThrow();
        String rightOne = multiple.options().stream().filter(QuizModel.Option::correct).findFirst().orElseThrow().id();
        QuizModel.Question single = catalogue.find("sequence-numbers").orElseThrow().questions().get(0);
        String wrongOne = single.options().stream().filter(o -> !o.correct()).findFirst().orElseThrow().id();
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        Response result = learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", List.of(
                        Map.of("question", single.id(), "choice", wrongOne),
                        Map.of("question", multiple.id(), "choices", List.of(rightOne)))))
                .when().post("/api/quizzes/sequence-numbers/attempts")
                .then().statusCode(200).extract().response();
        assertEquals(false, result.path("questions.find { it.id == '" + single.id() + "' }.correct"));
        assertTrue(((String) result.path("questions.find { it.id == '" + single.id() + "' }.explanation")).contains("The material says"));
        float credit = result.path("questions.find { it.id == '" + multiple.id() + "' }.credit");
        long rightCount = multiple.options().stream().filter(QuizModel.Option::correct).count();
        assertEquals(Math.round(100.0 / rightCount) / 100.0, credit, 0.01, "one right option of " + rightCount);
    }

    @Test
    void shouldGradeAGeneratedQuestionAgainstItsOwnValues() throws Exception {
        QuizModel.Question numeric = catalogue.find("sequence-numbers").orElseThrow().questions().stream()
                .filter(q -> q.kind().equals("numeric")).findFirst().orElseThrow();
        String first = Learner.fresh().startQuiz("sequence-numbers");
        Learner learner = Learner.fresh();
        String second = learner.startQuiz("sequence-numbers");
        Object firstAnswer = rightAnswers("sequence-numbers", first).stream()
                .filter(a -> a.get("question").equals(numeric.id())).findFirst().orElseThrow().get("value");
        Object secondAnswer = rightAnswers("sequence-numbers", second).stream()
                .filter(a -> a.get("question").equals(numeric.id())).findFirst().orElseThrow().get("value");
        assertNotEquals(firstAnswer, secondAnswer, "each attempt has its own ISNs");
        Response graded = learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", second, "answers", List.of(Map.of("question", numeric.id(), "value", firstAnswer))))
                .when().post("/api/quizzes/sequence-numbers/attempts")
                .then().statusCode(200)
                .body("questions.find { it.id == '" + numeric.id() + "' }.correct", equalTo(false))
                .extract().response();
        Number correctAnswer = graded.path("questions.find { it.id == '" + numeric.id() + "' }.correctAnswer");
        assertEquals(((Number) secondAnswer).longValue(), correctAnswer.longValue());
    }

    @Test
    void shouldRefuseBadAttemptsWithAClear4xx() {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("why-three-steps");
        QuizModel.Question ordering = catalogue.find("why-three-steps").orElseThrow().questions().stream()
                .filter(q -> q.kind().equals("ordering")).findFirst().orElseThrow();
        learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", List.of(Map.of("question", "no-such-question", "choice", "a"))))
                .post("/api/quizzes/why-three-steps/attempts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("answers[0].question"));
        learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", List.of(Map.of("question", ordering.id(), "choice", "a"))))
                .post("/api/quizzes/why-three-steps/attempts")
                .then().statusCode(400).body("errors[0].field", equalTo("answers[0].order"));
        learner.request().contentType(ContentType.JSON).body(Map.of("answers", List.of()))
                .post("/api/quizzes/why-three-steps/attempts")
                .then().statusCode(400).body("errors[0].field", equalTo("attemptId"));
        learner.request().contentType(ContentType.JSON).body(Map.of("attemptId", "00000000-0000-0000-0000-000000000000", "answers", List.of()))
                .post("/api/quizzes/why-three-steps/attempts")
                .then().statusCode(404);
        learner.request().contentType(ContentType.JSON).body(Map.of("attemptId", attempt, "answers", List.of()))
                .post("/api/quizzes/why-four-steps/attempts")
                .then().statusCode(400).body("detail", containsString("belongs to quiz why-three-steps"));
        learner.request().contentType(ContentType.JSON).queryParam("lang", "zh").body(Map.of("attemptId", attempt, "answers", List.of()))
                .post("/api/quizzes/why-four-steps/attempts")
                .then().statusCode(400).body("title", equalTo("无效的作答"))
                .body("detail", equalTo("“attemptId”属于测验 why-three-steps。"));
        learner.request().contentType(ContentType.JSON).body(Map.of("attemptId", attempt, "answers", List.of()))
                .post("/api/quizzes/why-three-steps/attempts").then().statusCode(200);
        learner.request().contentType(ContentType.JSON).body(Map.of("attemptId", attempt, "answers", List.of()))
                .post("/api/quizzes/why-three-steps/attempts")
                .then().statusCode(409).body("title", equalTo("Attempt already submitted"));
        // When, in the campus's time as pages say it; never an ISO instant inside a Chinese sentence.
        learner.request().contentType(ContentType.JSON).queryParam("lang", "zh").body(Map.of("attemptId", attempt, "answers", List.of()))
                .post("/api/quizzes/why-three-steps/attempts")
                .then().statusCode(409).body("detail", matchesPattern("这次作答已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\S* .*"));
        given().get("/api/quizzes/no-such-quiz").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldKeepTheSameAttemptWhenTheSameLearnerReloads() {
        Response first = start("why-four-steps", null);
        String learner = first.getCookie(LearnerIdentity.COOKIE);
        assertEquals((String) first.path("attemptId"), start("why-four-steps", learner).path("attemptId"));
    }

    @Test
    void shouldExportWellFormedMoodleXmlWithEveryQuestionKind() throws Exception {
        String teacher = TeacherLogin.admin();
        for (QuizModel.Quiz quiz : catalogue.all()) {
            String xml = given().cookie(TeacherLogin.COOKIE, teacher).queryParam("format", "moodle-xml").get("/api/quizzes/" + quiz.id() + "/export")
                    .then().statusCode(200).contentType(containsString("application/xml")).extract().asString();
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            NodeList questions = document.getElementsByTagName("question");
            assertEquals(quiz.questions().size() + 1, questions.getLength(), "a category and every question");
            for (int i = 1; i < questions.getLength(); i++) {
                Element question = (Element) questions.item(i);
                String type = question.getAttribute("type");
                assertTrue(List.of("multichoice", "ordering", "calculated").contains(type), type);
                if (type.equals("calculated")) {
                    assertTrue(question.getElementsByTagName("dataset_definition").getLength() == 2);
                    assertTrue(question.getElementsByTagName("answer").item(0).getTextContent().contains("fmod({"));
                }
                if (type.equals("multichoice")) {
                    double best = 0;
                    NodeList answers = question.getElementsByTagName("answer");
                    for (int a = 0; a < answers.getLength(); a++) {
                        best = Math.max(best, Double.parseDouble(((Element) answers.item(a)).getAttribute("fraction")));
                    }
                    assertTrue(best > 0, "some answer earns credit");
                }
            }
        }
    }

    @Test
    void shouldExportGiftWithOneBalancedBlockPerQuestion() {
        String teacher = TeacherLogin.admin();
        for (QuizModel.Quiz quiz : catalogue.all()) {
            String gift = given().cookie(TeacherLogin.COOKIE, teacher).queryParam("format", "gift").get("/api/quizzes/" + quiz.id() + "/export")
                    .then().statusCode(200).extract().asString();
            assertTrue(gift.startsWith("// "));
            assertTrue(gift.contains("$CATEGORY: $course$/Handshake Lab/"));
            for (QuizModel.Question q : quiz.questions()) {
                int start = gift.indexOf("::" + q.id() + "::");
                assertTrue(start >= 0, "question " + q.id());
                int open = indexOfUnescaped(gift, '{', start);
                int close = indexOfUnescaped(gift, '}', open);
                assertTrue(open > start && close > open, "answer block of " + q.id());
                String block = gift.substring(open + 1, close);
                if (q.kind().equals("numeric")) {
                    assertTrue(block.matches("#\\d+#.*"), block);
                } else if (!q.kind().equals("ordering")) {
                    assertTrue(block.contains("\n=") || block.contains("~%"), block);
                }
            }
        }
        given().cookie(TeacherLogin.COOKIE, teacher).queryParam("format", "pdf").get("/api/quizzes/syn-flood/export").then().statusCode(400);
    }

    private static int indexOfUnescaped(String text, char wanted, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }
}
