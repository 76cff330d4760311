package lab.handshake.teacher;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import lab.handshake.config.HandshakeConfig;
import org.jboss.logging.Logger;

/**
 * Teachers' logins, kept on the server: the login cookie holds a random token that names a row of
 * {@code teacher_login_session}. Every request looks the row up, so logging out or disabling an account ends
 * the login at once on every replica, and no key has to be shared between replicas (or printed in a log).
 */
@ApplicationScoped
public class TeacherSessions {
    private static final Logger LOG = Logger.getLogger(TeacherSessions.class);
    /** A row's last use is written at most this often, not on every request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 64;

    private final SecureRandom random = new SecureRandom();
    private final HandshakeConfig.Login config;
    private final LoginClock clock;

    public TeacherSessions(HandshakeConfig config, LoginClock clock) {
        this.config = config.login();
        this.clock = clock;
    }

    /** Starts a login for this account (its password checked already) if it is active; the token is for the cookie. */
    @Transactional
    public Optional<String> openIfActive(String username) {
        Teacher teacher = Teacher.findByUsername(username);
        if (teacher == null || teacher.status != TeacherStatus.ACTIVE) {
            return Optional.empty();
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        TeacherLoginSession session = new TeacherLoginSession();
        session.tokenHash = hash(token);
        session.teacherId = teacher.id;
        session.createdAt = session.lastSeenAt = clock.now();
        session.persist();
        return Optional.of(token);
    }

    /** The active teacher a cookie's token signs in, if its login has not ended or idled out. */
    @Transactional
    public Optional<Teacher> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        TeacherLoginSession session = TeacherLoginSession.findById(hash(token));
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.now();
        Teacher teacher = Teacher.findById(session.teacherId);
        if (teacher == null || teacher.status != TeacherStatus.ACTIVE
                || session.lastSeenAt.plus(config.sessionIdleTimeout()).isBefore(now)) {
            session.delete();
            return Optional.empty();
        }
        if (session.lastSeenAt.plus(TOUCH_INTERVAL).isBefore(now)) {
            session.lastSeenAt = now;
        }
        return Optional.of(teacher);
    }

    /** Logging out: this token stops working everywhere. */
    @Transactional
    public void close(String token) {
        if (token != null && token.length() <= MAX_TOKEN_LENGTH) {
            TeacherLoginSession.deleteById(hash(token));
        }
    }

    /** Every login of this teacher ends (the account was disabled, deleted or given a new password). */
    @Transactional
    public void closeAll(Teacher teacher) {
        TeacherLoginSession.delete("teacherId", teacher.id);
    }

    /** Logins idle for longer than the timeout are deleted (every replica may run it; it is idempotent). */
    @Scheduled(every = "1h", delayed = "4m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void purgeIdle() {
        long deleted = TeacherLoginSession.delete("lastSeenAt < ?1", clock.now().minus(config.sessionIdleTimeout()));
        if (deleted > 0) {
            LOG.debugf("Deleted %d idle teacher logins", deleted);
        }
    }

    /** Only the token's hash is stored, so the table alone signs nobody in. */
    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
