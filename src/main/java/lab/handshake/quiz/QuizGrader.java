package lab.handshake.quiz;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import lab.handshake.api.Problem;
import lab.handshake.api.Refusal;
import lab.handshake.engine.Language;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.OptionFeedback;
import lab.handshake.quiz.QuizService.QuestionResult;

/**
 * Shows one question to a learner, and checks and grades the answer to it, for a quiz attempt and for the
 * spaced review alike. A wrong
 * answer is kept as it was given and explained: a number past 2^32−1 (the wrap forgotten), an ordering with
 * an item twice, the misconception a known wrong answer shows, and for a generated question the worked
 * solution with the learner's own numbers.
 */
@ApplicationScoped
public class QuizGrader {
    static final long TWO_TO_32 = 1L << 32;
    /** The largest number a numeric answer may be: past 2^32−1 on purpose, so that a forgotten wrap is kept and explained. */
    public static final long MAX_NUMERIC = 999_999_999_999L;

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
        String lang = language.code();
        String prompt = QuizModel.text(q.prompt(), lang);
        List<QuizService.LearnerOption> options = null;
        List<QuizService.LearnerOption> items = null;
        QuestionGenerator.Context context = null;
        switch (q.kind()) {
            case "single", "multiple" -> options = q.options().stream()
                    .map(o -> new QuizService.LearnerOption(o.id(), QuizModel.text(o.text(), lang))).toList();
            case "ordering" -> items = shuffled(q, shuffleSeed).stream()
                    .map(i -> new QuizService.LearnerOption(i.id(), QuizModel.text(i.text(), lang))).toList();
            case "numeric" -> prompt = QuestionGenerator.fillPrompt(prompt, isns);
            default -> context = generator.nextStateContext(q, language);
        }
        return new QuizService.LearnerQuestion(q.id(), q.kind(), prompt, q.scenario(), options, items,
                q.kind().equals("next-state") ? q.choices() : null, context);
    }

    /** Ordering items in an order that depends on the attempt, never the answer itself. */
    private static List<QuizModel.Item> shuffled(QuizModel.Question question, String attemptId) {
        List<QuizModel.Item> items = new ArrayList<>(question.items());
        SplittableRandom random = new SplittableRandom((attemptId + question.id()).hashCode());
        for (int attempt = 0; attempt < 10; attempt++) {
            for (int i = items.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                QuizModel.Item swap = items.get(i);
                items.set(i, items.get(j));
                items.set(j, swap);
            }
            if (!items.stream().map(QuizModel.Item::id).toList().equals(question.order())) {
                break;
            }
        }
        return items;
    }

    /** Refuses an answer without the field its question's kind needs, or naming what the question does not have. */
    static void validate(QuizModel.Question q, Answer answer, String field) {
        switch (q.kind()) {
            case "single" -> requireOne(field + ".choice", answer.choice(), q.options().stream().map(QuizModel.Option::id).toList());
            case "multiple" -> {
                List<String> ids = q.options().stream().map(QuizModel.Option::id).toList();
                if (answer.choices() == null || !ids.containsAll(answer.choices()) || new HashSet<>(answer.choices()).size() != answer.choices().size()) {
                    throw invalid(field + ".choices", "must list distinct option ids of " + ids);
                }
            }
            case "ordering" -> {
                // An item twice, or a slot left empty (null), is kept: it is the mistake to explain.
                if (answer.order() == null || answer.order().size() != q.order().size()
                        || !answer.order().stream().allMatch(item -> item == null || q.order().contains(item))) {
                    throw invalid(field + ".order", "must have " + q.order().size() + " entries, each an item id of " + q.order() + " or null");
                }
            }
            case "numeric" -> {
                if (answer.value() == null || answer.value() < 0 || answer.value() > MAX_NUMERIC) {
                    throw invalid(field + ".value", "must be a whole number from 0 to " + MAX_NUMERIC
                            + " (one past 4294967295 is graded and explained)");
                }
            }
            default -> requireOne(field + ".state", answer.state(), q.choices());
        }
    }

    private static void requireOne(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw invalid(field, "must be one of " + allowed);
        }
    }

    static Refusal invalid(String field, String message) {
        return new Refusal.Invalid("invalid-attempt", "Invalid attempt", "'" + field + "' " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    /** The graded question; {@code answer} is null when the learner left it unanswered. */
    public QuestionResult grade(QuizModel.Question q, Answer answer, QuestionGenerator.Isns isns, Language language) {
        String lang = language.code();
        String prompt = QuizModel.text(q.prompt(), lang);
        ReviewMessages words = words(language);
        return switch (q.kind()) {
            case "single", "multiple" -> gradeChoice(q, answer, prompt, language);
            case "ordering" -> gradeOrdering(q, answer == null ? null : answer.order(), prompt, language, words);
            case "numeric" -> {
                long right = generator.numericAnswer(q, isns);
                Long given = answer == null ? null : answer.value();
                boolean correct = given != null && given == right;
                List<String> notes = new ArrayList<>();
                if (given != null && given >= TWO_TO_32) {
                    long wrapped = given % TWO_TO_32;
                    notes.add(wrapped == right ? words.slip_unwrapped_right(given, wrapped) : words.slip_unwrapped(given, wrapped));
                }
                List<MisconceptionView> shown = given == null || correct ? List.of()
                        : views(q, mistake -> mistake.offset() != null
                        && Math.floorMod(given - right, TWO_TO_32) == Math.floorMod(mistake.offset(), TWO_TO_32), language);
                yield new QuestionResult(q.id(), q.kind(), QuestionGenerator.fillPrompt(prompt, isns), correct ? 1 : 0, correct,
                        given, right, QuizModel.text(q.why(), lang), null, q.generate().scenario(), shown, notes,
                        generator.workedSolution(q, isns, words));
            }
            default -> {
                String right = generator.nextStateAnswer(q);
                String given = answer == null ? null : answer.state();
                boolean correct = right.equals(given);
                List<MisconceptionView> shown = given == null || correct ? List.of()
                        : views(q, mistake -> given.equals(mistake.state()), language);
                yield new QuestionResult(q.id(), q.kind(), prompt, correct ? 1 : 0, correct, given, right,
                        QuizModel.text(q.why(), lang), null, q.generate().scenario(), shown, List.of(), null);
            }
        };
    }

    /** Each item in its right place earns its share; an item placed twice, or not at all, is named. */
    private QuestionResult gradeOrdering(QuizModel.Question q, List<String> given, String prompt, Language language, ReviewMessages words) {
        String lang = language.code();
        int inPlace = 0;
        for (int i = 0; given != null && i < given.size(); i++) {
            if (q.order().get(i).equals(given.get(i))) {
                inPlace++;
            }
        }
        double credit = given == null ? 0 : (double) inPlace / q.order().size();
        List<String> notes = new ArrayList<>();
        if (given != null && given.stream().anyMatch(Objects::nonNull)) {
            Map<String, List<Integer>> positions = new LinkedHashMap<>();
            for (int i = 0; i < given.size(); i++) {
                positions.computeIfAbsent(given.get(i), item -> new ArrayList<>()).add(i + 1);
            }
            positions.forEach((item, at) -> {
                if (item == null) {
                    notes.add(words.slip_empty(joined(at)));
                } else if (at.size() > 1) {
                    notes.add(words.slip_repeated(itemText(q, item, lang), joined(at)));
                }
            });
            q.order().stream().filter(item -> !positions.containsKey(item)).forEach(item -> notes.add(words.slip_missing(itemText(q, item, lang))));
        }
        boolean correct = credit == 1.0;
        List<MisconceptionView> shown = given == null || correct ? List.of() : views(q, mistake -> given.equals(mistake.order()), language);
        return new QuestionResult(q.id(), q.kind(), prompt, QuizService.round(credit), correct, given, q.order(),
                QuizModel.text(q.why(), lang), null, q.scenario(), shown, notes, null);
    }

    private static String joined(List<Integer> positions) {
        return positions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String itemText(QuizModel.Question q, String id, String lang) {
        return q.items().stream().filter(item -> item.id().equals(id)).findFirst().map(item -> QuizModel.text(item.text(), lang)).orElse(id);
    }

    /**
     * Single choice: all or nothing. Multiple choice: each right option chosen earns its share, each wrong one
     * chosen takes a share off (never below zero), as Moodle grades it.
     */
    private QuestionResult gradeChoice(QuizModel.Question q, Answer answer, String prompt, Language language) {
        String lang = language.code();
        Set<String> chosen = new HashSet<>();
        if (answer != null && answer.choice() != null) {
            chosen.add(answer.choice());
        }
        if (answer != null && answer.choices() != null) {
            chosen.addAll(answer.choices());
        }
        long right = q.options().stream().filter(QuizModel.Option::correct).count();
        long wrong = q.options().size() - right;
        double credit = 0;
        List<OptionFeedback> feedback = new ArrayList<>();
        List<String> correctIds = new ArrayList<>();
        List<MisconceptionView> shown = new ArrayList<>();
        for (QuizModel.Option option : q.options()) {
            boolean isChosen = chosen.contains(option.id());
            if (option.correct()) {
                correctIds.add(option.id());
            }
            if (isChosen) {
                credit += option.correct() ? 1.0 / right : -(wrong == 0 ? 0 : 1.0 / wrong);
                view(option.misconception(), language).filter(view -> !shown.contains(view)).ifPresent(shown::add);
            }
            feedback.add(new OptionFeedback(option.id(), QuizModel.text(option.text(), lang), option.correct(), isChosen,
                    QuizModel.text(option.why(), lang)));
        }
        if (q.kind().equals("single")) {
            credit = chosen.size() == 1 && correctIds.contains(chosen.iterator().next()) ? 1 : 0;
        }
        credit = Math.max(0, Math.min(1, credit));
        String explanation = feedback.stream().filter(f -> f.chosen() || f.correct()).map(OptionFeedback::why)
                .distinct().reduce((a, b) -> a + "\n" + b).orElse("");
        Object yourAnswer = q.kind().equals("single") ? (answer == null ? null : answer.choice()) : List.copyOf(chosen).stream().sorted().toList();
        Object correctAnswer = q.kind().equals("single") ? correctIds.get(0) : correctIds;
        return new QuestionResult(q.id(), q.kind(), prompt, QuizService.round(credit), credit == 1.0, yourAnswer, correctAnswer,
                explanation, feedback, q.scenario(), shown, List.of(), null);
    }

    private List<MisconceptionView> views(QuizModel.Question q, Predicate<QuizModel.Mistake> matches, Language language) {
        if (q.mistakes() == null) {
            return List.of();
        }
        return q.mistakes().stream().filter(matches).map(mistake -> view(mistake.misconception(), language))
                .flatMap(Optional::stream).distinct().toList();
    }

    private Optional<MisconceptionView> view(String id, Language language) {
        return id == null ? Optional.empty() : misconceptions.find(id)
                .map(m -> new MisconceptionView(m.id(), m.claim().get(language.code()), m.refutation().get(language.code()), m.rfc()));
    }
}
