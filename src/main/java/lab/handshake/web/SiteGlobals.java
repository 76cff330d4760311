package lab.handshake.web;

import io.quarkus.qute.TemplateGlobal;
import org.eclipse.microprofile.config.ConfigProvider;

/** Values every page template may read. */
@TemplateGlobal
public final class SiteGlobals {
    private SiteGlobals() {
    }

    /** Whether the operator switched Swagger UI on (QUARKUS_SWAGGER_UI_ENABLED), so the header links to it. */
    static boolean swaggerUi() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.swagger-ui.enabled", Boolean.class).orElse(false);
    }
}
