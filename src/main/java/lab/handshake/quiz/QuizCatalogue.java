package lab.handshake.quiz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
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
import java.util.stream.Stream;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.content.ContentKind;
import lab.handshake.content.PublishedTexts;
import lab.handshake.engine.TcpState;
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
    public static final Set<String> KINDS = Set.of("single", "multiple", "ordering", "numeric", "next-state");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, QuizModel.Quiz> builtIn = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Supplier<Map<String, QuizModel.Quiz>> quizzes;

    public QuizCatalogue(HandshakeConfig config, ScenarioCatalogue scenarios, MisconceptionCatalogue misconceptions,
                         PublishedTexts published) {
        Path folder = config.contentDir().resolve("quizzes");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    try {
                        QuizModel.Quiz quiz = YAML.readValue(file.toFile(), QuizModel.Quiz.class);
                        List<String> found = check(quiz, file, scenarios, misconceptions);
                        if (found.isEmpty()) {
                            builtIn.put(quiz.id(), quiz);
                        } else {
                            problems.addAll(found);
                        }
                    } catch (IOException | RuntimeException e) {
                        problems.add(file + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                problems.add("cannot list " + folder + ": " + e.getMessage());
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
    public static List<String> check(QuizModel.Quiz quiz, Path file, ScenarioCatalogue scenarios, MisconceptionCatalogue misconceptions) {
        List<String> problems = new ArrayList<>();
        String name = file.getFileName().toString().replace(".yaml", "");
        if (!name.equals(quiz.id())) {
            problems.add(file + ": id '" + quiz.id() + "' must equal the file name");
        }
        requireBoth(problems, file + " title", quiz.title());
        if (quiz.questions() == null || quiz.questions().isEmpty()) {
            problems.add(file + ": no questions");
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (QuizModel.Question q : quiz.questions()) {
            String where = file + " question " + q.id();
            if (q.id() == null || !ids.add(q.id())) {
                problems.add(where + ": missing or repeated id");
            }
            if (!KINDS.contains(q.kind())) {
                problems.add(where + ": kind must be one of " + KINDS);
                continue;
            }
            requireBoth(problems, where + " prompt", q.prompt());
            if (q.scenario() != null && scenarios.find(q.scenario()).isEmpty()) {
                problems.add(where + ": unknown scenario " + q.scenario());
            }
            switch (q.kind()) {
                case "single", "multiple" -> {
                    long right = q.options() == null ? 0 : q.options().stream().filter(QuizModel.Option::correct).count();
                    long total = q.options() == null ? 0 : q.options().size();
                    if (q.kind().equals("single") ? right != 1 : right < 1 || right == total) {
                        problems.add(where + ": " + (q.kind().equals("single") ? "exactly one option must be right"
                                : "at least one option must be right and one wrong"));
                    }
                    if (q.options() != null) {
                        for (QuizModel.Option option : q.options()) {
                            requireBoth(problems, where + " option " + option.id() + " text", option.text());
                            requireBoth(problems, where + " option " + option.id() + " why", option.why());
                            if (option.misconception() != null) {
                                requireKnown(problems, where + " option " + option.id(), option.misconception(), misconceptions);
                                if (option.correct()) {
                                    problems.add(where + " option " + option.id() + ": a right option shows no misconception");
                                }
                            }
                        }
                    }
                }
                case "ordering" -> {
                    Set<String> items = new HashSet<>();
                    if (q.items() != null) {
                        q.items().forEach(item -> items.add(item.id()));
                    }
                    if (q.order() == null || items.size() < 2 || !items.equals(new HashSet<>(q.order())) || q.order().size() != items.size()) {
                        problems.add(where + ": order must list every item id once");
                    }
                    requireBoth(problems, where + " why", q.why());
                }
                case "numeric" -> {
                    QuizModel.Generate g = q.generate();
                    if (g == null || g.scenario() == null || scenarios.find(g.scenario()).isEmpty() || g.segment() == null
                            || g.segment() < 1 || !List.of("seq", "ack").contains(g.field())) {
                        problems.add(where + ": generate needs a known scenario, a segment (1-based) and field seq or ack");
                    }
                    requireBoth(problems, where + " why", q.why());
                }
                default -> {
                    QuizModel.Generate g = q.generate();
                    if (g == null || g.scenario() == null || scenarios.find(g.scenario()).isEmpty() || g.change() == null
                            || g.change() < 1 || !List.of("client", "server").contains(g.endpoint())) {
                        problems.add(where + ": generate needs a known scenario, an endpoint and a change (1-based)");
                    }
                    if (q.choices() == null || q.choices().size() < 2
                            || !q.choices().stream().allMatch(c -> Stream.of(TcpState.values()).anyMatch(s -> s.name().equals(c)))) {
                        problems.add(where + ": choices must be state names");
                    }
                    requireBoth(problems, where + " why", q.why());
                }
            }
            checkMistakes(problems, where, q, misconceptions);
        }
        return problems;
    }

    /** A question's known wrong answers: each of the question's own kind, really wrong, naming a catalogued misconception. */
    private static void checkMistakes(List<String> problems, String where, QuizModel.Question q, MisconceptionCatalogue misconceptions) {
        if (q.mistakes() == null) {
            return;
        }
        for (QuizModel.Mistake mistake : q.mistakes()) {
            String at = where + " mistake " + mistake.misconception();
            requireKnown(problems, at, mistake.misconception(), misconceptions);
            boolean fits = switch (q.kind()) {
                case "numeric" -> mistake.offset() != null && Math.floorMod(mistake.offset(), 1L << 32) != 0
                        && mistake.order() == null && mistake.state() == null;
                case "ordering" -> mistake.order() != null && q.order() != null && !mistake.order().equals(q.order())
                        && new HashSet<>(mistake.order()).equals(new HashSet<>(q.order())) && mistake.offset() == null && mistake.state() == null;
                case "next-state" -> mistake.state() != null && q.choices() != null && q.choices().contains(mistake.state())
                        && mistake.offset() == null && mistake.order() == null;
                default -> false;
            };
            if (!fits) {
                problems.add(at + ": a numeric question's mistake is a non-zero offset, an ordering question's a wrong order of its"
                        + " items, a next-state question's one of its choices; choice questions tag their options instead");
            }
        }
    }

    private static void requireKnown(List<String> problems, String where, String misconception, MisconceptionCatalogue misconceptions) {
        if (misconception == null || misconceptions.find(misconception).isEmpty()) {
            problems.add(where + ": unknown misconception '" + misconception + "' (see content/misconceptions)");
        }
    }

    private static void requireBoth(List<String> problems, String where, Map<String, String> texts) {
        if (texts == null || texts.get("en") == null || texts.get("zh") == null || texts.get("en").isBlank() || texts.get("zh").isBlank()) {
            problems.add(where + ": needs en and zh");
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
