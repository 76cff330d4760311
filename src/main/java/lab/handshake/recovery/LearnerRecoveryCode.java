package lab.handshake.recovery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The hash of a learner's one recovery code (Flyway {@code V28}); the code itself is shown once and never kept. */
@Entity
@Table(name = "learner_recovery_code")
public class LearnerRecoveryCode extends PanacheEntityBase {
    @Id
    public String learnerId;

    public String codeHash;

    /** The address that made it, hashed ({@link lab.handshake.api.ClientKey}): codes made per hour are bounded by it. */
    public String clientKey;

    public Instant createdAt;

    static LearnerRecoveryCode byHash(String codeHash) {
        return find("codeHash", codeHash).firstResult();
    }
}
