package lab.handshake.engine;

import java.util.List;

/**
 * Why the engine did something: the RFC section that decided it and a message key (with arguments) that
 * {@link Messages} turns into English or Chinese text. The engine never builds prose itself, so every
 * explanation exists in both languages. An argument may be a {@link Phrase} (an endpoint's name), rendered in
 * the same language.
 */
public record Explanation(String rule, String key, List<Object> args) {

    public static Explanation of(String rule, String key, Object... args) {
        return new Explanation(rule, key, List.of(args));
    }

    /** The words of the explanation, without its rule. */
    public Phrase phrase() {
        return new Phrase(key, args, null);
    }
}
