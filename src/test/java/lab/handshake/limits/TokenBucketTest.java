package lab.handshake.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowABurstOfItsCapacityThenSayWhenTheNextTokenComes() {
        TokenBucket bucket = new TokenBucket(3, Duration.ofMinutes(1), 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, bucket.take(0));
        }
        // 3 per minute: one token every 20 s.
        assertEquals(Duration.ofSeconds(20), bucket.take(0));
        assertEquals(Duration.ofSeconds(5), bucket.take(15 * SECOND));
    }

    @Test
    void shouldRefillEvenlyButNeverAboveItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, Duration.ofMinutes(1), 0);
        bucket.take(0);
        bucket.take(0);
        assertEquals(Duration.ZERO, bucket.take(30 * SECOND));
        // An hour idle refills it to 2, not to 120.
        assertEquals(Duration.ZERO, bucket.take(3600 * SECOND));
        assertEquals(Duration.ZERO, bucket.take(3600 * SECOND));
        assertEquals(Duration.ofSeconds(30), bucket.take(3600 * SECOND));
    }

    @Test
    void shouldSayWhetherATokenIsLeftWithoutTakingIt() {
        TokenBucket bucket = new TokenBucket(1, Duration.ofMinutes(1), 0);
        assertEquals(Duration.ZERO, bucket.waitFor(0));
        assertEquals(Duration.ZERO, bucket.waitFor(0));
        assertEquals(Duration.ZERO, bucket.take(0));
        assertEquals(Duration.ofSeconds(60), bucket.waitFor(0));
        assertEquals(Duration.ofSeconds(30), bucket.waitFor(30 * SECOND));
    }
}
