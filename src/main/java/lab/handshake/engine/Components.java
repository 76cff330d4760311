package lab.handshake.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A record's components and its builder's fields of the same names, resolved once: a parameter record names each
 * setting once (its component, and the builder's field and setter) and copies, builds and overlays go through
 * here by name, so that none of them lists the settings again. A builder without a field for a component fails
 * when its record's class is loaded, naming the component.
 *
 * @param <R> the record
 * @param <B> its builder, with a private field per component of the component's type (boxed where it may be unset)
 */
public final class Components<R extends Record, B> {
    // The handles are adapted once to Object types, so each call is an invokeExact: invokeWithArguments adapted them
    // again on every call, a cost every simulation's parameters paid (a sandbox move's start among them).
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    private final List<RecordComponent> components;
    private final MethodHandle[] accessors;
    private final MethodHandle[] builderGetters;
    private final MethodHandle[] builderSetters;
    private final MethodHandle constructor;

    private Components(Class<R> record, Class<B> builder, MethodHandles.Lookup lookup) {
        components = List.of(record.getRecordComponents());
        int count = components.size();
        accessors = new MethodHandle[count];
        builderGetters = new MethodHandle[count];
        builderSetters = new MethodHandle[count];
        Class<?>[] types = new Class<?>[count];
        try {
            for (int i = 0; i < count; i++) {
                RecordComponent component = components.get(i);
                types[i] = component.getType();
                accessors[i] = lookup.unreflect(component.getAccessor()).asType(GETTER);
                Class<?> fieldType = builder.getDeclaredField(component.getName()).getType();
                builderGetters[i] = lookup.findGetter(builder, component.getName(), fieldType).asType(GETTER);
                builderSetters[i] = lookup.findSetter(builder, component.getName(), fieldType).asType(SETTER);
            }
            constructor = lookup.findConstructor(record, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, count).asType(CONSTRUCTOR);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(builder.getName() + " needs a private field named and typed as each component of "
                    + record.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** {@code lookup} must see the builder's private fields: pass {@code MethodHandles.lookup()} from the record. */
    public static <R extends Record, B> Components<R, B> of(Class<R> record, Class<B> builder, MethodHandles.Lookup lookup) {
        return new Components<>(record, builder, lookup);
    }

    public List<RecordComponent> list() {
        return components;
    }

    /** The record's values in component order. */
    public Object[] values(R record) {
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            values[i] = get(accessors[i], record);
        }
        return values;
    }

    /** The record of these values, in component order. */
    @SuppressWarnings("unchecked")
    public R create(Object... values) {
        return (R) call(() -> (Object) constructor.invokeExact(values));
    }

    /** What the builder holds, as a record. */
    public R build(B builder) {
        Object[] values = new Object[builderGetters.length];
        for (int i = 0; i < builderGetters.length; i++) {
            values[i] = get(builderGetters[i], builder);
        }
        return create(values);
    }

    /** The builder, holding every value of the record. */
    public B fill(B builder, R record) {
        Object[] values = values(record);
        for (int i = 0; i < builderSetters.length; i++) {
            MethodHandle setter = builderSetters[i];
            Object value = values[i];
            call(() -> {
                setter.invokeExact((Object) builder, value);
                return null;
            });
        }
        return builder;
    }

    private static Object get(MethodHandle getter, Object from) {
        return call(() -> (Object) getter.invokeExact(from));
    }

    /** A handle's call, its checked throwables (which none of these handles throws) wrapped. */
    private static Object call(Invocation invocation) {
        try {
            return invocation.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Invocation {
        Object run() throws Throwable;
    }
}
