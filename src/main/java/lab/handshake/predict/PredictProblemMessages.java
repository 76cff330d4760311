package lab.handshake.predict;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What a field of a prediction must be (predict.PredictionService, predict.SeqNames), said after the field at fault.
 * English in {@code messages/predictProblems_en.properties}, Chinese in {@code messages/predictProblems_zh.properties}.
 */
@MessageBundle(value = "predictProblems", locale = "en")
public interface PredictProblemMessages {

    @Message
    String invalid_prediction_title();

    @Message
    String must_be_prediction();

    @Message
    String not_a_question_step();

    @Message
    String flags_one_to_five();

    @Message
    String flags_at_most_once();

    @Message
    String ack_only_with_flag();

    @Message
    String seq_form();

    @Message
    String seq_over_32_bits();

    @Message
    String seq_name_not_here(String name);

    /** A predicted segment's destination given where the question does not ask it (only a spoofed SYN's answer). */
    @Message
    String sent_to_only_spoofed();
}
