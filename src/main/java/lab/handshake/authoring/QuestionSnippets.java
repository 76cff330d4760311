package lab.handshake.authoring;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One example of every kind of quiz question ({@code authoring/question-snippets.yaml}), which the quiz
 * editor offers to insert at the end of the question list.
 */
public final class QuestionSnippets {
    /** A question kind and the YAML of an example question of that kind. */
    public record Snippet(String kind, String yaml) {
    }

    private static final List<Snippet> SNIPPETS = load();

    private QuestionSnippets() {
    }

    public static List<Snippet> all() {
        return SNIPPETS;
    }

    private static List<Snippet> load() {
        try (InputStream input = QuestionSnippets.class.getClassLoader().getResourceAsStream("authoring/question-snippets.yaml")) {
            Map<String, String> byKind = new ObjectMapper(new YAMLFactory()).readValue(input, new TypeReference<LinkedHashMap<String, String>>() {
            });
            return byKind.entrySet().stream().map(entry -> new Snippet(entry.getKey(), entry.getValue())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
