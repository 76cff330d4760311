package lab.handshake.quiz;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The answers to a learner's attempt as the API takes them, worked out from the bank and the attempt's stored ISNs. */
@ApplicationScoped
class QuizAnswers {
    private final QuizCatalogue catalogue;
    private final QuestionGenerator generator;
    private final ObjectMapper json;

    QuizAnswers(QuizCatalogue catalogue, QuestionGenerator generator, ObjectMapper json) {
        this.catalogue = catalogue;
        this.generator = generator;
        this.json = json;
    }

    Map<String, QuestionGenerator.Isns> isns(String attemptId) throws Exception {
        String generatedJson = QuarkusTransaction.requiringNew().call(() -> QuizAttempt.<QuizAttempt>findById(attemptId).generatedJson);
        return json.readValue(generatedJson, new TypeReference<>() { });
    }

    /** The right answer of every question. */
    List<Map<String, Object>> right(String quizId, String attemptId) throws Exception {
        QuizModel.Quiz quiz = catalogue.find(quizId).orElseThrow();
        Map<String, QuestionGenerator.Isns> generated = isns(attemptId);
        List<Map<String, Object>> answers = new ArrayList<>();
        for (QuizModel.Question q : quiz.questions()) {
            Map<String, Object> answer = new HashMap<>(switch (q.kind()) {
                case "single" -> Map.of("choice", q.options().stream().filter(QuizModel.Option::correct).findFirst().orElseThrow().id());
                case "multiple" -> Map.of("choices", q.options().stream().filter(QuizModel.Option::correct).map(QuizModel.Option::id).toList());
                case "ordering" -> Map.of("order", q.order());
                case "numeric" -> Map.of("value", generator.numericAnswer(q.generate(), generated.get(q.id())));
                default -> Map.of("state", generator.nextStateAnswer(q.generate()));
            });
            answer.put("question", q.id());
            answers.add(answer);
        }
        return answers;
    }

    /** The right answers with some replaced: {@code replaced} maps a question id to its answer (without "question"). */
    List<Map<String, Object>> rightExcept(String quizId, String attemptId, Map<String, Map<String, Object>> replaced) throws Exception {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Map<String, Object> answer : right(quizId, attemptId)) {
            Map<String, Object> wrong = replaced.get((String) answer.get("question"));
            if (wrong == null) {
                answers.add(answer);
            } else {
                Map<String, Object> withQuestion = new HashMap<>(wrong);
                withQuestion.put("question", answer.get("question"));
                answers.add(withQuestion);
            }
        }
        return answers;
    }
}
