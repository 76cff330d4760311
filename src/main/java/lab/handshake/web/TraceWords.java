package lab.handshake.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * A trace's wire words (endpoint names, segment fates) as a page shows them: English here, Chinese in
 * {@code messages/traceWords_zh.properties}; templates use the tags {@code endpointName} and {@code fateName}.
 */
@MessageBundle("traceWords")
public interface TraceWords {

    @Message("client")
    String endpoint_client();

    @Message("server")
    String endpoint_server();

    @Message("attacker")
    String endpoint_attacker();

    @Message("delivered")
    String fate_delivered();

    @Message("lost")
    String fate_lost();

    @Message("duplicated")
    String fate_duplicated();

    @Message("held")
    String fate_held();

    @Message("delayed")
    String fate_delayed();
}
