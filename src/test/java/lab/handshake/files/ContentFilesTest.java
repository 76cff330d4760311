package lab.handshake.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentFilesTest {
    private static final ContentFiles.Parser<String> TEXT = content -> {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("bad")) {
            throw new IOException("cannot parse '" + text + "'");
        }
        return text;
    };

    @TempDir
    Path folder;

    @Test
    void readsTheFilesWithTheGivenEndingsInTheOrderOfTheirNames() throws IOException {
        Files.writeString(folder.resolve("b.yaml"), "second");
        Files.writeString(folder.resolve("a.json"), "first");
        Files.writeString(folder.resolve("c.yaml"), "third");
        Files.writeString(folder.resolve("notes.txt"), "not content");
        ContentFiles.Read<String> read = ContentFiles.read(folder, TEXT, ".yaml", ".json");
        assertEquals(List.of("first", "second", "third"), read.files().stream().map(ContentFiles.File::item).toList());
        assertEquals(List.of("a", "b", "c"), read.files().stream().map(ContentFiles.File::name).toList());
        assertTrue(read.problems().isEmpty(), read.problems().toString());
    }

    @Test
    void aFileThatCannotBeParsedIsAProblemNamingTheFileAndTheOthersAreStillRead() throws IOException {
        Files.writeString(folder.resolve("a.yaml"), "bad: tab");
        Files.writeString(folder.resolve("b.yaml"), "good");
        ContentFiles.Read<String> read = ContentFiles.read(folder, TEXT, ".yaml");
        assertEquals(List.of("good"), read.files().stream().map(ContentFiles.File::item).toList());
        assertEquals(List.of(folder.resolve("a.yaml") + ": cannot parse 'bad: tab'"), read.problems());
    }

    @Test
    void aFileOverTheBoundIsAProblemAndIsNotParsed() throws IOException {
        Files.write(folder.resolve("huge.yaml"), new byte[ContentFiles.MAX_BYTES + 1]);
        Files.write(folder.resolve("largest.yaml"), new byte[ContentFiles.MAX_BYTES]);
        ContentFiles.Read<String> read = ContentFiles.read(folder, TEXT, ".yaml");
        assertEquals(List.of("largest"), read.files().stream().map(ContentFiles.File::name).toList());
        assertEquals(1, read.problems().size());
        assertTrue(read.problems().get(0).startsWith(folder.resolve("huge.yaml") + ": larger than " + ContentFiles.MAX_BYTES),
                read.problems().get(0));
    }

    @Test
    void noFolderIsNoFilesAndNoProblem() {
        ContentFiles.Read<String> read = ContentFiles.read(folder.resolve("missing"), TEXT, ".yaml");
        assertTrue(read.files().isEmpty() && read.problems().isEmpty());
    }
}
