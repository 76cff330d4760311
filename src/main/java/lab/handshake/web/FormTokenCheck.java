package lab.handshake.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Against cross-site request forgery, for every request that may change something (not GET, HEAD, OPTIONS):
 * <ul>
 * <li>a form (URL-encoded or multipart), any request to a resource that takes forms (whatever it sends), and any
 * request with the {@value FormTokens#HEADER} header, must carry the token of the login or visitor that sends it ({@link FormTokens}), or the answer is 403
 * {@code /problems/form-token} (the error page in the reader's language for a browser);</li>
 * <li>any other request (JSON, a capture, no body) is refused with the same 403 when the browser says it comes from
 * another site ({@code Sec-Fetch-Site}, or else an {@code Origin} that is not this host). Programs such as curl send
 * neither header and use the API with the login cookie alone; a browser script on another site cannot send JSON
 * here at all, since this application allows no CORS preflight, and the login cookie is SameSite=Strict.</li>
 * </ul>
 */
public class FormTokenCheck {
    private static final Logger LOG = Logger.getLogger(FormTokenCheck.class);
    static final String PROBLEM_TYPE = "/problems/form-token";
    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final FormTokens tokens;
    private final SecurityIdentity identity;

    public FormTokenCheck(FormTokens tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @ServerRequestFilter
    @WithFormRead
    public void check(ResteasyReactiveContainerRequestContext request, RoutingContext routing, ResourceInfo resource) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        String sent = request.getHeaderString(FormTokens.HEADER);
        if (sent == null) {
            if (!isForm(request.getMediaType()) && !takesForms(resource)) {
                if (fromAnotherSite(routing)) {
                    LOG.debugf("Cross-site %s %s refused", request.getMethod(), routing.normalizedPath());
                    request.abortWith(refusal(routing, ProblemMessages::from_another_site));
                }
                return;
            }
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormParameter(FormTokens.FIELD, true, false);
            sent = field instanceof String text ? text : null;
        }
        if (!tokens.matches(sent, tokens.bindingOf(routing, identity))) {
            LOG.debugf("Form token %s for %s %s", sent == null ? "missing" : "not this login's or visitor's",
                    request.getMethod(), routing.normalizedPath());
            request.abortWith(refusal(routing, words -> words.form_token_not_issued(FormTokens.FIELD)));
        }
    }

    private static Response refusal(RoutingContext routing, Function<ProblemMessages, String> detail) {
        ProblemMessages words = ProblemMapper.words(routing.request());
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(new Problem(PROBLEM_TYPE, words.form_token_title(), 403, detail.apply(words), null)).build();
    }

    /** What the browser says of where the request comes from; requests from programs say nothing and pass. */
    private static boolean fromAnotherSite(RoutingContext routing) {
        String site = routing.request().getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = routing.request().getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            java.net.URI from = java.net.URI.create(origin);
            String host = routing.request().authority() == null ? null : routing.request().authority().toString();
            return host == null || from.getAuthority() == null || !from.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    /** The bodies an HTML form sends (a form's text/plain body is not read by any resource here). */
    /**
     * Whether the resource is one that forms post to, such as logout: a request without a body or with another type
     * must carry the token all the same, or a bare POST from a tool or a stray link could do what only the form may.
     */
    private static boolean takesForms(ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return false;
        }
        Consumes consumes = resource.getResourceMethod().isAnnotationPresent(Consumes.class)
                ? resource.getResourceMethod().getAnnotation(Consumes.class) : resource.getResourceClass().getAnnotation(Consumes.class);
        return consumes != null && Arrays.stream(consumes.value()).map(MediaType::valueOf).anyMatch(FormTokenCheck::isForm);
    }

    private static boolean isForm(MediaType type) {
        return type != null && ("application".equals(type.getType()) && "x-www-form-urlencoded".equals(type.getSubtype())
                || "multipart".equals(type.getType()));
    }
}
