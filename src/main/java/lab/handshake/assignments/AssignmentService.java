package lab.handshake.assignments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lab.handshake.activity.ActivityKind;
import lab.handshake.activity.LearnerActivity;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.SchoolClass;
import lab.handshake.config.CampusTime;
import lab.handshake.engine.Language;
import lab.handshake.formats.SpreadsheetCsv;
import lab.handshake.predict.AskedSteps;
import lab.handshake.predict.Prediction;
import lab.handshake.predict.PredictionService;
import lab.handshake.quiz.AttemptSubmitting;
import lab.handshake.quiz.QuizAttempt;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.session.SandboxTaskCatalogue;
import lab.handshake.teacher.ClassResults;

/**
 * Assignments of a class: setting them (checked: the target exists, the dates are in order), what counts for
 * them — a quiz's attempts submitted for the class in the window, at most the attempts allowed, one of them
 * counted ({@link AttemptCounted}); a predict assignment's predictions of the steps it asks, in the window; a
 * simulation to step through, reached to its end in the window; a sandbox task, met with the learner's own moves in
 * the window (both kept as {@link LearnerActivity}) — and refusing a quiz attempt
 * outside the window or beyond the attempts allowed. Each method takes a class the caller already checked the
 * teacher manages ({@code ClassService.managed}).
 */
@ApplicationScoped
public class AssignmentService {
    /** Assignments one class may have: enough for a term of weekly work, bounded. */
    public static final int MAX_PER_CLASS = 200;

    /**
     * An assignment as teachers and the API see it. {@code ask} (with {@code fromStep}, {@code toStep} for RANGE):
     * the steps a predict assignment asks, null for others. {@code attemptsAllowed} and {@code counted}: null for a
     * sandbox task, which counts no attempts. {@code link} is where a student does it.
     */
    public record AssignmentView(long id, AssignmentKind kind, String target, String title, SimulationMode mode,
                                 AskedSteps.Ask ask, Integer fromStep, Integer toStep,
                                 Instant opensAt, Instant dueAt, Integer attemptsAllowed, AttemptCounted counted, String link) {
    }

    /** One student's standing: attempts used, the counted score (null: nothing counted, or nothing to score: a simulation stepped through). */
    public record StudentResult(long memberId, String student, AssignmentStatus status, int attemptsUsed, Integer percent,
                                Instant countedAt) {
    }

    /** One question of an assigned quiz over the counted attempts. */
    public record AssignedQuestion(String question, String prompt, int answered, int percentRight) {
    }

    /** Completion and scores of an assignment, per student and per question. */
    public record AssignmentResults(AssignmentView assignment, int students, int completed, Integer averagePercent,
                                    List<StudentResult> perStudent, List<AssignedQuestion> perQuestion) {
    }

    /**
     * What an assignment of a quiz counts for one learner: its policy and the counted attempt with its score
     * ({@code attemptId} null while none counts: none in the window, or all excluded).
     */
    public record CountedAttempt(long assignmentId, AttemptCounted policy, String attemptId, double score, int maxScore) {
    }

    /** An assignment as its student sees it on the home page and on /progress. */
    public record LearnerAssignment(long id, String className, AssignmentView assignment, AssignmentStatus status,
                                    int attemptsUsed, Integer percent) {
    }

    private final ClassService classes;
    private final QuizCatalogue quizzes;
    private final ScenarioCatalogue scenarios;
    private final Validator validator;
    private final ObjectMapper json;
    private final PredictionService predictions;
    private final SandboxTaskCatalogue tasks;

    public AssignmentService(ClassService classes, QuizCatalogue quizzes, ScenarioCatalogue scenarios, Validator validator,
                             ObjectMapper json, PredictionService predictions, SandboxTaskCatalogue tasks) {
        this.classes = classes;
        this.quizzes = quizzes;
        this.scenarios = scenarios;
        this.validator = validator;
        this.json = json;
        this.predictions = predictions;
        this.tasks = tasks;
    }

    // ------------------------------------------------------------------------------------------------------
    // Setting assignments
    // ------------------------------------------------------------------------------------------------------

    @Transactional
    public AssignmentView create(SchoolClass schoolClass, AssignmentRequest request, long teacherId, String language) {
        check(request);
        if (Assignment.count("classId", schoolClass.id) >= MAX_PER_CLASS) {
            throw new Refusal.Conflict("too-many-assignments", Worded.of(AssignmentProblemMessages.class, AssignmentProblemMessages::too_many_assignments_title),
                    Worded.of(AssignmentProblemMessages.class, words -> words.too_many_assignments(MAX_PER_CLASS)), null);
        }
        Assignment assignment = new Assignment();
        assignment.classId = schoolClass.id;
        assignment.kind = request.kind();
        assignment.target = request.target();
        assignment.mode = request.kind() == AssignmentKind.SIMULATION ? request.mode() : null;
        if (assignment.mode == SimulationMode.PREDICT) {
            assignment.askedSteps = request.ask() == null ? AskedSteps.Ask.ALL : request.ask();
            assignment.fromStep = request.fromStep();
            assignment.toStep = request.toStep();
        }
        assignment.opensAt = request.opensAt();
        assignment.dueAt = request.dueAt();
        // A task counts no attempt: the columns keep one attempt and BEST, which nothing reads for it.
        assignment.attemptsAllowed = request.kind() == AssignmentKind.SANDBOX_TASK ? 1 : request.attemptsAllowed();
        assignment.counted = request.counted() == null ? AttemptCounted.BEST : request.counted();
        assignment.createdBy = teacherId;
        assignment.createdAt = Instant.now();
        assignment.persist();
        return view(assignment, language);
    }

    /**
     * The one check of a request, from the API or the teacher's form: Bean Validation of its fields, then of
     * {@link AssignmentRules}; what is refused is a {@link ConstraintViolationException}, which {@code api.ProblemMapper}
     * answers with 400 naming each field and the page marks on its form.
     */
    private void check(AssignmentRequest request) {
        Set<ConstraintViolation<AssignmentRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    @Transactional
    public List<AssignmentView> list(SchoolClass schoolClass, String language) {
        return Assignment.ofClass(schoolClass.id).stream().map(a -> view(a, language)).toList();
    }

    /** Deletes an assignment of this class (the attempts stay, in the class's results); 404 for one of another class. */
    @Transactional
    public void delete(SchoolClass schoolClass, long id) {
        found(schoolClass, id).delete();
    }

    private static Assignment found(SchoolClass schoolClass, long id) {
        return Optional.ofNullable(Assignment.<Assignment>findById(id)).filter(a -> a.classId == schoolClass.id)
                .orElseThrow(() -> Refusal.notFound(ProblemMessages::assignment_in_class, Long.toString(id)));
    }

    private AssignmentView view(Assignment a, String language) {
        boolean counts = a.kind != AssignmentKind.SANDBOX_TASK;
        return new AssignmentView(a.id, a.kind, a.target, title(a, language), a.mode, a.askedSteps, a.fromStep, a.toStep,
                a.opensAt, a.dueAt, counts ? a.attemptsAllowed : null, counts ? a.counted : null, link(a));
    }

    private String title(Assignment a, String language) {
        return switch (a.kind) {
            case QUIZ -> quizzes.find(a.target).map(q -> QuizModel.text(q.title(), language)).orElse(a.target);
            case SIMULATION -> scenarios.find(a.target).map(s -> Language.text(s.title(), language)).orElse(a.target);
            case SANDBOX_TASK -> tasks.find(a.target).map(t -> Language.text(t.title(), language)).orElse(a.target);
        };
    }

    /** Where the student does it; a predict link carries the steps asked as the simulator's predict mode reads them. */
    private static String link(Assignment a) {
        if (a.kind == AssignmentKind.QUIZ) {
            return "/quizzes/" + a.target;
        }
        if (a.kind == AssignmentKind.SANDBOX_TASK) {
            return "/sandbox?task=" + a.target;
        }
        String simulator = "/simulator/" + a.target;
        if (a.mode != SimulationMode.PREDICT) {
            return simulator;
        }
        return simulator + "?mode=predict" + switch (a.askedSteps) {
            case ALL -> "";
            case CHANGES -> "&ask=changes";
            case RANGE -> "&ask=range&from=" + a.fromStep + "&to=" + a.toStep;
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // What counts
    // ------------------------------------------------------------------------------------------------------

    /** A student's work on an assignment: the attempts (or predictions) in its window, in submission order. */
    private record Work(AssignmentStatus status, int attemptsUsed, Integer percent, Instant countedAt, QuizAttempt counted) {
    }

    private Work work(Assignment a, String learnerId, Instant now) {
        if (a.kind == AssignmentKind.QUIZ) {
            List<QuizAttempt> attempts = QuizAttempt.list("classId = ?1 and learnerId = ?2 and quizId = ?3 and excluded = false "
                    + "and submittedAt >= ?4 and submittedAt <= ?5 order by submittedAt", a.classId, learnerId, a.target, a.opensAt, a.dueAt);
            List<QuizAttempt> allowed = attempts.subList(0, Math.min(attempts.size(), a.attemptsAllowed));
            Optional<QuizAttempt> counted = a.counted.pick(allowed, Comparator.comparingDouble(x -> x.score / x.maxScore));
            return new Work(status(a, counted.isPresent(), now), attempts.size(),
                    counted.map(x -> (int) Math.round(100 * x.score / x.maxScore)).orElse(null),
                    counted.map(x -> x.submittedAt).orElse(null), counted.orElse(null));
        }
        if (a.mode == SimulationMode.PREDICT) {
            // Only the steps the assignment asks count: a learner who also predicted others (a bare link) is scored on these.
            List<Prediction> predictions = Prediction.<Prediction>list("learnerId = ?1 and scenarioId = ?2 and createdAt >= ?3 and createdAt <= ?4",
                    learnerId, a.target, a.opensAt, a.dueAt).stream().filter(this.predictions.askedBy(a.asked())).toList();
            long right = predictions.stream().filter(Prediction::right).count();
            Integer percent = predictions.isEmpty() ? null : (int) Math.round(100.0 * right / predictions.size());
            return new Work(status(a, !predictions.isEmpty(), now), predictions.size(), percent, null, null);
        }
        ActivityKind done = a.kind == AssignmentKind.SANDBOX_TASK ? ActivityKind.SANDBOX_TASK_MET : ActivityKind.SIMULATION_STEPPED_THROUGH;
        LearnerActivity activity = LearnerActivity.of(done, learnerId, a.target);
        return new Work(status(a, activity != null && a.countsEitherOf(activity.firstAt, activity.lastAt), now), 0, null, null, null);
    }

    /**
     * When the quiz is an assignment of the class: what it counts for this learner now, under the assignment an
     * attempt at {@code at} falls under (open then; else the latest opened before; else the first). Empty when the
     * quiz is no assignment of the class.
     */
    @Transactional
    public Optional<CountedAttempt> counted(long classId, String learnerId, String quizId, Instant at) {
        List<Assignment> assigned = Assignment.quizIn(classId, quizId);
        if (assigned.isEmpty()) {
            return Optional.empty();
        }
        Assignment a = assigned.stream().filter(x -> x.isOpenAt(at)).findFirst()
                .or(() -> assigned.stream().filter(x -> x.opensAt.isBefore(at)).reduce((earlier, later) -> later))
                .orElse(assigned.get(0));
        QuizAttempt counted = work(a, learnerId, Instant.now()).counted();
        return Optional.of(counted == null ? new CountedAttempt(a.id, a.counted, null, 0, 0)
                : new CountedAttempt(a.id, a.counted, counted.id, counted.score, counted.maxScore));
    }

    private static AssignmentStatus status(Assignment a, boolean done, Instant now) {
        if (done) {
            return AssignmentStatus.DONE;
        }
        return now.isBefore(a.opensAt) ? AssignmentStatus.NOT_OPEN : now.isAfter(a.dueAt) ? AssignmentStatus.MISSED : AssignmentStatus.OPEN;
    }

    @Transactional
    public AssignmentResults results(SchoolClass schoolClass, long id, String language) {
        Assignment a = found(schoolClass, id);
        Instant now = Instant.now();
        ClassService.Roster roster = classes.roster(schoolClass, language);
        Map<String, ClassService.RosterEntry> members = new LinkedHashMap<>();
        roster.byLearner().entrySet().stream().sorted(Comparator.comparingInt(e -> e.getValue().number()))
                .forEach(e -> members.put(e.getKey(), e.getValue()));
        List<StudentResult> perStudent = new ArrayList<>();
        Map<String, int[]> questions = new LinkedHashMap<>();
        int completed = 0;
        int scored = 0;
        int percentSum = 0;
        for (Map.Entry<String, ClassService.RosterEntry> member : members.entrySet()) {
            Work work = work(a, member.getKey(), now);
            perStudent.add(new StudentResult(member.getValue().memberId(), member.getValue().name(), work.status(),
                    work.attemptsUsed(), work.percent(), work.countedAt()));
            if (work.status() == AssignmentStatus.DONE) {
                completed++;
            }
            if (work.percent() != null) {
                scored++;
                percentSum += work.percent();
            }
            if (work.counted() != null) {
                for (JsonNode result : results(work.counted())) {
                    int[] rightAndTotal = questions.computeIfAbsent(result.path("id").asText(), q -> new int[2]);
                    rightAndTotal[1]++;
                    if (result.path("correct").asBoolean()) {
                        rightAndTotal[0]++;
                    }
                }
            }
        }
        QuizModel.Quiz quiz = a.kind == AssignmentKind.QUIZ ? quizzes.find(a.target).orElse(null) : null;
        List<AssignedQuestion> perQuestion = new ArrayList<>();
        questions.forEach((question, counts) -> perQuestion.add(new AssignedQuestion(question,
                ClassResults.symbolicPrompt(quiz, question, language), counts[1], Math.round(100f * counts[0] / counts[1]))));
        return new AssignmentResults(view(a, language), members.size(), completed,
                scored == 0 ? null : Math.round((float) percentSum / scored), perStudent, perQuestion);
    }

    /** One row per student: name, status, attempts used, the counted score. */
    @Transactional
    public String csv(SchoolClass schoolClass, long id, String language) {
        AssignmentResults results = results(schoolClass, id, language);
        List<List<Object>> rows = new ArrayList<>();
        for (StudentResult student : results.perStudent()) {
            rows.add(java.util.Arrays.asList(schoolClass.name, results.assignment().title(), student.student(), student.status().name(),
                    student.attemptsUsed(), student.percent(), student.countedAt() == null ? null : student.countedAt().toString()));
        }
        return SpreadsheetCsv.write(List.of("class", "assignment", "student", "status", "attempts", "percent", "counted_at"), rows);
    }

    private List<JsonNode> results(QuizAttempt attempt) {
        try {
            List<JsonNode> list = new ArrayList<>();
            json.readTree(attempt.resultsJson).forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new IllegalStateException("stored results are unreadable", e);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Students
    // ------------------------------------------------------------------------------------------------------

    /** The assignments of every class this learner joined, soonest due first, with where they stand. */
    @Transactional
    public List<LearnerAssignment> forLearner(String learnerId, String language) {
        if (learnerId == null) {
            return List.of();
        }
        Map<Long, String> classNames = new LinkedHashMap<>();
        SchoolClass.joinedBy(learnerId).forEach(c -> classNames.put(c.id, c.name));
        Instant now = Instant.now();
        List<LearnerAssignment> shown = new ArrayList<>();
        for (Assignment a : Assignment.ofClasses(classNames.keySet())) {
            Work work = work(a, learnerId, now);
            shown.add(new LearnerAssignment(a.id, classNames.get(a.classId), view(a, language), work.status(), work.attemptsUsed(),
                    work.percent()));
        }
        return shown;
    }

    /**
     * A quiz attempt for a class with an assignment of that quiz is refused before it opens, after it is due and
     * beyond the attempts allowed (counted over the assignment's window). Without such an assignment, practice is free.
     */
    void onSubmitting(@Observes AttemptSubmitting attempt) {
        if (attempt.classId() == null) {
            return;
        }
        List<Assignment> assigned = Assignment.quizIn(attempt.classId(), attempt.quizId());
        if (assigned.isEmpty()) {
            return;
        }
        Optional<Assignment> open = assigned.stream().filter(a -> a.isOpenAt(attempt.at())).findFirst();
        if (open.isEmpty()) {
            boolean notYet = assigned.stream().allMatch(a -> attempt.at().isBefore(a.opensAt));
            throw notYet
                    ? new AttemptSubmitting.Closed("assignment-not-open", Worded.of(AssignmentProblemMessages.class, AssignmentProblemMessages::assignment_not_open_title),
                            Worded.of(AssignmentProblemMessages.class, words -> words.assignment_not_open(CampusTime.moment(assigned.get(0).opensAt))))
                    : new AttemptSubmitting.Closed("assignment-past-due", Worded.of(AssignmentProblemMessages.class, AssignmentProblemMessages::assignment_past_due_title),
                            Worded.of(AssignmentProblemMessages.class, words -> words.assignment_past_due(CampusTime.moment(assigned.get(assigned.size() - 1).dueAt))));
        }
        Assignment a = open.get();
        long used = QuizAttempt.count("classId = ?1 and learnerId = ?2 and quizId = ?3 and submittedAt >= ?4 and submittedAt <= ?5",
                a.classId, attempt.learnerId(), a.target, a.opensAt, a.dueAt);
        if (used >= a.attemptsAllowed) {
            throw new AttemptSubmitting.Closed("assignment-attempts-used", Worded.of(AssignmentProblemMessages.class, AssignmentProblemMessages::attempts_used_title),
                    Worded.of(AssignmentProblemMessages.class, words -> words.attempts_used(a.attemptsAllowed)));
        }
    }
}
