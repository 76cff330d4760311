package lab.handshake.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.quiz.ChoiceQuestion;
import lab.handshake.quiz.GeneratedQuestion;
import lab.handshake.quiz.Numeric;
import lab.handshake.quiz.Ordering;
import lab.handshake.quiz.Question;
import lab.handshake.quiz.QuestionKind;
import lab.handshake.quiz.QuizModel;

/**
 * The quiz bank as a form, for teachers who would rather not write YAML: every question kind, with the texts
 * and explanations in both languages side by side. The form's fields are named after the YAML they become
 * ({@code q.0.prompt.zh}, {@code q.0.o.1.why.en}); a row left empty is left out, so one empty option (or
 * ordering item) under each question is how a new one is added, without JavaScript.
 */
public final class QuizForm {
    static final int MAX_QUESTIONS = 100;
    static final int MAX_ROWS = 20;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE))
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);


    private QuizForm() {
    }

    /** The quiz the submitted fields describe (unchecked: the same checks as for YAML follow). */
    public static QuizModel.Quiz read(MultivaluedMap<String, String> form) {
        List<QuizModel.Question> questions = new ArrayList<>();
        for (int i = 0; i < MAX_QUESTIONS && form.containsKey("q." + i + ".kind"); i++) {
            String q = "q." + i + ".";
            if (form.containsKey(q + "remove")) {
                continue;
            }
            String kind = value(form, q + "kind");
            List<QuizModel.Option> options = new ArrayList<>();
            List<QuizModel.Item> items = new ArrayList<>();
            for (int j = 0; j < MAX_ROWS; j++) {
                String o = q + "o." + j + ".";
                if (filled(form, o + "id", o + "text.en", o + "text.zh", o + "why.en", o + "why.zh")) {
                    options.add(new QuizModel.Option(value(form, o + "id"), texts(form, o + "text"),
                            form.containsKey(o + "correct"), texts(form, o + "why"), value(form, o + "misconception")));
                }
                String item = q + "item." + j + ".";
                if (filled(form, item + "id", item + "text.en", item + "text.zh")) {
                    items.add(new QuizModel.Item(value(form, item + "id"), texts(form, item + "text")));
                }
            }
            QuizModel.Generate generate = is(kind, GeneratedQuestion.class) ? new QuizModel.Generate(value(form, q + "generate.scenario"),
                    number(form, q + "generate.segment"), value(form, q + "generate.field"),
                    is(kind, Numeric.class) ? form.containsKey(q + "generate.wrap") : null,
                    value(form, q + "generate.endpoint"), number(form, q + "generate.change")) : null;
            questions.add(new QuizModel.Question(value(form, q + "id"), kind, texts(form, q + "prompt"), value(form, q + "scenario"),
                    options.isEmpty() ? null : options, items.isEmpty() ? null : items,
                    items.isEmpty() ? null : items.stream().map(QuizModel.Item::id).toList(), generate,
                    form.containsKey(q + "choices") ? List.copyOf(form.get(q + "choices")) : null, texts(form, q + "why"),
                    mistakes(form, q + "m.")));
        }
        return new QuizModel.Quiz(value(form, "id"), texts(form, "title"), value(form, "topic"), value(form, "lesson"), questions);
    }

    /** The quiz as its YAML file. */
    public static String yaml(QuizModel.Quiz quiz) {
        try {
            return YAML.writeValueAsString(quiz);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a quiz read from a form is always writable", e);
        }
    }

    /**
     * The quiz ready to be shown as a form: no missing texts, ordering items in their right order, and one
     * empty option or item under each question for adding one.
     */
    public static QuizModel.Quiz forEditing(QuizModel.Quiz quiz) {
        List<QuizModel.Question> questions = new ArrayList<>();
        for (QuizModel.Question q : quiz.questions() == null ? List.<QuizModel.Question>of() : quiz.questions()) {
            questions.add(forEditing(q));
        }
        return new QuizModel.Quiz(quiz.id(), both(quiz.title()), quiz.topic(), quiz.lesson(), questions);
    }

    /** A new question of this kind, as the form shows it. */
    public static QuizModel.Question blank(String kind, int number) {
        QuizModel.Generate generate = is(kind, GeneratedQuestion.class) ? new QuizModel.Generate(null, null, "seq", false, "client", null) : null;
        return forEditing(new QuizModel.Question("question-" + number, kind, null, null, null, null, null, generate, null, null, null));
    }

    private static QuizModel.Question forEditing(QuizModel.Question q) {
        List<QuizModel.Option> options = new ArrayList<>();
        List<QuizModel.Item> items = new ArrayList<>();
        if (is(q.kind(), ChoiceQuestion.class)) {
            if (q.options() != null) {
                q.options().forEach(option -> options.add(new QuizModel.Option(option.id(), both(option.text()), option.correct(), both(option.why()),
                        option.misconception())));
            }
            options.add(new QuizModel.Option("", both(null), false, both(null), null));
        }
        if (is(q.kind(), Ordering.class)) {
            if (q.items() != null) {
                List<String> order = q.order() == null ? List.of() : q.order();
                q.items().stream().sorted(Comparator.comparingInt(item -> order.indexOf(item.id())))
                        .forEach(item -> items.add(new QuizModel.Item(item.id(), both(item.text()))));
            }
            items.add(new QuizModel.Item("", both(null)));
        }
        QuizModel.Generate generate = q.generate();
        if (generate != null && is(q.kind(), Numeric.class) && generate.wrap() == null) {
            // An unticked box and a missing "wrap" mean the same: no wrap-around.
            generate = new QuizModel.Generate(generate.scenario(), generate.segment(), generate.field(), false, generate.endpoint(), generate.change());
        }
        return new QuizModel.Question(q.id(), q.kind(), both(q.prompt()), q.scenario(), options, items, q.order(), generate,
                q.choices() == null ? List.of() : q.choices(), both(q.why()), q.mistakes() == null ? List.of() : q.mistakes());
    }

    /** Whether {@code kind} names a kind of that sort; an unknown kind is of none (the checks name it). */
    private static boolean is(String kind, Class<? extends Question> sort) {
        return QuestionKind.of(kind).filter(known -> known.is(sort)).isPresent();
    }

    /** The question's known wrong answers, carried unchanged in hidden fields {@code q.0.m.1.offset} and so on. */
    private static List<QuizModel.Mistake> mistakes(MultivaluedMap<String, String> form, String prefix) {
        List<QuizModel.Mistake> mistakes = new ArrayList<>();
        for (int k = 0; k < MAX_ROWS && form.containsKey(prefix + k + ".misconception"); k++) {
            String m = prefix + k + ".";
            String offset = value(form, m + "offset");
            String order = value(form, m + "order");
            mistakes.add(new QuizModel.Mistake(offset == null || !offset.matches("-?\\d{1,11}") ? null : Long.valueOf(offset),
                    order == null ? null : List.of(order.split(",")), value(form, m + "state"), value(form, m + "misconception")));
        }
        return mistakes.isEmpty() ? null : mistakes;
    }

    private static Map<String, String> both(Map<String, String> texts) {
        Map<String, String> complete = new LinkedHashMap<>();
        for (String language : Language.codes()) {
            complete.put(language, texts == null || texts.get(language) == null ? "" : texts.get(language));
        }
        return complete;
    }

    private static Map<String, String> texts(MultivaluedMap<String, String> form, String prefix) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String language : Language.codes()) {
            String text = value(form, prefix + "." + language);
            if (text != null) {
                texts.put(language, text);
            }
        }
        return texts.isEmpty() ? null : texts;
    }

    private static boolean filled(MultivaluedMap<String, String> form, String... fields) {
        for (String field : fields) {
            if (value(form, field) != null) {
                return true;
            }
        }
        return false;
    }

    /** The field's text without surrounding blanks and with Windows line ends made plain; null when empty. */
    private static String value(MultivaluedMap<String, String> form, String field) {
        String text = form.getFirst(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip().replace("\r\n", "\n");
    }

    private static Integer number(MultivaluedMap<String, String> form, String field) {
        String text = value(form, field);
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
