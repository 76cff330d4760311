package lab.handshake.teacher;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The CSRF signature key when none is configured: random for this process and never logged. It has the
 * lowest priority, so QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY (which replicas must share) always wins.
 */
public class RandomCsrfKey implements ConfigSource {
    static final String PROPERTY = "quarkus.rest-csrf.token-signature-key";
    private static final Map<String, String> VALUES = Map.of(PROPERTY, randomKey());

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return RandomCsrfKey.class.getSimpleName();
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
