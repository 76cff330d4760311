package lab.handshake.engine;

import java.util.Locale;
import java.util.Map;

/** The two languages every text of the platform exists in. */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH("zh", Locale.CHINESE);

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The other of the two languages: where a text missing in this one may be found. */
    public Language other() {
        return this == EN ? ZH : EN;
    }

    /** "en" or "zh" (a region such as zh-CN is accepted); anything else is an error. */
    public static Language parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (lower.equals(language.code) || lower.startsWith(language.code + "-") || lower.startsWith(language.code + "_")) {
                return language;
            }
        }
        throw new IllegalArgumentException("lang must be en or zh");
    }

    /** Of texts keyed by language code ("en", "zh"), the one in {@code code}, falling back to English. */
    public static String text(Map<String, String> texts, String code) {
        if (texts == null) {
            return null;
        }
        String text = texts.get(code);
        return text != null ? text : texts.get(EN.code);
    }
}
