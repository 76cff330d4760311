package lab.handshake.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the "TCP setting" block (tags/tunableSetting.html), the one home of the words the scenario editor and
 * the sandbox's set-up share: English in {@code messages/tunable_en.properties}, Chinese in
 * {@code messages/tunable_zh.properties}; the template uses them as {@code {tunable:key}}. A tunable's own name,
 * meaning and choices are the engine's ({@link TunableField}); the hosts are named as a trace names them
 * ({@link TraceWords}).
 */
@MessageBundle(value = "tunable", locale = "en")
public interface TunableMessages {

    /** The block's legend. */
    @Message
    String tunable_block();

    /** What the block does, under its legend. */
    @Message
    String tunable_block_help();

    /** The label of the choice of tunable. */
    @Message
    String tunable_setting();

    /** The label of the choice of host. */
    @Message
    String tunable_host();

    /** Both hosts, the first choice of host. */
    @Message
    String tunable_both();

    /** After the meaning of a setting of the network, which both hosts share. */
    @Message
    String tunable_wide();

    /** Before the values a tunable takes. */
    @Message
    String tunable_allowed();

    /** Before each profile's default. */
    @Message
    String tunable_defaults();

    /** The label of the value field. */
    @Message
    String tunable_value();

    /** A boolean tunable's true. */
    @Message
    String tunable_true();

    /** A boolean tunable's false. */
    @Message
    String tunable_false();

    /** The button that sets the value. */
    @Message
    String tunable_set();

    /** Said under the block for a value that is not a whole number in range. */
    @Message
    String tunable_bad_whole();

    /** Said under the block for a value that is not a number in range. */
    @Message
    String tunable_bad_decimal();
}
