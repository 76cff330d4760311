package lab.handshake.engine;

import java.util.Arrays;
import java.util.List;

/** An enum whose values a scenario or a request names by a word of its own ({@link #apiName}). */
public interface ApiNamed {
    String apiName();

    /** The value {@code text} names, or an error that says which words {@code field} takes. */
    static <E extends ApiNamed> E parse(E[] values, String text, String field) {
        for (E value : values) {
            if (value.apiName().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + String.join(", ", apiNames(values)));
    }

    static List<String> apiNames(ApiNamed[] values) {
        return Arrays.stream(values).map(ApiNamed::apiName).toList();
    }
}
