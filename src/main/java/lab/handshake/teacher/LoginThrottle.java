package lab.handshake.teacher;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.handshake.config.HandshakeConfig;

/**
 * Slows down password guessing, per account and per client address, with counters in the database so that
 * every replica sees the same ones. After a few failures each further try must wait, and the wait doubles
 * with every failure up to {@link HandshakeConfig.Login#longestWait()}; a refused try is not counted, so a teacher is
 * never locked out for good, and a successful login clears its account's counter.
 * <p>
 * A try is counted as a failure before its password is checked (and taken back if it succeeds): many tries
 * sent at the same moment then cannot all slip past the limit while the first ones are still being checked.
 */
@ApplicationScoped
public class LoginThrottle {
    /** What is counted: an account (by username) or a client (by the hash of its address). */
    enum Kind {
        ACCOUNT("account:"), CLIENT("client:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    record Subject(Kind kind, String key) {
        String id() {
            return kind.prefix + key;
        }
    }

    private final HandshakeConfig.Login config;
    private final LoginClock clock;

    public LoginThrottle(HandshakeConfig config, LoginClock clock) {
        this.config = config.login();
        this.clock = clock;
    }

    /**
     * Lets a login try go ahead (and counts it as a failure until {@link #succeeded}), or says how long the
     * client must wait. {@code username} is empty when it cannot name an account; the client is counted anyway.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Duration> admit(Optional<String> username, String clientKey) {
        Instant now = clock.now();
        List<Subject> subjects = new ArrayList<>();
        username.ifPresent(name -> subjects.add(new Subject(Kind.ACCOUNT, name)));
        subjects.add(new Subject(Kind.CLIENT, clientKey));
        List<LoginThrottleRow> rows = subjects.stream().map(subject -> lock(subject, now)).toList();
        Optional<Duration> wait = rows.stream()
                .filter(row -> row.blockedUntil != null && now.isBefore(row.blockedUntil))
                .map(row -> Duration.between(now, row.blockedUntil))
                .max(Duration::compareTo);
        if (wait.isEmpty()) {
            for (int i = 0; i < rows.size(); i++) {
                countFailure(rows.get(i), allowedFailures(subjects.get(i).kind()), now);
            }
        }
        return wait;
    }

    /** The try {@link #admit} let through had the right password: the account starts afresh. */
    @Transactional
    public void succeeded(String username, String clientKey) {
        // A query, not a load-and-remove: two sign-ins of one account at once (two tabs, two replicas) both delete
        // the row, and the second must find nothing to delete rather than fail with a stale row.
        LoginThrottleRow.delete("subject", new Subject(Kind.ACCOUNT, username).id());
        LoginThrottleRow client = LoginThrottleRow.findById(new Subject(Kind.CLIENT, clientKey).id(), LockModeType.PESSIMISTIC_WRITE);
        if (client != null && client.failures > 0) {
            client.failures--;
            if (client.failures < allowedFailures(Kind.CLIENT)) {
                // Only this try's own count had started the wait.
                client.blockedUntil = null;
            }
        }
    }

    /** Rows whose failures are all forgotten are deleted (every replica may run it; it is idempotent). */
    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void purgeForgotten() {
        Instant before = clock.now().minus(config.forgetFailuresAfter()).minus(config.longestWait());
        LoginThrottleRow.delete("lastFailureAt < ?1", before);
    }

    private LoginThrottleRow lock(Subject subject, Instant now) {
        LoginThrottleRow row = LoginThrottleRow.findById(subject.id(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            // When two replicas insert the same subject at once, one insert fails here (flushed at once, so that it
            // fails as a PersistenceException); LoginForm then tries once more and finds the row.
            row = new LoginThrottleRow();
            row.subject = subject.id();
            row.lastFailureAt = now;
            row.persistAndFlush();
        } else if (row.lastFailureAt.isBefore(now.minus(config.forgetFailuresAfter()))
                && (row.blockedUntil == null || !now.isBefore(row.blockedUntil))) {
            row.failures = 0;
            row.blockedUntil = null;
        }
        return row;
    }

    private int allowedFailures(Kind kind) {
        return kind == Kind.ACCOUNT ? config.accountFailuresBeforeWait() : config.clientFailuresBeforeWait();
    }

    private void countFailure(LoginThrottleRow row, int allowed, Instant now) {
        row.failures++;
        row.lastFailureAt = now;
        if (row.failures >= allowed) {
            row.blockedUntil = now.plus(waitAfter(row.failures - allowed));
        }
    }

    /** The first wait, doubled for every failure beyond the allowed ones, at most the longest wait. */
    private Duration waitAfter(int extraFailures) {
        Duration wait = config.firstWait();
        for (int i = 0; i < extraFailures && wait.compareTo(config.longestWait()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.longestWait()) < 0 ? wait : config.longestWait();
    }
}
