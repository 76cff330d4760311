package lab.handshake.predict;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.engine.Language;
import lab.handshake.files.ContentFiles;
import org.jboss.logging.Logger;

/**
 * The misconception catalogue, read once from {@code content/misconceptions/} (YAML lists of
 * {@link Misconception}). An entry without both languages, or with an id seen before, is left out with an
 * error in the log, as the other catalogues do with their files.
 */
@Startup
@ApplicationScoped
public class MisconceptionCatalogue {
    private static final Logger LOG = Logger.getLogger(MisconceptionCatalogue.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Misconception> entries;

    @Inject
    public MisconceptionCatalogue(HandshakeConfig config) {
        this(config.contentDir());
    }

    /** The catalogue under a content folder of the test's or the export's own. */
    public MisconceptionCatalogue(Path contentDir) {
        Map<String, Misconception> loaded = new LinkedHashMap<>();
        Path folder = contentDir.resolve("misconceptions");
        ContentFiles.Read<List<Misconception>> read = ContentFiles.read(folder,
                content -> YAML.readValue(content, new TypeReference<List<Misconception>>() { }), ".yaml");
        List<String> problems = new ArrayList<>(read.problems());
        for (ContentFiles.File<List<Misconception>> file : read.files()) {
            for (Misconception m : file.item()) {
                String problem = problem(m, loaded);
                if (problem == null) {
                    loaded.put(m.id(), m);
                } else {
                    problems.add(file.path() + ": " + problem);
                }
            }
        }
        problems.forEach(LOG::error);
        LOG.infof("Misconception catalogue: %d entries from %s", loaded.size(), folder);
        this.entries = Collections.unmodifiableMap(loaded);
    }

    private static String problem(Misconception m, Map<String, Misconception> loaded) {
        if (m.id() == null || m.id().isBlank()) {
            return "an entry has no id";
        }
        if (loaded.containsKey(m.id())) {
            return "id '" + m.id() + "' appears twice";
        }
        for (Language language : Language.values()) {
            if (m.claim() == null || m.refutation() == null || m.claim().get(language.code()) == null
                    || m.refutation().get(language.code()) == null || m.rfc() == null) {
                return "'" + m.id() + "' needs rfc, and claim and refutation in " + language.code();
            }
        }
        return null;
    }

    public Optional<Misconception> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public Collection<Misconception> all() {
        return entries.values();
    }
}
