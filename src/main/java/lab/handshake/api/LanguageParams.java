package lab.handshake.api;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import lab.handshake.engine.Language;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The three request parts an API answer's language comes from, taken as one {@code @BeanParam} so every operation
 * reads them in {@link RequestLanguage}'s order (an unknown {@code lang} is a 400).
 */
public class LanguageParams {
    @Parameter(description = "en or zh; without it, the language chosen on a page, else the LMS's of an LTI launch (cookie hl_lang), else Accept-Language, else English")
    @QueryParam("lang")
    String lang;

    @Parameter(hidden = true)
    @CookieParam(RequestLanguage.COOKIE)
    String cookie;

    @Parameter(hidden = true)
    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
    String acceptLanguage;

    public Language language() {
        return RequestLanguage.resolve(lang, cookie, acceptLanguage);
    }
}
