package lab.handshake.secrets;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that encrypts secrets kept in the database, so that a dump or a backup of the database alone gives none
 * away. A secret is sealed as a compact JWE ({@code dir} + {@code A256GCM}, by nimbus-jose-jwt): the key itself
 * encrypts, and GCM's tag makes a wrong key or a changed text fail to open instead of yielding garbage.
 *
 * <p>The key is {@code handshake.secrets.key} when set (base64 of 32 bytes; replicas share it), otherwise the
 * file {@value #FILE_NAME} in the data directory, made on the first start. A new key is never made while sealed
 * secrets exist: they would be lost (and with the LTI keys, the LMS registrations).
 */
public final class SecretsKey {
    /** How the setting is named in every message: its property and its environment variable. */
    public static final String SETTING = "handshake.secrets.key (HANDSHAKE_SECRETS_KEY)";
    public static final String FILE_NAME = "secrets.key";
    static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final String source;

    private SecretsKey(byte[] bytes, String source) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.source = source;
    }

    /**
     * The key in use: the setting when given, else the data directory's key file; that file is made only when
     * nothing sealed exists yet, so a lost or misplaced key is an error at start and never a silent new key.
     */
    public static SecretsKey resolve(Optional<String> setting, Path dataDir, boolean sealedSecretsExist) {
        if (setting.isPresent()) {
            return fromSetting(setting.get());
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return readFile(file);
        }
        if (sealedSecretsExist) {
            throw new IllegalStateException("Secrets in the database are encrypted, but there is no key to open them: "
                    + SETTING + " is not set and " + file.toAbsolutePath() + " does not exist. Set " + SETTING
                    + " or restore that file from the backup it was kept in; a new key would lose the LTI tool keys"
                    + " that the LMS registrations trust.");
        }
        return createFile(file);
    }

    static SecretsKey fromSetting(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SETTING + " is not base64 (make one with: openssl rand -base64 32)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(SETTING + " must be base64 of " + KEY_BYTES + " bytes, not " + bytes.length
                    + " (make one with: openssl rand -base64 32)");
        }
        return new SecretsKey(bytes, SETTING);
    }

    private static SecretsKey readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("The secrets key file " + file.toAbsolutePath() + " cannot be read (" + e.getMessage()
                    + "); " + SETTING + " can be given instead", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The secrets key file " + file.toAbsolutePath() + " holds " + bytes.length
                    + " bytes, not " + KEY_BYTES + "; restore it from a backup or give " + SETTING);
        }
        return new SecretsKey(bytes, file.toAbsolutePath().toString());
    }

    /**
     * A new random key, written owner-only to a temporary file that is forced to disk and then linked into place:
     * a crash leaves either no key file or a whole one, and of two instances starting at once on one data
     * directory the second reads the first one's key instead of replacing it.
     */
    private static SecretsKey createFile(Path file) {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        Path temporary = null;
        try {
            Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            temporary = Files.createTempFile(directory, ".secrets-", ".tmp", ownerOnly);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                return readFile(file);
            }
            return new SecretsKey(bytes, file.toAbsolutePath().toString());
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("The secrets key file " + file.toAbsolutePath() + " cannot be created (" + e.getMessage()
                    + "); make the data directory writable or give " + SETTING, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // A stray temporary file holds the same key as secrets.key (or an unused one) and harms nothing.
                }
            }
        }
    }

    /** Where the key came from, for messages: the setting's name or the file's path (never the key). */
    public String source() {
        return source;
    }

    /** The text encrypted under this key, as a compact JWE. */
    public String seal(String plaintext) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(plaintext));
            jwe.encrypt(new DirectEncrypter(key));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("this JVM cannot encrypt with AES-256-GCM", e);
        }
    }

    /** The text a {@link #seal} made; a wrong key or a changed text is an error naming the setting. */
    public String open(String sealed) {
        try {
            JWEObject jwe = JWEObject.parse(sealed);
            jwe.decrypt(new DirectDecrypter(key));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("A secret in the database cannot be opened with the secrets key from " + source
                    + ": it was encrypted under another key (or changed). Start with the key it was encrypted under ("
                    + SETTING + ", or the " + FILE_NAME + " file of the data directory it was made in).", e);
        }
    }

    /** Whether a stored text is sealed (a compact JWE) rather than plaintext kept from before encryption. */
    public static boolean isSealed(String stored) {
        return stored.chars().filter(c -> c == '.').count() == 4 && !stored.strip().startsWith("{");
    }
}
