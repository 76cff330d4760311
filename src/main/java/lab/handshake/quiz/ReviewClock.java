package lab.handshake.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The time review cards fall due by; a bean so that tests can move it days ahead instead of waiting. */
@ApplicationScoped
public class ReviewClock {
    public Instant now() {
        return Instant.now();
    }
}
