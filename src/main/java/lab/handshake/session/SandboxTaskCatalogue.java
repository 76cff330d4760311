package lab.handshake.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.ViolationWords;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.engine.Language;
import lab.handshake.files.ContentFiles;
import lab.handshake.scenario.ScenarioCatalogue;
import org.jboss.logging.Logger;

/**
 * The sandbox tasks under {@code <content-dir>/sandbox-tasks/}. Unlike a scenario or quiz file, which is left out
 * with an error in the log, a bad task file stops the start with a message naming the file and the problem: a task
 * may be assigned to a class, and an assignment whose task silently vanished could never be done.
 */
@Startup
@ApplicationScoped
public class SandboxTaskCatalogue {
    private static final Logger LOG = Logger.getLogger(SandboxTaskCatalogue.class);
    /** As strict as the scenario reader: an unknown property is an error. Modes and states may be written in any case. */
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final Map<String, SandboxTask> tasks;

    @Inject
    public SandboxTaskCatalogue(HandshakeConfig config, ScenarioCatalogue scenarios) {
        Path folder = config.contentDir().resolve("sandbox-tasks");
        // A built-in scenario only: a teacher's may be withdrawn, and the task with it.
        this.tasks = load(folder, scenarios::isBuiltIn);
        LOG.infof("Sandbox tasks: %d from %s", tasks.size(), folder);
    }

    /** The tasks of a folder (none when there is no folder); throws naming every bad file and its problem. */
    static Map<String, SandboxTask> load(Path folder, Predicate<String> scenarioExists) {
        ContentFiles.Read<SandboxTask> read = ContentFiles.read(folder, content -> YAML.readValue(content, SandboxTask.class), ".yaml");
        Map<String, SandboxTask> loaded = new TreeMap<>();
        List<String> problems = new ArrayList<>(read.problems());
        for (ContentFiles.File<SandboxTask> file : read.files()) {
            List<String> found = problems(file.item(), file.name(), scenarioExists);
            if (found.isEmpty()) {
                loaded.put(file.item().id(), file.item());
            }
            found.forEach(problem -> problems.add(file.path() + ": " + problem));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Bad sandbox task file(s), fix them to start: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(loaded);
    }

    private static List<String> problems(SandboxTask task, String fileName, Predicate<String> scenarioExists) {
        List<String> problems = new ArrayList<>();
        if (!fileName.equals(task.id())) {
            problems.add("id '" + task.id() + "' must equal the file name");
        }
        for (Language language : Language.values()) {
            if (blank(task.title(), language) || blank(task.instructions(), language)) {
                problems.add("title and instructions are required in " + language.code());
            }
        }
        if (task.scenario() == null || !scenarioExists.test(task.scenario())) {
            problems.add("scenario '" + task.scenario() + "' is not a built-in catalogue scenario");
        }
        if (task.mode() == null) {
            problems.add("mode is required: manual, auto or step");
        }
        if (task.goal() == null) {
            problems.add("goal is required");
        } else {
            ProblemMessages english = ProblemMapper.words(Language.EN); // for the log
            task.goal().problems().forEach(violation -> problems.add(ViolationWords.line(violation, english)));
        }
        if (task.rationale() == null || !task.rationale().contains("RFC 9293")) {
            problems.add("rationale must say which rule of RFC 9293 the task is about");
        }
        return problems;
    }

    private static boolean blank(Map<String, String> texts, Language language) {
        return texts == null || texts.get(language.code()) == null || texts.get(language.code()).isBlank();
    }

    public Optional<SandboxTask> find(String id) {
        return Optional.ofNullable(id == null ? null : tasks.get(id));
    }

    public Collection<SandboxTask> all() {
        return tasks.values();
    }
}
