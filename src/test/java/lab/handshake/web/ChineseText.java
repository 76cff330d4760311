package lab.handshake.web;

import java.util.List;
import java.util.regex.Pattern;
import lab.handshake.ChineseWords;
import org.openqa.selenium.JavascriptExecutor;

/**
 * What a reader of the Chinese page a {@link Browser} shows sees that is not Chinese ({@link ChineseWords}): its
 * title, the text of visible elements and the names and hints of controls, leaving out code, pre, kbd and samp
 * elements, what a text area holds (the user's own writing) and text marked as English ({@code lang="en"}, such as
 * the link to the English page).
 */
final class ChineseText {
    /** A page function {@code visibleText()} answering the reader's text as pieces, for scripts that read many states. */
    static final String VISIBLE_TEXT_FUNCTION = """
            function visibleText() {
              const skip = 'code, pre, kbd, samp, textarea, script, style, template, [lang^="en"], [hidden]';
              const visible = e => e.checkVisibility({ visibilityProperty: true }) && !e.closest(skip);
              const pieces = [document.title];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.nodeValue.trim();
                if (text && node.parentElement && visible(node.parentElement)) pieces.push(text);
              }
              for (const e of document.body.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
                if (!visible(e)) continue;
                for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (e.getAttribute(a)) pieces.push(e.getAttribute(a));
              }
              return pieces;
            }
            """;
    /** For pages where users typed nothing. */
    static final Pattern NOTHING_TYPED = Pattern.compile("(?!)");

    private ChineseText() {
    }

    /** What the page shows that a Chinese reader should not see. */
    static List<String> foreign(Browser browser) {
        return foreign(browser, NOTHING_TYPED);
    }

    /** The same, leaving out what a user typed ({@code typed}: their names, ids and addresses), which no page translates. */
    @SuppressWarnings("unchecked")
    static List<String> foreign(Browser browser, Pattern typed) {
        return foreign((List<String>) ((JavascriptExecutor) browser.driver).executeScript(VISIBLE_TEXT_FUNCTION
                + "return visibleText();"), typed);
    }

    /** What of these pieces of a page's text ({@link #VISIBLE_TEXT_FUNCTION}) a Chinese reader should not see. */
    static List<String> foreign(List<String> pieces) {
        return foreign(pieces, NOTHING_TYPED);
    }

    private static List<String> foreign(List<String> pieces, Pattern typed) {
        return pieces.stream().map(piece -> typed.matcher(piece).replaceAll(" "))
                .flatMap(piece -> ChineseWords.foreign(piece).stream()).distinct().toList();
    }
}
