package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One of the tool's RSA key pairs, kept in the database so every replica signs with the same key: its private JWK
 * (JSON) encrypted under the secrets key, as a compact JWE ({@link ToolKeys} seals and opens it).
 */
@Entity
@Table(name = "lti_tool_key")
public class LtiToolKey extends PanacheEntityBase {
    @Id
    public String kid;

    /** The sealed private JWK; plaintext only in rows from before encryption, until the next start seals them. */
    public String jwk;

    public Instant createdAt;

    /** The newest keys first. */
    static List<LtiToolKey> newest(int count) {
        return find("order by createdAt desc, kid").page(0, count).list();
    }
}
