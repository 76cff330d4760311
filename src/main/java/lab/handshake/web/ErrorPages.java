package lab.handshake.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import lab.handshake.api.Problem;
import lab.handshake.api.RequestLanguage;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A browser that asked for a page (a teacher opening an item that does not exist, or a page their account
 * may not use) gets a page in its language, not the API's problem+json. API clients are not affected.
 */
public class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(PageContext page, int status, String type, String detail, String retryAfter);
    }

    @ServerResponseFilter
    public void pageForBrowsers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!(response.getEntity() instanceof Problem problem) || !wantsPage(path, request.getHeaderString(HttpHeaders.ACCEPT))) {
            return;
        }
        PageLanguage language = PageLanguage.resolve(request.getUriInfo().getQueryParameters().getFirst("lang"),
                cookie(request.getCookies()), request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Object retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        response.setEntity(page(problem, path, language, retryAfter == null ? "" : retryAfter.toString()), null,
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** The error page of a refusal, in the reader's language; {@code retryAfter} is the seconds to wait, or empty. */
    static String page(Problem problem, String path, PageLanguage language, String retryAfter) {
        AppMessages words = Pages.words(language);
        String title = switch (problem.status()) {
            case 404 -> words.not_found_title();
            case 403 -> FormTokenCheck.PROBLEM_TYPE.equals(problem.type()) ? words.error_form_token_title() : words.error_forbidden_title();
            default -> words.error_title(problem.status());
        };
        PageContext page = new PageContext(language.code(), path, title);
        return Templates.error(page, problem.status(), problem.type(), problem.detail(), retryAfter).setLocale(language.locale()).render();
    }

    /** Whether the request is a browser's for a page (API and management paths always get problem+json). */
    static boolean wantsPage(String path, String accept) {
        return !path.startsWith("/api/") && !path.startsWith("/q/") && accept != null && accept.contains(MediaType.TEXT_HTML);
    }

    private static String cookie(Map<String, jakarta.ws.rs.core.Cookie> cookies) {
        jakarta.ws.rs.core.Cookie chosen = cookies.get(RequestLanguage.COOKIE);
        return chosen == null ? null : chosen.getValue();
    }
}
