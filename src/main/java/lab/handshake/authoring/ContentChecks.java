package lab.handshake.authoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.api.ViolationWords;
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
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.SpecReader;
import lab.handshake.scenario.TraceService;
import lab.handshake.site.LessonPage;
import org.jboss.logging.Logger;

/**
 * What is wrong with a teacher's text, by the same rules as the built-in files: a draft may be saved with
 * problems, but it is published only without any.
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
    public List<String> problems(ContentKind kind, String slug, String language, String text) {
        try {
            return switch (kind) {
                case LESSON -> lessonProblems(slug, Language.parse(language), text);
                case QUIZ -> quizProblems(slug, QuizCatalogue.read(text));
                case SCENARIO -> runScenario(slug, text, Language.EN).problems();
            };
        } catch (Refusal.Later busy) {
            throw busy; // the server is busy, which says nothing about the text
        } catch (IOException | RuntimeException e) {
            return List.of(unreadable(e));
        }
    }

    private List<String> lessonProblems(String slug, Language language, String text) throws IOException {
        Lesson lesson = LessonCatalogue.parse(language, text);
        List<String> problems = new ArrayList<>();
        if (!slug.equals(lesson.id())) {
            problems.add("the front matter's id is '" + lesson.id() + "' but this lesson's id is '" + slug + "'");
        }
        if (lesson.title().isBlank()) {
            problems.add("the title is empty");
        }
        lesson.scenarios().stream().filter(id -> scenarios.find(id).isEmpty())
                .forEach(id -> problems.add("scenarios: there is no scenario '" + id + "'"));
        lesson.quizzes().stream().filter(id -> quizzes.find(id).isEmpty())
                .forEach(id -> problems.add("quizzes: there is no quiz '" + id + "'"));
        problems.addAll(studentPageProblems(lesson, language));
        return problems;
    }

    /** Renders the lesson's page exactly as a student would get it; what goes wrong there stops publication. */
    private List<String> studentPageProblems(Lesson lesson, Language language) {
        try {
            LessonPage.Rendered page = lessonPage.render(lesson, language);
            page.page().render();
            return page.problems();
        } catch (RuntimeException e) {
            LOG.warn("A lesson draft's page cannot be rendered", e);
            return List.of("the lesson's page cannot be shown: " + firstLine(e));
        }
    }

    /**
     * The checks of the built-in quiz files, and then, for questions made from a simulation, whether the
     * simulation really has the segment or state change asked for and the right state is among the choices.
     */
    private List<String> quizProblems(String slug, QuizModel.Quiz quiz) {
        List<String> problems = QuizCatalogue.check(quiz, Path.of(slug + ".yaml"), scenarios, misconceptions);
        if (!problems.isEmpty()) {
            return problems;
        }
        List<String> generated = new ArrayList<>();
        for (QuizModel.Question q : quiz.questions()) {
            try {
                if (Question.of(q) instanceof GeneratedQuestion question) {
                    question.simulationProblem(generator).ifPresent(problem -> generated.add("question " + q.id() + ": " + problem));
                }
            } catch (IllegalStateException | IndexOutOfBoundsException e) {
                generated.add("question " + q.id() + ": " + e.getMessage());
            }
        }
        return generated;
    }

    /** A scenario draft checked by running it: its trace when it ran, and what is wrong (empty when publishable). */
    public record ScenarioRun(ScenarioSpec spec, Trace trace, List<String> problems) {
    }

    /** Reads, validates and (when valid) runs a scenario draft once, for both its problems and its preview. */
    public ScenarioRun runScenario(String slug, String text, Language language) {
        ScenarioSpec spec;
        try {
            spec = specReader.read(text);
        } catch (IOException | RuntimeException e) {
            return new ScenarioRun(null, null, List.of(unreadable(e)));
        }
        List<String> problems = new ArrayList<>();
        if (!slug.equals(spec.id())) {
            problems.add("id is '" + spec.id() + "' but this scenario's id is '" + slug + "'");
        }
        // A draft's problems are in English, like the rest of what this class finds.
        SpecValidator.validate(spec, Limits.API).forEach(v -> problems.add(ViolationWords.line(v, ProblemMapper.words(Language.EN))));
        if (!problems.isEmpty()) {
            return new ScenarioRun(spec, null, problems);
        }
        try {
            return new ScenarioRun(spec, traces.run(spec, ScenarioRunner.Overrides.NONE, language), List.of());
        } catch (SimulationLimitException limit) {
            return new ScenarioRun(spec, null, List.of("the simulation would produce more than " + limit.limit() + " " + limit.what()));
        }
    }

    /** A parse failure in a teacher's words: the parser's first line, without Java class names. */
    static String unreadable(Exception e) {
        String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse && parse.getLocation() != null
                ? " (line " + parse.getLocation().getLineNr() + ")" : "";
        return "cannot be read" + where + ": " + firstLine(e);
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        return firstLine.replaceAll("\\(class [^)]*\\)", "").strip();
    }

    /** Reads a quiz draft for its preview; problems are reported by {@link #problems}. */
    QuizModel.Quiz readQuiz(String text) throws IOException {
        return QuizCatalogue.read(text);
    }
}
