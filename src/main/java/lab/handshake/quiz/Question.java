package lab.handshake.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Language;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.LearnerQuestion;
import lab.handshake.quiz.QuizService.QuestionResult;
import lab.handshake.scenario.ScenarioCatalogue;

/**
 * A question of one kind, with only the fields that kind has: each kind checks its own file entry, shows
 * itself to a learner, reads and grades an answer, puts an answer in words and writes its LMS export. Read
 * from the file's shape ({@link QuizModel.Question}) by {@link QuestionKind}; its fields are all present once
 * {@link #check} has found nothing wrong, which the catalogue and the authoring checks see to before any other use.
 */
public sealed interface Question permits ChoiceQuestion, Ordering, GeneratedQuestion {
    String id();

    Map<String, String> prompt();

    String scenario();

    QuestionKind kind();

    static Question of(QuizModel.Question q) {
        return QuestionKind.read(q);
    }

    /** Adds what is wrong with the fields of this kind (id, prompt and scenario are checked alike for every kind). */
    void check(Checks checks);

    /** Whether a known wrong answer has this kind's shape and is really wrong. */
    boolean fits(QuizModel.Mistake mistake);

    /** The question as the learner sees it; {@code shuffleSeed} fixes the order ordering items are shown in. */
    LearnerQuestion learnerQuestion(String shuffleSeed, QuestionGenerator.Isns isns, Language language, QuestionGenerator generator);

    /** Refuses an answer without the field this kind needs, or naming what the question does not have. */
    void validate(Answer answer, String field);

    /** The graded question; {@code answer} is null when the learner left it unanswered. */
    QuestionResult grade(Answer answer, QuestionGenerator.Isns isns, Grading grading);

    /**
     * The answer a page's form gives: {@code values} are the non-blank values of the question's field,
     * {@code slot} the value of its field for a position (1-based); null when the question was left empty.
     */
    Answer answerFrom(List<String> values, IntFunction<String> slot);

    /** An answer (option ids, item ids, a number or a state; "—" for an empty slot) in words: a number or a state is its own. */
    default String inWords(List<String> ids, String lang) {
        return ids.get(0);
    }

    /** The question as a Moodle XML export has it. */
    MoodleQuestion moodle(QuizExporter.Export export);

    void gift(QuizExporter.Lines gift);

    /** Where the problems of a quiz bank are collected, each with the place it was found. */
    record Checks(List<QuizProblem> problems, List<QuizProblem.Place> where, ScenarioCatalogue scenarios,
                  MisconceptionCatalogue misconceptions) {
        public void add(Refusal.Worded<String> problem) {
            problems.add(new QuizProblem(where, problem));
        }

        public Checks at(QuizProblem.Step step, String id) {
            List<QuizProblem.Place> deeper = new ArrayList<>(where);
            deeper.add(new QuizProblem.Place(step, String.valueOf(id)));
            return new Checks(problems, List.copyOf(deeper), scenarios, misconceptions);
        }

        /** Every text in both languages. */
        public void both(String key, Map<String, String> texts) {
            if (texts == null || texts.get("en") == null || texts.get("zh") == null || texts.get("en").isBlank() || texts.get("zh").isBlank()) {
                at(QuizProblem.Step.TEXT, key).add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_needs_both_languages));
            }
        }

        public void knownMisconception(String misconception) {
            if (misconception == null || misconceptions.find(misconception).isEmpty()) {
                add(Worded.of(QuizProblemMessages.class, words -> words.quiz_unknown_misconception(misconception)));
            }
        }

        public boolean knownScenario(String scenario) {
            return scenario != null && scenarios.find(scenario).isPresent();
        }
    }

    /** What grading needs besides the question and the answer: the engine, the language, the misconceptions. */
    record Grading(QuestionGenerator generator, Language language, ReviewMessages words,
                   Function<String, Optional<MisconceptionView>> misconception) {
        public String text(Map<String, String> texts) {
            return QuizModel.text(texts, language.code());
        }

        /** The misconceptions the matching known wrong answers show, each once. */
        public List<MisconceptionView> views(List<QuizModel.Mistake> mistakes, Predicate<QuizModel.Mistake> matches) {
            if (mistakes == null) {
                return List.of();
            }
            return mistakes.stream().filter(matches).map(mistake -> misconception.apply(mistake.misconception()))
                    .flatMap(Optional::stream).distinct().toList();
        }
    }
}
