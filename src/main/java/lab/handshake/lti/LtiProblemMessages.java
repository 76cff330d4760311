package lab.handshake.lti;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why an LMS platform's registration is refused (lti.Platforms: a duplicate) and why a course's roster cannot be fetched (lti.CourseRosters).
 * English in {@code messages/ltiProblems_en.properties}, Chinese in {@code messages/ltiProblems_zh.properties}.
 */
@MessageBundle(value = "ltiProblems", locale = "en")
public interface LtiProblemMessages {

    @Message
    String duplicate_platform_title();

    @Message
    String duplicate_platform();

    /** The field message of {@code clientId} in a duplicate platform's refusal. */
    @Message
    String registered_for_issuer();

    @Message
    String no_roster_title();

    @Message
    String no_roster_service();

    @Message
    String roster_unavailable_title();

    /** {@code why}: one of the roster_ reasons below. */
    @Message
    String roster_unavailable(String why);

    @Message
    String roster_too_many_pages(int max);

    @Message
    String roster_service_answered(int status);

    @Message
    String roster_too_many_members(int max);

    @Message
    String roster_call_failed();
}
