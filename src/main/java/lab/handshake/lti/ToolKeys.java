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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The tool's own RSA keys (RS256, 2048 bits), made by nimbus-jose-jwt and kept in the database so every replica
 * signs with the same key. The newest signs; the newest two are published, so what was signed with the previous
 * key still verifies while platforms refetch our JWKS after a rotation.
 */
@ApplicationScoped
public class ToolKeys {
    private static final Logger LOG = Logger.getLogger(ToolKeys.class);
    static final int PUBLISHED = 2;
    private static final int KEY_BITS = 2048;

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

    private static LtiToolKey create() {
        try {
            RSAKey generated = new RSAKeyGenerator(KEY_BITS).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            LtiToolKey key = new LtiToolKey();
            key.kid = generated.getKeyID();
            key.jwk = generated.toJSONString();
            key.createdAt = Instant.now();
            key.persistAndFlush();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    private static RSAKey parse(LtiToolKey key) {
        try {
            return RSAKey.parse(key.jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("stored LTI key " + key.kid + " is not a JWK", e);
        }
    }
}
