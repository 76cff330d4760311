package lab.handshake.session;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why a sandbox session's move or prediction is refused (session.SessionService, session.SessionResource).
 * English in {@code messages/sessionProblems_en.properties}, Chinese in {@code messages/sessionProblems_zh.properties}.
 */
@MessageBundle(value = "sessionProblems", locale = "en")
public interface SessionProblemMessages {

    @Message
    String session_changed_title();

    @Message
    String session_changed(long moves, long told);

    @Message
    String nothing_to_undo_title();

    @Message
    String nothing_to_undo();

    @Message
    String move_limit_title();

    @Message
    String move_limit(long max);

    @Message
    String not_your_session_title();

    @Message
    String not_your_session(String id);

    @Message
    String nothing_to_predict_title();

    @Message
    String no_decision_to_predict();

    @Message
    String fewer_decisions(int count);

    /** Its detail is the engine's reason, already in the session's language. */
    @Message
    String move_refused_title();
}
