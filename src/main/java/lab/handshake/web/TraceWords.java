package lab.handshake.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * A trace's wire words (endpoint names, segment fates) as a page shows them: English in {@code messages/traceWords_en.properties}, Chinese in
 * {@code messages/traceWords_zh.properties}; templates use the tags {@code endpointName} and {@code fateName}.
 */
@MessageBundle(value = "traceWords", locale = "en")
public interface TraceWords {

    @Message
    String endpoint_client();

    @Message
    String endpoint_server();

    @Message
    String endpoint_attacker();

    @Message
    String fate_delivered();

    @Message
    String fate_lost();

    @Message
    String fate_duplicated();

    @Message
    String fate_held();

    @Message
    String fate_delayed();
}
