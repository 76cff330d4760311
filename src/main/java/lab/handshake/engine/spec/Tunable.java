package lab.handshake.engine.spec;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import lab.handshake.engine.trace.WireNamed;
import lab.handshake.engine.Profile;
import lab.handshake.engine.TcpParams;

/**
 * A tunable of TCP as a scenario's editor offers it, read from the record components: one per {@link TcpParams}
 * component, with the {@link Range} and {@link ScenarioWide} of the {@link ScenarioParams} component of its name and
 * each profile's default, written as a scenario writes it. Its words are the engine's explanations
 * {@code tunable.<name>} (its name) and {@code tunable.<name>.meaning} (one line), and a choice's
 * {@code tunable.<name>.choice.<value>}; {@code ExplanationTextsTest} names a missing one.
 *
 * @param name         its name in a scenario's {@code params}
 * @param kind         what values it takes
 * @param min          the least value of a number (0 for the others)
 * @param max          the greatest value of a number (0 for the others)
 * @param choices      a {@link Kind#CHOICE}'s values, its enum's API names (empty for the others)
 * @param scenarioWide a setting of the whole scenario (the network's), which no host sets on its own
 * @param defaults     each profile's value, in {@link Profile} order
 */
public record Tunable(String name, Kind kind, long min, long max, List<String> choices, boolean scenarioWide,
                      List<Default> defaults) {

    /** What values a tunable takes. */
    public enum Kind {
        WHOLE, DECIMAL, BOOLEAN, CHOICE
    }

    /**
     * A profile's value of a tunable.
     *
     * @param profile the profile's API name
     * @param value   as a scenario writes it
     */
    public record Default(String profile, String value) {
    }

    private static final List<Tunable> ALL = read();

    /** Every tunable, in {@link TcpParams}' order. */
    public static List<Tunable> all() {
        return ALL;
    }

    /** The key of its name in the engine's explanations; {@code .meaning} and {@code .choice.<value>} follow it. */
    public String key() {
        return "tunable." + name;
    }

    public String meaningKey() {
        return key() + ".meaning";
    }

    public String choiceKey(String choice) {
        return key() + ".choice." + choice;
    }

    private static List<Tunable> read() {
        List<RecordComponent> tunables = TcpParams.COMPONENTS.list();
        List<Object[]> defaults = Arrays.stream(Profile.values()).map(profile -> TcpParams.COMPONENTS.values(profile.defaults())).toList();
        return IntStream.range(0, tunables.size()).mapToObj(i -> {
            RecordComponent tunable = tunables.get(i);
            RecordComponent setting = setting(tunable.getName());
            Range range = setting.getAnnotation(Range.class);
            List<Default> values = IntStream.range(0, defaults.size())
                    .mapToObj(p -> new Default(Profile.values()[p].wireName(), written(defaults.get(p)[i]))).toList();
            return new Tunable(tunable.getName(), kind(tunable.getType()), range == null ? 0 : range.min(), range == null ? 0 : range.max(),
                    choices(tunable.getType()),
                    setting.isAnnotationPresent(ScenarioWide.class), values);
        }).toList();
    }

    /** The words a tunable of a named enum's type takes (synCookies, congestionControl, fastOpen). */
    private static List<String> choices(Class<?> type) {
        return WireNamed.class.isAssignableFrom(type) ? WireNamed.wireNames((WireNamed[]) type.getEnumConstants()) : List.of();
    }

    private static RecordComponent setting(String name) {
        return ScenarioParams.COMPONENTS.list().stream().filter(component -> component.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("ScenarioParams needs a component '" + name + "'"));
    }

    private static Kind kind(Class<?> type) {
        if (type == int.class) {
            return Kind.WHOLE;
        } else if (type == double.class) {
            return Kind.DECIMAL;
        } else if (type == boolean.class) {
            return Kind.BOOLEAN;
        } else if (WireNamed.class.isAssignableFrom(type)) {
            return Kind.CHOICE;
        }
        throw new IllegalStateException("teach Tunable the values of a " + type);
    }

    /** A value as a scenario writes it: an enum by its API name. */
    private static String written(Object value) {
        return value instanceof WireNamed named ? named.wireName() : String.valueOf(value);
    }
}
