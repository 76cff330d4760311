package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One member of an LMS course as its membership service listed them: who (an {@link LtiUser}) and as what. */
@Entity
@Table(name = "lti_roster_entry")
public class LtiRosterEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long contextId;

    public long userId;

    @Enumerated(EnumType.STRING)
    public LtiRole role;

    public boolean active;

    public Instant syncedAt;

    static LtiRosterEntry of(long contextId, long userId) {
        return find("contextId = ?1 and userId = ?2", contextId, userId).firstResult();
    }
}
