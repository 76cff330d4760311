package lab.handshake.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import lab.handshake.api.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A browser that asked for a page (a teacher opening an item that does not exist, or a page their account
 * may not use) gets a page in its language, not the API's problem+json. API clients are not affected.
 */
public class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(PageContext page, int status, String detail, String retryAfter);
    }

    @ServerResponseFilter
    public void pageForBrowsers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !wantsPage(request)) {
            return;
        }
        PageLanguage language = PageLanguage.resolve(request.getUriInfo().getQueryParameters().getFirst("lang"),
                cookie(request.getCookies()), request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        PageContext page = new PageContext(language.code(), request.getUriInfo().getPath(), problem.title());
        String retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER) == null ? ""
                : response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER).toString();
        String html = Templates.error(page, problem.status(), problem.detail(), retryAfter).setLocale(language.locale()).render();
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    private static boolean wantsPage(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        return !path.startsWith("/api/") && !path.startsWith("/q/") && accept != null && accept.contains(MediaType.TEXT_HTML);
    }

    private static String cookie(Map<String, jakarta.ws.rs.core.Cookie> cookies) {
        jakarta.ws.rs.core.Cookie chosen = cookies.get(PageLanguage.COOKIE);
        return chosen == null ? null : chosen.getValue();
    }
}
