package lab.handshake.teacher;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One signed-in browser: the SHA-256 of the token in its cookie (see {@link TeacherSessions}). */
@Entity
@Table(name = "teacher_login_session")
public class TeacherLoginSession extends PanacheEntityBase {
    @Id
    public String tokenHash;

    public long teacherId;

    public Instant createdAt;

    public Instant lastSeenAt;
}
