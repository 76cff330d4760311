package lab.handshake.quiz;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.api.Learner;
import lab.handshake.engine.Language;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.scenario.ScenarioCatalogue;
import org.junit.jupiter.api.Test;

/**
 * Quizzes keep and explain a learner's mistakes (issue 16): the misconception a wrong answer shows, a number past
 * 2^32−1, an ordering with an item twice, the worked solution of a generated question, and new numbers to try again.
 */
@QuarkusTest
class LearningFromMistakesApiTest {
    private static final long TWO_TO_32 = 1L << 32;

    @Inject
    QuizCatalogue catalogue;
    @Inject
    QuestionGenerator generator;
    @Inject
    QuizAnswers answers;
    @Inject
    ScenarioCatalogue scenarios;
    @Inject
    MisconceptionCatalogue misconceptions;

    /** Submits the right answers of sequence-numbers except those given; the graded attempt. */
    private JsonPath submit(Learner learner, String attempt, String lang, Map<String, Map<String, Object>> replaced) throws Exception {
        return learner.request().queryParam("lang", lang).contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", answers.rightExcept("sequence-numbers", attempt, replaced)))
                .post("/api/quizzes/sequence-numbers/attempts").then().statusCode(200).extract().jsonPath();
    }

    private long right(String attempt, String question) throws Exception {
        QuizModel.Question q = question(question);
        return generator.numericAnswer(q.generate(), answers.isns(attempt).get(question));
    }

    private QuizModel.Question question(String id) {
        return catalogue.find("sequence-numbers").orElseThrow().questions().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aWrongOptionNamesItsMisconceptionWithTheRefutationInTheReadersLanguage() throws Exception {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        JsonPath result = submit(learner, attempt, "zh", Map.of("ack-meaning", Map.of("choice", "b"), "what-occupies", Map.of("choices", List.of("a"))));
        assertEquals("ack-is-seq-plus-one", result.getString("questions.find { it.id == 'ack-meaning' }.misconceptions[0].id"));
        assertEquals(misconceptions.find("ack-is-seq-plus-one").orElseThrow().refutation().get("zh"),
                result.getString("questions.find { it.id == 'ack-meaning' }.misconceptions[0].refutation"));
        assertEquals(List.of(), result.getList("questions.find { it.id == 'what-occupies' }.misconceptions"),
                "leaving a right option out shows no misconception");
        assertEquals(List.of(), result.getList("questions.find { it.id == 'data-on-third' }.misconceptions"), "a right answer shows none");
    }

    @Test
    void aKnownWrongNumberNamesItsMisconception() throws Exception {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        long plusOne = Math.floorMod(right(attempt, "ack-of-data") - 99, TWO_TO_32); // J+2: "ack = seq + 1"
        JsonPath result = submit(learner, attempt, "en", Map.of("ack-of-data", Map.of("value", plusOne)));
        assertEquals("ack-is-seq-plus-one", result.getString("questions.find { it.id == 'ack-of-data' }.misconceptions[0].id"));
        assertFalse(result.getBoolean("questions.find { it.id == 'ack-of-data' }.correct"));
    }

    @Test
    void aNumberPastTwoToThe32IsKeptAndExplainedAsAForgottenWrap() throws Exception {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        long right = right(attempt, "server-data-ack-wrap");
        long unwrapped = right + TWO_TO_32;
        JsonPath result = submit(learner, attempt, "en", Map.of("server-data-ack-wrap", Map.of("value", unwrapped)));
        String graded = "questions.find { it.id == 'server-data-ack-wrap' }";
        assertEquals(unwrapped, result.getLong(graded + ".yourAnswer"), "the answer is kept as given, not dropped");
        assertFalse(result.getBoolean(graded + ".correct"));
        assertEquals(unwrapped + " is past 2^32−1 = 4294967295: sequence numbers wrap modulo 2^32, so it is " + right
                + ", the right answer. The sum was right; only the wrap was forgotten.", result.getString(graded + ".notes[0]"));
    }

    @Test
    void aNumberBeyondTheBoundIsRefusedNamingTheField() {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", List.of(Map.of("question", "ack-of-data", "value", Numeric.MAX_VALUE + 1))))
                .post("/api/quizzes/sequence-numbers/attempts")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("answers[0].value"));
    }

    @Test
    void anOrderingWithAnItemTwiceIsKeptAndExplained() throws Exception {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        List<String> twice = List.of("isn", "isn", "zero", "seven", "hundred");
        JsonPath result = submit(learner, attempt, "en", Map.of("circular-order", Map.of("order", twice)));
        String graded = "questions.find { it.id == 'circular-order' }";
        assertEquals(twice, result.getList(graded + ".yourAnswer"));
        assertEquals(List.of("“4294967290 (the SYN)” is placed more than once (positions 1, 2); each step happens once.",
                "“4294967295” is not placed at all."), result.getList(graded + ".notes"));
        assertEquals(0.8, result.getDouble(graded + ".credit"), 1e-9, "the four items in their place earn their share");
    }

    @Test
    void anOrderingSortedBySizeShowsThatMisconception() throws Exception {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        JsonPath result = submit(learner, attempt, "en", Map.of("circular-order", Map.of("order", List.of("zero", "seven", "hundred", "isn", "top"))));
        assertEquals("seq-compared-by-size", result.getString("questions.find { it.id == 'circular-order' }.misconceptions[0].id"));
    }

    @Test
    void aGeneratedQuestionComesWithAWorkedSolutionInItsOwnNumbers() throws Exception {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        QuestionGenerator.Isns isns = answers.isns(attempt).get("ack-of-data");
        long right = right(attempt, "ack-of-data");
        JsonPath result = submit(learner, attempt, "en", Map.of());
        List<String> worked = result.getList("questions.find { it.id == 'ack-of-data' }.worked");
        assertEquals("The client's ISN J = " + isns.clientIsn() + "; the server's ISN K = " + isns.serverIsn() + ".", worked.get(0));
        assertTrue(worked.get(1).startsWith("Segment 1 (SYN, client): seq = J = " + isns.clientIsn() + "; it uses 1"), worked.get(1));
        assertTrue(worked.stream().anyMatch(step -> step.contains("len=100") && step.contains("it uses 100")), worked.toString());
        assertTrue(worked.get(worked.size() - 1).endsWith("= J+101 = " + right + "."), worked.get(worked.size() - 1));
        assertNull(result.get("questions.find { it.id == 'ack-meaning' }.worked"), "only generated questions have one");
    }

    @Test
    void aWrappingQuestionsWorkedSolutionShowsTheWrap() throws Exception {
        Learner learner = Learner.fresh();
        String attempt = learner.startQuiz("sequence-numbers");
        JsonPath result = submit(learner, attempt, "zh", Map.of());
        List<String> worked = result.getList("questions.find { it.id == 'last-ack-wrap' }.worked");
        assertTrue(worked.stream().anyMatch(step -> step.contains("超过了 4294967295，所以要回绕")), worked.toString());
    }

    @Test
    void tryingAgainAfterSubmittingHandsOutNewNumbers() throws Exception {
        Learner learner = Learner.fresh();
        String first = learner.startQuiz("sequence-numbers");
        String firstPrompt = learner.request().get("/api/quizzes/sequence-numbers").path("questions.find { it.id == 'ack-of-data' }.prompt");
        submit(learner, first, "en", Map.of());
        var again = learner.request().get("/api/quizzes/sequence-numbers").then().statusCode(200).extract();
        assertNotEquals(first, again.path("attemptId"), "a new attempt");
        assertNotEquals(answers.isns(first).get("ack-of-data"), answers.isns(again.path("attemptId")).get("ack-of-data"));
        assertNotEquals(firstPrompt, again.path("questions.find { it.id == 'ack-of-data' }.prompt"));
    }

    @Test
    void aBankNamingAnUnknownMisconceptionIsRefused() throws Exception {
        QuizModel.Quiz quiz = QuizCatalogue.read(String.join("\n", "id: tagged", "title: {en: T, zh: T}", "questions:",
                "  - id: one", "    kind: single", "    prompt: {en: '?', zh: '？'}", "    options:",
                "      - {id: a, text: {en: A, zh: A}, correct: true, why: {en: w, zh: w}}",
                "      - {id: b, text: {en: B, zh: B}, correct: false, why: {en: w, zh: w}, misconception: no-such-error}",
                "  - id: two", "    kind: numeric", "    prompt: {en: '?', zh: '？'}",
                "    generate: {scenario: three-way-handshake, segment: 2, field: ack}", "    why: {en: w, zh: w}",
                "    mistakes:", "      - {offset: 0, misconception: ack-is-seq-plus-one}", ""));
        assertEquals(List.of("tagged.yaml question one option b: unknown misconception 'no-such-error' (see content/misconceptions)",
                "tagged.yaml question two mistake ack-is-seq-plus-one: a numeric question's mistake is a non-zero offset, an ordering"
                        + " question's a wrong order of its items, a next-state question's one of its choices; choice questions tag"
                        + " their options instead"),
                QuizCatalogue.check(quiz, Path.of("tagged.yaml"), scenarios, misconceptions).stream()
                        .map(problem -> problem.in(Language.EN)).toList());
    }

    @Test
    void everyBuiltInBankLoadsWithItsTags() {
        assertEquals(List.of(), catalogue.problems());
        long tagged = catalogue.builtIn().stream().flatMap(quiz -> quiz.questions().stream())
                .filter(q -> q.mistakes() != null || q.options() != null && q.options().stream().anyMatch(o -> o.misconception() != null)).count();
        assertTrue(tagged >= 20, "tagged questions: " + tagged);
    }
}
