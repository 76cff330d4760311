package lab.handshake;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import lab.handshake.engine.Language;

/** The files under {@code src/main/resources} that a test reads as a newcomer edits them: a page's script, a bundle's words. */
public final class MainResources {
    private static final Path ROOT = Path.of("src", "main", "resources");

    private MainResources() {
    }

    public static String text(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    /**
     * In every language, each of {@code names} (written as {@code form} writes it) that the message {@code key} of the
     * bundle {@code messages/<bundle>_<code>.properties} lacks: where a message lists every name of a vocabulary.
     */
    public static List<String> namesMissing(String bundle, String key, List<String> names, String form) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Language language : Language.values()) {
            String file = "messages/" + bundle + "_" + language.code() + ".properties";
            String words = properties(file).getProperty(key, "");
            names.stream().map(form::formatted).filter(name -> !words.contains(name))
                    .forEach(name -> missing.add(file + ": " + key + " lacks " + name));
        }
        return missing;
    }

    /** The properties of {@code path}; empty when there is no such file (a test then names what it lacks). */
    public static Properties properties(String path) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(ROOT.resolve(path))) {
            try (Reader reader = Files.newBufferedReader(ROOT.resolve(path))) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
