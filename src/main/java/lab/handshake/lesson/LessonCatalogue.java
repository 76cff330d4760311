package lab.handshake.lesson;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import lab.handshake.engine.Language;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The built-in lessons: {@code <content-dir>/lessons/<en|zh>/NN-<id>.md}, Markdown with YAML front matter.
 * A file that cannot be read is left out with an error in the log naming it.
 */
@Startup
@ApplicationScoped
public class LessonCatalogue {
    private static final Logger LOG = Logger.getLogger(LessonCatalogue.class);
    private static final String FENCE = "---";

    private final Map<Language, List<Lesson>> lessons = new EnumMap<>(Language.class);

    public LessonCatalogue(@ConfigProperty(name = "handshake.content-dir") Path contentDir) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Language language : Language.values()) {
            List<Lesson> loaded = new ArrayList<>();
            Path folder = contentDir.resolve("lessons").resolve(language.code());
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                        try {
                            loaded.add(parse(yaml, language, Files.readString(file, StandardCharsets.UTF_8)));
                        } catch (IOException | RuntimeException e) {
                            LOG.errorf("Lesson %s left out: %s", file, e.getMessage());
                        }
                    }
                } catch (IOException e) {
                    LOG.errorf("Cannot list lessons in %s: %s", folder, e.getMessage());
                }
            }
            loaded.sort(Comparator.comparingInt(Lesson::order));
            lessons.put(language, List.copyOf(loaded));
            LOG.infof("Lessons (%s): %d from %s", language.code(), loaded.size(), folder);
        }
    }

    /** Splits the front matter from the body and reads both. */
    static Lesson parse(ObjectMapper yaml, Language language, String text) throws IOException {
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith(FENCE + "\n")) {
            throw new IllegalArgumentException("the file must start with front matter between '---' lines");
        }
        int end = normalized.indexOf("\n" + FENCE + "\n", FENCE.length());
        if (end < 0) {
            throw new IllegalArgumentException("the front matter has no closing '---' line");
        }
        LessonFrontMatter meta = yaml.readValue(normalized.substring(FENCE.length() + 1, end), LessonFrontMatter.class);
        if (meta.id() == null || meta.title() == null || meta.order() == null) {
            throw new IllegalArgumentException("front matter needs id, order and title");
        }
        String body = normalized.substring(end + FENCE.length() + 2);
        return new Lesson(meta.id(), language.code(), meta.order(), meta.title(), meta.summary(),
                meta.scenarios() == null ? List.of() : meta.scenarios(), meta.quizzes() == null ? List.of() : meta.quizzes(), body);
    }

    public List<Lesson> all(Language language) {
        return lessons.get(language);
    }

    public Optional<Lesson> find(String id, Language language) {
        return lessons.get(language).stream().filter(lesson -> lesson.id().equals(id)).findFirst();
    }

    /** The lessons (in this language) that embed a scenario. */
    public List<Lesson> embedding(String scenarioId, Language language) {
        return lessons.get(language).stream().filter(lesson -> lesson.scenarios().contains(scenarioId)).toList();
    }

    /** The lesson before and after this one, in order (either may be absent). */
    public Optional<Lesson> neighbour(Lesson lesson, int direction) {
        List<Lesson> list = lessons.get(Language.parse(lesson.language()));
        int index = list.indexOf(lesson) + direction;
        return index >= 0 && index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
    }
}
