package lab.handshake.authoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.content.ContentKind;

/** The text of a file of the built-in curriculum, for a teacher who starts from it. */
@ApplicationScoped
public class BuiltInFiles {
    private final Path contentDir;

    public BuiltInFiles(HandshakeConfig config) {
        this.contentDir = config.contentDir();
    }

    /** Lessons are {@code lessons/<lang>/NN-<id>.md}; quizzes and scenarios {@code <folder>/<id>.yaml}. */
    public Optional<String> text(ContentKind kind, String slug, String language) {
        Path folder = contentDir.resolve(kind.folder());
        Optional<Path> file;
        if (kind.perLanguage()) {
            try (Stream<Path> files = Files.list(folder.resolve(language))) {
                file = files.filter(f -> f.getFileName().toString().matches("\\d+-" + Pattern.quote(slug) + "\\.md")).findFirst();
            } catch (IOException e) {
                file = Optional.empty();
            }
        } else {
            file = Optional.of(folder.resolve(slug + ".yaml")).filter(Files::isRegularFile);
        }
        return file.flatMap(BuiltInFiles::read);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
