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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import lab.handshake.engine.TcpState;
import lab.handshake.scenario.ScenarioCatalogue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The quiz banks under {@code <content-dir>/quizzes/}. Each file is checked when it is loaded (ids unique,
 * exactly one right option for single choice, an order that is a permutation of the items, every text in
 * both languages, scenarios that exist); a file with a problem is left out with the problem in the log.
 */
@Startup
@ApplicationScoped
public class QuizCatalogue {
    private static final Logger LOG = Logger.getLogger(QuizCatalogue.class);
    static final Set<String> KINDS = Set.of("single", "multiple", "ordering", "numeric", "next-state");

    private final Map<String, QuizModel.Quiz> quizzes = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    public QuizCatalogue(@ConfigProperty(name = "handshake.content-dir") Path contentDir, ScenarioCatalogue scenarios) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Path folder = contentDir.resolve("quizzes");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    try {
                        QuizModel.Quiz quiz = yaml.readValue(file.toFile(), QuizModel.Quiz.class);
                        List<String> found = check(quiz, file, scenarios);
                        if (found.isEmpty()) {
                            quizzes.put(quiz.id(), quiz);
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
        LOG.infof("Quizzes: %d from %s", quizzes.size(), folder);
    }

    static List<String> check(QuizModel.Quiz quiz, Path file, ScenarioCatalogue scenarios) {
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
        }
        return problems;
    }

    private static void requireBoth(List<String> problems, String where, Map<String, String> texts) {
        if (texts == null || texts.get("en") == null || texts.get("zh") == null || texts.get("en").isBlank() || texts.get("zh").isBlank()) {
            problems.add(where + ": needs en and zh");
        }
    }

    public Collection<QuizModel.Quiz> all() {
        return quizzes.values();
    }

    public Optional<QuizModel.Quiz> find(String id) {
        return Optional.ofNullable(quizzes.get(id));
    }

    public List<QuizModel.Quiz> forLesson(String lessonId) {
        return quizzes.values().stream().filter(quiz -> lessonId.equals(quiz.lesson())).toList();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
