package lab.handshake.engine.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting of {@link ScenarioParams} that belongs to the whole scenario (the network, the ISNs, the ports, the
 * applications' reading), which a host's own settings ({@code params.client}, {@code params.server}) may not set.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ScenarioWide {
}
