package lab.handshake.lesson;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.content.PublishedTexts;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Markdown to safe HTML for a lesson page. The Markdown is rendered with commonmark (GFM tables), then
 * sanitised with jsoup, so nothing a lesson author writes can put a script, an event handler or a
 * {@code javascript:} link on a student's page. Only after that are the platform's own elements added:
 * the callout boxes ({@code > [!MISCONCEPTION]}, {@code > [!LINUX]}, {@code > [!NOTE]}) and the embedded
 * simulations ({@code [[simulation <id> step=<n>]]} alone in a paragraph).
 */
@ApplicationScoped
public class LessonRenderer {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final Pattern SIMULATION = Pattern.compile("\\[\\[simulation ([a-z0-9-]+)(?: step=(\\d+))?]]");
    /** The same tag alone on a line of the Markdown, as it must stand to be a paragraph of its own. */
    private static final Pattern SIMULATION_LINE = Pattern.compile("^" + SIMULATION.pattern() + "\\s*$", Pattern.MULTILINE);
    private static final Pattern CALLOUT = Pattern.compile("^\\[!(MISCONCEPTION|LINUX|NOTE)]\\s*");
    private static final Safelist SAFE = Safelist.relaxed().removeTags("img");

    /**
     * The rendered body of a lesson, the section headings for its table of contents, and what is wrong in it
     * (an embedded simulation that does not exist or a step it does not have); publishing refuses a lesson
     * with problems, and a page rendered anyway shows the nearest sensible thing.
     */
    public record Rendered(String html, List<Heading> headings, List<EmbedProblem> problems) {
    }

    public record Heading(String id, String text) {
    }

    /** One embedded simulation: its trusted HTML and what is wrong with the tag (empty when nothing). */
    public record Embedded(String html, List<EmbedProblem.What> problems) {
    }

    /** Builds one embedded simulation: (scenario id, start step counted from 1, or null) → its HTML. */
    public interface SimulationEmbedder extends BiFunction<String, Integer, Embedded> {
    }

    /** Callout titles per language: the box's kind → its heading. */
    public interface CalloutTitles {
        String title(String kind);
    }

    private static final int CACHE_ENTRIES = 200;

    /**
     * Rendered lessons by lesson text, begun afresh whenever teachers publish anything: an embedded
     * simulation may have been published, changed or withdrawn since.
     */
    private final Supplier<Map<Lesson, Rendered>> cache;

    public LessonRenderer(PublishedTexts published) {
        this.cache = published.derived(snapshot -> new ConcurrentHashMap<>());
    }

    /**
     * Renders a lesson. The result is cached per lesson text, so a teacher's new publication is rendered
     * afresh; the cache is emptied when it holds more lessons than the curriculum could.
     */
    public Rendered render(Lesson lesson, SimulationEmbedder embedder, CalloutTitles titles) {
        Map<Lesson, Rendered> rendered = cache.get();
        if (rendered.size() > CACHE_ENTRIES) {
            rendered.clear();
        }
        return rendered.computeIfAbsent(lesson, key -> renderMarkdown(lesson.markdown(), embedder, titles));
    }

    /** The ids of the scenarios a lesson's Markdown embeds, in order (for checking that they exist). */
    public static List<String> embeddedScenarios(String markdown) {
        return SIMULATION_LINE.matcher(markdown).results().map(match -> match.group(1)).toList();
    }

    /** Renders Markdown that is not (yet) a lesson anyone reads, such as a teacher's draft; nothing is cached. */
    public static Rendered renderMarkdown(String markdown, SimulationEmbedder embedder, CalloutTitles titles) {
        String unsafe = HTML.render(PARSER.parse(markdown));
        Document document = Jsoup.parseBodyFragment(Jsoup.clean(unsafe, SAFE));
        document.outputSettings().prettyPrint(false);
        Element body = document.body();
        for (Element quote : body.select("blockquote")) {
            Element first = quote.selectFirst("p");
            Matcher matcher = first == null ? null : CALLOUT.matcher(first.html());
            if (matcher != null && matcher.find()) {
                String kind = matcher.group(1).toLowerCase();
                first.html(matcher.replaceFirst(""));
                if (first.text().isBlank()) {
                    first.remove();
                }
                Element aside = new Element("aside").addClass("callout").addClass("callout-" + kind).attr("role", "note");
                aside.appendElement("p").addClass("callout-title").text(titles.title(kind));
                aside.appendChildren(quote.childNodesCopy());
                quote.replaceWith(aside);
            }
        }
        List<EmbedProblem> problems = new java.util.ArrayList<>();
        for (Element paragraph : body.select("p")) {
            Matcher matcher = SIMULATION.matcher(paragraph.text().trim());
            if (matcher.matches()) {
                Integer step = step(matcher.group(2));
                if (matcher.group(2) != null && step == null) {
                    problems.add(new EmbedProblem(matcher.group(), new EmbedProblem.StepNotAWholeNumber()));
                }
                Embedded embedded = embedder.apply(matcher.group(1), step);
                embedded.problems().forEach(problem -> problems.add(new EmbedProblem(matcher.group(), problem)));
                paragraph.after(embedded.html());
                paragraph.remove();
            }
        }
        List<Heading> headings = new java.util.ArrayList<>();
        int counter = 0;
        for (Element heading : body.select("h2")) {
            String id = "section-" + (++counter);
            heading.attr("id", id);
            headings.add(new Heading(id, heading.text()));
        }
        for (Element table : body.select("table")) {
            table.wrap("<div class=\"table-scroll\" tabindex=\"0\"></div>");
        }
        // Code blocks scroll sideways on a phone: focusable, so that a keyboard can scroll them too (WCAG 2.1.1).
        body.select("pre").attr("tabindex", "0");
        return new Rendered(body.html(), List.copyOf(headings), List.copyOf(problems));
    }

    /** A tag's step (counted from 1), or null when it names none or one no simulation can have. */
    private static Integer step(String digits) {
        if (digits == null || digits.length() > 9) {
            return null;
        }
        int step = Integer.parseInt(digits);
        return step >= 1 ? step : null;
    }
}
