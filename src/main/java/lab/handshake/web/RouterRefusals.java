package lab.handshake.web;

import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;

/**
 * Requests that Vert.x Web's router refuses before any route runs (no Host; a path not starting with '/'), answered
 * with a problem document (or the error page for a browser) that names the fault: otherwise they get an empty answer,
 * or a 500 when the router's refusal carries an exception. An HTTP/2 connection preface (HTTP/2 is off:
 * {@code quarkus.http.http2=false}) arrives as an HTTP/1 request line and is answered 505. (A path with a malformed
 * %-escape never reaches the router: Quarkus answers it 400 itself.)
 */
@ApplicationScoped
public class RouterRefusals {
    /** Failure handlers run in route order: before {@link OversizedBodies}'s, which would take these for a 500. */
    private static final int BEFORE_BODY_REFUSALS = -5;

    private final OversizedBodies refusals;

    public RouterRefusals(OversizedBodies refusals) {
        this.refusals = refusals;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_BODY_REFUSALS).failureHandler(this::refused);
    }

    private void refused(RoutingContext context) {
        if (context.response().headWritten() || context.response().closed()) {
            context.next();
            return;
        }
        ProblemMessages words = ProblemMapper.words(context.request());
        HttpVersion version = context.request().version();
        int status = context.statusCode();
        if (version != HttpVersion.HTTP_1_0 && version != HttpVersion.HTTP_1_1) {
            refusals.refuse(context, new Problem("about:blank", words.http_version_title(), 505, words.http_version(), null));
        } else if (status == 400 && context.request().authority() == null) {
            refusals.refuse(context, new Problem("about:blank", words.status_title(400), 400, words.no_host(), null));
        } else if (status == 404 && context.failure() == null && !context.request().path().startsWith("/")) {
            refusals.refuse(context, new Problem("about:blank", words.status_title(404), 404, words.status_detail(404), null));
        } else {
            context.next();
        }
    }
}
