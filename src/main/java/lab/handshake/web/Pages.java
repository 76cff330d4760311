package lab.handshake.web;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.engine.Language;

/** Builds an HTML response in the page's language, remembering an explicit language choice. */
public final class Pages {
    private Pages() {
    }

    /** The site's words in the page's language, for what a resource writes itself, such as a page's title. */
    public static AppMessages words(PageLanguage language) {
        return words(AppMessages.class, language);
    }

    /** A feature's bundle in the page's language, for what a resource writes itself, such as a page's title. */
    public static <T> T words(Class<T> bundle, PageLanguage language) {
        return words(bundle, language.language());
    }

    /** A bundle in a language, for what a page writes itself in a language other than the reader's (a lesson's). */
    public static <T> T words(Class<T> bundle, Language language) {
        return MessageBundles.get(bundle, Localized.Literal.of(language.code()));
    }

    public static Response html(PageLanguage language, TemplateInstance page) {
        return html(Response.Status.OK, language, page);
    }

    public static Response html(Response.Status status, PageLanguage language, TemplateInstance page) {
        return html(status.getStatusCode(), language, page);
    }

    /**
     * A page that is the same for every reader of its language, as bytes made once (site.SharedPages): sent with
     * a strong ETag and revalidated on each use ({@code no-cache}), so that a new publication shows at once and an
     * unchanged page costs a 304.
     */
    public static Response html(PageLanguage language, EncodedBody page, HttpServerRequest request) {
        Response answer = page.response(request, "no-cache", "Accept-Encoding, Accept-Language, Cookie");
        return language.chosenNow() ? Response.fromResponse(answer).cookie(language.rememberCookie()).build() : answer;
    }

    /** For statuses the {@link Response.Status} enum lacks, such as 422. */
    public static Response html(int status, PageLanguage language, TemplateInstance page) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.setLocale(language.locale()));
        if (language.chosenNow()) {
            response.cookie(language.rememberCookie());
        }
        return response.build();
    }
}
