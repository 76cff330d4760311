package lab.handshake.quiz;

import java.time.Duration;
import java.time.Instant;

/** A review clock a test moves days ahead instead of waiting (installed with QuarkusMock). */
public class MovableReviewClock extends ReviewClock {
    private Instant now = Instant.parse("2026-03-02T09:00:00Z");

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }
}
