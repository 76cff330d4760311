package lab.handshake.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one reader of a folder of content files (scenarios, sandbox tasks, quizzes, misconceptions, lessons): the
 * files with the given endings, in the order of their names, each at most {@link #MAX_BYTES}, each read by the
 * caller's parser. A file that cannot be read is a problem naming the file; what a catalogue does with problems
 * (leave the file out, or stop the start) stays the catalogue's decision.
 */
public final class ContentFiles {
    /** Far above any content file (the largest is a few KB): a bigger one is a mistake, not content to hold in memory. */
    public static final int MAX_BYTES = 1 << 20;

    private ContentFiles() {
    }

    /** Turns a file's bytes into what the catalogue holds; throws for a file it cannot understand. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] content) throws IOException;
    }

    /** A file read: where it is, and what it holds. */
    public record File<T>(Path path, T item) {
        /** The file's name without its ending: the id a catalogue file must carry. */
        public String name() {
            String name = path.getFileName().toString();
            return name.substring(0, name.lastIndexOf('.'));
        }
    }

    /** The files read, in name order, and one line per file that could not be read, starting with its path. */
    public record Read<T>(List<File<T>> files, List<String> problems) {
    }

    /** The files of {@code folder} ending in one of {@code endings} (".yaml"); none when there is no folder. */
    public static <T> Read<T> read(Path folder, Parser<T> parser, String... endings) {
        List<File<T>> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Read<>(files, problems);
        }
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path path : listed.filter(path -> Arrays.stream(endings).anyMatch(path.toString()::endsWith)).sorted().toList()) {
                try {
                    files.add(new File<>(path, parser.parse(bounded(path))));
                } catch (IOException | RuntimeException e) {
                    problems.add(path + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + folder + ": " + e.getMessage());
        }
        return new Read<>(List.copyOf(files), List.copyOf(problems));
    }

    /** The file's bytes, read no further than one byte past the bound. */
    private static byte[] bounded(Path path) throws IOException {
        try (InputStream input = Files.newInputStream(path)) {
            byte[] content = input.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes, the bound of a content file");
            }
            return content;
        }
    }
}
