package lab.handshake.teacher;

import io.smallrye.config.EnvConfigSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The CSRF signature key when none is configured: random for this process and never logged. It has the
 * lowest priority, so QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY (which replicas must share) always wins. It is an
 * environment-like source because Quarkus never records those while building: an ordinary source's value
 * would be copied into the application's jar as a default, and every start would share one published key.
 */
public class RandomCsrfKey extends EnvConfigSource {
    private static final int ORDINAL = 1;

    public RandomCsrfKey() {
        super(Map.of("QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY", randomKey()), ORDINAL);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String getName() {
        return RandomCsrfKey.class.getSimpleName();
    }
}
