package lab.handshake.web;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
