package lab.handshake.quiz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Language;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.quiz.QuizService.Answer;
import lab.handshake.quiz.QuizService.LearnerOption;
import lab.handshake.quiz.QuizService.LearnerQuestion;
import lab.handshake.quiz.QuizService.QuestionResult;

/** Items to put in their right {@code order}; each item in its place earns its share. */
public record Ordering(String id, Map<String, String> prompt, String scenario, List<QuizModel.Item> items, List<String> order,
                       Map<String, String> why, List<QuizModel.Mistake> mistakes) implements Question {
    static Ordering of(QuizModel.Question q) {
        return new Ordering(q.id(), q.prompt(), q.scenario(), q.items(), q.order(), q.why(), q.mistakes());
    }

    @Override
    public QuestionKind kind() {
        return QuestionKind.ORDERING;
    }

    @Override
    public void check(Checks checks) {
        Set<String> ids = new HashSet<>();
        if (items != null) {
            items.forEach(item -> ids.add(item.id()));
        }
        if (order == null || ids.size() < 2 || !ids.equals(new HashSet<>(order)) || order.size() != ids.size()) {
            checks.add(Worded.of(QuizProblemMessages.class, QuizProblemMessages::quiz_order_lists_every_item));
        }
        checks.both("why", why);
    }

    /** A known wrong order: the same items, not in the right order. */
    @Override
    public boolean fits(QuizModel.Mistake mistake) {
        return mistake.order() != null && order != null && !mistake.order().equals(order)
                && new HashSet<>(mistake.order()).equals(new HashSet<>(order)) && mistake.offset() == null && mistake.state() == null;
    }

    @Override
    public LearnerQuestion learnerQuestion(String shuffleSeed, QuestionGenerator.Isns isns, Language language, QuestionGenerator generator) {
        String lang = language.code();
        List<LearnerOption> shown = shuffled(shuffleSeed).stream().map(i -> new LearnerOption(i.id(), QuizModel.text(i.text(), lang))).toList();
        return new LearnerQuestion(id, kind().code(), QuizModel.text(prompt, lang), scenario, null, shown, null, null);
    }

    /** The items in an order that depends on the attempt, never the answer itself. */
    private List<QuizModel.Item> shuffled(String attemptId) {
        List<QuizModel.Item> shown = new ArrayList<>(items);
        SplittableRandom random = new SplittableRandom((attemptId + id).hashCode());
        for (int attempt = 0; attempt < 10; attempt++) {
            for (int i = shown.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                QuizModel.Item swap = shown.get(i);
                shown.set(i, shown.get(j));
                shown.set(j, swap);
            }
            if (!shown.stream().map(QuizModel.Item::id).toList().equals(order)) {
                break;
            }
        }
        return shown;
    }

    @Override
    public void validate(Answer answer, String field) {
        // An item twice, or a slot left empty (null), is kept: it is the mistake to explain.
        if (answer.order() == null || answer.order().size() != order.size()
                || !answer.order().stream().allMatch(item -> item == null || order.contains(item))) {
            throw QuizGrader.invalid(field + ".order", Worded.of(QuizProblemMessages.class, words -> words.order_entries(order.size(), String.valueOf(order))));
        }
    }

    /** Each item in its right place earns its share; an item placed twice, or not at all, is named. */
    @Override
    public QuestionResult grade(Answer answer, QuestionGenerator.Isns isns, Grading grading) {
        List<String> given = answer == null ? null : answer.order();
        ReviewMessages words = grading.words();
        int inPlace = 0;
        for (int i = 0; given != null && i < given.size(); i++) {
            if (order.get(i).equals(given.get(i))) {
                inPlace++;
            }
        }
        double credit = given == null ? 0 : (double) inPlace / order.size();
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
                    notes.add(words.slip_repeated(itemText(item, grading.language().code()), joined(at)));
                }
            });
            order.stream().filter(item -> !positions.containsKey(item))
                    .forEach(item -> notes.add(words.slip_missing(itemText(item, grading.language().code()))));
        }
        boolean correct = credit == 1.0;
        List<MisconceptionView> shown = given == null || correct ? List.of() : grading.views(mistakes, mistake -> given.equals(mistake.order()));
        return new QuestionResult(id, kind().code(), grading.text(prompt), QuizService.round(credit), correct, given, order,
                grading.text(why), null, scenario, shown, notes, null);
    }

    private static String joined(List<Integer> positions) {
        return positions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private String itemText(String itemId, String lang) {
        return items.stream().filter(item -> item.id().equals(itemId)).findFirst().map(item -> QuizModel.text(item.text(), lang)).orElse(itemId);
    }

    /** One field per position; a slot left empty, or naming no item, is null. */
    @Override
    public Answer answerFrom(List<String> values, IntFunction<String> slot) {
        List<String> given = new ArrayList<>();
        for (int position = 1; position <= order.size(); position++) {
            String item = slot.apply(position);
            given.add(item == null || item.isBlank() || !order.contains(item) ? null : item);
        }
        return given.stream().allMatch(Objects::isNull) ? null : new Answer(id, null, null, given, null, null);
    }

    @Override
    public String inWords(List<String> ids, String lang) {
        return String.join(" → ", ids.stream().map(itemId -> itemText(itemId, lang)).toList());
    }

    @Override
    public MoodleQuestion moodle(QuizExporter.Export export) {
        List<String> items = order.stream().map(itemId -> itemText(itemId, export.language().code())).toList();
        return MoodleQuestion.ordering(id, export.text(prompt), export.text(why), new MoodleQuestion.Ordering(items));
    }

    /** GIFT has no ordering question: a matching one pairs each item with its position. */
    @Override
    public void gift(QuizExporter.Lines gift) {
        gift.append("::").append(id).append("::").append(QuizExporter.escape(gift.text(prompt))).append(" {\n");
        int position = 1;
        for (String itemId : order) {
            gift.append("=").append(QuizExporter.escape(itemText(itemId, gift.language().code()))).append(" -> ")
                    .append(String.valueOf(position++)).append("\n");
        }
        gift.append("####").append(QuizExporter.escape(gift.text(why))).append("\n}\n\n");
    }
}
