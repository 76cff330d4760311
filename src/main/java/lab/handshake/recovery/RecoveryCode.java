package lab.handshake.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A learner's recovery code: 16 characters of Crockford's base32 (80 random bits), shown and read aloud as four
 * groups of four ({@code 7KQ2-M9XD-…}). Typed back it is read leniently: case, spaces and dashes do not matter, and
 * O, I and L are read as 0, 1 and 1, the digits Crockford's alphabet means by them.
 */
public record RecoveryCode(String value) {
    /** Crockford's base32: digits and upper-case letters without I, L, O and U, so no two look alike. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** 16 characters of 5 bits: 80 bits, which no one guesses at the rate {@code ClientLimit} allows. */
    static final int LENGTH = 16;
    private static final int GROUP = 4;
    /** What a typed code may be before normalising: room for separators, never an unbounded text. */
    public static final int MAX_TYPED_LENGTH = 40;
    /** Where a code is entered on the site ({@code quiz.QuizPages} serves it with the learner's progress). */
    public static final String RESTORE_PAGE = "/progress/restore";
    private static final Pattern FORM = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");

    public RecoveryCode {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a recovery code");
        }
    }

    static RecoveryCode random(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new RecoveryCode(code.toString());
    }

    /** The code a learner typed or a link carried, or empty when it cannot be one (too long, wrong letters or length). */
    public static Optional<RecoveryCode> read(String typed) {
        if (typed == null || typed.length() > MAX_TYPED_LENGTH) {
            return Optional.empty();
        }
        String normalised = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT)
                .replace('O', '0').replace('I', '1').replace('L', '1');
        return FORM.matcher(normalised).matches() ? Optional.of(new RecoveryCode(normalised)) : Optional.empty();
    }

    /** Four groups of four, joined by dashes: how the page shows it and how it is read aloud. */
    public String grouped() {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < LENGTH; i += GROUP) {
            shown.append(i == 0 ? "" : "-").append(value, i, i + GROUP);
        }
        return shown.toString();
    }

    /** The page that restores with this code, relative to the site: a link as secret as the code itself. */
    public String link() {
        return RESTORE_PAGE + "?code=" + grouped();
    }

    /** What is stored: the SHA-256 of the code in hex. The code's 80 random bits make trying codes against it hopeless. */
    String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Never the code itself in a log or an exception. */
    @Override
    public String toString() {
        return "RecoveryCode[…]";
    }
}
