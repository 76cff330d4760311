package lab.handshake.limits;

import java.time.Duration;

/**
 * A token bucket: it holds up to {@code capacity} tokens and gains them back evenly, {@code capacity} per
 * {@code window}. Taking a token succeeds while one is left; otherwise the answer is how long until one is.
 * Time is passed in (nanoseconds), so tests need no clock.
 */
final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int capacity, Duration window, long now) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) window.toNanos();
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes one token: {@link Duration#ZERO} when it was there, otherwise the wait until the next one. */
    synchronized Duration take(long now) {
        Duration wait = waitFor(now);
        if (wait.isZero()) {
            tokens -= 1;
        }
        return wait;
    }

    /** Like {@link #take} but leaves the token: for work that costs a token only when it fails. */
    synchronized Duration waitFor(long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - refilledAt) * tokensPerNano);
        refilledAt = now;
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
    }
}
