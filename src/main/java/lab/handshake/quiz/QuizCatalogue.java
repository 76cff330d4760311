package lab.handshake.quiz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.content.ContentKind;
import lab.handshake.content.PublishedTexts;
import lab.handshake.engine.Language;
import lab.handshake.files.ContentFiles;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.scenario.ScenarioCatalogue;
import org.jboss.logging.Logger;

/**
 * The quiz banks: the built-in ones under {@code <content-dir>/quizzes/}, and those teachers have published,
 * which take the place of a built-in bank with the same id. Each file is checked when it is loaded (ids unique,
 * exactly one right option for single choice, an order that is a permutation of the items, every text in
 * both languages, scenarios that exist); a file with a problem is left out with the problem in the log.
 */
@Startup
@ApplicationScoped
public class QuizCatalogue {
    private static final Logger LOG = Logger.getLogger(QuizCatalogue.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, QuizModel.Quiz> builtIn = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Supplier<Map<String, QuizModel.Quiz>> quizzes;

    public QuizCatalogue(HandshakeConfig config, ScenarioCatalogue scenarios, MisconceptionCatalogue misconceptions,
                         PublishedTexts published) {
        Path folder = config.contentDir().resolve("quizzes");
        ContentFiles.Read<QuizModel.Quiz> read = ContentFiles.read(folder, content -> YAML.readValue(content, QuizModel.Quiz.class), ".yaml");
        problems.addAll(read.problems());
        for (ContentFiles.File<QuizModel.Quiz> file : read.files()) {
            List<QuizProblem> found = check(file.item(), file.path(), scenarios, misconceptions);
            if (found.isEmpty()) {
                builtIn.put(file.item().id(), file.item());
            } else {
                found.forEach(problem -> problems.add(problem.in(Language.EN))); // for the log
            }
        }
        problems.forEach(LOG::error);
        LOG.infof("Quizzes: %d from %s", builtIn.size(), folder);
        this.quizzes = published.derived(snapshot -> {
            Map<String, QuizModel.Quiz> merged = new TreeMap<>(builtIn);
            for (PublishedTexts.Text text : snapshot.of(ContentKind.QUIZ)) {
                try {
                    QuizModel.Quiz quiz = read(text.body());
                    merged.put(quiz.id(), quiz);
                } catch (IOException | RuntimeException e) {
                    LOG.errorf("Published quiz %s left out: %s", text.slug(), e.getMessage());
                }
            }
            return merged;
        });
    }

    /** Reads a quiz bank file's text (without checking it: see {@link #check}). */
    public static QuizModel.Quiz read(String text) throws IOException {
        return YAML.readValue(text, QuizModel.Quiz.class);
    }

    /** What is wrong with a quiz bank that would be the file {@code file}; empty when nothing is. */
    public static List<QuizProblem> check(QuizModel.Quiz quiz, Path file, ScenarioCatalogue scenarios, MisconceptionCatalogue misconceptions) {
        List<QuizProblem> problems = new ArrayList<>();
        Question.Checks inFile = new Question.Checks(problems, List.of(), scenarios, misconceptions).at(QuizProblem.Step.FILE, file.toString());
        String name = file.getFileName().toString().replace(".yaml", "");
        if (!name.equals(quiz.id())) {
            inFile.add(Worded.of(QuizProblemMessages.class, words -> words.quiz_id_not_file_name(quiz.id())));
        }
        inFile.both("title", quiz.title());
        if (quiz.questions() == null || quiz.questions().isEmpty()) {
            inFile.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_no_questions));
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (QuizModel.Question q : quiz.questions()) {
            Question.Checks checks = inFile.at(QuizProblem.Step.QUESTION, q.id());
            if (q.id() == null || !ids.add(q.id())) {
                checks.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_missing_or_repeated_id));
            }
            if (QuestionKind.of(q.kind()).isEmpty()) {
                checks.add(Worded.of(QuizProblemMessages.class, words -> words.quiz_unknown_kind(QuestionKind.codes())));
                continue;
            }
            checks.both("prompt", q.prompt());
            if (q.scenario() != null && !checks.knownScenario(q.scenario())) {
                checks.add(Worded.of(QuizProblemMessages.class, words -> words.quiz_unknown_scenario(q.scenario())));
            }
            Question question = Question.of(q);
            question.check(checks);
            checkMistakes(checks, question, q.mistakes());
        }
        return problems;
    }

    /** A question's known wrong answers: each of the question's own kind, really wrong, naming a catalogued misconception. */
    private static void checkMistakes(Question.Checks checks, Question question, List<QuizModel.Mistake> mistakes) {
        if (mistakes == null) {
            return;
        }
        for (QuizModel.Mistake mistake : mistakes) {
            Question.Checks at = checks.at(QuizProblem.Step.MISTAKE, mistake.misconception());
            at.knownMisconception(mistake.misconception());
            if (!question.fits(mistake)) {
                at.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_mistake_not_of_its_kind));
            }
        }
    }

    public Collection<QuizModel.Quiz> all() {
        return quizzes.get().values();
    }

    /** The built-in curriculum's quiz banks, whether or not teachers' versions replace them. */
    public Collection<QuizModel.Quiz> builtIn() {
        return Collections.unmodifiableCollection(builtIn.values());
    }

    public Optional<QuizModel.Quiz> find(String id) {
        return Optional.ofNullable(quizzes.get().get(id));
    }

    public List<QuizModel.Quiz> forLesson(String lessonId) {
        return all().stream().filter(quiz -> lessonId.equals(quiz.lesson())).toList();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
