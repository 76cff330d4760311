package lab.handshake.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.secrets.SecretsKey;
import org.jboss.logging.Logger;

/**
 * The tool's own RSA keys (RS256, 2048 bits), made by nimbus-jose-jwt and kept in the database so every replica
 * signs with the same key. The newest signs; the newest two are published, so what was signed with the previous
 * key still verifies while platforms refetch our JWKS after a rotation.
 *
 * <p>The private keys are stored encrypted under the {@link SecretsKey} (a database dump alone signs nothing). At
 * start every stored key is opened, so a wrong or missing secrets key stops the start with a message naming the
 * setting, and keys still stored as plaintext (from before encryption) are encrypted.
 */
@ApplicationScoped
public class ToolKeys {
    private static final Logger LOG = Logger.getLogger(ToolKeys.class);
    static final int PUBLISHED = 2;
    private static final int KEY_BITS = 2048;

    private final HandshakeConfig config;
    private SecretsKey secretsKey;

    public ToolKeys(HandshakeConfig config) {
        this.config = config;
    }

    /** At start (beside the template engine, {@code startup.BesideTemplateEngine}): see the class's comment. */
    public void openStoredKeys() {
        secretsKey();
    }

    /** The secrets key, found (or, before anything is sealed, made) once, with the stored keys opened and sealed. */
    synchronized SecretsKey secretsKey() {
        if (secretsKey == null) {
            secretsKey = QuarkusTransaction.requiringNew().call(() -> {
                List<LtiToolKey> stored = LtiToolKey.listAll();
                SecretsKey key = SecretsKey.resolve(config.secrets().key(), config.dataDir(),
                        stored.stream().anyMatch(row -> SecretsKey.isSealed(row.jwk)));
                sealPlaintext(stored, key);
                return key;
            });
        }
        return secretsKey;
    }

    /**
     * Opens every sealed key (a wrong secrets key fails here, at start, rather than at the first launch) and seals
     * the ones stored as plaintext; sealed rows stay as they are, so running it again changes nothing.
     */
    static int sealPlaintext(List<LtiToolKey> stored, SecretsKey key) {
        int sealed = 0;
        for (LtiToolKey row : stored) {
            if (SecretsKey.isSealed(row.jwk)) {
                key.open(row.jwk);
            } else {
                row.jwk = key.seal(row.jwk);
                sealed++;
            }
        }
        if (sealed > 0) {
            LOG.infof("%d LTI tool key(s) stored as plaintext are now encrypted under the secrets key from %s", sealed, key.source());
        }
        return sealed;
    }

    /** The key to sign with; the first one is made when none exists yet. */
    @Transactional
    public RSAKey signingKey() {
        List<LtiToolKey> keys = LtiToolKey.newest(1);
        return parse(keys.isEmpty() ? create() : keys.get(0));
    }

    /** A JWT signed (RS256) with the current key, its {@code kid} in the header: deep-linking answers, client assertions. */
    public String sign(JWTClaimsSet claims) {
        RSAKey key = signingKey();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the tool's key cannot sign", e);
        }
    }

    /** The public halves of the published keys, as /lti/jwks serves them. */
    @Transactional
    public JWKSet publicKeys() {
        if (LtiToolKey.count() == 0) {
            create();
        }
        return new JWKSet(LtiToolKey.newest(PUBLISHED).stream().map(key -> (com.nimbusds.jose.jwk.JWK) parse(key).toPublicJWK()).toList());
    }

    /** A new key signs from now on; the one before it stays published, older ones are deleted. */
    @Transactional
    public String rotate() {
        LtiToolKey created = create();
        List<LtiToolKey> kept = LtiToolKey.newest(PUBLISHED);
        LtiToolKey.delete("kid not in ?1", kept.stream().map(key -> key.kid).toList());
        LOG.infof("LTI tool key rotated: kid=%s signs from now on", created.kid);
        return created.kid;
    }

    private LtiToolKey create() {
        try {
            RSAKey generated = new RSAKeyGenerator(KEY_BITS).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            LtiToolKey key = new LtiToolKey();
            key.kid = generated.getKeyID();
            key.jwk = secretsKey().seal(generated.toJSONString());
            key.createdAt = Instant.now();
            key.persistAndFlush();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    private RSAKey parse(LtiToolKey key) {
        try {
            return RSAKey.parse(secretsKey().open(key.jwk));
        } catch (ParseException e) {
            throw new IllegalStateException("stored LTI key " + key.kid + " is not a JWK", e);
        }
    }
}
