package lab.handshake.api;

import java.time.Duration;

/** A refusal that passes with time (429, 503): the answer carries {@code Retry-After} in whole seconds. */
public class RetryLater extends ApiProblem {
    private final Duration retryAfter;

    public RetryLater(int status, String type, String title, String detail, Duration retryAfter) {
        super(status, type, title, detail, null);
        this.retryAfter = retryAfter;
    }

    /** Rounded up, and at least 1: a client told 0 would retry at once. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
