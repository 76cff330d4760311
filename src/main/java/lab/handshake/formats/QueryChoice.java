package lab.handshake.formats;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import lab.handshake.api.Refusal;

/** A query parameter that names one of an enum's values by its wire name; 400 naming the parameter for another word. */
final class QueryChoice {
    private QueryChoice() {
    }

    static <E extends Enum<E>> E of(String parameter, String given, E[] values, Function<E, String> wireName) {
        return Arrays.stream(values).filter(value -> wireName.apply(value).equals(given)).findFirst()
                .orElseThrow(() -> Refusal.badParameter(parameter, words -> words.must_be_one_of(
                        Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")))));
    }
}
