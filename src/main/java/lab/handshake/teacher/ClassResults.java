package lab.handshake.teacher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.api.Refusal;
import lab.handshake.classes.ClassMember;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.ClassViewer;
import lab.handshake.classes.SchoolClass;
import lab.handshake.quiz.QuizAttempt;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;

/**
 * How a class answers: per class and quiz, the attempts, the average score, and per question the share of
 * learners who got it right and the wrong answer chosen most often — the misconception to address. Attempts
 * the teacher excluded count nowhere here. Each method takes a class the caller already checked the teacher
 * manages ({@link ClassService#managed}).
 */
@ApplicationScoped
public class ClassResults {
    private static final TypeReference<List<JsonNode>> RESULTS = new TypeReference<>() { };

    /** A class on the teacher's list: its join code, who owns it (for administrators) and what it has taken. */
    public record ClassSummary(String joinCode, String name, String owner, boolean legacy, long members,
                               List<ClassQuizSummary> quizzes) {
    }

    public record ClassQuizSummary(String quiz, String title, long attempts, int averagePercent) {
    }

    public record QuestionStats(String question, String prompt, int attempts, int percentRight, String mostChosenWrong,
                                int mostChosenWrongCount) {
    }

    public record QuizStats(String quiz, String title, int attempts, int averagePercent, List<QuestionStats> questions) {
    }

    /** One submitted attempt, for the teacher to read and to exclude or include. */
    public record AttemptRow(String id, String quiz, String title, String displayName, double score, int maxScore,
                             int percent, Instant submittedAt, boolean excluded) {
    }

    private final QuizCatalogue quizzes;
    private final ClassService classes;
    private final ObjectMapper json;

    public ClassResults(QuizCatalogue quizzes, ClassService classes, ObjectMapper json) {
        this.quizzes = quizzes;
        this.classes = classes;
        this.json = json;
    }

    /** The teacher looking: their account's id, and whether they are an administrator. */
    static ClassViewer viewer(SecurityIdentity identity) {
        Teacher teacher = Teacher.findByUsername(identity.getPrincipal().getName());
        return new ClassViewer(teacher == null ? -1 : teacher.id, identity.hasRole(Teacher.ADMIN));
    }

    /** The class with this code if the teacher manages it; 404 otherwise, as if it did not exist. */
    SchoolClass managed(ClassViewer viewer, String code) {
        return classes.managed(viewer, code).orElseThrow(() -> Refusal.notFound("class", code));
    }

    @Transactional
    public SchoolClass create(ClassViewer viewer, String name) {
        return classes.create(name, viewer.teacherId());
    }

    /** Every class the teacher manages, with its quizzes' attempts and averages. */
    @Transactional
    public List<ClassSummary> classes(ClassViewer viewer, String language) {
        return summaries(classes.managedBy(viewer), language);
    }

    @Transactional
    public ClassSummary summary(SchoolClass schoolClass, String language) {
        return summaries(List.of(schoolClass), language).get(0);
    }

    private List<ClassSummary> summaries(List<SchoolClass> managed, String language) {
        Map<Long, List<ClassQuizSummary>> byClass = new HashMap<>();
        if (!managed.isEmpty()) {
            List<Object[]> rows = QuizAttempt.getEntityManager().createQuery(
                    "select a.classId, a.quizId, count(a), avg(a.score / a.maxScore) from QuizAttempt a "
                            + "where a.classId in :classes and a.submittedAt is not null and a.excluded = false "
                            + "group by a.classId, a.quizId order by a.quizId", Object[].class)
                    .setParameter("classes", managed.stream().map(c -> c.id).toList()).getResultList();
            for (Object[] row : rows) {
                String quiz = (String) row[1];
                byClass.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add(new ClassQuizSummary(quiz, title(quiz, language),
                        (Long) row[2], (int) Math.round(100 * ((Number) row[3]).doubleValue())));
            }
        }
        Map<Long, String> owners = new HashMap<>();
        Teacher.<Teacher>listAll().forEach(teacher -> owners.put(teacher.id, teacher.username));
        return managed.stream().map(c -> new ClassSummary(c.joinCode, c.name, c.ownerId == null ? null : owners.get(c.ownerId),
                c.legacy, ClassMember.countIn(c.id), byClass.getOrDefault(c.id, List.of()))).toList();
    }

    /** Every quiz a class has taken, with the statistics of each question. */
    @Transactional
    public List<QuizStats> forClass(SchoolClass schoolClass, String language) {
        List<QuizAttempt> attempts = QuizAttempt.list(
                "classId = ?1 and submittedAt is not null and excluded = false order by quizId", schoolClass.id);
        Map<String, List<QuizAttempt>> byQuiz = new LinkedHashMap<>();
        attempts.forEach(attempt -> byQuiz.computeIfAbsent(attempt.quizId, quiz -> new ArrayList<>()).add(attempt));
        List<QuizStats> stats = new ArrayList<>();
        byQuiz.forEach((quizId, list) -> stats.add(quizStats(quizId, list, language)));
        return stats;
    }

    /** Every submitted attempt of the class, newest first, excluded ones too. */
    @Transactional
    public List<AttemptRow> attempts(SchoolClass schoolClass, String language) {
        return QuizAttempt.<QuizAttempt>list("classId = ?1 and submittedAt is not null order by submittedAt desc", schoolClass.id)
                .stream().map(attempt -> row(attempt, language)).toList();
    }

    /** Leaves an attempt of this class out of its results, or counts it again; 404 for an attempt not in it. */
    @Transactional
    public AttemptRow setExcluded(SchoolClass schoolClass, String attemptId, boolean excluded, String language) {
        QuizAttempt attempt = attemptId == null || attemptId.length() > 36 ? null : QuizAttempt.findById(attemptId);
        if (attempt == null || !schoolClass.id.equals(attempt.classId) || attempt.submittedAt == null) {
            throw Refusal.notFound("submitted attempt in this class", attemptId);
        }
        attempt.excluded = excluded;
        return row(attempt, language);
    }

    private AttemptRow row(QuizAttempt attempt, String language) {
        return new AttemptRow(attempt.id, attempt.quizId, title(attempt.quizId, language), attempt.displayName,
                Math.round(attempt.score * 100) / 100.0, attempt.maxScore,
                (int) Math.round(100 * attempt.score / attempt.maxScore), attempt.submittedAt, attempt.excluded);
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
    public String csv(SchoolClass schoolClass, String language) {
        StringBuilder csv = new StringBuilder("class,quiz,question,attempts,percent_right,most_chosen_wrong_answer,times_chosen\n");
        for (QuizStats quiz : forClass(schoolClass, language)) {
            for (QuestionStats question : quiz.questions()) {
                csv.append(cell(schoolClass.name)).append(',').append(cell(quiz.quiz())).append(',').append(cell(question.question()))
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
