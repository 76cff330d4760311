package lab.handshake.lesson;

import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.engine.Language;

/**
 * What is wrong with one simulation tag of a lesson ({@code [[simulation <id> step=<n>]]}), as a value: the tag as
 * written and what is wrong with it. Worded only where it is shown, in the reader's language.
 */
public record EmbedProblem(String tag, What what) implements Refusal.Worded<String> {

    @Override
    public String in(Language language) {
        return ProblemMapper.words(language).problem_at(tag, what.in(language));
    }

    /** What is wrong with a tag. */
    public sealed interface What extends Refusal.Worded<String> {
    }

    /** The step is not a number from 1 to the simulation's last step. */
    public record StepNotAWholeNumber() implements What {
        @Override
        public String in(Language language) {
            return ProblemMapper.words(LessonProblemMessages.class, language).embed_step_not_a_whole_number();
        }
    }

    public record NoSuchScenario() implements What {
        @Override
        public String in(Language language) {
            return ProblemMapper.words(LessonProblemMessages.class, language).embed_no_such_scenario();
        }
    }

    /** The step is past the simulation's last step ({@code last}), where the page starts it instead. */
    public record StepBeyondLast(int step, int last) implements What {
        @Override
        public String in(Language language) {
            return ProblemMapper.words(LessonProblemMessages.class, language).embed_step_beyond_last(step, last);
        }
    }
}
