package lab.handshake.teacher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.quiz.QuizAttempt;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;

/**
 * How a class answers: per class code and quiz, the attempts, the average score, and per question the share
 * of learners who got it right and the wrong answer chosen most often — the misconception to address.
 */
@ApplicationScoped
public class ClassResults {
    private static final TypeReference<List<JsonNode>> RESULTS = new TypeReference<>() { };

    public record ClassSummary(String classCode, String quiz, String title, long attempts, int averagePercent) {
    }

    public record QuestionStats(String question, String prompt, int attempts, int percentRight, String mostChosenWrong,
                                int mostChosenWrongCount) {
    }

    public record QuizStats(String quiz, String title, int attempts, int averagePercent, List<QuestionStats> questions) {
    }

    private final QuizCatalogue quizzes;
    private final ObjectMapper json;

    public ClassResults(QuizCatalogue quizzes, ObjectMapper json) {
        this.quizzes = quizzes;
        this.json = json;
    }

    @Transactional
    public List<ClassSummary> classes(String language) {
        List<ClassSummary> summaries = new ArrayList<>();
        List<Object[]> rows = QuizAttempt.getEntityManager().createQuery(
                "select a.classCode, a.quizId, count(a), avg(a.score / a.maxScore) from QuizAttempt a "
                        + "where a.submittedAt is not null and a.classCode is not null "
                        + "group by a.classCode, a.quizId order by a.classCode, a.quizId", Object[].class).getResultList();
        for (Object[] row : rows) {
            String quiz = (String) row[1];
            summaries.add(new ClassSummary((String) row[0], quiz, title(quiz, language), (Long) row[2],
                    (int) Math.round(100 * ((Number) row[3]).doubleValue())));
        }
        return summaries;
    }

    /** Every quiz a class has taken, with the statistics of each question. */
    @Transactional
    public List<QuizStats> forClass(String classCode, String language) {
        List<QuizAttempt> attempts = QuizAttempt.list("classCode = ?1 and submittedAt is not null order by quizId", classCode);
        Map<String, List<QuizAttempt>> byQuiz = new LinkedHashMap<>();
        attempts.forEach(attempt -> byQuiz.computeIfAbsent(attempt.quizId, quiz -> new ArrayList<>()).add(attempt));
        List<QuizStats> stats = new ArrayList<>();
        byQuiz.forEach((quizId, list) -> stats.add(quizStats(quizId, list, language)));
        return stats;
    }

    private QuizStats quizStats(String quizId, List<QuizAttempt> attempts, String language) {
        QuizModel.Quiz quiz = quizzes.find(quizId).orElse(null);
        Map<String, int[]> rightAndTotal = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> wrongAnswers = new HashMap<>();
        double percentSum = 0;
        for (QuizAttempt attempt : attempts) {
            percentSum += 100.0 * attempt.score / attempt.maxScore;
            for (JsonNode result : read(attempt.resultsJson)) {
                String question = result.path("id").asText();
                int[] counts = rightAndTotal.computeIfAbsent(question, q -> new int[2]);
                counts[1]++;
                if (result.path("correct").asBoolean()) {
                    counts[0]++;
                } else if (!result.path("yourAnswer").isNull() && !result.path("yourAnswer").isMissingNode()) {
                    wrongAnswers.computeIfAbsent(question, q -> new HashMap<>())
                            .merge(answerText(quiz, question, result.path("yourAnswer"), language), 1, Integer::sum);
                }
            }
        }
        List<QuestionStats> questions = new ArrayList<>();
        rightAndTotal.forEach((question, counts) -> {
            Map.Entry<String, Integer> worst = wrongAnswers.getOrDefault(question, Map.of()).entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElse(null);
            questions.add(new QuestionStats(question, prompt(quiz, question, language), counts[1],
                    Math.round(100f * counts[0] / counts[1]), worst == null ? null : worst.getKey(), worst == null ? 0 : worst.getValue()));
        });
        return new QuizStats(quizId, title(quizId, language), attempts.size(), (int) Math.round(percentSum / attempts.size()), questions);
    }

    /** One row per question, for a spreadsheet. */
    public String csv(String classCode, String language) {
        StringBuilder csv = new StringBuilder("class,quiz,question,attempts,percent_right,most_chosen_wrong_answer,times_chosen\n");
        for (QuizStats quiz : forClass(classCode, language)) {
            for (QuestionStats question : quiz.questions()) {
                csv.append(cell(classCode)).append(',').append(cell(quiz.quiz())).append(',').append(cell(question.question()))
                        .append(',').append(question.attempts()).append(',').append(question.percentRight()).append(',')
                        .append(cell(question.mostChosenWrong() == null ? "" : question.mostChosenWrong())).append(',')
                        .append(question.mostChosenWrongCount()).append('\n');
            }
        }
        return csv.toString();
    }

    private static String cell(String text) {
        String safe = text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@") ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private String answerText(QuizModel.Quiz quiz, String questionId, JsonNode answer, String language) {
        QuizModel.Question question = quiz == null ? null
                : quiz.questions().stream().filter(q -> q.id().equals(questionId)).findFirst().orElse(null);
        List<String> ids = new ArrayList<>();
        if (answer.isArray()) {
            answer.forEach(item -> ids.add(item.asText()));
        } else {
            ids.add(answer.asText());
        }
        if (question == null || question.options() == null && question.items() == null) {
            return String.join(", ", ids);
        }
        List<String> texts = new ArrayList<>();
        for (String id : ids) {
            String text = id;
            if (question.options() != null) {
                text = question.options().stream().filter(o -> o.id().equals(id)).findFirst().map(o -> QuizModel.text(o.text(), language)).orElse(id);
            } else if (question.items() != null) {
                text = question.items().stream().filter(i -> i.id().equals(id)).findFirst().map(i -> QuizModel.text(i.text(), language)).orElse(id);
            }
            texts.add(text);
        }
        return String.join(question.items() != null ? " → " : "; ", texts);
    }

    private String title(String quizId, String language) {
        return quizzes.find(quizId).map(quiz -> QuizModel.text(quiz.title(), language)).orElse(quizId);
    }

    private static String prompt(QuizModel.Quiz quiz, String questionId, String language) {
        return quiz == null ? questionId : quiz.questions().stream().filter(q -> q.id().equals(questionId)).findFirst()
                .map(q -> QuizModel.text(q.prompt(), language)).orElse(questionId);
    }

    private List<JsonNode> read(String resultsJson) {
        try {
            return json.readValue(resultsJson, RESULTS);
        } catch (IOException e) {
            throw new IllegalStateException("stored results are unreadable", e);
        }
    }
}
