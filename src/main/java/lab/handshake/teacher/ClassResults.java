package lab.handshake.teacher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.activity.ActivityKind;
import lab.handshake.activity.ActivityRecords;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.classes.ClassMember;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.ClassViewer;
import lab.handshake.classes.SchoolClass;
import lab.handshake.engine.Language;
import lab.handshake.formats.SpreadsheetCsv;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.predict.PredictApi;
import lab.handshake.predict.PredictionService;
import lab.handshake.predict.SeqNames;
import lab.handshake.quiz.AttemptExclusionChanged;
import lab.handshake.quiz.QuestionGenerator;
import lab.handshake.quiz.QuizAttempt;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;

/**
 * How a class answers: per class and quiz, the attempts, the average score, and per question the share of
 * learners who got it right and the wrong answer chosen most often — the misconception to address; each
 * student's attempts with their mistakes, numbers named relative to the ISNs that student was given (J, K), so
 * that answers mean the same across students. Attempts the teacher excluded count nowhere in the statistics. Each method takes a class the caller already checked the teacher
 * manages ({@link ClassService#managed}).
 */
@ApplicationScoped
public class ClassResults {
    private static final TypeReference<List<JsonNode>> RESULTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, QuestionGenerator.Isns>> GENERATED = new TypeReference<>() { };

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

    /**
     * One submitted attempt, for the teacher to read and to exclude or include: {@code student} is the learner's
     * name on the class roster ({@code memberId} their entry, for the per-student view), {@code displayName} the
     * name typed with the attempt.
     */
    public record AttemptRow(String id, String quiz, String title, String student, Long memberId, String displayName,
                             double score, int maxScore, int percent, Instant submittedAt, boolean excluded) {
    }

    /**
     * A question a student did not get fully right: the prompt with the numbers that student saw, their answer and
     * the expected one (numbers relative to their ISNs, "J+100"), and the misconception the answer shows where the
     * question knows it.
     */
    public record Mistake(String question, String prompt, String yourAnswer, String expected, String misconception) {
    }

    /** One attempt in the per-student view. */
    public record StudentAttempt(AttemptRow attempt, List<Mistake> mistakes) {
    }

    /** What one student of a class did: their attempts with their mistakes, and how their predictions went. */
    /** One student of a class: attempts, predictions, and (of every class) the lessons they read, simulations they stepped through and sandbox tasks they met. */
    public record StudentView(ClassService.RosterEntry student, List<StudentAttempt> attempts,
                              PredictApi.Accuracy predictions, List<PredictApi.ScenarioAccuracy> predictedScenarios,
                              List<ActivityRecords.DoneActivity> lessonsRead, List<ActivityRecords.DoneActivity> steppedThrough,
                              List<ActivityRecords.DoneActivity> tasksMet) {
    }

    private final QuizCatalogue quizzes;
    private final ClassService classes;
    private final PredictionService predictions;
    private final MisconceptionCatalogue misconceptions;
    private final ObjectMapper json;
    private final Event<AttemptExclusionChanged> exclusionChanged;
    private final ActivityRecords activity;

    public ClassResults(QuizCatalogue quizzes, ClassService classes, PredictionService predictions,
                        MisconceptionCatalogue misconceptions, ObjectMapper json, Event<AttemptExclusionChanged> exclusionChanged,
                        ActivityRecords activity) {
        this.activity = activity;
        this.quizzes = quizzes;
        this.classes = classes;
        this.predictions = predictions;
        this.misconceptions = misconceptions;
        this.json = json;
        this.exclusionChanged = exclusionChanged;
    }

    /** The teacher looking: their account's id, and whether they are an administrator. */
    public static ClassViewer viewer(SecurityIdentity identity) {
        Teacher teacher = Teacher.findByUsername(identity.getPrincipal().getName());
        return new ClassViewer(teacher == null ? -1 : teacher.id, identity.hasRole(Teacher.ADMIN));
    }

    /** The class with this code if the teacher manages it; 404 otherwise, as if it did not exist. */
    public SchoolClass managed(ClassViewer viewer, String code) {
        return classes.managed(viewer, code).orElseThrow(() -> Refusal.notFound(ProblemMessages::school_class, code));
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
        ClassService.Roster roster = classes.roster(schoolClass, language);
        return submitted(schoolClass).stream().map(attempt -> row(attempt, roster, language)).toList();
    }

    private static List<QuizAttempt> submitted(SchoolClass schoolClass) {
        return QuizAttempt.list("classId = ?1 and submittedAt is not null order by submittedAt desc", schoolClass.id);
    }

    @Transactional
    public ClassService.Roster roster(SchoolClass schoolClass, String language) {
        return classes.roster(schoolClass, language);
    }

    /** One student of the class (by their roster entry); 404 for an entry of another class. */
    @Transactional
    public StudentView student(SchoolClass schoolClass, long memberId, String language) {
        String learnerId = classes.learnerOf(schoolClass, memberId)
                .orElseThrow(() -> Refusal.notFound(ProblemMessages::student_in_class, Long.toString(memberId)));
        ClassService.Roster roster = classes.roster(schoolClass, language);
        List<StudentAttempt> attempts = new ArrayList<>();
        for (QuizAttempt attempt : QuizAttempt.<QuizAttempt>list("classId = ?1 and learnerId = ?2 and submittedAt is not null "
                + "order by submittedAt desc", schoolClass.id, learnerId)) {
            attempts.add(new StudentAttempt(row(attempt, roster, language), mistakes(attempt, language)));
        }
        Language lang = Language.parse(language);
        return new StudentView(roster.byLearner().get(learnerId), attempts, predictions.overall(learnerId, lang),
                predictions.progress(learnerId, lang), activity.of(ActivityKind.LESSON_READ, learnerId, lang),
                activity.of(ActivityKind.SIMULATION_STEPPED_THROUGH, learnerId, lang), activity.of(ActivityKind.SANDBOX_TASK_MET, learnerId, lang));
    }

    /** The questions of an attempt that were not fully right, as {@link Mistake}s in the teacher's language. */
    private List<Mistake> mistakes(QuizAttempt attempt, String language) {
        QuizModel.Quiz quiz = quizzes.find(attempt.quizId).orElse(null);
        Map<String, QuestionGenerator.Isns> isns = isns(attempt);
        List<Mistake> mistakes = new ArrayList<>();
        for (JsonNode result : read(attempt.resultsJson)) {
            if (result.path("correct").asBoolean()) {
                continue;
            }
            String questionId = result.path("id").asText();
            QuizModel.Question question = question(quiz, questionId);
            QuestionGenerator.Isns seen = isns.get(questionId);
            String prompt = question == null ? result.path("prompt").asText()
                    : seen == null ? QuizModel.text(question.prompt(), language)
                    : QuestionGenerator.fillPrompt(QuizModel.text(question.prompt(), language), seen);
            mistakes.add(new Mistake(questionId, prompt, answerText(question, result.path("yourAnswer"), seen, language),
                    answerText(question, result.path("correctAnswer"), seen, language), misconception(result, language)));
        }
        return mistakes;
    }

    /** The name of the misconception a graded answer records (an id of the catalogue), in this language. */
    private String misconception(JsonNode result, String language) {
        JsonNode tag = result.path("misconception");
        String id = tag.isObject() ? tag.path("id").asText(null) : tag.asText(null);
        return id == null || id.isEmpty() ? null
                : misconceptions.find(id).map(m -> QuizModel.text(m.claim(), language)).orElse(id);
    }

    /** The ISNs generated for each numeric question of the attempt. */
    private Map<String, QuestionGenerator.Isns> isns(QuizAttempt attempt) {
        try {
            return json.readValue(attempt.generatedJson, GENERATED);
        } catch (IOException e) {
            throw new IllegalStateException("stored attempt numbers are unreadable", e);
        }
    }

    /** Leaves an attempt of this class out of its results, or counts it again; 404 for an attempt not in it. */
    @Transactional
    public AttemptRow setExcluded(SchoolClass schoolClass, String attemptId, boolean excluded, String language) {
        QuizAttempt attempt = attemptId == null || attemptId.length() > 36 ? null : QuizAttempt.findById(attemptId);
        if (attempt == null || !schoolClass.id.equals(attempt.classId) || attempt.submittedAt == null) {
            throw Refusal.notFound(ProblemMessages::attempt_in_class, attemptId);
        }
        if (attempt.excluded != excluded) {
            attempt.excluded = excluded;
            exclusionChanged.fire(new AttemptExclusionChanged(attempt.id, attempt.learnerId, attempt.quizId, schoolClass.id, excluded));
        }
        return row(attempt, classes.roster(schoolClass, language), language);
    }

    private AttemptRow row(QuizAttempt attempt, ClassService.Roster roster, String language) {
        ClassService.RosterEntry member = roster.byLearner().get(attempt.learnerId);
        return new AttemptRow(attempt.id, attempt.quizId, title(attempt.quizId, language),
                roster.nameOf(attempt.learnerId, attempt.displayName), member == null ? null : member.memberId(), attempt.displayName,
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
            Map<String, QuestionGenerator.Isns> isns = isns(attempt);
            for (JsonNode result : read(attempt.resultsJson)) {
                String question = result.path("id").asText();
                int[] counts = rightAndTotal.computeIfAbsent(question, q -> new int[2]);
                counts[1]++;
                if (result.path("correct").asBoolean()) {
                    counts[0]++;
                } else if (!result.path("yourAnswer").isNull() && !result.path("yourAnswer").isMissingNode()) {
                    wrongAnswers.computeIfAbsent(question, q -> new HashMap<>())
                            .merge(answerText(question(quiz, question), result.path("yourAnswer"), isns.get(question), language),
                                    1, Integer::sum);
                }
            }
        }
        List<QuestionStats> questions = new ArrayList<>();
        rightAndTotal.forEach((question, counts) -> {
            Map.Entry<String, Integer> worst = wrongAnswers.getOrDefault(question, Map.of()).entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElse(null);
            questions.add(new QuestionStats(question, symbolicPrompt(quiz, question, language), counts[1],
                    Math.round(100f * counts[0] / counts[1]), worst == null ? null : worst.getKey(), worst == null ? 0 : worst.getValue()));
        });
        return new QuizStats(quizId, title(quizId, language), attempts.size(), (int) Math.round(percentSum / attempts.size()), questions);
    }

    /**
     * One row per answer of every counted attempt, for a spreadsheet: the student's roster name, the attempt's
     * score, and per question their answer and the expected one (numbers relative to their ISNs).
     */
    @Transactional
    public String csv(SchoolClass schoolClass, String language) {
        ClassService.Roster roster = classes.roster(schoolClass, language);
        List<List<Object>> rows = new ArrayList<>();
        for (QuizAttempt attempt : submitted(schoolClass)) {
            if (attempt.excluded) {
                continue;
            }
            QuizModel.Quiz quiz = quizzes.find(attempt.quizId).orElse(null);
            Map<String, QuestionGenerator.Isns> isns = isns(attempt);
            for (JsonNode result : read(attempt.resultsJson)) {
                String questionId = result.path("id").asText();
                QuizModel.Question question = question(quiz, questionId);
                QuestionGenerator.Isns seen = isns.get(questionId);
                rows.add(java.util.Arrays.asList(schoolClass.name, roster.nameOf(attempt.learnerId, attempt.displayName),
                        attempt.quizId, attempt.id, attempt.submittedAt.toString(), Math.round(attempt.score * 100) / 100.0,
                        attempt.maxScore, questionId, answerText(question, result.path("yourAnswer"), seen, language),
                        answerText(question, result.path("correctAnswer"), seen, language), result.path("credit").asDouble(),
                        misconception(result, language)));
            }
        }
        return SpreadsheetCsv.write(List.of("class", "student", "quiz", "attempt", "submitted_at", "score", "max_score",
                "question", "answer", "expected", "credit", "misconception"), rows);
    }

    /**
     * An answer (option ids, item ids, a number or a state) in words: options and items by their text, a number
     * relative to the ISNs the student was given ("J+100"), anything else as it is; an empty answer as a dash.
     */
    private static String answerText(QuizModel.Question question, JsonNode answer, QuestionGenerator.Isns isns, String language) {
        if (answer.isMissingNode() || answer.isNull() || answer.isArray() && answer.isEmpty()) {
            return "—";
        }
        if (answer.isNumber() && isns != null) {
            return SeqNames.ofIsns(isns.clientIsn(), isns.serverIsn()).name(answer.asLong());
        }
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

    private static QuizModel.Question question(QuizModel.Quiz quiz, String questionId) {
        return quiz == null ? null : quiz.questions().stream().filter(q -> q.id().equals(questionId)).findFirst().orElse(null);
    }

    private String title(String quizId, String language) {
        return quizzes.find(quizId).map(quiz -> QuizModel.text(quiz.title(), language)).orElse(quizId);
    }

    /**
     * A question's prompt for the whole class: students saw different numbers, so the ISNs are named as the lessons
     * name them, J (the client's) and K (the server's), as the answers are.
     */
    public static String symbolicPrompt(QuizModel.Quiz quiz, String questionId, String language) {
        QuizModel.Question question = question(quiz, questionId);
        return question == null ? questionId
                : QuizModel.text(question.prompt(), language).replace("{clientIsn}", "J").replace("{serverIsn}", "K");
    }

    private List<JsonNode> read(String resultsJson) {
        try {
            return json.readValue(resultsJson, RESULTS);
        } catch (IOException e) {
            throw new IllegalStateException("stored results are unreadable", e);
        }
    }
}
