package lab.handshake.web;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;

/**
 * The security headers of every answer on the public port (pages, API answers, static files, redirects and
 * refusals alike), set in this one place just before an answer's headers leave, so that no handler can forget
 * them or overwrite them. Health and metrics are on the management port and are not affected.
 *
 * <p>Pages load scripts and styles only from this site's own files (no inline script, style block or style
 * attribute anywhere), may not be framed by anyone, and send forms only here. The teacher's editor shows its
 * preview in a {@code srcdoc} frame, which inherits this policy; the frame's {@code sandbox} attribute and
 * the preview's own meta policy keep scripts out of it.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";
    /**
     * Swagger UI, when an operator switches it on (QUARKUS_SWAGGER_UI_ENABLED), is Quarkus's page with inline
     * scripts and icons as data: URLs; it is the one place allowed them. It shows only the public API document.
     */
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    static final String SWAGGER_UI_PATH = "/q/swagger-ui";
    static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
    /** Two years, as the HSTS preload list asks; only ever sent over HTTPS (RFC 6797 §7.2). */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
    /**
     * Pages and API answers name the learner, the teacher or a session, or depend on cookies; none may be kept
     * by a browser or a shared cache. Static files, traces and the pages that are the same for every reader of a
     * language (lessons, simulator pages: {@code no-cache} with a strong ETag) say their own caching and keep it.
     */
    static final String NOT_STORED = "no-store";
    /** Routing-context key of the origins allowed to frame this one answer (LTI launch pages); see {@link #allowFramingBy}. */
    private static final String FRAME_ANCESTORS = "lab.handshake.frame-ancestors";

    /**
     * This answer may be framed by these origins (scheme://host[:port]) instead of nobody: an LTI launch page
     * shown inside the registered LMS's iframe. An empty set leaves the answer unframeable.
     */
    public static void allowFramingBy(RoutingContext context, java.util.Collection<String> origins) {
        if (!origins.isEmpty()) {
            context.put(FRAME_ANCESTORS, String.join(" ", origins));
        }
    }

    /** Routing-context key of the origins this one answer's forms may also post to (an LTI answer to the LMS). */
    private static final String FORM_ACTIONS = "lab.handshake.form-actions";

    /** This answer's forms may post to these origins too, besides this site: an LTI deep-linking answer to the LMS. */
    public static void allowFormsTo(RoutingContext context, java.util.Collection<String> origins) {
        if (!origins.isEmpty()) {
            context.put(FORM_ACTIONS, String.join(" ", origins));
        }
    }

    void install(@Observes Router router) {
        // First of all routes, so that even answers from Quarkus's own handlers (a 413 for a body too large,
        // a redirect to the login page) carry the headers.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(done -> decorate(context));
            context.next();
        });
    }

    private static void decorate(RoutingContext context) {
        MultiMap headers = context.response().headers();
        String path = context.normalizedPath();
        boolean swaggerUi = path.equals(SWAGGER_UI_PATH) || path.startsWith(SWAGGER_UI_PATH + "/");
        headers.set("Content-Security-Policy", swaggerUi ? SWAGGER_UI_POLICY : policy(context));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", REFERRER_POLICY);
        if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, NOT_STORED);
        }
        // isSSL() is the forwarded scheme when the request came through a trusted proxy (quarkus.http.proxy.*).
        if (context.request().isSSL()) {
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            markCookiesSecure(headers);
        }
    }

    /** The site's policy, with the framing origins and form targets an LTI answer was allowed. */
    private static String policy(RoutingContext context) {
        String frameAncestors = context.get(FRAME_ANCESTORS);
        String formActions = context.get(FORM_ACTIONS);
        String policy = CONTENT_SECURITY_POLICY;
        if (frameAncestors != null) {
            policy = policy.replace("frame-ancestors 'none'", "frame-ancestors " + frameAncestors);
        }
        if (formActions != null) {
            policy = policy.replace("form-action 'self'", "form-action 'self' " + formActions);
        }
        return policy;
    }

    /**
     * A cookie set over HTTPS is sent back only over HTTPS. Over plain HTTP (a classroom server without TLS)
     * the cookies stay usable; {@code LearnerIdentity} and {@code PageLanguage} set the other attributes.
     */
    private static void markCookiesSecure(MultiMap headers) {
        List<String> cookies = headers.getAll(HttpHeaders.SET_COOKIE);
        if (cookies.isEmpty()) {
            return;
        }
        headers.remove(HttpHeaders.SET_COOKIE);
        for (String cookie : cookies) {
            boolean secure = List.of(cookie.toLowerCase(Locale.ROOT).split(";")).stream().anyMatch(part -> part.strip().equals("secure"));
            headers.add(HttpHeaders.SET_COOKIE, secure ? cookie : cookie + "; Secure");
        }
    }
}
