package lab.handshake.web;

import jakarta.ws.rs.core.NewCookie;
import java.util.Locale;
import lab.handshake.api.RequestLanguage;
import lab.handshake.engine.Language;

/**
 * The language of a page: an explicit {@code ?lang=} (which is then remembered in a cookie), else the
 * remembered choice, else the browser's Accept-Language, else English.
 */
public record PageLanguage(Language language, boolean chosenNow) {
    public static final String COOKIE = "hl_lang";
    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    public static PageLanguage resolve(String langParameter, String cookie, String acceptLanguage) {
        Language fromParameter = parseOrNull(langParameter);
        if (fromParameter != null) {
            return new PageLanguage(fromParameter, true);
        }
        Language fromCookie = parseOrNull(cookie);
        if (fromCookie != null) {
            return new PageLanguage(fromCookie, false);
        }
        return new PageLanguage(RequestLanguage.resolve(null, acceptLanguage), false);
    }

    private static Language parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Language.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String code() {
        return language.code();
    }

    public Locale locale() {
        return language.locale();
    }

    /** The cookie that remembers an explicit choice (only the server reads it; Secure on HTTPS: {@link SecurityHeaders}). */
    public NewCookie rememberCookie() {
        return new NewCookie.Builder(COOKIE).value(code()).path("/").maxAge(ONE_YEAR_SECONDS).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
