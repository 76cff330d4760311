package lab.handshake.recovery;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why a recovery code is refused (recovery.RecoveryCodes): not of a code's form, or no learner has it.
 * English in {@code messages/recoveryProblems_en.properties}, Chinese in {@code messages/recoveryProblems_zh.properties}.
 */
@MessageBundle(value = "recoveryProblems", locale = "en")
public interface RecoveryProblemMessages {

    @Message
    String invalid_recovery_code_title();

    @Message
    String recovery_code_form();

    @Message
    String not_a_recovery_code();

    @Message
    String unknown_recovery_code_title();

    @Message
    String no_learner_has_code();

    @Message
    String code_of_no_learner();
}
