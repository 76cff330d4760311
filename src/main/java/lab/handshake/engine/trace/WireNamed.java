package lab.handshake.engine.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An enum whose values scenario files, the API, the pages and the golden files spell by a word of their own
 * ({@link #wireName}). One lookup for all of them; each caller chooses the error for a word that names none.
 */
public interface WireNamed {
    String wireName();

    /** The value {@code text} names, if any. */
    static <E extends WireNamed> Optional<E> find(E[] values, String text) {
        return Arrays.stream(values).filter(value -> value.wireName().equals(text)).findFirst();
    }

    /** The value {@code text} names, or an error that says which words {@code field} takes. */
    static <E extends WireNamed> E parse(E[] values, String text, String field) {
        return find(values, text).orElseThrow(
                () -> new IllegalArgumentException(field + " must be one of " + String.join(", ", wireNames(values))));
    }

    static List<String> wireNames(WireNamed[] values) {
        return Arrays.stream(values).map(WireNamed::wireName).toList();
    }
}
