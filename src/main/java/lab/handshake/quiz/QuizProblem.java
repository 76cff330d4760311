package lab.handshake.quiz;

import java.util.List;
import java.util.stream.Collectors;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.engine.Language;

/**
 * One thing wrong with a quiz bank, as a value: where in the bank it is and what is wrong. Worded only where it is
 * shown: the server log words a built-in file's problems in English, a teacher's draft shows them in the reader's
 * language.
 */
public record QuizProblem(List<Place> where, Refusal.Worded<String> what) implements Refusal.Worded<String> {

    /** {@code tagged.yaml question one option b: unknown misconception …} */
    @Override
    public String in(Language language) {
        QuizProblemMessages words = ProblemMapper.words(QuizProblemMessages.class, language);
        String place = where.stream().map(step -> step.in(words)).collect(Collectors.joining(" "));
        return ProblemMapper.words(language).problem_at(place, what.in(language));
    }

    /** One step into the bank: its file, a question, an option or a known wrong answer by id, or a text by its key. */
    public record Place(Step step, String id) {
        String in(QuizProblemMessages words) {
            return switch (step) {
                case FILE, TEXT -> id;
                case QUESTION -> words.quiz_at_question(id);
                case OPTION -> words.quiz_at_option(id);
                case MISTAKE -> words.quiz_at_mistake(id);
            };
        }
    }

    /** What a step names: a file and a text's key are named as written; the others are words and an id. */
    public enum Step {
        FILE, QUESTION, OPTION, MISTAKE, TEXT
    }
}
