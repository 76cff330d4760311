package lab.handshake.teacher;

import java.time.Duration;
import java.time.Instant;

/** A login clock a test moves forward instead of waiting (installed with QuarkusMock). */
class MovableClock extends LoginClock {
    private Instant now = Instant.parse("2026-03-02T09:00:00Z");

    @Override
    public Instant now() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
