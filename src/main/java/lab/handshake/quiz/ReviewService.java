package lab.handshake.quiz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.config.CampusTime;
import lab.handshake.engine.Language;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.LearnerQuestion;
import lab.handshake.quiz.QuizService.QuestionResult;

/**
 * Spaced review of the quiz questions a learner got wrong, in Leitner boxes: a wrong answer puts the question
 * in box 1, due again a day later; a right answer moves it up a box (due after 3, then 7 days), and out of the
 * review from box 3. A generated question comes back with new ISNs each time.
 */
@ApplicationScoped
public class ReviewService {
    /** How long a question waits in box 1, 2 and 3. */
    static final List<Duration> BOX_WAIT = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));
    /** At most this many due questions are shown at once; the others wait their turn. */
    static final int DUE_SHOWN = 10;

    /** A question due for review, as the learner answers it. */
    public record DueQuestion(String quiz, String quizTitle, int box, Instant dueAt, LearnerQuestion question) {
    }

    /** A question waiting for a later day. */
    public record WaitingQuestion(String quiz, String question, int box, Instant dueAt, long days) {
    }

    /** The learner's review: what is due now (earliest first), and what waits. */
    public record ReviewQueue(List<DueQuestion> due, List<WaitingQuestion> waiting) {
    }

    /**
     * A review answer graded: {@code box} is where the question went (0: learnt, out of the review),
     * {@code dueAt} when it comes back (null when learnt), {@code text} that in the reader's language.
     */
    public record ReviewOutcome(String quiz, QuestionResult result, int box, Instant dueAt, String text) {
    }

    private final QuizCatalogue catalogue;
    private final QuizGrader grader;
    private final QuestionGenerator generator;
    private final ReviewClock clock;
    private final ObjectMapper json;
    private final SecureRandom seeds = new SecureRandom();

    public ReviewService(QuizCatalogue catalogue, QuizGrader grader, QuestionGenerator generator, ReviewClock clock, ObjectMapper json) {
        this.catalogue = catalogue;
        this.grader = grader;
        this.generator = generator;
        this.clock = clock;
        this.json = json;
    }

    /** After a graded attempt: wrong answers go to box 1, right ones move their card up. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(String learnerId, String quizId, List<QuestionResult> results) {
        Instant now = clock.now();
        Map<String, ReviewCard> cards = ReviewCard.ofQuiz(learnerId, quizId);
        for (QuestionResult result : results) {
            ReviewCard card = cards.get(result.id());
            if (!result.correct() && card == null) {
                card = new ReviewCard();
                card.learnerId = learnerId;
                card.quizId = quizId;
                card.questionId = result.id();
                backToBoxOne(card, now);
                card.persist();
            } else if (!result.correct()) {
                backToBoxOne(card, now);
            } else if (card != null) {
                moveUp(card, now);
            }
        }
    }

    @Transactional
    public ReviewQueue queue(String learnerId, Language language) {
        Instant now = clock.now();
        List<DueQuestion> due = new ArrayList<>();
        List<WaitingQuestion> waiting = new ArrayList<>();
        for (ReviewCard card : ReviewCard.of(learnerId)) {
            Optional<QuizModel.Quiz> quiz = catalogue.find(card.quizId);
            Optional<QuizModel.Question> question = quiz.flatMap(q -> question(q, card.questionId));
            if (question.isEmpty()) {
                continue; // the bank changed since; the card waits in case the question comes back
            }
            if (card.dueAt.isAfter(now)) {
                waiting.add(new WaitingQuestion(card.quizId, card.questionId, card.box, card.dueAt, daysUntil(now, card.dueAt)));
            } else if (due.size() < DUE_SHOWN) {
                due.add(new DueQuestion(card.quizId, QuizModel.text(quiz.get().title(), language.code()), card.box, card.dueAt,
                        grader.learnerQuestion(question.get(), "review-" + card.id, isns(card, question.get()), language)));
            }
        }
        return new ReviewQueue(due, waiting);
    }

    /** Grades a due question's answer and moves its card; only the learner's own due cards can be answered. */
    @Transactional
    public ReviewOutcome answer(String learnerId, String quizId, String questionId, Answer answer, Language language) {
        ReviewCard card = learnerId == null ? null : ReviewCard.findCard(learnerId, quizId, questionId);
        QuizModel.Question question = card == null ? null : catalogue.find(quizId).flatMap(q -> question(q, questionId)).orElse(null);
        if (question == null) {
            throw Refusal.notFound(ProblemMessages::review_question, quizId + "/" + questionId);
        }
        Instant now = clock.now();
        if (card.dueAt.isAfter(now)) {
            throw new Refusal.Conflict("review-not-due", Worded.of(QuizProblemMessages.class, QuizProblemMessages::review_not_due_title), Worded.of(QuizProblemMessages.class, words -> words.review_not_due(CampusTime.moment(card.dueAt))), null);
        }
        if (answer == null) {
            throw QuizGrader.invalid("answer", Worded.of(ProblemMessages.class, ProblemMessages::body_required));
        }
        QuizGrader.validate(question, answer, "answer");
        QuestionResult result = grader.grade(question, answer, isns(card, question), language);
        ReviewMessages words = QuizGrader.words(language);
        String text;
        if (result.correct()) {
            moveUp(card, now);
            text = card.box == 0 ? words.review_learnt() : words.review_moved_up(card.box, BOX_WAIT.get(card.box - 1).toDays());
        } else {
            backToBoxOne(card, now);
            text = words.review_back_to_one();
        }
        return new ReviewOutcome(quizId, result, card.box, card.box == 0 ? null : card.dueAt, text);
    }

    private static void backToBoxOne(ReviewCard card, Instant now) {
        card.box = 1;
        card.dueAt = now.plus(BOX_WAIT.get(0));
        card.generatedJson = null;
    }

    /** Up a box, or out of the review (box 0 on the detached card) from the last one. */
    private static void moveUp(ReviewCard card, Instant now) {
        if (card.box >= BOX_WAIT.size()) {
            card.delete();
            card.box = 0;
            return;
        }
        card.box++;
        card.dueAt = now.plus(BOX_WAIT.get(card.box - 1));
        card.generatedJson = null;
    }

    /** The ISNs a numeric card is shown with, chosen the first time it is shown after each answer. */
    private QuestionGenerator.Isns isns(ReviewCard card, QuizModel.Question question) {
        if (!(Question.of(question) instanceof Numeric numeric)) {
            return null;
        }
        try {
            if (card.generatedJson == null) {
                card.generatedJson = json.writeValueAsString(generator.chooseIsns(numeric.generate(), new SplittableRandom(seeds.nextLong())));
            }
            return json.readValue(card.generatedJson, QuestionGenerator.Isns.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a review card's ISNs are unreadable", e);
        }
    }

    private static Optional<QuizModel.Question> question(QuizModel.Quiz quiz, String id) {
        return quiz.questions().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /** Whole days until {@code due}, rounded up: "due in 1 day" the moment after an answer. */
    private static long daysUntil(Instant now, Instant due) {
        return (Duration.between(now, due).toHours() + 23) / 24;
    }
}
