package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An instructor's deep-linking request waiting for their pick: where to send the answer and what to echo. */
@Entity
@Table(name = "lti_deep_link_request")
public class LtiDeepLinkRequest extends PanacheEntityBase {
    @Id
    public String requestHash;

    public long platformId;

    public String deploymentId;

    public String returnUrl;

    /** The request's opaque {@code data}, echoed in the response. */
    public String data;

    public Instant expiresAt;
}
