package lab.handshake.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application's start: the curriculum is read on a thread of its own beside Qute's engine
 * ({@code startup.BesideTemplateEngine}), and what fails there still stops the start.
 */
class StartupIT {

    @Test
    void aBadSandboxTaskFileStillStopsTheStart(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws IOException {
        Path content = data.resolve("content");
        copy(Path.of("content"), content);
        Files.writeString(content.resolve("sandbox-tasks/misnamed.yaml"), Files.readString(content.resolve("sandbox-tasks/server-holds-time-wait.yaml")));
        Path log = data.resolve("app.log");

        RuntimeException stopped = assertThrows(RuntimeException.class, () -> RunningApplication.start(
                Map.of("HANDSHAKE_DATA_DIR", data.resolve("db").toString(), "HANDSHAKE_CONTENT_DIR", content.toString()), log).close());

        assertTrue(stopped.getMessage().contains("exited"), stopped.getMessage());
        String written = Files.readString(log);
        assertTrue(written.contains("Bad sandbox task file(s)") && written.contains("misnamed.yaml"), "the log names the file:\n" + written);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
