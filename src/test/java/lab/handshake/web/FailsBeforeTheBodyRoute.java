package lab.handshake.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A route of the tests only (a bean under src/test): it fails at once, before the request's body has come, as a bug of
 * ours in a filter or a body reader would. {@code RefusalsTest} holds that such a failure is answered and logged as the
 * server's, not as a body the client cut short.
 */
@ApplicationScoped
public class FailsBeforeTheBodyRoute {
    public static final String PATH = "/test-only/fails-before-the-body";

    void install(@Observes Router router) {
        router.post(PATH).handler(context -> context.fail(new IllegalStateException("a bug of ours")));
    }
}
