package lab.handshake.scenario;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.ViolationWords;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.content.ContentKind;
import lab.handshake.content.PublishedTexts;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.files.ContentFiles;
import org.jboss.logging.Logger;

/**
 * The scenarios: the built-in ones, one file per behaviour under {@code <content-dir>/scenarios/} named after
 * its id, and those teachers have published (whose ids never clash with a built-in one). A file that cannot
 * be read or fails validation is left out with an error in the log that names the file and the problem, so
 * one typo does not take the whole catalogue down.
 */
@Startup
@ApplicationScoped
public class ScenarioCatalogue {
    private static final Logger LOG = Logger.getLogger(ScenarioCatalogue.class);

    private final Map<String, ScenarioSpec> scenarios;
    private final List<String> problems;
    /** Built-in and published scenarios, by id, made again only when the published ones change. */
    private final PublishedTexts.Derived<Map<String, ScenarioSpec>> merged;

    @Inject
    public ScenarioCatalogue(HandshakeConfig config, SpecReader reader, PublishedTexts publishedTexts) {
        this(config.contentDir(), reader, publishedTexts);
    }

    /** The catalogue of another content folder (a test reads an exported one). */
    public ScenarioCatalogue(Path contentDir, SpecReader reader, PublishedTexts publishedTexts) {
        Map<String, ScenarioSpec> loaded = new TreeMap<>();
        Path folder = contentDir.resolve("scenarios");
        ContentFiles.Read<ScenarioSpec> read = ContentFiles.read(folder, reader::read, ".yaml", ".yml", ".json");
        List<String> found = new ArrayList<>(read.problems());
        if (!Files.isDirectory(folder)) {
            found.add("no scenario folder at " + folder.toAbsolutePath());
        }
        for (ContentFiles.File<ScenarioSpec> file : read.files()) {
            problem(file).ifPresentOrElse(found::add, () -> loaded.put(file.item().id(), file.item()));
        }
        found.forEach(LOG::error);
        LOG.infof("Scenario catalogue: %d scenarios from %s", loaded.size(), folder);
        this.scenarios = Collections.unmodifiableMap(loaded);
        this.problems = List.copyOf(found);
        this.merged = publishedTexts.derived(snapshot -> {
            Map<String, ScenarioSpec> specs = new TreeMap<>(scenarios);
            for (PublishedTexts.Text text : snapshot.of(ContentKind.SCENARIO)) {
                try {
                    ScenarioSpec spec = reader.read(text.body());
                    if (!scenarios.containsKey(spec.id())) {
                        specs.put(spec.id(), spec);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.errorf("Published scenario %s left out: %s", text.slug(), e.getMessage());
                }
            }
            return Collections.unmodifiableMap(specs);
        });
    }

    /** What keeps a scenario file out of the catalogue, naming the file; empty when nothing does. */
    private static Optional<String> problem(ContentFiles.File<ScenarioSpec> file) {
        ScenarioSpec spec = file.item();
        if (!file.name().equals(spec.id())) {
            return Optional.of(file.path() + ": id '" + spec.id() + "' must equal the file name '" + file.name() + "'");
        }
        List<Violation> violations = SpecValidator.validate(spec, Limits.API);
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        ProblemMessages english = ProblemMapper.words(Language.EN); // for the log
        return Optional.of(file.path() + ": " + violations.stream().map(v -> ViolationWords.line(v, english)).collect(Collectors.joining("; ")));
    }

    public Optional<ScenarioSpec> find(String id) {
        return Optional.ofNullable(merged.get().get(id));
    }

    /**
     * For the event loop: the scenario if the published texts need not be read again to know it, else null
     * (also when there is no such scenario); never waits for the database.
     */
    public ScenarioSpec findWithoutWaiting(String id) {
        Map<String, ScenarioSpec> known = merged.ifFresh();
        return known == null ? null : known.get(id);
    }

    /** Built-in and published scenarios, by id. */
    public Collection<ScenarioSpec> all() {
        return merged.get().values();
    }

    /** Whether the id is one of the built-in curriculum's (teachers may not reuse it). */
    public boolean isBuiltIn(String id) {
        return scenarios.containsKey(id);
    }

    /** The built-in curriculum's scenarios, by id. */
    public Collection<ScenarioSpec> builtIn() {
        return scenarios.values();
    }

    /** Files that were left out, and why (empty when the catalogue is healthy). */
    public List<String> problems() {
        return problems;
    }
}
