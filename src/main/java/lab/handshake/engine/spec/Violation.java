package lab.handshake.engine.spec;

/**
 * One thing wrong with a specification: the field (a JSON path such as {@code actions[2].bytes}) and what is
 * wrong with it. {@code tooLarge} marks a size bound (413) rather than a malformed value (400).
 */
public record Violation(String field, String message, boolean tooLarge) {
    public static Violation invalid(String field, String message) {
        return new Violation(field, message, false);
    }

    public static Violation tooLarge(String field, String message) {
        return new Violation(field, message, true);
    }
}
