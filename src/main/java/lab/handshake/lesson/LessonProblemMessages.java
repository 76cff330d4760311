package lab.handshake.lesson;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What is wrong with a lesson's simulation tag (lesson.EmbedProblem), for a teacher's draft and, in English, the log.
 * English in {@code messages/lessonProblems_en.properties}, Chinese in {@code messages/lessonProblems_zh.properties}.
 */
@MessageBundle(value = "lessonProblems", locale = "en")
public interface LessonProblemMessages {

    @Message
    String embed_step_not_a_whole_number();

    @Message
    String embed_no_such_scenario();

    @Message
    String embed_step_beyond_last(int step, int last);

    // A lesson file that is not Markdown after its front matter (MalformedLesson)

    @Message
    String lesson_no_front_matter();

    @Message
    String lesson_front_matter_not_closed();

    @Message
    String lesson_front_matter_incomplete();
}
