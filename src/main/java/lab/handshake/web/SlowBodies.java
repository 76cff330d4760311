package lab.handshake.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.config.HandshakeConfig;
import org.jboss.logging.Logger;

/**
 * The idle timeout closes a connection on which nothing arrives, but a client that sends its body a byte every
 * few seconds is never idle. So a request's body must have arrived in full within
 * {@code handshake.limits.request-body-time} of its headers; otherwise the answer is 408 (a problem document, or
 * the error page for a browser) and the connection is closed, whatever the client is still sending.
 */
@ApplicationScoped
public class SlowBodies {
    private static final Logger LOG = Logger.getLogger(SlowBodies.class);
    /** Before every other route, the body-size checks of {@link OversizedBodies} included. */
    private static final int FIRST = -4;

    private final long limitMillis;
    private final Vertx vertx;
    private final OversizedBodies refusals;

    public SlowBodies(HandshakeConfig config, Vertx vertx, OversizedBodies refusals) {
        this.limitMillis = config.limits().requestBodyTime().toMillis();
        this.vertx = vertx;
        this.refusals = refusals;
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(context -> {
            if (!context.request().isEnded()) {
                long timer = vertx.setTimer(limitMillis, fired -> tooSlow(context));
                context.addEndHandler(ended -> vertx.cancelTimer(timer));
            }
            context.next();
        });
    }

    private void tooSlow(RoutingContext context) {
        if (context.request().isEnded()) {
            return; // all of it arrived; the application is still answering
        }
        LOG.debugf("Request body of %s %s not complete after %d ms; connection closed", context.request().method(),
                context.normalizedPath(), limitMillis);
        if (context.response().headWritten() || context.response().closed()) {
            context.request().connection().close();
            return;
        }
        ProblemMessages words = ProblemMapper.words(context.request());
        Problem problem = new Problem("/problems/too-slow", words.too_slow_title(), 408, words.too_slow(limitMillis), null);
        refusals.refuse(context, problem);
    }
}
