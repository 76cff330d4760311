package lab.handshake.web;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import lab.handshake.api.RequestLanguage;

/**
 * The three request parts a page's language comes from, taken as one {@code @BeanParam} so every page reads
 * them the same way (see {@link PageLanguage#resolve}).
 */
public class PageLanguageParams {
    @QueryParam("lang")
    String lang;

    @CookieParam(RequestLanguage.COOKIE)
    String cookie;

    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
    String acceptLanguage;

    public PageLanguage resolve() {
        return PageLanguage.resolve(lang, cookie, acceptLanguage);
    }
}
