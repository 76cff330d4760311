package lab.handshake.quiz;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds of question and the name each has in a quiz file and in the API. This is where a kind is
 * registered: a new kind is one record implementing {@link Question} and one constant here (and its fields in
 * the pages' templates, which choose by this name: see docs/architecture.md).
 */
public enum QuestionKind {
    SINGLE("single", SingleChoice.class, SingleChoice::of),
    MULTIPLE("multiple", MultipleChoice.class, MultipleChoice::of),
    ORDERING("ordering", Ordering.class, Ordering::of),
    NUMERIC("numeric", Numeric.class, Numeric::of),
    NEXT_STATE("next-state", NextState.class, NextState::of);

    private final String code;
    private final Class<? extends Question> type;
    private final Function<QuizModel.Question, Question> reader;

    QuestionKind(String code, Class<? extends Question> type, Function<QuizModel.Question, Question> reader) {
        this.code = code;
        this.type = type;
        this.reader = reader;
    }

    /** The kind's name in quiz files and in the API ({@code next-state}). */
    public String code() {
        return code;
    }

    /** Whether questions of this kind are of that sort ({@code ChoiceQuestion.class}, {@code GeneratedQuestion.class}). */
    public boolean is(Class<? extends Question> sort) {
        return sort.isAssignableFrom(type);
    }

    public static Optional<QuestionKind> of(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }

    /** Every kind's name, sorted, as the authoring form offers them. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(QuestionKind::code).sorted().toList();
    }

    /** A question of a known kind as its file holds it, read as that kind (checked or not: see {@link Question#check}). */
    static Question read(QuizModel.Question q) {
        return of(q.kind()).orElseThrow(() -> new IllegalArgumentException("unknown question kind " + q.kind())).reader.apply(q);
    }
}
