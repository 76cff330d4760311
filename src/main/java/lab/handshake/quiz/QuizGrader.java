package lab.handshake.quiz;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Language;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.QuestionResult;

/**
 * Shows one question to a learner, and checks and grades the answer to it, for a quiz attempt and for the
 * spaced review alike, each through the question's own kind ({@link Question}). A wrong answer is kept as it
 * was given and explained: a number past 2^32−1 (the wrap forgotten), an ordering with an item twice, the
 * misconception a known wrong answer shows, and for a generated question the worked solution with the
 * learner's own numbers.
 */
@ApplicationScoped
public class QuizGrader {
    private final QuestionGenerator generator;
    private final MisconceptionCatalogue misconceptions;

    public QuizGrader(QuestionGenerator generator, MisconceptionCatalogue misconceptions) {
        this.generator = generator;
        this.misconceptions = misconceptions;
    }

    static ReviewMessages words(Language language) {
        return MessageBundles.get(ReviewMessages.class, Localized.Literal.of(language.code()));
    }

    /** One question as the learner sees it; {@code shuffleSeed} fixes the order its ordering items are shown in. */
    QuizService.LearnerQuestion learnerQuestion(QuizModel.Question q, String shuffleSeed, QuestionGenerator.Isns isns, Language language) {
        return Question.of(q).learnerQuestion(shuffleSeed, isns, language, generator);
    }

    /** Refuses an answer without the field its question's kind needs, or naming what the question does not have. */
    static void validate(QuizModel.Question q, Answer answer, String field) {
        Question.of(q).validate(answer, field);
    }

    static void requireOne(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw invalid(field, Worded.of(ProblemMessages.class, words -> words.must_be_one_of(String.valueOf(allowed))));
        }
    }

    /** An answer's field at fault; {@code message} says what it must be, after the field's name. */
    static Refusal invalid(String field, Refusal.Worded<String> message) {
        return new Refusal.Invalid("invalid-attempt", Worded.of(QuizProblemMessages.class, QuizProblemMessages::invalid_attempt_title),
                Worded.fieldDetail(field, message),
                Worded.fieldErrors(field, message));
    }

    /** The graded question; {@code answer} is null when the learner left it unanswered. */
    public QuestionResult grade(QuizModel.Question q, Answer answer, QuestionGenerator.Isns isns, Language language) {
        return Question.of(q).grade(answer, isns, new Question.Grading(generator, language, words(language), id -> view(id, language)));
    }

    private Optional<MisconceptionView> view(String id, Language language) {
        return id == null ? Optional.empty() : misconceptions.find(id)
                .map(m -> new MisconceptionView(m.id(), m.claim().get(language.code()), m.refutation().get(language.code()), m.rfc()));
    }
}
