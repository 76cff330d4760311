package lab.handshake.quiz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import lab.handshake.engine.Language;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Every built-in quiz's Moodle XML export, in both languages, compared as an XML document with a golden file under
 * {@code src/test/resources/golden/moodle/}: the same elements, attributes and texts, whatever the whitespace between
 * elements. Regenerate the files with {@code -Dgolden.update=true} only when a change of the export is meant, and read
 * the diff.
 */
@QuarkusTest
class MoodleExportGoldenTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "moodle");

    @Inject
    QuizCatalogue catalogue;

    @Inject
    QuizExporter exporter;

    @Test
    void shouldExportEveryBuiltInQuizAsTheGoldenMoodleDocument() throws Exception {
        List<String> different = new ArrayList<>();
        assertFalse(catalogue.builtIn().isEmpty(), "the catalogue must not be empty");
        for (QuizModel.Quiz quiz : catalogue.builtIn()) {
            for (Language language : Language.values()) {
                String actual = exporter.moodleXml(quiz, language);
                Path golden = GOLDEN.resolve(quiz.id() + "." + language.code() + ".xml");
                if (Boolean.getBoolean("golden.update")) {
                    Files.writeString(golden, actual, StandardCharsets.UTF_8);
                }
                assertTrue(Files.exists(golden), "no golden file " + golden + " (run with -Dgolden.update=true, then check it by hand)");
                if (!document(Files.readString(golden, StandardCharsets.UTF_8)).isEqualNode(document(actual))) {
                    different.add(golden.getFileName().toString());
                }
            }
        }
        assertTrue(different.isEmpty(), "exports that differ from their golden document: " + different);
    }

    /** The parsed export without the whitespace-only texts that only indent it. */
    private static Document document(String xml) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        dropIndentation(document.getDocumentElement());
        document.normalizeDocument();
        return document;
    }

    private static void dropIndentation(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else {
                dropIndentation(child);
            }
            child = next;
        }
    }
}
