package lab.handshake.web;

import jakarta.ws.rs.core.NewCookie;
import java.util.Locale;
import lab.handshake.api.RequestLanguage;
import lab.handshake.engine.Language;

/**
 * The language of a page, in {@link RequestLanguage}'s order: an explicit {@code ?lang=} (which is then remembered
 * in a cookie), else the remembered choice, else the browser's Accept-Language, else English.
 */
public record PageLanguage(Language language, boolean chosenNow) {
    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    /** An unknown {@code lang} chooses nothing here: a page is still shown, in the language remembered. */
    public static PageLanguage resolve(String langParameter, String cookie, String acceptLanguage) {
        if (langParameter != null && !langParameter.isBlank()) {
            try {
                return new PageLanguage(Language.parse(langParameter), true);
            } catch (IllegalArgumentException unknown) {
                // falls back to the remembered language
            }
        }
        return new PageLanguage(RequestLanguage.remembered(cookie, acceptLanguage), false);
    }

    public String code() {
        return language.code();
    }

    public Locale locale() {
        return language.locale();
    }

    /** The cookie that remembers an explicit choice (only the server reads it; Secure on HTTPS: {@link SecurityHeaders}). */
    public NewCookie rememberCookie() {
        return new NewCookie.Builder(RequestLanguage.COOKIE).value(code()).path("/").maxAge(ONE_YEAR_SECONDS).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
