package lab.handshake.quiz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.classes.ClassService;
import lab.handshake.config.CampusTime;
import lab.handshake.engine.Language;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;
import lab.handshake.predict.PredictApi.MisconceptionView;

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
            super(NOT_YOUR_ATTEMPT, Worded.of(QuizProblemMessages.class, QuizProblemMessages::not_your_attempt_title), Worded.of(QuizProblemMessages.class, words -> words.not_your_attempt(quizId)), null);
        }
    }

    public static final String LAUNCHED_CLASS_DIFFERS = "launched-class-differs";

    /**
     * Submitting for another class than the one of the LMS course the learner last launched the quiz from, whose
     * gradebook waits for the score: the attempt would count in one class while its score went to the other course.
     */
    public static final class LaunchedClassDiffers extends Refusal.Conflict {
        LaunchedClassDiffers(String className) {
            super(LAUNCHED_CLASS_DIFFERS, Worded.of(QuizProblemMessages.class, QuizProblemMessages::launched_class_differs_title),
                    Worded.of(QuizProblemMessages.class, words -> words.launched_class_differs(className)),
                    Worded.of(QuizProblemMessages.class, words -> List.of(new Problem.FieldError("classCode", words.names_other_than_launched_class()))));
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

    /**
     * {@code launchedClass}: the class of the LMS course the learner last launched this quiz from (null: none), which
     * an attempt counts for when that launch was graded (see {@link #submit}).
     */
    public record LearnerQuiz(String id, String title, String topic, String lesson, String attemptId,
                              List<LearnerQuestion> questions, QuizLaunches.LaunchedClass launchedClass) {
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

    /**
     * One graded question. {@code misconceptions}: those the wrong answer shows (from the catalogue, in the
     * reader's language); {@code notes}: what is odd about the answer as given (a number past 2^32−1, an item
     * placed twice); {@code worked}: for a generated question, the solution step by step with its numbers.
     */
    public record QuestionResult(String id, String kind, String prompt, double credit, boolean correct,
                                 Object yourAnswer, Object correctAnswer, String explanation, List<OptionFeedback> options,
                                 String scenario, List<MisconceptionView> misconceptions, List<String> notes, List<String> worked) {
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
    private final QuizLaunches launches;
    private final QuestionGenerator generator;
    private final ObjectMapper json;
    private final SecureRandom seeds = new SecureRandom();
    private final Counter submitted;
    private final ClientLimits limits;
    private final Event<AttemptSubmitting> submitting;
    /** Told of every graded attempt, in its transaction (LTI grade passback listens). */
    private final Event<AttemptSubmitted> attemptSubmitted;
    private final QuizGrader grader;
    private final ReviewService reviews;

    public QuizService(QuizCatalogue catalogue, ClassService classes, QuizLaunches launches, QuestionGenerator generator, ObjectMapper json,
                       MeterRegistry metrics, ClientLimits limits, Event<AttemptSubmitting> submitting,
                       Event<AttemptSubmitted> attemptSubmitted, QuizGrader grader, ReviewService reviews) {
        this.limits = limits;
        this.submitting = submitting;
        this.attemptSubmitted = attemptSubmitted;
        this.grader = grader;
        this.reviews = reviews;
        this.catalogue = catalogue;
        this.classes = classes;
        this.launches = launches;
        this.generator = generator;
        this.json = json;
        this.submitted = Counter.builder("handshake.quiz.attempts").description("Quiz attempts submitted and graded").register(metrics);
    }

    public QuizModel.Quiz quiz(String id) {
        return catalogue.find(id).orElseThrow(() -> Refusal.notFound(ProblemMessages::quiz, id));
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
        return learnerView(quiz, attempt, language, launches.of(learnerId, quizId).orElse(null));
    }

    private Map<String, QuestionGenerator.Isns> generate(QuizModel.Quiz quiz) {
        SplittableRandom random = new SplittableRandom(seeds.nextLong());
        Map<String, QuestionGenerator.Isns> generated = new LinkedHashMap<>();
        for (QuizModel.Question question : quiz.questions()) {
            if (Question.of(question) instanceof Numeric numeric) {
                generated.put(question.id(), generator.chooseIsns(numeric.generate(), random));
            }
        }
        return generated;
    }

    private LearnerQuiz learnerView(QuizModel.Quiz quiz, QuizAttempt attempt, Language language, QuizLaunches.LaunchedClass launched) {
        Map<String, QuestionGenerator.Isns> generated = read(attempt.generatedJson, GENERATED);
        List<LearnerQuestion> questions = quiz.questions().stream()
                .map(q -> grader.learnerQuestion(q, attempt.id, generated.get(q.id()), language)).toList();
        return new LearnerQuiz(quiz.id(), QuizModel.text(quiz.title(), language.code()), quiz.topic(), quiz.lesson(), attempt.id, questions, launched);
    }

    // ------------------------------------------------------------------------------------------------------
    // Grading
    // ------------------------------------------------------------------------------------------------------

    @Transactional
    public AttemptResult submit(String quizId, Submission submission, String learnerId, String clientKey, Language language) {
        QuizModel.Quiz quiz = quiz(quizId);
        if (submission == null || submission.attemptId() == null) {
            throw invalid("attemptId", Worded.of(QuizProblemMessages.class, QuizProblemMessages::attempt_id_required));
        }
        QuizAttempt attempt = QuizAttempt.findById(submission.attemptId());
        if (attempt == null) {
            throw Refusal.notFound(ProblemMessages::quiz_attempt, submission.attemptId());
        }
        if (learnerId == null || !learnerId.equals(attempt.learnerId)) {
            throw new NotYourAttempt(quizId);
        }
        if (!attempt.quizId.equals(quizId)) {
            throw invalid("attemptId", Worded.of(QuizProblemMessages.class, words -> words.belongs_to_quiz(attempt.quizId)));
        }
        if (attempt.submittedAt != null) {
            throw new Refusal.Conflict("attempt-submitted", Worded.of(QuizProblemMessages.class, QuizProblemMessages::attempt_submitted_title),
                    Worded.of(QuizProblemMessages.class, words -> words.attempt_submitted(CampusTime.moment(attempt.submittedAt))), null);
        }
        Map<String, Answer> answers = validate(quiz, submission.answers());
        String displayName = trimmed(submission.displayName(), 80, "displayName");
        Long classId = attemptClass(quizId, learnerId, submission.classCode(), clientKey);
        submitting.fire(new AttemptSubmitting(quizId, learnerId, classId, Instant.now()));
        Map<String, QuestionGenerator.Isns> generated = read(attempt.generatedJson, GENERATED);
        String lang = language.code();
        List<QuestionResult> results = new ArrayList<>();
        double score = 0;
        for (QuizModel.Question q : quiz.questions()) {
            QuestionResult result = grader.grade(q, answers.get(q.id()), generated.get(q.id()), language);
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
        reviews.record(learnerId, quiz.id(), results);
        attemptSubmitted.fire(new AttemptSubmitted(attempt.id, learnerId, quiz.id(), score, quiz.questions().size(), attempt.submittedAt));
        return new AttemptResult(attempt.id, quiz.id(), QuizModel.text(quiz.title(), lang), quiz.lesson(), round(score),
                quiz.questions().size(), (int) Math.round(100 * score / quiz.questions().size()), results);
    }

    /**
     * The class an attempt counts for: the one it names (a class the learner joined), or none. When the learner last
     * opened the quiz from an LMS course whose gradebook waits for its score, it is that course's class, named or
     * not (the score goes to that course whatever the attempt names): another class is refused, not silently used.
     */
    private Long attemptClass(String quizId, String learnerId, String classCode, String clientKey) {
        Long named = classes.forAttempt(classCode, learnerId, clientKey);
        Optional<QuizLaunches.LaunchedClass> launched = launches.of(learnerId, quizId).filter(QuizLaunches.LaunchedClass::graded);
        if (launched.isEmpty()) {
            return named;
        }
        Long launchedClass = classes.forAttempt(launched.get().joinCode(), learnerId, clientKey);
        if (named != null && !named.equals(launchedClass)) {
            throw new LaunchedClassDiffers(launched.get().name());
        }
        return launchedClass;
    }

    /** Every answer names a question of this quiz, once, with the field its kind needs. */
    private static Map<String, Answer> validate(QuizModel.Quiz quiz, List<Answer> answers) {
        if (answers == null) {
            throw invalid("answers", Worded.of(QuizProblemMessages.class, QuizProblemMessages::answers_required));
        }
        Map<String, QuizModel.Question> questions = new HashMap<>();
        quiz.questions().forEach(q -> questions.put(q.id(), q));
        Map<String, Answer> byQuestion = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            String field = "answers[" + i + "]";
            QuizModel.Question q = answer == null ? null : questions.get(answer.question());
            if (q == null) {
                throw invalid(field + ".question", Worded.of(QuizProblemMessages.class, QuizProblemMessages::not_a_question));
            }
            if (byQuestion.put(q.id(), answer) != null) {
                throw invalid(field + ".question", Worded.of(QuizProblemMessages.class, words -> words.answered_twice(q.id())));
            }
            QuizGrader.validate(q, answer, field);
        }
        return byQuestion;
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
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
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
            throw invalid(field, Worded.of(QuizProblemMessages.class, words -> words.longer_than(max)));
        }
        return trimmed;
    }

    private static Refusal invalid(String field, Refusal.Worded<String> message) {
        return QuizGrader.invalid(field, message);
    }

    static double round(double value) {
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
