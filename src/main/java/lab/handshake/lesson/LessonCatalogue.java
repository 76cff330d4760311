package lab.handshake.lesson;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.content.ContentKind;
import lab.handshake.content.PublishedTexts;
import lab.handshake.engine.Language;
import lab.handshake.files.ContentFiles;
import org.jboss.logging.Logger;

/**
 * The lessons: the built-in ones, {@code <content-dir>/lessons/<en|zh>/NN-<id>.md} (Markdown with YAML front
 * matter), and those teachers have published, which take the place of a built-in lesson with the same id
 * and language. A file that cannot be read is left out with an error in the log naming it.
 */
@Startup
@ApplicationScoped
public class LessonCatalogue {
    private static final Logger LOG = Logger.getLogger(LessonCatalogue.class);
    private static final String FENCE = "---";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<Language, List<Lesson>> builtIn = new EnumMap<>(Language.class);
    private final Supplier<Map<Language, List<Lesson>>> lessons;

    @Inject
    public LessonCatalogue(HandshakeConfig config, PublishedTexts published) {
        this(config.contentDir(), published);
    }

    /** The lessons of another content folder (a test reads an exported one). */
    public LessonCatalogue(Path contentDir, PublishedTexts published) {
        for (Language language : Language.values()) {
            Path folder = contentDir.resolve("lessons").resolve(language.code());
            ContentFiles.Read<Lesson> read = ContentFiles.read(folder, content -> parse(language, new String(content, StandardCharsets.UTF_8)), ".md");
            read.problems().forEach(problem -> LOG.errorf("Lesson left out: %s", problem));
            List<Lesson> loaded = read.files().stream().map(ContentFiles.File::item).sorted(IN_ORDER).toList();
            builtIn.put(language, loaded);
            LOG.infof("Lessons (%s): %d from %s", language.code(), loaded.size(), folder);
        }
        this.lessons = published.derived(this::merge);
    }

    private static final Comparator<Lesson> IN_ORDER = Comparator.comparingInt(Lesson::order).thenComparing(Lesson::id);

    /** The built-in lessons with the published ones put in (a published lesson replaces the built-in one of its id). */
    private Map<Language, List<Lesson>> merge(PublishedTexts.Snapshot snapshot) {
        Map<Language, List<Lesson>> merged = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            Map<String, Lesson> byId = new LinkedHashMap<>();
            builtIn.get(language).forEach(lesson -> byId.put(lesson.id(), lesson));
            for (PublishedTexts.Text text : snapshot.of(ContentKind.LESSON)) {
                if (text.language().equals(language.code())) {
                    try {
                        Lesson lesson = parse(language, text.body());
                        byId.put(lesson.id(), lesson);
                    } catch (IOException | RuntimeException e) {
                        LOG.errorf("Published lesson %s/%s left out: %s", text.language(), text.slug(), e.getMessage());
                    }
                }
            }
            merged.put(language, byId.values().stream().sorted(IN_ORDER).toList());
        }
        return merged;
    }

    /** Splits the front matter from the body and reads both. */
    public static Lesson parse(Language language, String text) throws IOException {
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith(FENCE + "\n")) {
            throw new MalformedLesson(MalformedLesson.What.NO_FRONT_MATTER);
        }
        int end = normalized.indexOf("\n" + FENCE + "\n", FENCE.length());
        if (end < 0) {
            throw new MalformedLesson(MalformedLesson.What.FRONT_MATTER_NOT_CLOSED);
        }
        LessonFrontMatter meta = YAML.readValue(normalized.substring(FENCE.length() + 1, end), LessonFrontMatter.class);
        if (meta.id() == null || meta.title() == null || meta.order() == null) {
            throw new MalformedLesson(MalformedLesson.What.FRONT_MATTER_INCOMPLETE);
        }
        String body = normalized.substring(end + FENCE.length() + 2);
        return new Lesson(meta.id(), language.code(), meta.order(), meta.title(), meta.summary(),
                meta.scenarios() == null ? List.of() : meta.scenarios(), meta.quizzes() == null ? List.of() : meta.quizzes(), body);
    }

    public List<Lesson> all(Language language) {
        return lessons.get().get(language);
    }

    /** The built-in curriculum's lessons in this language, whether or not teachers' versions replace them. */
    public List<Lesson> builtIn(Language language) {
        return builtIn.get(language);
    }

    public Optional<Lesson> find(String id, Language language) {
        return all(language).stream().filter(lesson -> lesson.id().equals(id)).findFirst();
    }

    /** The lesson in this language, else in the other one (a teacher's lesson may be written in one language only). */
    public Optional<Lesson> findInEither(String id, Language language) {
        return find(id, language).or(() -> find(id, language.other()));
    }

    /** The lessons (in this language) that embed a scenario. */
    public List<Lesson> embedding(String scenarioId, Language language) {
        return all(language).stream().filter(lesson -> lesson.scenarios().contains(scenarioId)).toList();
    }

    /** The lesson before and after this one, in order (either may be absent). */
    public Optional<Lesson> neighbour(Lesson lesson, int direction) {
        List<Lesson> list = all(Language.parse(lesson.language()));
        int index = list.indexOf(lesson) + direction;
        return index >= 0 && index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
    }
}
