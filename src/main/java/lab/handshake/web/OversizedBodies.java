package lab.handshake.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import lab.handshake.api.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose Content-Length is over {@code quarkus.http.limits.max-body-size} is refused by the HTTP layer
 * before the application sees it, and Quarkus answers that 413 with no body. This route looks first and gives
 * the same refusal its problem+json body, or the error page in the reader's language for a browser.
 */
@ApplicationScoped
public class OversizedBodies {
    /** Quarkus's own Content-Length check is a route of order -2; this one must come before it. */
    private static final int BEFORE_QUARKUS_BODY_LIMIT = -3;

    private final long limit;
    private final ObjectMapper json;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_QUARKUS_BODY_LIMIT).handler(this::refuseIfTooLarge);
    }

    private void refuseIfTooLarge(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP codec refuses a malformed Content-Length itself
        }
        if (length <= limit) {
            context.next();
            return;
        }
        Problem problem = new Problem("/problems/too-large", "Request body too large", 413,
                "The request body is " + length + " bytes; at most " + limit + " bytes are accepted.", null);
        String path = context.normalizedPath();
        String body;
        String type;
        if (ErrorPages.wantsPage(path, context.request().getHeader(HttpHeaders.ACCEPT))) {
            Cookie remembered = context.request().getCookie(PageLanguage.COOKIE);
            PageLanguage language = PageLanguage.resolve(context.request().getParam("lang"),
                    remembered == null ? null : remembered.getValue(), context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            body = ErrorPages.page(problem, path, language);
            type = "text/html;charset=UTF-8";
        } else {
            body = write(problem);
            type = Problem.MEDIA_TYPE;
        }
        // The body that follows is not read: answer and close the connection, as Quarkus's own check does.
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> context.request().connection().close())
                .end(body);
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always serialisable", e);
        }
    }
}
