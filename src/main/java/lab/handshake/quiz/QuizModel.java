package lab.handshake.quiz;

import java.util.List;
import java.util.Map;

/**
 * A quiz bank as its file under {@code content/quizzes/} holds it. Every text is a map with {@code en} and
 * {@code zh}. The kinds of question: single (one right option), multiple (partial credit), ordering,
 * numeric (generated from a fresh engine trace) and next-state (what a trace does next).
 */
public final class QuizModel {
    private QuizModel() {
    }

    public record Quiz(String id, Map<String, String> title, String topic, String lesson, List<Question> questions) {
    }

    public record Question(String id, String kind, Map<String, String> prompt, String scenario, List<Option> options,
                           List<Item> items, List<String> order, Generate generate, List<String> choices,
                           Map<String, String> why) {
    }

    public record Option(String id, Map<String, String> text, boolean correct, Map<String, String> why) {
    }

    public record Item(String id, Map<String, String> text) {
    }

    /**
     * How a question is generated from the engine.
     *
     * @param segment for numeric: the segment (1-based, in sending order) whose {@code field} is the answer
     * @param field   seq or ack
     * @param wrap    choose ISNs close to 2^32 so the answer wraps around
     * @param endpoint for next-state: whose state changes
     * @param change  for next-state: which of that endpoint's state changes (1-based) is asked for
     */
    public record Generate(String scenario, Integer segment, String field, Boolean wrap, String endpoint, Integer change) {
    }

    public static String text(Map<String, String> texts, String language) {
        if (texts == null) {
            return null;
        }
        String text = texts.get(language);
        return text != null ? text : texts.get("en");
    }
}
