package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A successful launch's one-time ticket (only its hash): whoever opens its link first is signed in as the LTI user. */
@Entity
@Table(name = "lti_session_ticket")
public class LtiSessionTicket extends PanacheEntityBase {
    @Id
    public String ticketHash;

    public String learnerId;

    public Long teacherId;

    public Long classId;

    /** The page the launch named (a quiz or lesson here), to land on; null for the learner's classes. */
    public String targetPath;

    public Instant expiresAt;
}
