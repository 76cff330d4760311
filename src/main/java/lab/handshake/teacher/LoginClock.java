package lab.handshake.teacher;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The time logins are measured by; a bean so that tests can move it instead of waiting. */
@ApplicationScoped
public class LoginClock {
    public Instant now() {
        return Instant.now();
    }
}
