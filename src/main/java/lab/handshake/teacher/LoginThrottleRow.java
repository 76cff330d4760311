package lab.handshake.teacher;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Failed logins of one account or one client address (see {@link LoginThrottle}). */
@Entity
@Table(name = "login_throttle")
public class LoginThrottleRow extends PanacheEntityBase {
    @Id
    public String subject;

    public int failures;

    public Instant lastFailureAt;

    /** Until then every login of this subject is refused without looking at the password. */
    public Instant blockedUntil;
}
