package lab.handshake.engine.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a number of {@link ScenarioParams} may take, {@code min} to {@code max} inclusive, declared beside
 * the setting and checked by {@link SpecValidator} (the engine has no Bean Validation: it imports no Jakarta).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {
    long min();

    long max();
}
