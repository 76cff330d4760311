package lab.handshake.engine;

import java.util.List;

/**
 * Words in no language yet: a message key of {@code explanations*.properties} and its arguments, which may
 * be phrases themselves (an endpoint's name, a nested explanation). {@link Messages#render} puts it into
 * English or Chinese, so one simulation can be told in every language.
 *
 * @param fallback what to show when the key has no text (an endpoint without a translated name); null when
 *                 the key must exist
 */
public record Phrase(String key, List<Object> args, String fallback) {

    public static Phrase of(String key, Object... args) {
        return new Phrase(key, List.of(args), null);
    }

    /** An endpoint's name as the text shows it ("client", "客户端"); any other name is shown as it is. */
    public static Phrase endpoint(String name) {
        return new Phrase("endpoint." + name, List.of(), name);
    }
}
