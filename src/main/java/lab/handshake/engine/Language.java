package lab.handshake.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The two languages every text of the platform exists in. */
public enum Language {
    EN("en", Locale.ENGLISH, "en"),
    ZH("zh", Locale.CHINESE, "zh-Hans");

    private final String code;
    private final Locale locale;
    private final String htmlLang;

    Language(String code, Locale locale, String htmlLang) {
        this.code = code;
        this.locale = locale;
        this.htmlLang = htmlLang;
    }

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The page's {@code lang} attribute: the script too where readers need it ({@code zh-Hans}). */
    public String htmlLang() {
        return htmlLang;
    }

    /** The other of the two languages: where a text missing in this one may be found. */
    public Language other() {
        return this == EN ? ZH : EN;
    }

    /** The language whose code is exactly {@code code}; empty for anything else (null too). */
    public static Optional<Language> ofCode(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }

    /** Every language's code, in the order above: what a text keyed by language may be keyed by. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Language::code).toList();
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
