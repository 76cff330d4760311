package lab.handshake.web;

import jakarta.ws.rs.core.NewCookie;
import java.util.Locale;
import lab.handshake.api.RequestLanguage;
import lab.handshake.engine.Language;

/**
 * The language of a page, in {@link RequestLanguage}'s order: an explicit {@code ?lang=} (which is then remembered
 * in a cookie), else the remembered choice, else the LMS's language (an LTI launch's), else the browser's
 * Accept-Language, else English.
 */
public record PageLanguage(Language language, boolean chosenNow) {
    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    /** An unknown {@code lang} chooses nothing here: a page is still shown, in the language remembered. */
    public static PageLanguage resolve(String langParameter, String cookie, String acceptLanguage) {
        return resolve(langParameter, cookie, null, acceptLanguage);
    }

    /** {@link #resolve(String, String, String)} during an LTI launch whose LMS names {@code lmsNow} (null: none of ours). */
    public static PageLanguage resolve(String langParameter, String cookie, Language lmsNow, String acceptLanguage) {
        if (langParameter != null && !langParameter.isBlank()) {
            try {
                return new PageLanguage(Language.parse(langParameter), true);
            } catch (IllegalArgumentException unknown) {
                // falls back to the remembered language
            }
        }
        return new PageLanguage(RequestLanguage.remembered(cookie, lmsNow, acceptLanguage), false);
    }

    public String code() {
        return language.code();
    }

    public Locale locale() {
        return language.locale();
    }

    /** The cookie that remembers an explicit choice (only the server reads it; Secure on HTTPS: {@link SecurityHeaders}). */
    public NewCookie rememberCookie() {
        return cookie(code());
    }

    /** The cookie that keeps an LMS's language as the reader's default until they choose one here. */
    public static NewCookie lmsDefaultCookie(Language lms) {
        return cookie(RequestLanguage.fromLms(lms));
    }

    private static NewCookie cookie(String value) {
        return new NewCookie.Builder(RequestLanguage.COOKIE).value(value).path("/").maxAge(ONE_YEAR_SECONDS).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
