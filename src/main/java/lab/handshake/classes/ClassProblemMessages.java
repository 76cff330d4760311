package lab.handshake.classes;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why a class, a join code or a member's name is refused (classes.ClassService).
 * English in {@code messages/classesProblems_en.properties}, Chinese in {@code messages/classesProblems_zh.properties}.
 */
@MessageBundle(value = "classesProblems", locale = "en")
public interface ClassProblemMessages {

    @Message
    String unknown_class_title();

    @Message
    String not_a_class_code();

    @Message
    String no_class_to_join(String code);

    @Message
    String no_class_for_attempt(String code);

    @Message
    String not_in_class_title();

    @Message
    String names_class_not_joined();

    @Message
    String not_joined(String code);

    @Message
    String invalid_class_title();

    @Message
    String class_name_length(int max);

    @Message
    String invalid_name_title();

    @Message
    String member_name_length(int max);
}
