package lab.handshake.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core (src/test/resources/axe, MPL-2.0) run in the page a {@link Browser} shows: the WCAG 2.2 A and AA rules,
 * and of what they find only the serious and critical violations, each as "rule: target (what is wrong)".
 */
final class Axe {
    private static final String SOURCE = read("/axe/axe.min.js");

    /**
     * Runs axe on the top document (frames are left out: the editor's preview frame may run no script, and axe
     * would wait for it) and answers the violations as plain strings.
     */
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {
              runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
              resultTypes: ['violations'], iframes: false
            }).then(results => done(results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ('
                    + (n.failureSummary || v.help).replace(/\\s+/g, ' ').slice(0, 240) + ')'))),
                error => done(['axe failed: ' + error]));
            """;

    private Axe() {
    }

    /** The serious and critical WCAG violations of the page the browser shows now. */
    @SuppressWarnings("unchecked")
    static List<String> violations(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof axe !== 'undefined'"))) {
            js.executeScript(SOURCE);
        }
        return (List<String>) js.executeAsyncScript(RUN);
    }

    private static String read(String resource) {
        try (InputStream in = Axe.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
