package lab.handshake.web;

import lab.handshake.engine.Language;

/**
 * What the base layout needs on every page: the language, the page's own path (for the language switch) and
 * the page title.
 */
public record PageContext(String lang, String path, String title) {

    /** "zh-Hans" style code for the {@code lang} attribute of the page. */
    public String htmlLang() {
        return language().htmlLang();
    }

    public String otherLang() {
        return language().other().code();
    }

    private Language language() {
        return Language.ofCode(lang).orElse(Language.EN);
    }
}
