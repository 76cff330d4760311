package lab.handshake.authoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.content.ContentKind;
import lab.handshake.engine.Language;
import lab.handshake.engine.ScenarioRunner;
import lab.handshake.engine.SimulationLimitException;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.quiz.QuestionGenerator;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.SpecReader;

/**
 * What is wrong with a teacher's text, by the same rules as the built-in files: a draft may be saved with
 * problems, but it is published only without any.
 */
@ApplicationScoped
public class ContentChecks {
    private static final Pattern EMBED = Pattern.compile("^\\[\\[simulation ([a-z0-9-]+)(?: step=\\d+)?]]\\s*$", Pattern.MULTILINE);

    private final ScenarioCatalogue scenarios;
    private final QuizCatalogue quizzes;
    private final SpecReader specReader;
    private final QuestionGenerator generator;

    public ContentChecks(ScenarioCatalogue scenarios, QuizCatalogue quizzes, SpecReader specReader, QuestionGenerator generator) {
        this.scenarios = scenarios;
        this.quizzes = quizzes;
        this.specReader = specReader;
        this.generator = generator;
    }

    /** The problems of the text of item {@code slug}; empty when it can be published. */
    public List<String> problems(ContentKind kind, String slug, String language, String text) {
        try {
            return switch (kind) {
                case LESSON -> lessonProblems(slug, Language.parse(language), text);
                case QUIZ -> quizProblems(slug, QuizCatalogue.read(text));
                case SCENARIO -> scenarioProblems(slug, text);
            };
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
        Matcher embed = EMBED.matcher(lesson.markdown());
        while (embed.find()) {
            if (scenarios.find(embed.group(1)).isEmpty()) {
                problems.add("[[simulation " + embed.group(1) + "]]: there is no such scenario");
            }
        }
        return problems;
    }

    /**
     * The checks of the built-in quiz files, and then, for questions made from a simulation, whether the
     * simulation really has the segment or state change asked for and the right state is among the choices.
     */
    private List<String> quizProblems(String slug, QuizModel.Quiz quiz) {
        List<String> problems = QuizCatalogue.check(quiz, Path.of(slug + ".yaml"), scenarios);
        if (!problems.isEmpty()) {
            return problems;
        }
        List<String> generated = new ArrayList<>();
        for (QuizModel.Question question : quiz.questions()) {
            try {
                if (question.kind().equals("numeric")) {
                    generator.numericAnswer(question, generator.chooseIsns(question, new SplittableRandom(1)));
                } else if (question.kind().equals("next-state") && !question.choices().contains(generator.nextStateAnswer(question))) {
                    generated.add("question " + question.id() + ": the right answer, " + generator.nextStateAnswer(question)
                            + ", is not among the choices");
                }
            } catch (IllegalStateException | IndexOutOfBoundsException e) {
                generated.add("question " + question.id() + ": " + e.getMessage());
            }
        }
        return generated;
    }

    private List<String> scenarioProblems(String slug, String text) throws IOException {
        ScenarioSpec spec = specReader.read(text);
        List<String> problems = new ArrayList<>();
        if (!slug.equals(spec.id())) {
            problems.add("id is '" + spec.id() + "' but this scenario's id is '" + slug + "'");
        }
        SpecValidator.validate(spec, Limits.API).forEach(v -> problems.add(v.field() + " " + v.message()));
        if (problems.isEmpty()) {
            try {
                ScenarioRunner.run(spec, ScenarioRunner.Overrides.NONE, Language.EN, Limits.API);
            } catch (SimulationLimitException limit) {
                problems.add("the simulation would produce more than " + limit.limit() + " " + limit.what());
            }
        }
        return problems;
    }

    /** A parse failure in a teacher's words: the parser's first line, without Java class names. */
    static String unreadable(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse && parse.getLocation() != null
                ? " (line " + parse.getLocation().getLineNr() + ")" : "";
        return "cannot be read" + where + ": " + firstLine.replaceAll("\\(class [^)]*\\)", "").strip();
    }

    /** Reads a quiz draft for its preview; problems are reported by {@link #problems}. */
    QuizModel.Quiz readQuiz(String text) throws IOException {
        return QuizCatalogue.read(text);
    }

    ScenarioSpec readScenario(String text) throws IOException {
        return specReader.read(text);
    }
}
