package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A login initiation waiting for its launch: the state we sent, the nonce the id_token must carry. */
@Entity
@Table(name = "lti_login_state")
public class LtiLoginState extends PanacheEntityBase {
    @Id
    public String state;

    public String nonce;

    public long platformId;

    public Instant createdAt;

    /** Set by the first launch that presents this state; a second one is a replay. */
    public Instant usedAt;
}
