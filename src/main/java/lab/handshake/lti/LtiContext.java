package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An LMS course (the token's context on one platform) and the class it is here. */
@Entity
@Table(name = "lti_context")
public class LtiContext extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long platformId;

    public String contextId;

    public long classId;

    /** The course's NRPS membership service, as the latest launch from it named it; null when none did. */
    public String membershipsUrl;

    static LtiContext of(long platformId, String contextId) {
        return find("platformId = ?1 and contextId = ?2", platformId, contextId).firstResult();
    }
}
