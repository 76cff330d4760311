package lab.handshake.recovery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import lab.handshake.api.Problem;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;

/**
 * Recovery codes: a learner makes one on request and types it (or opens its link) in another browser, which then
 * becomes that learner. Only the code's hash is stored; a new code replaces the old one, which stops working.
 * Wrong codes are bounded per client address, so guessing one is hopeless. Refusals are typed so the page can say
 * them in the reader's language.
 */
@ApplicationScoped
public class RecoveryCodes {
    public static final String MALFORMED = "invalid-recovery-code";
    public static final String UNKNOWN = "unknown-recovery-code";

    /** Text that cannot be a recovery code: 400. */
    public static final class Malformed extends Refusal.Invalid {
        Malformed() {
            super(MALFORMED, Worded.of(RecoveryProblemMessages.class, RecoveryProblemMessages::invalid_recovery_code_title), Worded.of(RecoveryProblemMessages.class, RecoveryProblemMessages::recovery_code_form),
                    Worded.of(RecoveryProblemMessages.class, words -> List.of(new Problem.FieldError("code", words.not_a_recovery_code()))));
        }
    }

    /** A well-formed code that no learner has (never made, or replaced by a newer one): 404. */
    public static final class Unknown extends Refusal.NotFound {
        Unknown() {
            super(UNKNOWN, Worded.of(RecoveryProblemMessages.class, RecoveryProblemMessages::unknown_recovery_code_title), Worded.of(RecoveryProblemMessages.class, RecoveryProblemMessages::no_learner_has_code),
                    Worded.of(RecoveryProblemMessages.class, words -> List.of(new Problem.FieldError("code", words.code_of_no_learner()))));
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final ClientLimits limits;

    public RecoveryCodes(ClientLimits limits) {
        this.limits = limits;
    }

    /** A new code for this learner, replacing theirs if they had one; committed before it is returned. */
    public RecoveryCode make(String learnerId, String clientKey) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> makeOnce(learnerId, clientKey));
        } catch (RuntimeException e) {
            if (!madeAtTheSameMoment(e)) {
                throw e;
            }
            // A double click or a second tab made this learner's first code at the same moment: replace that one.
            return QuarkusTransaction.requiringNew().call(() -> makeOnce(learnerId, clientKey));
        }
    }

    private RecoveryCode makeOnce(String learnerId, String clientKey) {
        limits.checkStored(ClientLimit.RECOVERY_CODES, clientKey, LearnerRecoveryCode.class);
        RecoveryCode code = RecoveryCode.random(random);
        LearnerRecoveryCode row = LearnerRecoveryCode.findById(learnerId);
        if (row == null) {
            row = new LearnerRecoveryCode();
            row.learnerId = learnerId;
        }
        row.codeHash = code.hash();
        row.clientKey = clientKey;
        row.createdAt = Instant.now();
        row.persistAndFlush();
        return code;
    }

    private static boolean madeAtTheSameMoment(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The learner whose code this is. Refused: a text that cannot be a code (400), a code no learner has (404, and
     * it costs one of the client's wrong codes), and any code once the client has used up its wrong codes (429).
     */
    public String learnerOf(String typed, String clientKey) {
        RecoveryCode code = RecoveryCode.read(typed).orElseThrow(Malformed::new);
        limits.checkBucket(ClientLimit.WRONG_RECOVERY_CODES, clientKey);
        LearnerRecoveryCode row = QuarkusTransaction.requiringNew().call(() -> LearnerRecoveryCode.byHash(code.hash()));
        if (row == null) {
            limits.take(ClientLimit.WRONG_RECOVERY_CODES, clientKey);
            throw new Unknown();
        }
        return row.learnerId;
    }
}
