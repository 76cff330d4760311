package lab.handshake.quiz;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lab.handshake.api.Learner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/learners/me/review}: the questions a learner got wrong come back after 1, 3 and 7 days (Leitner boxes). */
@QuarkusTest
class ReviewApiTest {
    private static final String QUIZ = "why-three-steps";
    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    QuizAnswers answers;

    private final MovableReviewClock clock = new MovableReviewClock();

    @BeforeEach
    void installClock() {
        QuarkusMock.installMockForType(clock, ReviewClock.class);
    }

    private Instant submitWrong(Learner learner, Map<String, Map<String, Object>> wrong) throws Exception {
        String attempt = learner.startQuiz(QUIZ);
        learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", answers.rightExcept(QUIZ, attempt, wrong)))
                .post("/api/quizzes/" + QUIZ + "/attempts").then().statusCode(200);
        return clock.now();
    }

    private JsonPath review(Learner learner) {
        return learner.request().queryParam("lang", "en").get("/api/learners/me/review").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath answer(Learner learner, String question, Map<String, Object> answer) {
        return learner.request().queryParam("lang", "en").contentType(ContentType.JSON).body(answer)
                .post("/api/learners/me/review/" + QUIZ + "/" + question).then().statusCode(200).extract().jsonPath();
    }

    private static final Map<String, Object> RIGHT_PRINCIPAL = Map.of("choice", "a");
    private static final Map<String, Object> WRONG_PRINCIPAL = Map.of("choice", "b");
    private static final Map<String, Object> RIGHT_FLAGS = Map.of("choice", "b");
    private static final Map<String, Object> WRONG_FLAGS = Map.of("choice", "a");

    @Test
    void aWrongQuestionIsDueAfterOneDayThenThreeThenSevenAndLeavesWhenLearnt() throws Exception {
        Learner learner = Learner.fresh();
        Instant start = submitWrong(learner, Map.of("principal-reason", WRONG_PRINCIPAL, "third-segment-flags", WRONG_FLAGS));
        assertEquals(List.of(), review(learner).getList("due"), "nothing is due on the day of the mistake");
        assertEquals(List.of(1, 1), review(learner).getList("waiting.days"));

        clock.advance(DAY);
        JsonPath due = review(learner);
        assertEquals(List.of("principal-reason", "third-segment-flags"), due.getList("due.question.id"), "both due, in a fixed order");
        assertEquals(List.of(1, 1), due.getList("due.box"));
        assertFalse(due.prettify().contains("\"correct\""), "shown without the answer");

        JsonPath up = answer(learner, "principal-reason", RIGHT_PRINCIPAL);
        assertEquals(2, up.getInt("box"));
        assertEquals(start.plus(DAY).plus(Duration.ofDays(3)).toString(), up.getString("dueAt"));
        assertEquals("Right. It moves up to box 2 and comes back in 3 days.", up.getString("text"));
        JsonPath back = answer(learner, "third-segment-flags", WRONG_FLAGS);
        assertEquals(1, back.getInt("box"));
        assertEquals("third-segment-has-syn", back.getString("result.misconceptions[0].id"), "the review names the misconception too");

        clock.advance(DAY); // day 2: only the question answered wrong yesterday
        assertEquals(List.of("third-segment-flags"), review(learner).getList("due.question.id"));
        assertEquals(2, answer(learner, "third-segment-flags", RIGHT_FLAGS).getInt("box")); // due day 5

        clock.advance(DAY.multipliedBy(2)); // day 4
        assertEquals(List.of("principal-reason"), review(learner).getList("due.question.id"));
        assertEquals(3, answer(learner, "principal-reason", RIGHT_PRINCIPAL).getInt("box")); // due day 11

        clock.advance(DAY.multipliedBy(7)); // day 11: the earliest due first
        assertEquals(List.of("third-segment-flags", "principal-reason"), review(learner).getList("due.question.id"));
        JsonPath learnt = answer(learner, "principal-reason", RIGHT_PRINCIPAL);
        assertEquals(0, learnt.getInt("box"));
        assertEquals("Right again: learnt. It leaves the review.", learnt.getString("text"));
        assertEquals(List.of("third-segment-flags"), review(learner).getList("due.question.id"));
    }

    @Test
    void aRightAnswerInALaterAttemptMovesTheQuestionUp() throws Exception {
        Learner learner = Learner.fresh();
        submitWrong(learner, Map.of("principal-reason", WRONG_PRINCIPAL));
        clock.advance(Duration.ofHours(2));
        submitWrong(learner, Map.of());
        assertEquals(List.of(3), review(learner).getList("waiting.days"), "box 2: due 3 days after the right answer");
    }

    @Test
    void aQuestionNotDueOrNotTheLearnersCannotBeAnswered() throws Exception {
        Learner learner = Learner.fresh();
        submitWrong(learner, Map.of("principal-reason", WRONG_PRINCIPAL));
        learner.request().contentType(ContentType.JSON).body(RIGHT_PRINCIPAL)
                .post("/api/learners/me/review/" + QUIZ + "/principal-reason")
                .then().statusCode(409).contentType("application/problem+json").body("title", equalTo("Not due yet"));
        clock.advance(DAY);
        Learner.fresh().request().contentType(ContentType.JSON).body(RIGHT_PRINCIPAL)
                .post("/api/learners/me/review/" + QUIZ + "/principal-reason").then().statusCode(404);
        learner.request().contentType(ContentType.JSON).body(Map.of("choice", "z"))
                .post("/api/learners/me/review/" + QUIZ + "/principal-reason")
                .then().statusCode(400).body("errors[0].field", equalTo("answer.choice"));
    }

    @Test
    void aGeneratedQuestionComesBackWithNewNumbers() throws Exception {
        Learner learner = Learner.fresh();
        submitWrong(learner, Map.of("third-segment-ack", Map.of("value", 0)));
        clock.advance(DAY);
        String prompt = review(learner).getString("due.find { it.question.id == 'third-segment-ack' }.question.prompt");
        assertEquals(prompt, review(learner).getString("due.find { it.question.id == 'third-segment-ack' }.question.prompt"),
                "the same numbers until it is answered");
        JsonPath graded = answer(learner, "third-segment-ack", Map.of("value", 0));
        assertEquals(prompt, graded.getString("result.prompt"), "graded with the numbers it was shown with");
        clock.advance(DAY);
        String next = review(learner).getString("due.find { it.question.id == 'third-segment-ack' }.question.prompt");
        assertNotEquals(prompt, next);
    }
}
