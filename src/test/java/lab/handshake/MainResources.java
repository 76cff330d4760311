package lab.handshake;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The files under {@code src/main/resources} that a test reads as a newcomer edits them: a page's script, a bundle's words. */
public final class MainResources {
    private static final Path ROOT = Path.of("src", "main", "resources");

    private MainResources() {
    }

    public static String text(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
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
