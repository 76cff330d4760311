package lab.handshake.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lab.handshake.engine.Profile;
import lab.handshake.engine.CongestionControl;
import lab.handshake.engine.FastOpen;
import lab.handshake.engine.SynCookieMode;
import lab.handshake.engine.TcpParams;
import org.junit.jupiter.api.Test;

/**
 * A tunable is named once in {@link TcpParams} and once in {@link ScenarioParams} (component, builder field and
 * setter); copies, the overlay and the ranges find it by that name. These tests say what a new tunable still lacks.
 */
class TunablesTest {
    private static final Map<String, RecordComponent> SETTINGS = Arrays.stream(ScenarioParams.class.getRecordComponents())
            .collect(Collectors.toMap(RecordComponent::getName, Function.identity()));

    private static Class<?> boxed(Class<?> type) {
        return Map.<Class<?>, Class<?>>of(int.class, Integer.class, long.class, Long.class, double.class, Double.class,
                boolean.class, Boolean.class).getOrDefault(type, type);
    }

    @Test
    void everyTunableOfTcpIsAScenarioSettingOfTheSameNameAndBoxedType() {
        List<String> wrong = new ArrayList<>();
        for (RecordComponent tunable : TcpParams.class.getRecordComponents()) {
            RecordComponent setting = SETTINGS.get(tunable.getName());
            // An enum is written by its API name; the overlay parses SynCookieMode's and CongestionControl's.
            Class<?> expected = tunable.getType().isEnum() ? String.class : boxed(tunable.getType());
            if (setting == null || setting.getType() != expected) {
                wrong.add(tunable.getName() + ": ScenarioParams needs a component '" + tunable.getName() + "' of type "
                        + expected.getSimpleName() + (setting == null ? "" : ", not " + setting.getType().getSimpleName()));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyNumberAScenarioMaySetDeclaresItsRange() {
        List<String> unbounded = SETTINGS.values().stream()
                .filter(setting -> Number.class.isAssignableFrom(setting.getType()) && !setting.isAnnotationPresent(Range.class))
                .map(setting -> setting.getName() + " needs @Range(min, max) beside its component in ScenarioParams")
                .toList();
        assertEquals(List.of(), unbounded);
    }

    @Test
    void everyComponentHasItsSetterInItsBuilder() {
        List<String> missing = new ArrayList<>();
        for (Class<?> record : List.of(TcpParams.class, ScenarioParams.class)) {
            Class<?> builder = Arrays.stream(record.getDeclaredClasses()).filter(type -> type.getSimpleName().equals("Builder"))
                    .findFirst().orElseThrow();
            for (RecordComponent component : record.getRecordComponents()) {
                try {
                    Method setter = builder.getMethod(component.getName(), builder.getDeclaredField(component.getName()).getType());
                    if (setter.getReturnType() != builder || !Modifier.isPublic(setter.getModifiers())) {
                        missing.add(record.getSimpleName() + ".Builder." + component.getName() + " must return the builder");
                    }
                } catch (NoSuchMethodException | NoSuchFieldException e) {
                    missing.add(record.getSimpleName() + ".Builder needs a field and a setter '" + component.getName() + "'");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void aScenarioSetsEveryTunableByItsNameOverTheProfiles() {
        TcpParams linux = Profile.LINUX.defaults();
        Object[] defaults = TcpParams.COMPONENTS.values(linux);
        List<RecordComponent> tunables = TcpParams.COMPONENTS.list();
        Object[] expected = new Object[defaults.length];
        Object[] settings = new Object[ScenarioParams.COMPONENTS.list().size()];
        List<String> names = ScenarioParams.COMPONENTS.list().stream().map(RecordComponent::getName).toList();
        for (int i = 0; i < defaults.length; i++) {
            int at = names.indexOf(tunables.get(i).getName());
            // A tunable no scenario can set yet is named by the test above.
            expected[i] = at < 0 ? defaults[i] : another(defaults[i]);
            if (at >= 0) {
                settings[at] = expected[i] instanceof SynCookieMode mode ? mode.wireName()
                        : expected[i] instanceof CongestionControl control ? control.wireName()
                        : expected[i] instanceof FastOpen fastOpen ? fastOpen.wireName() : expected[i];
            }
        }
        ScenarioParams everything = ScenarioParams.COMPONENTS.create(settings);
        assertEquals(TcpParams.COMPONENTS.create(expected), everything.over(Profile.LINUX));
        assertEquals(everything, everything.toBuilder().build());
        assertEquals(linux, linux.toBuilder().build());
        assertEquals(ScenarioParams.EMPTY, ScenarioParams.COMPONENTS.create(new Object[settings.length]));
    }

    /** A value of the same type that differs from {@code value}. */
    private static Object another(Object value) {
        if (value instanceof Integer number) {
            return number + 1;
        } else if (value instanceof Double number) {
            return number + 0.5;
        } else if (value instanceof Boolean flag) {
            return !flag;
        } else if (value instanceof SynCookieMode mode) {
            return SynCookieMode.values()[(mode.ordinal() + 1) % SynCookieMode.values().length];
        } else if (value instanceof CongestionControl control) {
            return CongestionControl.values()[(control.ordinal() + 1) % CongestionControl.values().length];
        } else if (value instanceof FastOpen fastOpen) {
            return FastOpen.values()[(fastOpen.ordinal() + 1) % FastOpen.values().length];
        }
        throw new AssertionError("teach this test a value of " + value.getClass());
    }

    @Test
    void everyRangeIsCheckedAtTheScenarioAndAtEachHost() {
        List<Violation> expected = new ArrayList<>();
        Object[] scenario = new Object[ScenarioParams.COMPONENTS.list().size()];
        Object[] host = new Object[scenario.length];
        for (int i = 0; i < scenario.length; i++) {
            RecordComponent setting = ScenarioParams.COMPONENTS.list().get(i);
            Range range = setting.getAnnotation(Range.class);
            if (range == null || range.max() == Long.MAX_VALUE) {
                continue;
            }
            scenario[i] = above(setting.getType(), range.max());
            expected.add(Violation.outOfRange("params." + setting.getName(), range.min(), range.max()));
            if (!setting.isAnnotationPresent(ScenarioWide.class)) {
                host[i] = scenario[i];
            }
        }
        List<String> names = ScenarioParams.COMPONENTS.list().stream().map(RecordComponent::getName).toList();
        scenario[names.indexOf("client")] = ScenarioParams.COMPONENTS.create(host);
        for (int i = 0; i < scenario.length; i++) {
            if (host[i] != null) {
                RecordComponent setting = ScenarioParams.COMPONENTS.list().get(i);
                Range range = setting.getAnnotation(Range.class);
                expected.add(Violation.outOfRange("params.client." + setting.getName(), range.min(), range.max()));
            }
        }
        ScenarioSpec spec = new ScenarioSpec(null, null, null, null, null, ScenarioParams.COMPONENTS.create(scenario), null, null,
                null, null);
        assertEquals(expected, SpecValidator.validate(spec, Limits.API));
    }

    /** Loopback is the path between the two hosts, so one host alone cannot be on it; the scenario says so. */
    @Test
    void loopbackSetInOneHostsOwnSettingsIsRefusedNamingTheScenarioWideSetting() {
        ScenarioParams client = ScenarioParams.builder().loopback(true).build();
        ScenarioSpec spec = new ScenarioSpec(null, null, null, null, null, ScenarioParams.builder().client(client).build(),
                null, null, null, null);
        assertEquals(List.of(Violation.notPerHost("params.client.loopback", "params.loopback")),
                SpecValidator.validate(spec, Limits.API));
    }

    private static Object above(Class<?> type, long max) {
        return switch (type.getSimpleName()) {
            case "Integer" -> (int) (max + 1);
            case "Long" -> max + 1;
            case "Double" -> max + 0.5;
            default -> throw new AssertionError("teach this test a number of " + type);
        };
    }
}
