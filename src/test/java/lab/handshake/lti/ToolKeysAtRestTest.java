package lab.handshake.lti;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import lab.handshake.secrets.SecretsKey;
import org.junit.jupiter.api.Test;

/** The tool's private signing keys are stored encrypted, still sign, and keys stored before encryption are sealed. */
@QuarkusTest
class ToolKeysAtRestTest {
    @Inject
    ToolKeys keys;

    @Test
    void storedKeysAreSealedNotThePrivateJwk() {
        given().get("/lti/jwks").then().statusCode(200);

        List<String> stored = QuarkusTransaction.requiringNew().call(() -> LtiToolKey.<LtiToolKey>listAll().stream().map(row -> row.jwk).toList());
        assertFalse(stored.isEmpty());
        for (String jwk : stored) {
            assertFalse(jwk.contains("PRIVATE"), jwk);
            assertFalse(jwk.contains("\"d\":"), jwk);
            assertTrue(SecretsKey.isSealed(jwk), jwk);
        }
    }

    @Test
    void sealedKeySignsAndVerifiesWithTheKeyPublishedAtJwks() throws Exception {
        SignedJWT jwt = SignedJWT.parse(keys.sign(new JWTClaimsSet.Builder().issuer("handshake-lab").build()));

        RSAKey published = (RSAKey) JWKSet.parse(given().get("/lti/jwks").asString()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertFalse(published.isPrivate(), "only the public half is published");
        assertTrue(jwt.verify(new RSASSAVerifier(published)));
    }

    @Test
    void keyStoredAsPlaintextBeforeEncryptionIsSealedAndStillOpensToTheSameKey() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID("plaintext-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        QuarkusTransaction.requiringNew().run(() -> {
            LtiToolKey row = new LtiToolKey();
            row.kid = old.getKeyID();
            row.jwk = old.toJSONString();
            row.createdAt = Instant.EPOCH; // the oldest: it never becomes the key that signs for other tests
            row.persist();
        });
        Map<String, String> before = storedByKid();

        int sealed = QuarkusTransaction.requiringNew().call(() -> ToolKeys.sealPlaintext(LtiToolKey.listAll(), keys.secretsKey()));

        Map<String, String> after = storedByKid();
        assertEquals(1, sealed);
        String migrated = after.get(old.getKeyID());
        assertTrue(SecretsKey.isSealed(migrated) && !migrated.contains("\"d\":"), migrated);
        assertEquals(old, RSAKey.parse(keys.secretsKey().open(migrated)), "the same key, not a new one");
        before.remove(old.getKeyID());
        before.forEach((kid, jwk) -> assertEquals(jwk, after.get(kid), "an already sealed key is left as it is"));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ToolKeys.sealPlaintext(LtiToolKey.listAll(), keys.secretsKey())),
                "running the step again changes nothing");
        assertEquals(after, storedByKid());
    }

    @Test
    void storedKeysUnderAnotherSecretsKeyStopTheStartNamingTheSetting() {
        given().get("/lti/jwks").then().statusCode(200);
        SecretsKey other = SecretsKey.resolve(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), Path.of("unused"), true);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().call(() -> ToolKeys.sealPlaintext(LtiToolKey.listAll(), other)));
        assertTrue(refused.getMessage().contains("HANDSHAKE_SECRETS_KEY"), refused.getMessage());
    }

    private static Map<String, String> storedByKid() {
        return QuarkusTransaction.requiringNew().call(() -> LtiToolKey.<LtiToolKey>listAll().stream()
                .collect(Collectors.toMap(row -> row.kid, row -> row.jwk)));
    }
}
