package lab.handshake.limits;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What a client that asked too often is told (limits.ClientLimit: the 429 titles and what may be done so often) and a server with no room (limits.SimulationGate: 503).
 * English in {@code messages/limitsProblems_en.properties}, Chinese in {@code messages/limitsProblems_zh.properties}.
 */
@MessageBundle(value = "limitsProblems", locale = "en")
public interface LimitProblemMessages {

    @Message
    String too_many_sessions_title();

    @Message
    String too_many_attempts_title();

    @Message
    String too_many_traces_title();

    @Message
    String too_many_captures_title();

    @Message
    String too_many_join_codes_title();

    @Message
    String too_many_predictions_title();

    @Message
    String too_many_registrations_title();

    @Message
    String too_many_recovery_codes_title();

    @Message
    String too_many_wrong_recovery_codes_title();

    @Message
    String limit_sessions();

    @Message
    String limit_attempts();

    @Message
    String limit_traces();

    @Message
    String limit_captures();

    @Message
    String limit_join_codes();

    @Message
    String limit_predictions();

    @Message
    String limit_registrations();

    @Message
    String limit_recovery_codes();

    @Message
    String limit_wrong_recovery_codes();

    /** {@code what}: one of the limit_ messages above, what may be done so often. */
    @Message
    String limit_detail(int allowed, String what, boolean hourly);

    @Message
    String busy_title();

    @Message
    String busy(int permits);
}
