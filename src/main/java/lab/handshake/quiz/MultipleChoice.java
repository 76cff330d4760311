package lab.handshake.quiz;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.quiz.QuizService.Answer;

/** Several right options: each right one chosen earns its share, each wrong one takes a share off. */
public record MultipleChoice(String id, Map<String, String> prompt, String scenario, List<QuizModel.Option> options) implements ChoiceQuestion {
    static MultipleChoice of(QuizModel.Question q) {
        return new MultipleChoice(q.id(), q.prompt(), q.scenario(), q.options());
    }

    @Override
    public QuestionKind kind() {
        return QuestionKind.MULTIPLE;
    }

    @Override
    public boolean rightOptionsFit(long right, long total) {
        return right >= 1 && right != total;
    }

    @Override
    public Refusal.Worded<String> rightOptionsRule() {
        return Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_right_and_wrong_options);
    }

    @Override
    public double credit(Set<String> chosen, List<String> correctIds, double shares) {
        return shares;
    }

    @Override
    public Object yourAnswer(Answer answer, Set<String> chosen) {
        return List.copyOf(chosen).stream().sorted().toList();
    }

    @Override
    public Object correctAnswer(List<String> correctIds) {
        return correctIds;
    }

    /** The wrong options share -100, so choosing every option earns nothing. */
    @Override
    public double wrongPercent(long wrong) {
        return -100.0 / wrong;
    }

    @Override
    public boolean single() {
        return false;
    }

    @Override
    public String giftMark(QuizModel.Option option, double percent) {
        return "~%" + QuizExporter.percent(percent) + "%";
    }

    @Override
    public void validate(Answer answer, String field) {
        List<String> ids = options().stream().map(QuizModel.Option::id).toList();
        if (answer.choices() == null || !ids.containsAll(answer.choices()) || new HashSet<>(answer.choices()).size() != answer.choices().size()) {
            throw QuizGrader.invalid(field + ".choices", Worded.of(QuizProblemMessages.class, words -> words.option_ids(String.valueOf(ids))));
        }
    }

    /** Choices left all unticked are an answer with none chosen. */
    @Override
    public Answer answerFrom(List<String> values, IntFunction<String> slot) {
        return new Answer(id(), null, values.stream().distinct().toList(), null, null, null);
    }
}
