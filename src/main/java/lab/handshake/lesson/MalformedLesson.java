package lab.handshake.lesson;

import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.engine.Language;

/**
 * A lesson file that is not Markdown after its front matter: what is missing, worded where it is shown (a teacher's
 * draft, in the reader's language); the log of published lessons names it in English.
 */
public final class MalformedLesson extends IllegalArgumentException implements Refusal.Worded<String> {
    public enum What {
        /** The file does not start with a {@code ---} line. */
        NO_FRONT_MATTER,
        /** No {@code ---} line ends the front matter. */
        FRONT_MATTER_NOT_CLOSED,
        /** The front matter lacks {@code id}, {@code order} or {@code title}. */
        FRONT_MATTER_INCOMPLETE
    }

    private final What what;

    MalformedLesson(What what) {
        super("the lesson file's front matter: " + what);
        this.what = what;
    }

    @Override
    public String in(Language language) {
        LessonProblemMessages words = ProblemMapper.words(LessonProblemMessages.class, language);
        return switch (what) {
            case NO_FRONT_MATTER -> words.lesson_no_front_matter();
            case FRONT_MATTER_NOT_CLOSED -> words.lesson_front_matter_not_closed();
            case FRONT_MATTER_INCOMPLETE -> words.lesson_front_matter_incomplete();
        };
    }
}
