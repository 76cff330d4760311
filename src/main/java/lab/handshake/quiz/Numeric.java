package lab.handshake.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Language;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.LearnerQuestion;
import lab.handshake.quiz.QuizService.QuestionResult;

/** A sequence or acknowledgement number read off a fresh engine trace with ISNs chosen for each learner. */
public record Numeric(String id, Map<String, String> prompt, String scenario, QuizModel.Generate generate,
                      Map<String, String> why, List<QuizModel.Mistake> mistakes) implements GeneratedQuestion {
    static final long TWO_TO_32 = 1L << 32;
    /** The largest number an answer may be: past 2^32−1 on purpose, so that a forgotten wrap is kept and explained. */
    public static final long MAX_VALUE = 999_999_999_999L;

    static Numeric of(QuizModel.Question q) {
        return new Numeric(q.id(), q.prompt(), q.scenario(), q.generate(), q.why(), q.mistakes());
    }

    @Override
    public QuestionKind kind() {
        return QuestionKind.NUMERIC;
    }

    @Override
    public void check(Checks checks) {
        QuizModel.Generate g = generate;
        if (g == null || !checks.knownScenario(g.scenario()) || g.segment() == null || g.segment() < 1 || !List.of("seq", "ack").contains(g.field())) {
            checks.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_numeric_generate));
        }
        checks.both("why", why);
    }

    /** A known wrong number: a distance from the right one that is not a multiple of 2^32. */
    @Override
    public boolean fits(QuizModel.Mistake mistake) {
        return mistake.offset() != null && Math.floorMod(mistake.offset(), TWO_TO_32) != 0 && mistake.order() == null && mistake.state() == null;
    }

    /** Its answer can be computed: the simulation has the segment, and the segment has the field. */
    @Override
    public Optional<Refusal.Worded<String>> simulationProblem(QuestionGenerator generator) {
        generator.numericAnswer(generate, generator.chooseIsns(generate, new SplittableRandom(1)));
        return Optional.empty();
    }

    @Override
    public LearnerQuestion learnerQuestion(String shuffleSeed, QuestionGenerator.Isns isns, Language language, QuestionGenerator generator) {
        return new LearnerQuestion(id, kind().code(), QuestionGenerator.fillPrompt(QuizModel.text(prompt, language.code()), isns), scenario,
                null, null, null, null);
    }

    @Override
    public void validate(Answer answer, String field) {
        if (answer.value() == null || answer.value() < 0 || answer.value() > MAX_VALUE) {
            throw QuizGrader.invalid(field + ".value", Worded.of(QuizProblemMessages.class, words -> words.numeric_answer(MAX_VALUE)));
        }
    }

    @Override
    public QuestionResult grade(Answer answer, QuestionGenerator.Isns isns, Grading grading) {
        long right = grading.generator().numericAnswer(generate, isns);
        Long given = answer == null ? null : answer.value();
        boolean correct = given != null && given == right;
        List<String> notes = new ArrayList<>();
        if (given != null && given >= TWO_TO_32) {
            long wrapped = given % TWO_TO_32;
            notes.add(wrapped == right ? grading.words().slip_unwrapped_right(given, wrapped) : grading.words().slip_unwrapped(given, wrapped));
        }
        List<MisconceptionView> shown = given == null || correct ? List.of()
                : grading.views(mistakes, mistake -> mistake.offset() != null
                && Math.floorMod(given - right, TWO_TO_32) == Math.floorMod(mistake.offset(), TWO_TO_32));
        return new QuestionResult(id, kind().code(), QuestionGenerator.fillPrompt(grading.text(prompt), isns), correct ? 1 : 0, correct,
                given, right, grading.text(why), null, generate.scenario(), shown, notes,
                grading.generator().workedSolution(generate, isns, grading.words()));
    }

    /** Up to twelve digits: a number past 2^32−1 is kept, to be explained. */
    @Override
    public Answer answerFrom(List<String> values, IntFunction<String> slot) {
        return values.size() == 1 && values.get(0).trim().matches("\\d{1,12}")
                ? new Answer(id, null, null, null, Long.parseLong(values.get(0).trim()), null) : null;
    }

    /** Moodle's calculated question: the engine's answer as a formula of the ISNs, with one generated instance. */
    @Override
    public MoodleQuestion moodle(QuizExporter.Export export) {
        QuestionGenerator.Isns isns = export.generator().chooseIsns(generate, export.random());
        long answer = export.generator().numericAnswer(generate, isns);
        return MoodleQuestion.calculated(id, export.text(prompt), new MoodleQuestion.Calculated(QuizExporter.formula(isns, answer),
                export.text(why), List.of(new MoodleQuestion.Dataset("clientIsn", isns.clientIsn()),
                        new MoodleQuestion.Dataset("serverIsn", isns.serverIsn()))));
    }

    /** GIFT has no formulas: a numerical question with one generated instance. */
    @Override
    public void gift(QuizExporter.Lines gift) {
        QuestionGenerator.Isns isns = gift.generator().chooseIsns(generate, gift.random());
        long answer = gift.generator().numericAnswer(generate, isns);
        gift.append("::").append(id).append("::").append(QuizExporter.escape(QuestionGenerator.fillPrompt(gift.text(prompt), isns)))
                .append(" {#").append(String.valueOf(answer)).append("#").append(QuizExporter.escape(gift.text(why))).append("}\n\n");
    }
}
