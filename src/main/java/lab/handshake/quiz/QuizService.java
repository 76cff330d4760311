package lab.handshake.quiz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import lab.handshake.api.Problem;
import lab.handshake.api.Refusal;
import lab.handshake.classes.ClassService;
import lab.handshake.engine.Language;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;

/**
 * Hands out quizzes and grades them, on the server only: the questions a learner receives carry no answer
 * and no explanation; a generated question is graded against the ISNs it was generated with, which only the
 * stored attempt knows. An attempt is graded once.
 */
@ApplicationScoped
public class QuizService {
    private static final TypeReference<Map<String, QuestionGenerator.Isns>> GENERATED = new TypeReference<>() { };
    private static final Duration OPEN_ATTEMPT_LIFETIME = Duration.ofDays(1);
    /** The type of the refusal to submit someone else's attempt. */
    public static final String NOT_YOUR_ATTEMPT = "not-your-attempt";

    /** Submitting an attempt that was handed out to another learner. */
    public static final class NotYourAttempt extends Refusal.NotAllowed {
        NotYourAttempt(String quizId) {
            super(NOT_YOUR_ATTEMPT, "Not your attempt", "This attempt was handed out to another learner; only they can submit it. "
                    + "Start your own with GET /api/quizzes/" + quizId + ".", null);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // What the learner sees before submitting
    // ------------------------------------------------------------------------------------------------------

    public record LearnerOption(String id, String text) {
    }

    public record LearnerQuestion(String id, String kind, String prompt, String scenario, List<LearnerOption> options,
                                  List<LearnerOption> items, List<String> choices, QuestionGenerator.Context context) {
    }

    public record LearnerQuiz(String id, String title, String topic, String lesson, String attemptId,
                              List<LearnerQuestion> questions) {
    }

    // ------------------------------------------------------------------------------------------------------
    // What the learner sends, and what comes back
    // ------------------------------------------------------------------------------------------------------

    /** One answer; which field is used depends on the question's kind. */
    public record Answer(String question, String choice, List<String> choices, List<String> order, Long value, String state) {
    }

    /** {@code classCode}: the join code of a class this learner joined, or none. */
    public record Submission(String attemptId, List<Answer> answers, String displayName, String classCode) {
    }

    public record OptionFeedback(String id, String text, boolean correct, boolean chosen, String why) {
    }

    public record QuestionResult(String id, String kind, String prompt, double credit, boolean correct,
                                 Object yourAnswer, Object correctAnswer, String explanation, List<OptionFeedback> options,
                                 String scenario) {
    }

    public record AttemptResult(String attemptId, String quiz, String title, String lesson, double score, int maxScore,
                                int percent, List<QuestionResult> questions) {
    }

    /** One submitted attempt, for a learner's progress. */
    public record AttemptSummary(String attemptId, String quiz, String title, String lesson, double score, int maxScore,
                                 int percent, Instant submittedAt) {
    }

    private final QuizCatalogue catalogue;
    private final ClassService classes;
    private final QuestionGenerator generator;
    private final ObjectMapper json;
    private final SecureRandom seeds = new SecureRandom();
    private final Counter submitted;
    private final ClientLimits limits;
    /** Told of every graded attempt, in its transaction (LTI grade passback listens). */
    @Inject
    Event<AttemptSubmitted> attemptSubmitted;

    public QuizService(QuizCatalogue catalogue, ClassService classes, QuestionGenerator generator, ObjectMapper json,
                       MeterRegistry metrics, ClientLimits limits) {
        this.limits = limits;
        this.catalogue = catalogue;
        this.classes = classes;
        this.generator = generator;
        this.json = json;
        this.submitted = Counter.builder("handshake.quiz.attempts").description("Quiz attempts submitted and graded").register(metrics);
    }

    public QuizModel.Quiz quiz(String id) {
        return catalogue.find(id).orElseThrow(() -> Refusal.notFound("quiz", id));
    }

    /**
     * The quiz for this learner: the open attempt they already have (so reloading the page keeps the same
     * numbers), or a new one with freshly generated ISNs.
     */
    @Transactional
    public LearnerQuiz start(String quizId, String learnerId, String clientKey, Language language) {
        QuizModel.Quiz quiz = quiz(quizId);
        Instant now = Instant.now();
        QuizAttempt attempt = QuizAttempt.findOpen(learnerId, quizId, now.minus(OPEN_ATTEMPT_LIFETIME));
        if (attempt == null) {
            limits.checkStored(ClientLimit.QUIZ_ATTEMPTS, clientKey, QuizAttempt.class);
            attempt = new QuizAttempt();
            attempt.id = UUID.randomUUID().toString();
            attempt.quizId = quizId;
            attempt.learnerId = learnerId;
            attempt.clientKey = clientKey;
            attempt.language = language.code();
            attempt.generatedJson = write(generate(quiz));
            attempt.maxScore = quiz.questions().size();
            attempt.createdAt = now;
            attempt.persist();
        }
        return learnerView(quiz, attempt, language);
    }

    private Map<String, QuestionGenerator.Isns> generate(QuizModel.Quiz quiz) {
        SplittableRandom random = new SplittableRandom(seeds.nextLong());
        Map<String, QuestionGenerator.Isns> generated = new LinkedHashMap<>();
        for (QuizModel.Question question : quiz.questions()) {
            if (question.kind().equals("numeric")) {
                generated.put(question.id(), generator.chooseIsns(question, random));
            }
        }
        return generated;
    }

    private LearnerQuiz learnerView(QuizModel.Quiz quiz, QuizAttempt attempt, Language language) {
        String lang = language.code();
        Map<String, QuestionGenerator.Isns> generated = read(attempt.generatedJson, GENERATED);
        List<LearnerQuestion> questions = new ArrayList<>();
        for (QuizModel.Question q : quiz.questions()) {
            String prompt = QuizModel.text(q.prompt(), lang);
            List<LearnerOption> options = null;
            List<LearnerOption> items = null;
            QuestionGenerator.Context context = null;
            switch (q.kind()) {
                case "single", "multiple" -> options = q.options().stream()
                        .map(o -> new LearnerOption(o.id(), QuizModel.text(o.text(), lang))).toList();
                case "ordering" -> items = shuffled(q, attempt.id).stream()
                        .map(i -> new LearnerOption(i.id(), QuizModel.text(i.text(), lang))).toList();
                case "numeric" -> prompt = QuestionGenerator.fillPrompt(prompt, generated.get(q.id()));
                default -> context = generator.nextStateContext(q, language);
            }
            questions.add(new LearnerQuestion(q.id(), q.kind(), prompt, q.scenario(), options, items,
                    q.kind().equals("next-state") ? q.choices() : null, context));
        }
        return new LearnerQuiz(quiz.id(), QuizModel.text(quiz.title(), lang), quiz.topic(), quiz.lesson(), attempt.id, questions);
    }

    /** Ordering items in an order that depends on the attempt, never the answer itself. */
    private static List<QuizModel.Item> shuffled(QuizModel.Question question, String attemptId) {
        List<QuizModel.Item> items = new ArrayList<>(question.items());
        SplittableRandom random = new SplittableRandom((attemptId + question.id()).hashCode());
        for (int attempt = 0; attempt < 10; attempt++) {
            for (int i = items.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                QuizModel.Item swap = items.get(i);
                items.set(i, items.get(j));
                items.set(j, swap);
            }
            if (!items.stream().map(QuizModel.Item::id).toList().equals(question.order())) {
                break;
            }
        }
        return items;
    }

    // ------------------------------------------------------------------------------------------------------
    // Grading
    // ------------------------------------------------------------------------------------------------------

    @Transactional
    public AttemptResult submit(String quizId, Submission submission, String learnerId, String clientKey, Language language) {
        QuizModel.Quiz quiz = quiz(quizId);
        if (submission == null || submission.attemptId() == null) {
            throw invalid("attemptId", "is required (it comes with the questions)");
        }
        QuizAttempt attempt = QuizAttempt.findById(submission.attemptId());
        if (attempt == null) {
            throw Refusal.notFound("quiz attempt", submission.attemptId());
        }
        if (learnerId == null || !learnerId.equals(attempt.learnerId)) {
            throw new NotYourAttempt(quizId);
        }
        if (!attempt.quizId.equals(quizId)) {
            throw invalid("attemptId", "belongs to quiz " + attempt.quizId);
        }
        if (attempt.submittedAt != null) {
            throw new Refusal.Conflict("attempt-submitted", "Attempt already submitted",
                    "This attempt was graded at " + attempt.submittedAt + "; start a new one to answer again.", null);
        }
        Map<String, Answer> answers = validate(quiz, submission.answers());
        String displayName = trimmed(submission.displayName(), 80, "displayName");
        Long classId = classes.forAttempt(submission.classCode(), learnerId, clientKey);
        Map<String, QuestionGenerator.Isns> generated = read(attempt.generatedJson, GENERATED);
        String lang = language.code();
        List<QuestionResult> results = new ArrayList<>();
        double score = 0;
        for (QuizModel.Question q : quiz.questions()) {
            QuestionResult result = grade(q, answers.get(q.id()), generated.get(q.id()), lang);
            score += result.credit();
            results.add(result);
        }
        attempt.answersJson = write(submission.answers());
        attempt.resultsJson = write(results);
        attempt.score = score;
        attempt.submittedAt = Instant.now();
        attempt.displayName = displayName;
        attempt.classId = classId;
        submitted.increment();
        attemptSubmitted.fire(new AttemptSubmitted(attempt.id, learnerId, quiz.id(), score, quiz.questions().size(), attempt.submittedAt));
        return new AttemptResult(attempt.id, quiz.id(), QuizModel.text(quiz.title(), lang), quiz.lesson(), round(score),
                quiz.questions().size(), (int) Math.round(100 * score / quiz.questions().size()), results);
    }

    /** Every answer names a question of this quiz, once, with the field its kind needs. */
    private static Map<String, Answer> validate(QuizModel.Quiz quiz, List<Answer> answers) {
        if (answers == null) {
            throw invalid("answers", "is required (an array, one entry per answered question)");
        }
        Map<String, QuizModel.Question> questions = new HashMap<>();
        quiz.questions().forEach(q -> questions.put(q.id(), q));
        Map<String, Answer> byQuestion = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            String field = "answers[" + i + "]";
            QuizModel.Question q = answer == null ? null : questions.get(answer.question());
            if (q == null) {
                throw invalid(field + ".question", "is not a question of this quiz");
            }
            if (byQuestion.put(q.id(), answer) != null) {
                throw invalid(field + ".question", "answers question " + q.id() + " twice");
            }
            switch (q.kind()) {
                case "single" -> requireOne(field + ".choice", answer.choice(), q.options().stream().map(QuizModel.Option::id).toList());
                case "multiple" -> {
                    List<String> ids = q.options().stream().map(QuizModel.Option::id).toList();
                    if (answer.choices() == null || !ids.containsAll(answer.choices()) || new HashSet<>(answer.choices()).size() != answer.choices().size()) {
                        throw invalid(field + ".choices", "must list distinct option ids of " + ids);
                    }
                }
                case "ordering" -> {
                    if (answer.order() == null || !new HashSet<>(answer.order()).equals(new HashSet<>(q.order())) || answer.order().size() != q.order().size()) {
                        throw invalid(field + ".order", "must list every item id exactly once");
                    }
                }
                case "numeric" -> {
                    if (answer.value() == null || answer.value() < 0 || answer.value() > 0xFFFF_FFFFL) {
                        throw invalid(field + ".value", "must be a whole number from 0 to 4294967295");
                    }
                }
                default -> requireOne(field + ".state", answer.state(), q.choices());
            }
        }
        return byQuestion;
    }

    private static void requireOne(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw invalid(field, "must be one of " + allowed);
        }
    }

    private QuestionResult grade(QuizModel.Question q, Answer answer, QuestionGenerator.Isns isns, String lang) {
        String prompt = QuizModel.text(q.prompt(), lang);
        return switch (q.kind()) {
            case "single", "multiple" -> gradeChoice(q, answer, prompt, lang);
            case "ordering" -> {
                List<String> given = answer == null ? null : answer.order();
                int inPlace = 0;
                for (int i = 0; given != null && i < given.size(); i++) {
                    if (given.get(i).equals(q.order().get(i))) {
                        inPlace++;
                    }
                }
                double credit = given == null ? 0 : (double) inPlace / q.order().size();
                yield new QuestionResult(q.id(), q.kind(), prompt, round(credit), credit == 1.0, given, q.order(),
                        QuizModel.text(q.why(), lang), null, q.scenario());
            }
            case "numeric" -> {
                long right = generator.numericAnswer(q, isns);
                Long given = answer == null ? null : answer.value();
                boolean correct = given != null && given == right;
                yield new QuestionResult(q.id(), q.kind(), QuestionGenerator.fillPrompt(prompt, isns), correct ? 1 : 0, correct,
                        given, right, QuizModel.text(q.why(), lang), null, q.generate().scenario());
            }
            default -> {
                String right = generator.nextStateAnswer(q);
                String given = answer == null ? null : answer.state();
                boolean correct = right.equals(given);
                yield new QuestionResult(q.id(), q.kind(), prompt, correct ? 1 : 0, correct, given, right,
                        QuizModel.text(q.why(), lang), null, q.generate().scenario());
            }
        };
    }

    /**
     * Single choice: all or nothing. Multiple choice: each right option chosen earns its share, each wrong one
     * chosen takes a share off (never below zero), as Moodle grades it.
     */
    private static QuestionResult gradeChoice(QuizModel.Question q, Answer answer, String prompt, String lang) {
        Set<String> chosen = new HashSet<>();
        if (answer != null && answer.choice() != null) {
            chosen.add(answer.choice());
        }
        if (answer != null && answer.choices() != null) {
            chosen.addAll(answer.choices());
        }
        long right = q.options().stream().filter(QuizModel.Option::correct).count();
        long wrong = q.options().size() - right;
        double credit = 0;
        List<OptionFeedback> feedback = new ArrayList<>();
        List<String> correctIds = new ArrayList<>();
        for (QuizModel.Option option : q.options()) {
            boolean isChosen = chosen.contains(option.id());
            if (option.correct()) {
                correctIds.add(option.id());
            }
            if (isChosen) {
                credit += option.correct() ? 1.0 / right : -(wrong == 0 ? 0 : 1.0 / wrong);
            }
            feedback.add(new OptionFeedback(option.id(), QuizModel.text(option.text(), lang), option.correct(), isChosen,
                    QuizModel.text(option.why(), lang)));
        }
        if (q.kind().equals("single")) {
            credit = chosen.size() == 1 && correctIds.contains(chosen.iterator().next()) ? 1 : 0;
        }
        credit = Math.max(0, Math.min(1, credit));
        String explanation = feedback.stream().filter(f -> f.chosen() || f.correct()).map(OptionFeedback::why)
                .distinct().reduce((a, b) -> a + "\n" + b).orElse("");
        Object yourAnswer = q.kind().equals("single") ? (answer == null ? null : answer.choice()) : List.copyOf(chosen).stream().sorted().toList();
        Object correctAnswer = q.kind().equals("single") ? correctIds.get(0) : correctIds;
        return new QuestionResult(q.id(), q.kind(), prompt, round(credit), credit == 1.0, yourAnswer, correctAnswer,
                explanation, feedback, q.scenario());
    }

    // ------------------------------------------------------------------------------------------------------
    // Progress and housekeeping
    // ------------------------------------------------------------------------------------------------------

    @Transactional
    public List<AttemptSummary> progress(String learnerId, Language language) {
        List<AttemptSummary> summaries = new ArrayList<>();
        for (QuizAttempt attempt : QuizAttempt.submittedBy(learnerId)) {
            QuizModel.Quiz quiz = catalogue.find(attempt.quizId).orElse(null);
            String title = quiz == null ? attempt.quizId : QuizModel.text(quiz.title(), language.code());
            summaries.add(new AttemptSummary(attempt.id, attempt.quizId, title, quiz == null ? null : quiz.lesson(),
                    round(attempt.score), attempt.maxScore, (int) Math.round(100 * attempt.score / attempt.maxScore),
                    attempt.submittedAt));
        }
        return summaries;
    }

    /** Attempts handed out and never submitted are dropped after a day; submitted ones are kept. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purgeAbandonedAttempts() {
        QuizAttempt.deleteUnsubmittedBefore(Instant.now().minus(OPEN_ATTEMPT_LIFETIME));
    }

    private static String trimmed(String text, int max, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > max) {
            throw invalid(field, "is longer than " + max + " characters");
        }
        return trimmed;
    }

    private static Refusal invalid(String field, String message) {
        return new Refusal.Invalid("invalid-attempt", "Invalid attempt", "'" + field + "' " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attempt data is unreadable", e);
        }
    }
}
