package lab.handshake.web;

/**
 * What the base layout needs on every page: the language, the page's own path (for the language switch) and
 * the page title.
 */
public record PageContext(String lang, String path, String title) {

    /** "zh-Hans" style code for the {@code lang} attribute of the page. */
    public String htmlLang() {
        return lang.equals("zh") ? "zh-Hans" : "en";
    }

    public String otherLang() {
        return lang.equals("zh") ? "en" : "zh";
    }
}
