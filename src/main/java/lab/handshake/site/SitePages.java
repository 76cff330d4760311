package lab.handshake.site;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.lesson.LessonRenderer;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.session.SandboxTaskCatalogue;
import lab.handshake.web.AppMessages;
import lab.handshake.web.OversizedBodies;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import lab.handshake.web.TunableField;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The server-rendered pages: the home page with the lessons in order, each lesson, and the simulator page of
 * each scenario. Every page exists in English and Chinese and is readable without JavaScript.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SitePages {

    /** A quiz that tests a lesson. */
    public record QuizLink(String id, String title) {
    }

    /** A scenario as the home page lists it. */
    public record ScenarioLink(String id, String title, String summary) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(PageContext page, List<Lesson> lessons, List<ScenarioLink> scenarios);

        static native TemplateInstance lesson(PageContext page, Lesson lesson, LessonRenderer.Rendered body,
                                              Lesson previous, Lesson next, List<QuizLink> quizzes);

        static native TemplateInstance simulator(PageContext page, ScenarioLink scenario, String embed, List<Lesson> lessons);

        static native TemplateInstance notFound(PageContext page);

        /** {@code tunables}: the set-up's "TCP setting" block, every tunable the scenario editor offers. */
        static native TemplateInstance sandbox(PageContext page, String session, String scenario, String task, String mode,
                                               List<TunableField> tunables);

        /** {@code largestMb}: the largest capture the upload accepts, in MiB. */
        static native TemplateInstance capture(PageContext page, long largestMb);
    }

    private final LessonCatalogue lessons;
    private final LessonPage lessonPage;
    private final ScenarioCatalogue scenarios;
    private final SimulatorEmbed embeds;
    private final SandboxTaskCatalogue tasks;
    private final SharedPages shared;
    private final OversizedBodies bodies;

    public SitePages(LessonCatalogue lessons, LessonPage lessonPage, ScenarioCatalogue scenarios, SimulatorEmbed embeds, SandboxTaskCatalogue tasks,
                     SharedPages shared, OversizedBodies bodies) {
        this.bodies = bodies;
        this.lessons = lessons;
        this.lessonPage = lessonPage;
        this.scenarios = scenarios;
        this.embeds = embeds;
        this.tasks = tasks;
        this.shared = shared;
    }

    @GET
    @Operation(hidden = true)
    public Response home(@BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        List<ScenarioLink> links = scenarios.all().stream().map(spec -> link(spec, language.language())).toList();
        PageContext page = new PageContext(language.code(), "/", Pages.words(language).site_name());
        return Pages.html(language, Templates.home(page, lessons.all(language.language()), links));
    }

    @GET
    @Path("lessons/{id}")
    @Operation(hidden = true)
    public Response lesson(@PathParam("id") String id, @BeanParam PageLanguageParams languageParams, @Context HttpServerRequest http) {
        PageLanguage language = languageParams.resolve();
        // A lesson written in one language only (a teacher's) is shown in it, with a note, rather than not at all.
        Optional<Lesson> found = lessons.findInEither(id, language.language());
        if (found.isEmpty()) {
            return notFound(language, "/lessons/" + id);
        }
        return Pages.html(language, shared.page("/lessons/" + id, language.language(),
                () -> lessonPage.render(found.get(), language.language()).page()), http);
    }

    @GET
    @Path("simulator/{id}")
    @Operation(hidden = true)
    public Response simulator(@PathParam("id") String id, @BeanParam PageLanguageParams languageParams, @Context HttpServerRequest http) {
        PageLanguage language = languageParams.resolve();
        Optional<ScenarioSpec> found = scenarios.find(id);
        if (found.isEmpty()) {
            return notFound(language, "/simulator/" + id);
        }
        return Pages.html(language, shared.page("/simulator/" + id, language.language(), () -> {
            ScenarioLink scenario = link(found.get(), language.language());
            PageContext page = new PageContext(language.code(), "/simulator/" + id, scenario.title());
            return Templates.simulator(page, scenario, embeds.html(id, language.language()), lessons.embedding(id, language.language()));
        }), http);
    }

    /**
     * The sandbox: a new session (empty, from {@code ?scenario=}, or for the sandbox task {@code ?task=}, 404 for an
     * unknown one), which the page then links to.
     */
    @GET
    @Path("sandbox")
    @Operation(hidden = true)
    public Response sandbox(@QueryParam("scenario") String scenario, @QueryParam("task") String task, @QueryParam("mode") String mode,
                            @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        if (task != null && tasks.find(task).isEmpty()) {
            return notFound(language, "/sandbox");
        }
        String known = scenario != null && scenarios.find(scenario).isPresent() ? scenario : null;
        // Predict mode asks before each step, so its sessions move one step per advance.
        String safeMode = "auto".equals(mode) ? "auto" : "step".equals(mode) || "predict".equals(mode) ? "step" : "manual";
        PageContext page = new PageContext(language.code(), "/sandbox", Pages.words(language).sandbox_title());
        return Pages.html(language, Templates.sandbox(page, null, known, task, safeMode, TunableField.all(language.language())));
    }

    /** Upload a capture and watch the engine explain it. */
    @GET
    @Path("captures")
    @Operation(hidden = true)
    public Response capture(@BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        PageContext page = new PageContext(language.code(), "/captures", Pages.words(language).capture_title());
        return Pages.html(language, Templates.capture(page, bodies.largestCaptureMb()));
    }

    /** A shared session: its creator continues it; anyone else with the link watches it and can make their own copy. */
    @GET
    @Path("sandbox/{session}")
    @Operation(hidden = true)
    public Response sharedSandbox(@PathParam("session") String session, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        if (!session.matches("[0-9a-f-]{36}")) {
            return notFound(language, "/sandbox/" + session);
        }
        PageContext page = new PageContext(language.code(), "/sandbox/" + session, Pages.words(language).sandbox_title());
        return Pages.html(language, Templates.sandbox(page, session, null, null, "manual", TunableField.all(language.language())));
    }

    /** The headings of a lesson's callout boxes, in the language of these words. */
    public static LessonRenderer.CalloutTitles calloutTitles(AppMessages words) {
        return kind -> switch (kind) {
            case "misconception" -> words.callout_misconception();
            case "linux" -> words.callout_linux();
            default -> words.callout_note();
        };
    }

    private Response notFound(PageLanguage language, String path) {
        PageContext page = new PageContext(language.code(), path, Pages.words(language).not_found_title());
        return Pages.html(Response.Status.NOT_FOUND, language, Templates.notFound(page));
    }

    private static ScenarioLink link(ScenarioSpec spec, Language language) {
        return new ScenarioLink(spec.id(), Language.text(spec.title(), language.code()), Language.text(spec.summary(), language.code()));
    }
}
