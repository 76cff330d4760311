package lab.handshake.scenario;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only with a scenario catalogue to serve: a content directory that is missing or unreadable (a bad
 * volume mount, say) keeps the instance out of the load balancer instead of serving empty pages.
 */
@Readiness
@ApplicationScoped
public class ContentReadiness implements HealthCheck {
    private final ScenarioCatalogue catalogue;

    public ContentReadiness(ScenarioCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("content")
                .status(!catalogue.builtIn().isEmpty())
                .withData("scenarios", catalogue.builtIn().size())
                .withData("filesLeftOut", catalogue.problems().size())
                .build();
    }
}
