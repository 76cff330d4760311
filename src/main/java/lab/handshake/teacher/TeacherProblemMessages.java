package lab.handshake.teacher;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why a teacher account's change, a login or a teacher's form is refused (teacher.AccountRefusal, teacher.TeacherAccountResource, teacher.LoginForm, teacher.TeacherClassPages).
 * English in {@code messages/teacherProblems_en.properties}, Chinese in {@code messages/teacherProblems_zh.properties}.
 */
@MessageBundle(value = "teacherProblems", locale = "en")
public interface TeacherProblemMessages {

    @Message
    String account_refused_title();

    @Message
    String invalid_username();

    @Message
    String weak_password(int minCharacters, int maxBytes);

    @Message
    String username_taken();

    @Message
    String no_such_account();

    @Message
    String not_yourself();

    @Message
    String delete_not_confirmed();

    @Message
    String invalid_body_title();

    /** {@code first}, {@code second}: the two JSON bodies allowed. */
    @Message
    String body_must_be_either(String first, String second);

    @Message
    String request_too_large_title();

    @Message
    String login_form_too_large(int max);

    @Message
    String too_many_logins_title();

    @Message
    String too_many_logins(long seconds);

    @Message
    String invalid_form_title();

    @Message
    String form_field_true_false(String field);
}
