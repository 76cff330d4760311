package lab.handshake.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import lab.handshake.api.Refusal;
import lab.handshake.config.HandshakeConfig;

/**
 * The one place that decides whether a client (a {@link lab.handshake.api.ClientKey}) may have more of a
 * kind of work ({@link ClientLimit}); beyond its allowance the answer is 429 with {@code Retry-After}.
 * <p>
 * Stored kinds (sessions, quiz attempts) are counted from the client's rows of the last hour, so the bound
 * holds across replicas and restarts. Bucket kinds (traces, captures) store nothing, so each replica keeps a
 * token bucket per client in memory: with N replicas behind a balancer a client may get up to N times the
 * allowance, and a restart refills every bucket. A client idle for a whole window has a full bucket again,
 * which is the same as having none, so buckets are dropped after a window unused; at most
 * {@value #MAX_CLIENTS} clients are tracked per kind.
 */
@ApplicationScoped
public class ClientLimits {
    static final int MAX_CLIENTS = 100_000;

    private final HandshakeConfig.Limits config;
    private final EntityManager entities;
    private final Map<ClientLimit, Cache<String, TokenBucket>> buckets = new EnumMap<>(ClientLimit.class);
    private final Map<ClientLimit, Counter> refused = new EnumMap<>(ClientLimit.class);

    public ClientLimits(HandshakeConfig config, EntityManager entities, MeterRegistry metrics) {
        this.config = config.limits();
        this.entities = entities;
        for (ClientLimit limit : ClientLimit.values()) {
            if (limit.counting() == ClientLimit.Counting.BUCKET) {
                buckets.put(limit, Caffeine.newBuilder().expireAfterAccess(limit.window()).maximumSize(MAX_CLIENTS).build());
            }
            refused.put(limit, Counter.builder("handshake.limits.refused").tag("limit", limit.name().toLowerCase())
                    .description("Requests refused because a client or the instance was over a limit").register(metrics));
        }
    }

    /** Takes one from the client's bucket of this kind, or refuses with 429. */
    public void take(ClientLimit limit, String clientKey) {
        fromBucket(limit, clientKey, true);
    }

    /** Refuses with 429 when the client's bucket of this kind is empty, taking nothing (see {@link #take}). */
    public void checkBucket(ClientLimit limit, String clientKey) {
        fromBucket(limit, clientKey, false);
    }

    private void fromBucket(ClientLimit limit, String clientKey, boolean taking) {
        if (limit.counting() != ClientLimit.Counting.BUCKET) {
            throw new IllegalArgumentException(limit + " is counted from stored rows; use checkStored");
        }
        int allowed = limit.allowed(config);
        long now = System.nanoTime();
        TokenBucket bucket = buckets.get(limit).get(clientKey, key -> new TokenBucket(allowed, limit.window(), now));
        Duration wait = taking ? bucket.take(now) : bucket.waitFor(now);
        if (!wait.isZero()) {
            throw refuse(limit, allowed, wait);
        }
    }

    /**
     * Refuses with 429 when the client already created its allowance of {@code entity} rows within the window.
     * The entity has the fields {@code clientKey} and {@code createdAt}; call this in the transaction that
     * creates the next row.
     */
    public void checkStored(ClientLimit limit, String clientKey, Class<?> entity) {
        if (limit.counting() != ClientLimit.Counting.STORED) {
            throw new IllegalArgumentException(limit + " is counted in memory; use take");
        }
        int allowed = limit.allowed(config);
        Instant now = Instant.now();
        // count(*), not count(e): the (client_key, created_at) index answers it without reading each row.
        Object[] window = entities.createQuery("select count(*), min(e.createdAt) from " + entity.getSimpleName()
                        + " e where e.clientKey = :key and e.createdAt > :since", Object[].class)
                .setParameter("key", clientKey).setParameter("since", now.minus(limit.window()))
                .getSingleResult();
        if ((Long) window[0] >= allowed) {
            // A place frees up when the oldest row of the window leaves it.
            Instant oldest = (Instant) window[1];
            throw refuse(limit, allowed, Duration.between(now, oldest.plus(limit.window())));
        }
    }

    private Refusal.Later refuse(ClientLimit limit, int allowed, Duration wait) {
        refused.get(limit).increment();
        return Refusal.Later.tooMany(limit.problemType(), limit.title(), limit.detail(allowed), wait);
    }
}
