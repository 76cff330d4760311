package lab.handshake.authoring;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import lab.handshake.content.ContentKind;
import lab.handshake.engine.Language;
import lab.handshake.engine.trace.Trace;
import lab.handshake.formats.LadderSvgWriter;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.lesson.LessonRenderer;
import lab.handshake.quiz.QuizModel;
import lab.handshake.site.SimulatorEmbed;
import lab.handshake.site.SitePages;
import lab.handshake.web.AppMessages;
import lab.handshake.web.Pages;

/**
 * A teacher's draft as students would see it, as a whole HTML document for the editor's preview frame: a
 * lesson rendered (and sanitised) exactly as its page renders it, a quiz with its answers and explanations,
 * a scenario run by the engine. The problems that would stop publication come first.
 */
@ApplicationScoped
public class ContentPreview {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance lesson(String lang, List<String> problems, Lesson lesson, LessonRenderer.Rendered body);

        static native TemplateInstance quiz(String lang, List<String> problems, QuizModel.Quiz quiz);

        static native TemplateInstance scenario(String lang, List<String> problems, Trace trace, String title, String summary, String svg);
    }

    private final ContentChecks checks;
    private final SimulatorEmbed embeds;
    private final LadderSvgWriter ladders;

    public ContentPreview(ContentChecks checks, SimulatorEmbed embeds, LadderSvgWriter ladders) {
        this.checks = checks;
        this.embeds = embeds;
        this.ladders = ladders;
    }

    /** The preview document of {@code text} as item {@code slug}; {@code language} is the lesson's, or the page's. */
    public String render(ContentKind kind, String slug, String language, String text) {
        Language lang = Language.parse(language);
        TemplateInstance page = switch (kind) {
            case LESSON -> lesson(lang, lines(checks.problems(kind, slug, lang.code(), text), lang), text);
            case QUIZ -> Templates.quiz(lang.code(), lines(checks.problems(kind, slug, lang.code(), text), lang), readOrNull(() -> checks.readQuiz(text)));
            case SCENARIO -> scenario(lang, checks.runScenario(slug, text, lang));
        };
        return page.setLocale(lang.locale()).render();
    }

    private TemplateInstance lesson(Language language, List<String> problems, String text) {
        Lesson lesson = readOrNull(() -> LessonCatalogue.parse(language, text));
        AppMessages words = Pages.words(AppMessages.class, language);
        LessonRenderer.Rendered body = lesson == null ? null : LessonRenderer.renderMarkdown(lesson.markdown(),
                embeds.forPage(language), SitePages.calloutTitles(words));
        return Templates.lesson(language.code(), problems, lesson, body);
    }

    private TemplateInstance scenario(Language language, ContentChecks.ScenarioRun run) {
        if (run.trace() == null) {
            return Templates.scenario(language.code(), lines(run.problems(), language), null, null, null, null);
        }
        return Templates.scenario(language.code(), lines(run.problems(), language), run.trace(), Language.text(run.spec().title(), language.code()),
                Language.text(run.spec().summary(), language.code()), ladders.write(run.trace()));
    }

    /** The problems in the preview's language. */
    private static List<String> lines(List<DraftProblem> problems, Language language) {
        return DraftProblem.lines(problems, language);
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    /** The parsed draft, or null when it cannot be read (the problems say why). */
    private static <T> T readOrNull(Reader<T> reader) {
        try {
            return reader.read();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
