package lab.handshake.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lab.handshake.engine.Language;
import org.junit.jupiter.api.Test;

/**
 * The lessons exist in both languages with the same structure, embed only simulations that exist, and carry
 * the common-misconception boxes that correct the teaching material.
 */
class LessonContentTest {
    private static final Path LESSONS = Path.of("content", "lessons");

    private List<Path> files(String language) throws IOException {
        try (Stream<Path> files = Files.list(LESSONS.resolve(language))) {
            return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        }
    }

    private Lesson read(Path file, Language language) throws IOException {
        return LessonCatalogue.parse(language, Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void everyLessonExistsInEnglishAndChineseWithTheSameStructure() throws IOException {
        List<Path> english = files("en");
        assertTrue(english.size() >= 8, "at least the eight lessons of the curriculum");
        assertEquals(english.stream().map(Path::getFileName).toList(), files("zh").stream().map(Path::getFileName).toList());
        int boxes = 0;
        for (Path file : english) {
            Lesson en = read(file, Language.EN);
            Lesson zh = read(LESSONS.resolve("zh").resolve(file.getFileName()), Language.ZH);
            assertEquals(en.id(), zh.id());
            assertEquals(en.order(), zh.order());
            assertEquals(en.scenarios(), zh.scenarios(), en.id());
            assertEquals(count(en.markdown(), "[!MISCONCEPTION]"), count(zh.markdown(), "[!MISCONCEPTION]"), en.id());
            List<String> embedded = LessonRenderer.embeddedScenarios(en.markdown());
            assertEquals(embedded, LessonRenderer.embeddedScenarios(zh.markdown()), en.id() + " embeds the same simulations in both languages");
            assertFalse(embedded.isEmpty(), en.id() + " embeds at least one simulation");
            assertTrue(en.scenarios().containsAll(embedded), en.id() + " lists every simulation it embeds");
            boxes += count(en.markdown(), "[!MISCONCEPTION]");
        }
        assertTrue(boxes >= 10, "a box for each of the ten mistakes of the material: " + boxes);
    }

    @Test
    void everyEmbeddedSimulationIsInTheCatalogue() throws IOException {
        for (String language : List.of("en", "zh")) {
            for (Path file : files(language)) {
                for (String scenario : LessonRenderer.embeddedScenarios(Files.readString(file, StandardCharsets.UTF_8))) {
                    assertTrue(Files.exists(Path.of("content", "scenarios", scenario + ".yaml")), file + " embeds unknown " + scenario);
                }
            }
        }
    }

    @Test
    void theChineseLessonsKeepTheMaterialsOwnTerms() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files("zh")) {
            all.append(Files.readString(file, StandardCharsets.UTF_8));
        }
        for (String term : List.of("三次握手", "四次挥手", "半连接", "2MSL", "FIN_WAIT_2", "TIME_WAIT", "SYN_RCVD", "ss -tan")) {
            assertTrue(all.indexOf(term) >= 0, "the Chinese lessons use " + term);
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
