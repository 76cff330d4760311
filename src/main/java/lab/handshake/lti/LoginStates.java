package lab.handshake.lti;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Logins in progress, kept in the database keyed by their random {@code state} (not in a cookie, which a
 * browser blocking third-party cookies would not send back to the LMS's iframe). A state is good for ten
 * minutes and for one launch.
 */
@ApplicationScoped
public class LoginStates {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final int RANDOM_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /** A state and nonce issued for one login initiation. */
    public record Issued(String state, String nonce) {
    }

    /** The state's platform and the nonce its id_token must carry. */
    public record Waiting(long platformId, String nonce) {
    }

    @Transactional
    public Issued begin(LtiPlatform platform) {
        LtiLoginState login = new LtiLoginState();
        login.state = randomToken();
        login.nonce = randomToken();
        login.platformId = platform.id;
        login.createdAt = Instant.now();
        login.persist();
        return new Issued(login.state, login.nonce);
    }

    /**
     * Marks the state used, in a transaction of its own so a launch refused later still spends it. Refused:
     * a state never issued or too old, and one presented before (a replay).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Waiting consume(String state) {
        Instant now = Instant.now();
        int marked = LtiLoginState.update("usedAt = ?1 where state = ?2 and usedAt is null and createdAt > ?3",
                now, state, now.minus(LIFETIME));
        LtiLoginState login = LtiLoginState.findById(state);
        if (marked == 1) {
            return new Waiting(login.platformId, login.nonce);
        }
        throw new LaunchRefused(login != null && login.usedAt != null ? LaunchRefusal.STATE_USED : LaunchRefusal.UNKNOWN_STATE,
                login == null ? "no such state" : "state issued at " + login.createdAt + ", used at " + login.usedAt);
    }

    /** Old states are forgotten (every replica may run this; it is idempotent). */
    @Scheduled(every = "10m", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purge() {
        Instant cutoff = Instant.now().minus(LIFETIME.multipliedBy(6));
        LtiLoginState.delete("createdAt < ?1", cutoff);
        LtiSessionTicket.delete("expiresAt < ?1", Instant.now());
        LtiDeepLinkRequest.delete("expiresAt < ?1", Instant.now());
    }

    String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
