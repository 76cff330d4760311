package lab.handshake.api;

import java.util.Locale;
import lab.handshake.engine.Language;

/** The language of an answer: the {@code lang} parameter, else the first supported Accept-Language, else English. */
public final class RequestLanguage {
    private RequestLanguage() {
    }

    public static Language resolve(String langParameter, String acceptLanguage) {
        if (langParameter != null) {
            try {
                return Language.parse(langParameter);
            } catch (IllegalArgumentException e) {
                throw Refusal.badParameter("lang", words -> words.must_be_either("en", "zh"));
            }
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
}
