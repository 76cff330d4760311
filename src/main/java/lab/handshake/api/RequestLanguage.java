package lab.handshake.api;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import lab.handshake.engine.Language;

/**
 * The reader's language, resolved in one order for every answer, page or API: the {@code lang} parameter, else the
 * language chosen earlier on a page (the {@link #COOKIE} cookie), else the language of the reader's LMS (an LTI
 * launch's, kept in the same cookie until they choose one here), else the first supported Accept-Language, else
 * English. The API refuses an unknown {@code lang} (400); a page ignores it ({@code web.PageLanguage}).
 */
public final class RequestLanguage {
    /**
     * The cookie in which a page remembers the language its reader chose with {@code ?lang=} ({@code zh}), or in which
     * an LTI launch leaves the LMS's language as the default until they choose ({@link #FROM_LMS} before the code:
     * {@code lms.zh}).
     */
    public static final String COOKIE = "hl_lang";
    /** Marks the cookie's language as the LMS's, not one chosen here. */
    private static final String FROM_LMS = "lms.";

    private RequestLanguage() {
    }

    /** The language of an API answer; an unknown {@code lang} is a 400 naming it. */
    public static Language resolve(String langParameter, String cookie, String acceptLanguage) {
        if (langParameter != null) {
            try {
                return Language.parse(langParameter);
            } catch (IllegalArgumentException e) {
                throw Refusal.badParameter("lang", words -> words.must_be_either("en", "zh"));
            }
        }
        return remembered(cookie, acceptLanguage);
    }

    /** {@link #resolve} for what answers a Vert.x request itself (a cached trace, a problem). */
    public static Language resolve(HttpServerRequest request) {
        return resolve(request.getParam("lang"), cookie(request), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** {@link #remembered} for a Vert.x request: its {@code lang} parameter left aside. */
    public static Language remembered(HttpServerRequest request) {
        return remembered(cookie(request), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static String cookie(HttpServerRequest request) {
        Cookie chosen = request.getCookie(COOKIE);
        return chosen == null ? null : chosen.getValue();
    }

    /** The language when no {@code lang} parameter chooses one: the cookie's, else Accept-Language's, else English. */
    public static Language remembered(String cookie, String acceptLanguage) {
        return remembered(cookie, null, acceptLanguage);
    }

    /**
     * {@link #remembered(String, String)} during an LTI launch whose LMS names {@code lmsNow} (null: none of ours): a
     * language chosen here still wins; the LMS's replaces the Accept-Language's and an earlier launch's.
     */
    public static Language remembered(String cookie, Language lmsNow, String acceptLanguage) {
        Language kept = cookieLanguage(cookie);
        if (kept != null && (chosenHere(cookie) || lmsNow == null)) {
            return kept;
        }
        if (lmsNow != null) {
            return lmsNow;
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    for (Language language : Language.values()) {
                        if (tag.equals(language.code()) || tag.startsWith(language.code() + "-")) {
                            return language;
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                // A malformed Accept-Language header is ignored, as browsers' quirks are.
            }
        }
        return Language.EN;
    }

    /** Whether the cookie holds a language the reader chose here (then no LMS's language replaces it). */
    public static boolean chosenHere(String cookie) {
        return cookie != null && !cookie.startsWith(FROM_LMS) && cookieLanguage(cookie) != null;
    }

    /** The cookie's value that keeps an LMS's language as the default until the reader chooses one here. */
    public static String fromLms(Language language) {
        return FROM_LMS + language.code();
    }

    /** The cookie's language, chosen here or the LMS's; null when it holds none of ours. */
    private static Language cookieLanguage(String cookie) {
        if (cookie == null) {
            return null;
        }
        try {
            return Language.parse(cookie.startsWith(FROM_LMS) ? cookie.substring(FROM_LMS.length()) : cookie);
        } catch (IllegalArgumentException e) {
            // A cookie from an older version, or written by hand, chooses nothing.
            return null;
        }
    }
}
