package lab.handshake.authoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.api.Refusal;
import lab.handshake.content.ContentKind;
import lab.handshake.engine.Language;
import lab.handshake.engine.SimulationLimitException;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.trace.Trace;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.quiz.GeneratedQuestion;
import lab.handshake.quiz.Question;
import lab.handshake.quiz.QuestionGenerator;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.quiz.QuizProblem;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.SpecReader;
import lab.handshake.scenario.TraceService;
import lab.handshake.site.LessonPage;
import org.jboss.logging.Logger;

/**
 * What is wrong with a teacher's text, by the same rules as the built-in files: a draft may be saved with
 * problems, but it is published only without any. The problems are {@link DraftProblem} values, worded where they
 * are shown, in the reader's language.
 */
@ApplicationScoped
public class ContentChecks {
    private static final Logger LOG = Logger.getLogger(ContentChecks.class);

    private final ScenarioCatalogue scenarios;
    private final QuizCatalogue quizzes;
    private final SpecReader specReader;
    private final QuestionGenerator generator;
    private final LessonPage lessonPage;
    private final TraceService traces;
    private final MisconceptionCatalogue misconceptions;

    public ContentChecks(ScenarioCatalogue scenarios, QuizCatalogue quizzes, SpecReader specReader, QuestionGenerator generator,
                         LessonPage lessonPage, TraceService traces, MisconceptionCatalogue misconceptions) {
        this.misconceptions = misconceptions;
        this.scenarios = scenarios;
        this.quizzes = quizzes;
        this.specReader = specReader;
        this.generator = generator;
        this.lessonPage = lessonPage;
        this.traces = traces;
    }

    /** The problems of the text of item {@code slug}; empty when it can be published. */
    public List<DraftProblem> problems(ContentKind kind, String slug, String language, String text) {
        try {
            return switch (kind) {
                case LESSON -> lessonProblems(slug, Language.parse(language), text);
                case QUIZ -> quizProblems(slug, QuizCatalogue.read(text));
                case SCENARIO -> runScenario(slug, text, Language.EN).problems();
            };
        } catch (Refusal.Later busy) {
            throw busy; // the server is busy, which says nothing about the text
        } catch (IOException | RuntimeException e) {
            return List.of(DraftProblem.Unreadable.of(e));
        }
    }

    private List<DraftProblem> lessonProblems(String slug, Language language, String text) throws IOException {
        Lesson lesson = LessonCatalogue.parse(language, text);
        List<DraftProblem> problems = new ArrayList<>();
        if (!slug.equals(lesson.id())) {
            problems.add(new DraftProblem.IdMismatch(ContentKind.LESSON, lesson.id(), slug));
        }
        if (lesson.title().isBlank()) {
            problems.add(new DraftProblem.EmptyTitle());
        }
        lesson.scenarios().stream().filter(id -> scenarios.find(id).isEmpty())
                .forEach(id -> problems.add(new DraftProblem.NoSuchItem("scenarios", ContentKind.SCENARIO, id)));
        lesson.quizzes().stream().filter(id -> quizzes.find(id).isEmpty())
                .forEach(id -> problems.add(new DraftProblem.NoSuchItem("quizzes", ContentKind.QUIZ, id)));
        problems.addAll(studentPageProblems(lesson, language));
        return problems;
    }

    /** Renders the lesson's page exactly as a student would get it; what goes wrong there stops publication. */
    private List<DraftProblem> studentPageProblems(Lesson lesson, Language language) {
        try {
            LessonPage.Rendered page = lessonPage.render(lesson, language);
            page.page().render();
            return page.problems().stream().<DraftProblem>map(DraftProblem.Shared::new).toList();
        } catch (RuntimeException e) {
            LOG.warn("A lesson draft's page cannot be rendered", e);
            return List.of(new DraftProblem.PageNotShown(DraftProblem.firstLine(e)));
        }
    }

    /**
     * The checks of the built-in quiz files, and then, for questions made from a simulation, whether the
     * simulation really has the segment or state change asked for and the right state is among the choices.
     */
    private List<DraftProblem> quizProblems(String slug, QuizModel.Quiz quiz) {
        List<QuizProblem> problems = QuizCatalogue.check(quiz, Path.of(slug + ".yaml"), scenarios, misconceptions);
        if (!problems.isEmpty()) {
            return problems.stream().<DraftProblem>map(DraftProblem.Shared::new).toList();
        }
        List<DraftProblem> generated = new ArrayList<>();
        for (QuizModel.Question q : quiz.questions()) {
            List<QuizProblem.Place> where = List.of(new QuizProblem.Place(QuizProblem.Step.QUESTION, q.id()));
            try {
                if (Question.of(q) instanceof GeneratedQuestion question) {
                    question.simulationProblem(generator).ifPresent(problem -> generated.add(new DraftProblem.Shared(new QuizProblem(where, problem))));
                }
            } catch (QuestionGenerator.NotInSimulation lacking) {
                generated.add(new DraftProblem.Shared(new QuizProblem(where, lacking.what())));
            }
        }
        return generated;
    }

    /** A scenario draft checked by running it: its trace when it ran, and what is wrong (empty when publishable). */
    public record ScenarioRun(ScenarioSpec spec, Trace trace, List<DraftProblem> problems) {
    }

    /** Reads, validates and (when valid) runs a scenario draft once, for both its problems and its preview. */
    public ScenarioRun runScenario(String slug, String text, Language language) {
        ScenarioSpec spec;
        try {
            spec = specReader.read(text);
        } catch (IOException | RuntimeException e) {
            return new ScenarioRun(null, null, List.of(DraftProblem.Unreadable.of(e)));
        }
        List<DraftProblem> problems = new ArrayList<>();
        if (!slug.equals(spec.id())) {
            problems.add(new DraftProblem.IdMismatch(ContentKind.SCENARIO, spec.id(), slug));
        }
        SpecValidator.validate(spec, Limits.API).forEach(violation -> problems.add(new DraftProblem.Breaks(violation)));
        if (!problems.isEmpty()) {
            return new ScenarioRun(spec, null, problems);
        }
        try {
            return new ScenarioRun(spec, traces.run(spec, ScenarioRunner.Overrides.NONE, language), List.of());
        } catch (SimulationLimitException limit) {
            return new ScenarioRun(spec, null, List.of(DraftProblem.TooLargeToRun.of(limit)));
        }
    }

    /** Reads a quiz draft for its preview; problems are reported by {@link #problems}. */
    QuizModel.Quiz readQuiz(String text) throws IOException {
        return QuizCatalogue.read(text);
    }
}
