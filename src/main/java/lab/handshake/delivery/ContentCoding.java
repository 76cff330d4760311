package lab.handshake.delivery;

import java.util.Locale;

/**
 * The content codings this site sends (RFC 9110 §8.4.1), best first, and the choice among them for a request's
 * {@code Accept-Encoding} (§12.5.3): the best one the client accepts with a weight above zero; identity when it
 * names none of them.
 */
public enum ContentCoding {
    BROTLI("br"),
    GZIP("gzip"),
    IDENTITY("identity");

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    /** The token of {@code Content-Encoding}, and the suffix that tells this coding's ETag apart. */
    public String token() {
        return token;
    }

    /** The best coding of {@code offered} (best first) that {@code acceptEncoding} accepts. */
    public static ContentCoding choose(String acceptEncoding, Iterable<ContentCoding> offered) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return IDENTITY;
        }
        for (ContentCoding coding : offered) {
            if (coding == IDENTITY || accepts(acceptEncoding, coding.token)) {
                return coding;
            }
        }
        return IDENTITY;
    }

    /** Whether the header names the coding (or {@code *}) with a weight above zero; the coding's own entry wins over {@code *}. */
    private static boolean accepts(String acceptEncoding, String token) {
        Boolean wildcard = null;
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean positive = weight(parts) > 0;
            if (name.equals(token)) {
                return positive;
            }
            if (name.equals("*")) {
                wildcard = positive;
            }
        }
        return Boolean.TRUE.equals(wildcard);
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && Character.toLowerCase(parameter.charAt(0)) == 'q' && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0; // a malformed weight does not count as acceptance
                }
            }
        }
        return 1;
    }
}
