package lab.handshake.session;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What the sessions API says about a request it refuses: the titles and the field messages its request records name
 * in their Bean Validation constraints ({@code "{session:move_host}"}, see {@code api.CheckedRequest}), written by
 * {@code api.ProblemMapper} in the reader's language. English in {@code messages/session_en.properties}, Chinese in
 * {@code messages/session_zh.properties}.
 */
@MessageBundle(value = "session", locale = "en")
public interface SessionMessages {

    // --- Titles ---

    @Message
    String invalid_session();

    @Message
    String invalid_move();

    @Message
    String invalid_prediction();

    // --- Starting a session ---

    @Message
    String one_source();

    @Message
    String mode();

    @Message
    String task_id();

    // --- A move ---

    @Message
    String body_required();

    @Message
    String move_type();

    @Message
    String move_host();

    @Message
    String move_call();

    @Message
    String move_bytes();

    @Message
    String move_more();

    @Message
    String move_claimed_host();

    @Message
    String move_segment();

    @Message
    String move_ms();

    @Message
    String move_count();

    // --- A question or a prediction before a move ---

    @Message
    String since();

    /** {@code max}: the constraint's bound, the most decisions one moment makes. */
    @Message
    String decision(long max);

    @Message
    String count(long max);

    @Message
    String right_over_total();
}
