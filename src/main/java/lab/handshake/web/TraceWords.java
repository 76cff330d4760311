package lab.handshake.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * A trace's wire words (endpoint names, segment fates) as a page shows them: English in {@code messages/traceWords_en.properties}, Chinese in
 * {@code messages/traceWords_zh.properties}; templates use the tags {@code endpointName} and {@code fateName}. The
 * simulator's script takes them too ({@code site.ScriptWordsResource}), so a ladder's lane titles are one word on the
 * page and in the SVG download.
 */
@MessageBundle(value = "traceWords", locale = "en")
public interface TraceWords {

    @Message
    String endpoint_client();

    @Message
    String endpoint_server();

    @Message
    String endpoint_attacker();

    /** Where a listener's answer to a spoofed SYN goes: the source address the SYN forged (RFC 4987 §2). */
    @Message
    String endpoint_forged_source();

    /**
     * An endpoint's name as a ladder's lane title (capitalised in English), on the page ({@code ep.client} in
     * ladder-view.js) and in the SVG download ({@code formats.LadderSvgWriter}).
     */
    @Message
    String ep_client();

    @Message
    String ep_server();

    @Message
    String ep_attacker();

    /** The lane of the addresses a flood's SYNs forged, where the listener's answers go (RFC 4987 §2). */
    @Message
    String ep_forged_source();

    /** Under that lane's title and addresses: no host there answers. */
    @Message
    String ep_forged_note();

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

    @Message
    String fate_ce_marked();
}
