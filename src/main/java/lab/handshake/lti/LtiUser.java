package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An LMS user (the token's {@code sub} on one platform): a learner here, and a teacher too once they launched as an instructor. */
@Entity
@Table(name = "lti_user")
public class LtiUser extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long platformId;

    public String subject;

    /** The learner id their attempts and classes are kept under, as the anonymous cookie's would be. */
    public String learnerId;

    /** Their teacher account, made at their first instructor launch; null for learners. */
    public Long teacherId;

    public String name;

    static LtiUser of(long platformId, String subject) {
        return find("platformId = ?1 and subject = ?2", platformId, subject).firstResult();
    }
}
