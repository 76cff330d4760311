package lab.handshake.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key that encrypts secrets at rest: where it comes from, how its file is made, and what a wrong key does. */
class SecretsKeyTest {
    private static final String KEY_A = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String KEY_B = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @TempDir
    Path data;

    @Test
    void firstStartWithoutSettingMakesAnOwnerOnlyKeyFileOf32RandomBytes() throws Exception {
        SecretsKey key = SecretsKey.resolve(Optional.empty(), data, false);

        Path file = data.resolve(SecretsKey.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(SecretsKey.KEY_BYTES, Files.size(file));
        assertEquals(file.toAbsolutePath().toString(), key.source());
        try (Stream<Path> left = Files.list(data)) {
            assertEquals(1, left.count(), "no temporary file is left beside the key file");
        }
    }

    @Test
    void keyFileIsMadeInADataDirectoryThatDoesNotExistYet() {
        Path missing = data.resolve("not-yet");
        SecretsKey.resolve(Optional.empty(), missing, false);
        assertTrue(Files.exists(missing.resolve(SecretsKey.FILE_NAME)));
    }

    @Test
    void nextStartReadsTheSameKeyFile() throws Exception {
        String sealed = SecretsKey.resolve(Optional.empty(), data, false).seal("kept");
        byte[] written = Files.readAllBytes(data.resolve(SecretsKey.FILE_NAME));

        assertEquals("kept", SecretsKey.resolve(Optional.empty(), data, true).open(sealed));
        assertArrayEquals(written, Files.readAllBytes(data.resolve(SecretsKey.FILE_NAME)));
    }

    @Test
    void settingIsUsedInsteadOfAFileAndNoFileIsMade() {
        SecretsKey key = SecretsKey.resolve(Optional.of(KEY_A), data, false);
        assertEquals(SecretsKey.SETTING, key.source());
        assertFalse(Files.exists(data.resolve(SecretsKey.FILE_NAME)));
    }

    @Test
    void sealedTextIsACompactJweDirA256GcmWithoutThePlaintext() throws Exception {
        String secret = "{\"kty\":\"RSA\",\"d\":\"private-part\"}";
        String sealed = SecretsKey.resolve(Optional.of(KEY_A), data, false).seal(secret);

        JWEObject jwe = JWEObject.parse(sealed);
        assertEquals(JWEAlgorithm.DIR, jwe.getHeader().getAlgorithm());
        assertEquals(EncryptionMethod.A256GCM, jwe.getHeader().getEncryptionMethod());
        assertFalse(sealed.contains("private-part"));
        assertTrue(SecretsKey.isSealed(sealed));
        assertFalse(SecretsKey.isSealed(secret));
        assertNotEquals(sealed, SecretsKey.resolve(Optional.of(KEY_A), data, false).seal(secret), "a fresh IV each time");
    }

    @Test
    void wrongKeyCannotOpenAndTheErrorNamesTheSetting() {
        String sealed = SecretsKey.resolve(Optional.of(KEY_A), data, false).seal("secret");
        SecretsKey wrong = SecretsKey.resolve(Optional.of(KEY_B), data, true);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> wrong.open(sealed));
        assertTrue(refused.getMessage().contains("HANDSHAKE_SECRETS_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains("handshake.secrets.key"), refused.getMessage());
    }

    @Test
    void missingKeyWhileSealedSecretsExistFailsNamingTheSettingAndMakesNoNewKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SecretsKey.resolve(Optional.empty(), data, true));
        assertTrue(refused.getMessage().contains("HANDSHAKE_SECRETS_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains(SecretsKey.FILE_NAME), refused.getMessage());
        assertFalse(Files.exists(data.resolve(SecretsKey.FILE_NAME)), "a silent new key would orphan what is sealed");
    }

    @Test
    void settingThatIsNotBase64Of32BytesIsRefusedByName() {
        for (String bad : new String[] {"not base64!", Base64.getEncoder().encodeToString(new byte[16])}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> SecretsKey.resolve(Optional.of(bad), data, false));
            assertTrue(refused.getMessage().startsWith(SecretsKey.SETTING), refused.getMessage());
        }
    }

    @Test
    void truncatedKeyFileIsRefusedRatherThanReplaced() throws Exception {
        Path file = data.resolve(SecretsKey.FILE_NAME);
        Files.write(file, new byte[7]);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SecretsKey.resolve(Optional.empty(), data, false));
        assertTrue(refused.getMessage().contains("HANDSHAKE_SECRETS_KEY"), refused.getMessage());
        assertEquals(7, Files.size(file));
    }
}
