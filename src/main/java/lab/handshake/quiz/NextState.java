package lab.handshake.quiz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Language;
import lab.handshake.engine.TcpState;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.LearnerQuestion;
import lab.handshake.quiz.QuizService.QuestionResult;

/** The state an endpoint of a catalogue trace moves to next, chosen among state names. */
public record NextState(String id, Map<String, String> prompt, String scenario, QuizModel.Generate generate, List<String> choices,
                        Map<String, String> why, List<QuizModel.Mistake> mistakes) implements GeneratedQuestion {
    static NextState of(QuizModel.Question q) {
        return new NextState(q.id(), q.prompt(), q.scenario(), q.generate(), q.choices(), q.why(), q.mistakes());
    }

    @Override
    public QuestionKind kind() {
        return QuestionKind.NEXT_STATE;
    }

    @Override
    public void check(Checks checks) {
        QuizModel.Generate g = generate;
        if (g == null || !checks.knownScenario(g.scenario()) || g.change() == null || g.change() < 1 || !List.of("client", "server").contains(g.endpoint())) {
            checks.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_next_state_generate));
        }
        if (choices == null || choices.size() < 2 || !choices.stream().allMatch(c -> Stream.of(TcpState.values()).anyMatch(s -> s.name().equals(c)))) {
            checks.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_choices_are_states));
        }
        checks.both("why", why);
    }

    /** A known wrong state: one of the choices. */
    @Override
    public boolean fits(QuizModel.Mistake mistake) {
        return mistake.state() != null && choices != null && choices.contains(mistake.state()) && mistake.offset() == null && mistake.order() == null;
    }

    @Override
    public Optional<Refusal.Worded<String>> simulationProblem(QuestionGenerator generator) {
        String right = generator.nextStateAnswer(generate);
        return choices.contains(right) ? Optional.empty() : Optional.of(Worded.of(QuizProblemMessages.class, words -> words.quiz_right_answer_not_a_choice(right)));
    }

    @Override
    public LearnerQuestion learnerQuestion(String shuffleSeed, QuestionGenerator.Isns isns, Language language, QuestionGenerator generator) {
        return new LearnerQuestion(id, kind().code(), QuizModel.text(prompt, language.code()), scenario, null, null, choices,
                generator.nextStateContext(generate, language));
    }

    @Override
    public void validate(Answer answer, String field) {
        QuizGrader.requireOne(field + ".state", answer.state(), choices);
    }

    @Override
    public QuestionResult grade(Answer answer, QuestionGenerator.Isns isns, Grading grading) {
        String right = grading.generator().nextStateAnswer(generate);
        String given = answer == null ? null : answer.state();
        boolean correct = right.equals(given);
        List<MisconceptionView> shown = given == null || correct ? List.of() : grading.views(mistakes, mistake -> given.equals(mistake.state()));
        return new QuestionResult(id, kind().code(), grading.text(prompt), correct ? 1 : 0, correct, given, right,
                grading.text(why), null, generate.scenario(), shown, List.of(), null);
    }

    @Override
    public Answer answerFrom(List<String> values, IntFunction<String> slot) {
        return values.size() == 1 ? new Answer(id, null, null, null, null, values.get(0)) : null;
    }

    /** A choice of states; the situation it starts from is written into the prompt, since an LMS cannot show the trace. */
    @Override
    public MoodleQuestion moodle(QuizExporter.Export export) {
        String right = export.generator().nextStateAnswer(generate);
        String feedback = export.text(why);
        List<MoodleQuestion.Answer> answers = choices.stream()
                .map(state -> new MoodleQuestion.Answer(QuizExporter.percent(state.equals(right) ? 100 : 0), state, feedback)).toList();
        return MoodleQuestion.choice(id, export.text(prompt) + export.contextText(generate), new MoodleQuestion.Choice(true, answers));
    }

    @Override
    public void gift(QuizExporter.Lines gift) {
        String right = gift.generator().nextStateAnswer(generate);
        String feedback = QuizExporter.escape(gift.text(why));
        gift.append("::").append(id).append("::").append(QuizExporter.escape(gift.text(prompt) + gift.contextText(generate))).append(" {\n");
        for (String state : choices) {
            gift.append(state.equals(right) ? "=" : "~").append(QuizExporter.escape(state)).append("#").append(feedback).append("\n");
        }
        gift.append("}\n\n");
    }
}
