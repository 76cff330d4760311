package lab.handshake.quiz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Language;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.LearnerOption;
import lab.handshake.quiz.QuizService.LearnerQuestion;
import lab.handshake.quiz.QuizService.OptionFeedback;
import lab.handshake.quiz.QuizService.QuestionResult;

/** A question answered by choosing among options: what single and multiple choice share. */
public sealed interface ChoiceQuestion extends Question permits SingleChoice, MultipleChoice {
    List<QuizModel.Option> options();

    /** Whether this many right options among {@code total} suit the kind. */
    boolean rightOptionsFit(long right, long total);

    /** The rule {@link #rightOptionsFit} holds, in the words of a problem. */
    Refusal.Worded<String> rightOptionsRule();

    /** The credit for the chosen option ids, given the share-based credit of multiple choice. */
    double credit(Set<String> chosen, List<String> correctIds, double shares);

    Object yourAnswer(Answer answer, Set<String> chosen);

    Object correctAnswer(List<String> correctIds);

    /** What a wrong option is worth in percent when {@code wrong} options are wrong (the right ones share 100). */
    double wrongPercent(long wrong);

    /** Whether the LMS should offer radio buttons (one choice) rather than check boxes. */
    boolean single();

    /** How GIFT marks an option worth {@code percent}. */
    String giftMark(QuizModel.Option option, double percent);

    @Override
    default void check(Checks checks) {
        long right = options() == null ? 0 : options().stream().filter(QuizModel.Option::correct).count();
        long total = options() == null ? 0 : options().size();
        if (!rightOptionsFit(right, total)) {
            checks.add(rightOptionsRule());
        }
        if (options() != null) {
            for (QuizModel.Option option : options()) {
                Checks at = checks.at(QuizProblem.Step.OPTION, option.id());
                at.both("text", option.text());
                at.both("why", option.why());
                if (option.misconception() != null) {
                    at.knownMisconception(option.misconception());
                    if (option.correct()) {
                        at.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_right_option_without_misconception));
                    }
                }
            }
        }
    }

    /** Choice questions name their misconceptions on their options, not as known wrong answers. */
    @Override
    default boolean fits(QuizModel.Mistake mistake) {
        return false;
    }

    @Override
    default LearnerQuestion learnerQuestion(String shuffleSeed, QuestionGenerator.Isns isns, Language language, QuestionGenerator generator) {
        String lang = language.code();
        List<LearnerOption> shown = options().stream().map(o -> new LearnerOption(o.id(), QuizModel.text(o.text(), lang))).toList();
        return new LearnerQuestion(id(), kind().code(), QuizModel.text(prompt(), lang), scenario(), shown, null, null, null);
    }

    /**
     * Single choice: all or nothing. Multiple choice: each right option chosen earns its share, each wrong one
     * chosen takes a share off (never below zero), as Moodle grades it.
     */
    @Override
    default QuestionResult grade(Answer answer, QuestionGenerator.Isns isns, Grading grading) {
        Set<String> chosen = new HashSet<>();
        if (answer != null && answer.choice() != null) {
            chosen.add(answer.choice());
        }
        if (answer != null && answer.choices() != null) {
            chosen.addAll(answer.choices());
        }
        long right = options().stream().filter(QuizModel.Option::correct).count();
        long wrong = options().size() - right;
        double shares = 0;
        List<OptionFeedback> feedback = new ArrayList<>();
        List<String> correctIds = new ArrayList<>();
        List<MisconceptionView> shown = new ArrayList<>();
        for (QuizModel.Option option : options()) {
            boolean isChosen = chosen.contains(option.id());
            if (option.correct()) {
                correctIds.add(option.id());
            }
            if (isChosen) {
                shares += option.correct() ? 1.0 / right : -(wrong == 0 ? 0 : 1.0 / wrong);
                grading.misconception().apply(option.misconception()).filter(view -> !shown.contains(view)).ifPresent(shown::add);
            }
            feedback.add(new OptionFeedback(option.id(), grading.text(option.text()), option.correct(), isChosen, grading.text(option.why())));
        }
        double credit = Math.max(0, Math.min(1, credit(chosen, correctIds, shares)));
        String explanation = feedback.stream().filter(f -> f.chosen() || f.correct()).map(OptionFeedback::why)
                .distinct().reduce((a, b) -> a + "\n" + b).orElse("");
        return new QuestionResult(id(), kind().code(), grading.text(prompt()), QuizService.round(credit), credit == 1.0,
                yourAnswer(answer, chosen), correctAnswer(correctIds), explanation, feedback, scenario(), shown, List.of(), null);
    }

    @Override
    default String inWords(List<String> ids, String lang) {
        return String.join("; ", ids.stream().map(id -> options().stream().filter(o -> o.id().equals(id))
                .findFirst().map(o -> QuizModel.text(o.text(), lang)).orElse(id)).toList());
    }

    /** An option's grade in percent, as the server grades it: the right options share 100. */
    default double percent(QuizModel.Option option) {
        long right = options().stream().filter(QuizModel.Option::correct).count();
        return option.correct() ? 100.0 / right : wrongPercent(options().size() - right);
    }

    @Override
    default MoodleQuestion moodle(QuizExporter.Export export) {
        List<MoodleQuestion.Answer> answers = options().stream().map(option -> new MoodleQuestion.Answer(
                QuizExporter.percent(percent(option)), export.text(option.text()), export.text(option.why()))).toList();
        return MoodleQuestion.choice(id(), export.text(prompt()), new MoodleQuestion.Choice(single(), answers));
    }

    @Override
    default void gift(QuizExporter.Lines gift) {
        gift.append("::").append(id()).append("::").append(QuizExporter.escape(gift.text(prompt()))).append(" {\n");
        for (QuizModel.Option option : options()) {
            gift.append(giftMark(option, percent(option))).append(QuizExporter.escape(gift.text(option.text())))
                    .append("#").append(QuizExporter.escape(gift.text(option.why()))).append("\n");
        }
        gift.append("}\n\n");
    }
}
