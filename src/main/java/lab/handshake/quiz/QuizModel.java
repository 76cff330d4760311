package lab.handshake.quiz;

import java.util.List;
import java.util.Map;

/**
 * A quiz bank as its file under {@code content/quizzes/} holds it. Every text is a map with {@code en} and
 * {@code zh}. The kinds of question: single (one right option), multiple (partial credit), ordering,
 * numeric (generated from a fresh engine trace) and next-state (what a trace does next); a question is
 * read as its kind ({@link lab.handshake.quiz.Question}, registered in {@link QuestionKind}) wherever it is used.
 */
public final class QuizModel {
    private QuizModel() {
    }

    public record Quiz(String id, Map<String, String> title, String topic, String lesson, List<Question> questions) {
    }

    /** A question of any kind, with the fields of every kind: the file's shape, read as its kind by {@link lab.handshake.quiz.Question#of}. */
    public record Question(String id, String kind, Map<String, String> prompt, String scenario, List<Option> options,
                           List<Item> items, List<String> order, Generate generate, List<String> choices,
                           Map<String, String> why, List<Mistake> mistakes) {
    }

    /** {@code misconception}: the id of the catalogue's misconception a learner choosing this (wrong) option shows, or null. */
    public record Option(String id, Map<String, String> text, boolean correct, Map<String, String> why, String misconception) {
    }

    /**
     * A known wrong answer to a numeric, ordering or next-state question and the misconception it shows: for
     * numeric, the answer's distance from the right one ({@code offset}, modulo 2^32, e.g. -1 for "forgot that
     * the FIN uses a number"); for ordering, the whole wrong {@code order}; for next-state, the wrong {@code state}.
     */
    public record Mistake(Long offset, List<String> order, String state, String misconception) {
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
