package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A line item the tool created in a course (AGS 2.0 §3.2) for one resource link of a platform; while one replica
 * creates it, the row holds no line item yet and is claimed until {@link #claimedUntil}.
 */
@Entity
@Table(name = "lti_line_item")
public class LtiLineItem extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long platformId;

    public String resourceLinkId;

    /** Null while it is being created. */
    public String lineItem;

    public Instant createdAt;

    public Instant claimedUntil;

    static LtiLineItem of(long platformId, String resourceLinkId) {
        return find("platformId = ?1 and resourceLinkId = ?2", platformId, resourceLinkId).firstResult();
    }

    /** Takes over an unfinished creation whose claim has run out; false when another holds it still. */
    static boolean reclaim(long id, Instant now, Instant until) {
        return update("claimedUntil = ?1 where id = ?2 and lineItem is null and claimedUntil <= ?3", until, id, now) == 1;
    }
}
