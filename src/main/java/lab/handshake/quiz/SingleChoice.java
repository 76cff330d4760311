package lab.handshake.quiz;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.quiz.QuizService.Answer;

/** One right option among several: all or nothing. */
public record SingleChoice(String id, Map<String, String> prompt, String scenario, List<QuizModel.Option> options) implements ChoiceQuestion {
    static SingleChoice of(QuizModel.Question q) {
        return new SingleChoice(q.id(), q.prompt(), q.scenario(), q.options());
    }

    @Override
    public QuestionKind kind() {
        return QuestionKind.SINGLE;
    }

    @Override
    public boolean rightOptionsFit(long right, long total) {
        return right == 1;
    }

    @Override
    public Refusal.Worded<String> rightOptionsRule() {
        return Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_exactly_one_right_option);
    }

    @Override
    public double credit(Set<String> chosen, List<String> correctIds, double shares) {
        return chosen.size() == 1 && correctIds.contains(chosen.iterator().next()) ? 1 : 0;
    }

    @Override
    public Object yourAnswer(Answer answer, Set<String> chosen) {
        return answer == null ? null : answer.choice();
    }

    @Override
    public Object correctAnswer(List<String> correctIds) {
        return correctIds.get(0);
    }

    @Override
    public double wrongPercent(long wrong) {
        return 0;
    }

    @Override
    public boolean single() {
        return true;
    }

    @Override
    public String giftMark(QuizModel.Option option, double percent) {
        return option.correct() ? "=" : "~";
    }

    @Override
    public void validate(Answer answer, String field) {
        QuizGrader.requireOne(field + ".choice", answer.choice(), options().stream().map(QuizModel.Option::id).toList());
    }

    @Override
    public Answer answerFrom(List<String> values, IntFunction<String> slot) {
        return values.size() == 1 ? new Answer(id(), values.get(0), null, null, null, null) : null;
    }
}
