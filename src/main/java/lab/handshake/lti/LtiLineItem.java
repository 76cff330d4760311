package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A line item the tool created in a course (AGS 2.0 §3.2) for one resource link of a platform. */
@Entity
@Table(name = "lti_line_item")
public class LtiLineItem extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long platformId;

    public String resourceLinkId;

    public String lineItem;

    public Instant createdAt;

    static LtiLineItem of(long platformId, String resourceLinkId) {
        return find("platformId = ?1 and resourceLinkId = ?2", platformId, resourceLinkId).firstResult();
    }
}
