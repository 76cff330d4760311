package lab.handshake.site;

import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.lesson.EmbedProblem;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.lesson.LessonRenderer;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.web.AppMessages;
import lab.handshake.web.PageContext;
import lab.handshake.web.Pages;

/**
 * A lesson's page as students get it. The publishing checks render a teacher's draft through this same code,
 * so whatever would go wrong on a student's page stops the publication instead.
 */
@ApplicationScoped
public class LessonPage {

    /** The page, ready to render, and what is wrong in the lesson (empty when it may be published). */
    public record Rendered(TemplateInstance page, List<EmbedProblem> problems) {
    }

    private final LessonCatalogue lessons;
    private final LessonRenderer renderer;
    private final SimulatorEmbed embeds;
    private final QuizCatalogue quizzes;

    public LessonPage(LessonCatalogue lessons, LessonRenderer renderer, SimulatorEmbed embeds, QuizCatalogue quizzes) {
        this.lessons = lessons;
        this.renderer = renderer;
        this.embeds = embeds;
        this.quizzes = quizzes;
    }

    public Rendered render(Lesson lesson, Language language) {
        AppMessages words = Pages.words(AppMessages.class, language);
        LessonRenderer.Rendered body = renderer.render(lesson,
                embeds.forPage(language), SitePages.calloutTitles(words));
        PageContext page = new PageContext(language.code(), "/lessons/" + lesson.id(), lesson.title());
        List<SitePages.QuizLink> quizLinks = quizzes.forLesson(lesson.id()).stream()
                .map(quiz -> new SitePages.QuizLink(quiz.id(), QuizModel.text(quiz.title(), language.code()))).toList();
        TemplateInstance html = SitePages.Templates.lesson(page, lesson, body, lessons.neighbour(lesson, -1).orElse(null),
                lessons.neighbour(lesson, 1).orElse(null), quizLinks).setLocale(language.locale());
        return new Rendered(html, body.problems());
    }
}
