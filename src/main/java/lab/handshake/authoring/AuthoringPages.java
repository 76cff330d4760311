package lab.handshake.authoring;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.content.AuthoredItem;
import lab.handshake.content.AuthoredRevision;
import lab.handshake.content.ContentKind;
import lab.handshake.engine.Language;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.quiz.QuestionKind;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.teacher.Teacher;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import lab.handshake.web.TunableField;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The teachers' editors: the list of their content and the built-in curriculum, an editor per item (with a
 * preview that is live when JavaScript runs and a button when it does not), the history of each item, and
 * export and import of everything as files. Every form carries a CSRF token. A teacher who may not change an
 * item reads it, and a change they send anyway is answered on the page, in their language, with whose it is.
 */
@Path("/teacher/content")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Teacher.TEACHER)
public class AuthoringPages {

    /** The changes a page reports after the redirect that follows them. */
    private static final Set<String> DONE = Set.of("saved", "published", "restored", "withdrawn", "editors", "owner");

    /** A file of the built-in curriculum a teacher may start from. */
    public record BuiltInItem(String kind, String slug, String language, String title) {
    }

    /** What the editor shows: the item, the text in the box (the teacher's, even when it was not saved), and why. */
    public record EditorState(AuthoredItem item, String text, long version, String message, boolean error,
                              List<String> problems, String preview) {
    }

    /** A lesson's version in its other language: the item if a teacher has started it (else null). */
    public record OtherLanguage(String language, AuthoredItem item) {
    }

    /**
     * Why a page's change was refused: its status, and the message (a key the {@code refusal} tag words in the
     * reader's language, or the refusal's own words).
     */
    private record Refused(int status, String message, boolean conflict) {
        /** The problems the refusal tag words itself; the others are shown in their own words. */
        private static final Set<String> WORDED = Set.of(AuthoringService.EDIT_CONFLICT, AuthoringService.HAS_PROBLEMS,
                AuthoringService.UNKNOWN_TEACHER, AuthoringService.TOO_MANY_CO_EDITORS);

        static Refused of(Refusal refused, PageLanguage language) {
            String message = refused instanceof NotAllowedException notAllowed ? notAllowed.why().code()
                    : WORDED.contains(refused.reason()) ? refused.reason() : refused.detail(language.language());
            return new Refused(ProblemMapper.status(refused.kind()), message, refused.kind() == Refusal.Kind.CONFLICT);
        }

        /** After a conflict the form stays on its old version, so that saving again is refused until the newer text was seen. */
        long versionAfter(long basedOn, AuthoredItem now) {
            return conflict ? basedOn : now.version;
        }
    }

    /** The quiz form: the quiz as the fields show it, the version it is based on, and what happened. */
    public record QuizFormState(AuthoredItem item, QuizModel.Quiz quiz, long version, String message, boolean error,
                                List<String> problems) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(PageContext page, List<AuthoredItem> items, List<BuiltInItem> builtIn, String message,
                                            boolean mayReplaceBuiltIn);

        static native TemplateInstance editor(PageContext page, EditorState editor, List<QuestionSnippets.Snippet> snippets,
                                              List<TunableField> tunables, OtherLanguage otherLanguage, AuthoringService.Access access);

        static native TemplateInstance quizForm(PageContext page, QuizFormState form, List<String> scenarios, List<String> states,
                                                List<String> kinds, AuthoringService.Access access);

        static native TemplateInstance history(PageContext page, AuthoredItem item, List<ContentViews.RevisionSummary> revisions, String message,
                                               AuthoringService.Access access, List<ContentViews.Change> changes);

        static native TemplateInstance revision(PageContext page, AuthoredItem item, ContentViews.Revision revision,
                                                List<RevisionDiff.Line> changes, AuthoringService.Access access);

        static native TemplateInstance imported(PageContext page, List<ContentArchive.ImportedFile> files);
    }

    private final AuthoringService authoring;
    private final ContentArchive archive;
    private final ContentPreview preview;
    private final LessonCatalogue lessons;
    private final QuizCatalogue quizzes;
    private final ScenarioCatalogue scenarios;
    private final SecurityIdentity identity;

    public AuthoringPages(AuthoringService authoring, ContentArchive archive, ContentPreview preview, LessonCatalogue lessons,
                          QuizCatalogue quizzes, ScenarioCatalogue scenarios, SecurityIdentity identity) {
        this.authoring = authoring;
        this.archive = archive;
        this.preview = preview;
        this.lessons = lessons;
        this.quizzes = quizzes;
        this.scenarios = scenarios;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public Response list(@BeanParam PageLanguageParams languageParams) {
        return listPage(languageParams.resolve(), 200, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(@FormParam("kind") String kind, @FormParam("id") String id, @FormParam("language") String language,
                           @FormParam("from") String from, @BeanParam PageLanguageParams languageParams) {
        PageLanguage pageLanguage = languageParams.resolve();
        return attempt(() -> {
            AuthoredItem item = authoring.create(AuthoringResource.kind(kind), id == null ? null : id.strip(), language, from, author());
            return Response.seeOther(URI.create("/teacher/content/" + item.id)).build();
        }, pageLanguage, refused -> listPage(pageLanguage, refused.status(), refused.message()));
    }

    @GET
    @Path("{id: \\d+}")
    @Operation(hidden = true)
    public Response editor(@PathParam("id") long id, @QueryParam("done") String done, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        AuthoredItem item = authoring.get(id);
        return editorPage(language, 200,
                new EditorState(item, item.draftText, item.version, done(done), false, authoring.problems(item, language.language()), null));
    }

    @POST
    @Path("{id: \\d+}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response withdraw(@PathParam("id") long id, @FormParam("version") String version, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        return attempt(() -> {
            authoring.withdraw(id, parseVersion(version), author());
            return Response.seeOther(URI.create("/teacher/content/" + id + "?done=withdrawn")).build();
        }, language, refused -> {
            AuthoredItem now = authoring.get(id);
            return editorPage(language, refused.status(),
                    new EditorState(now, now.draftText, now.version, refused.message(), true, authoring.problems(now, language.language()), null));
        });
    }

    /**
     * One form, three buttons: preview (nothing is stored), save the draft, or save and publish. The form is
     * multipart, because URL-encoding would make every Chinese character nine bytes long.
     */
    @POST
    @Path("{id: \\d+}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response change(@PathParam("id") long id, @RestForm("text") String text, @RestForm("version") String versionField,
                           @RestForm("action") String action, @BeanParam PageLanguageParams languageParams) {
        long version = parseVersion(versionField);
        PageLanguage language = languageParams.resolve();
        AuthoredItem item = authoring.get(id);
        String draft = text == null ? "" : text.replace("\r\n", "\n");
        if ("preview".equals(action)) {
            String document = preview.render(item.kind, item.slug, previewLanguage(item, language), draft);
            return editorPage(language, 200, new EditorState(item, draft, version, null, false,
                    List.of(), document));
        }
        return saveThenShow(id, draft, version, "publish".equals(action), "/teacher/content/" + id, language, refused -> {
            AuthoredItem now = authoring.get(id);
            return editorPage(language, refused.status(),
                    new EditorState(now, draft, refused.versionAfter(version, now), refused.message(), true, authoring.problems(now, language.language()), null));
        });
    }

    /** What a redirect's {@code ?done=} says was just done, if it is one of the changes the pages report. */
    private static String done(String done) {
        return done != null && DONE.contains(done) ? done : null;
    }

    /**
     * Saves a text, publishes it too if asked, and sends the browser back to {@code page} saying which; a
     * refused change is answered by {@code onRefusal}.
     */
    private Response saveThenShow(long id, String text, long version, boolean publish, String page, PageLanguage language,
                                  Function<Refused, Response> onRefusal) {
        return attempt(() -> {
            AuthoredItem item = authoring.save(id, text, version, author());
            if (publish) {
                authoring.publish(id, item.version, author());
            }
            return Response.seeOther(URI.create(page + "?done=" + (publish ? "published" : "saved"))).build();
        }, language, onRefusal);
    }

    /**
     * Makes a change and answers with its page, or, if the change is refused, with {@code onRefusal}'s, which says
     * why in the page's language.
     */
    private static Response attempt(Supplier<Response> change, PageLanguage language, Function<Refused, Response> onRefusal) {
        try {
            return change.get();
        } catch (Refusal refused) {
            return onRefusal.apply(Refused.of(refused, language));
        }
    }

    /** The quiz bank as a form; a draft whose YAML cannot be read is sent back to the text editor. */
    @GET
    @Path("{id: \\d+}/form")
    @Operation(hidden = true)
    public Response quizForm(@PathParam("id") long id, @QueryParam("done") String done, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        AuthoredItem item = quiz(id);
        QuizModel.Quiz quiz;
        try {
            quiz = QuizCatalogue.read(item.draftText);
        } catch (IOException | RuntimeException e) {
            return editorPage(language, 409, new EditorState(item, item.draftText, item.version,
                    ProblemMapper.words(AuthoringProblemMessages.class, language.language()).quiz_form_needs_yaml(DraftProblem.Unreadable.of(e).in(language.language())),
                    true, authoring.problems(item, language.language()), null));
        }
        return quizFormPage(language, 200,
                new QuizFormState(item, QuizForm.forEditing(quiz), item.version, done(done), false, authoring.problems(item, language.language())));
    }

    /** Adds a question (nothing is stored yet), or saves the form as the quiz's YAML, and publishes it if asked. */
    @POST
    @Path("{id: \\d+}/form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response saveQuizForm(@PathParam("id") long id, MultivaluedMap<String, String> form, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        AuthoredItem item = quiz(id);
        long version = parseVersion(form.getFirst("version"));
        QuizModel.Quiz posted = QuizForm.read(form);
        QuizModel.Quiz quiz = new QuizModel.Quiz(item.slug, posted.title(), posted.topic(), posted.lesson(), posted.questions());
        if ("add".equals(form.getFirst("action"))) {
            List<QuizModel.Question> questions = new ArrayList<>(quiz.questions());
            String kind = QuestionKind.of(form.getFirst("newKind")).orElse(QuestionKind.SINGLE).code();
            if (questions.size() < QuizForm.MAX_QUESTIONS) {
                questions.add(QuizForm.blank(kind, questions.size() + 1));
            }
            QuizModel.Quiz longer = new QuizModel.Quiz(quiz.id(), quiz.title(), quiz.topic(), quiz.lesson(), questions);
            return quizFormPage(language, 200,
                    new QuizFormState(item, QuizForm.forEditing(longer), version, null, false, List.of()));
        }
        return saveThenShow(id, QuizForm.yaml(quiz), version, "publish".equals(form.getFirst("action")),
                "/teacher/content/" + id + "/form", language, refused -> {
                    AuthoredItem now = authoring.get(id);
                    return quizFormPage(language, refused.status(), new QuizFormState(now,
                            QuizForm.forEditing(quiz), refused.versionAfter(version, now), refused.message(), true, authoring.problems(now, language.language())));
                });
    }

    @GET
    @Path("{id: \\d+}/history")
    @Operation(hidden = true)
    public Response history(@PathParam("id") long id, @BeanParam PageLanguageParams languageParams) {
        return historyPage(languageParams.resolve(), 200, authoring.get(id), null);
    }

    @GET
    @Path("{id: \\d+}/revisions/{number: \\d+}")
    @Operation(hidden = true)
    public Response revision(@PathParam("id") long id, @PathParam("number") int number, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        AuthoredItem item = authoring.get(id);
        PageContext page = new PageContext(language.code(), "/teacher/content/" + id + "/revisions/" + number, item.slug + " #" + number);
        AuthoredRevision revision = authoring.revision(item, number);
        return Pages.html(language, Templates.revision(page, item, ContentViews.Revision.of(revision),
                RevisionDiff.between(item.draftText, revision.body), authoring.access(item, author())));
    }

    @POST
    @Path("{id: \\d+}/revisions/{number: \\d+}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response restore(@PathParam("id") long id, @PathParam("number") int number, @FormParam("version") String version,
                            @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        return attempt(() -> {
            authoring.restore(id, number, parseVersion(version), author());
            return Response.seeOther(URI.create("/teacher/content/" + id + "?done=restored")).build();
        }, language, refused -> historyPage(language, refused.status(), authoring.get(id), refused.message()));
    }

    /** The co-editors, as usernames separated by commas or spaces. */
    @POST
    @Path("{id: \\d+}/editors")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response setEditors(@PathParam("id") long id, @FormParam("editors") String editors, @BeanParam PageLanguageParams languageParams) {
        List<String> usernames = editors == null || editors.isBlank() ? List.of() : List.of(editors.strip().split("[\\s,]+"));
        return changeAccess(id, "editors", () -> authoring.setCoEditors(id, usernames, author()), languageParams);
    }

    @POST
    @Path("{id: \\d+}/owner")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response setOwner(@PathParam("id") long id, @FormParam("owner") String owner, @BeanParam PageLanguageParams languageParams) {
        return changeAccess(id, "owner", () -> authoring.transfer(id, owner, author()), languageParams);
    }

    private Response changeAccess(long id, String done, Supplier<AuthoredItem> change, PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        return attempt(() -> {
            change.get();
            return Response.seeOther(URI.create("/teacher/content/" + id + "?done=" + done)).build();
        }, language, refused -> {
            AuthoredItem now = authoring.get(id);
            return editorPage(language, refused.status(),
                    new EditorState(now, now.draftText, now.version, refused.message(), true, authoring.problems(now, language.language()), null));
        });
    }

    @GET
    @Path("export.zip")
    @Produces("application/zip")
    @Operation(hidden = true)
    public Response export() {
        return Response.ok(archive.export(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"handshake-lab-content.zip\"").build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response importArchive(@RestForm("archive") FileUpload upload, @RestForm("publish") String publish,
                                  @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        if (upload == null || upload.size() == 0) {
            return listPage(language, 400, ProblemMapper.words(AuthoringProblemMessages.class, language.language()).archive_required());
        }
        try (InputStream input = Files.newInputStream(upload.uploadedFile())) {
            List<ContentArchive.ImportedFile> files = archive.importArchive(input, publish != null, author(), language.language());
            PageContext page = new PageContext(language.code(), "/teacher/content/import", Pages.words(language).author_import_report());
            return Pages.html(language, Templates.imported(page, files));
        } catch (Refusal refused) {
            return listPage(language, ProblemMapper.status(refused.kind()), refused.detail(language.language()));
        } catch (IOException e) {
            return listPage(language, 400, ProblemMapper.words(AuthoringProblemMessages.class, language.language()).upload_unreadable(e.getMessage()));
        }
    }

    private Response listPage(PageLanguage language, int status, String message) {
        PageContext page = new PageContext(language.code(), "/teacher/content", Pages.words(language).author_title());
        return Pages.html(status, language, Templates.list(page, authoring.list(), builtIn(language.language()), message,
                author().mayChangeAnything()));
    }

    private Response editorPage(PageLanguage language, int status, EditorState editor) {
        PageContext page = new PageContext(language.code(), "/teacher/content/" + editor.item().id, editor.item().slug);
        AuthoredItem item = editor.item();
        List<QuestionSnippets.Snippet> snippets = item.kind == ContentKind.QUIZ ? QuestionSnippets.all() : List.of();
        List<TunableField> tunables = item.kind == ContentKind.SCENARIO ? TunableField.all(language.language()) : List.of();
        OtherLanguage other = null;
        if (item.kind.perLanguage()) {
            String otherCode = "zh".equals(item.language) ? "en" : "zh";
            other = new OtherLanguage(otherCode, authoring.find(item.kind, item.slug, otherCode).orElse(null));
        }
        return Pages.html(status, language, Templates.editor(page, editor, snippets, tunables, other, authoring.access(item, author())));
    }

    private Response quizFormPage(PageLanguage language, int status, QuizFormState form) {
        PageContext page = new PageContext(language.code(), "/teacher/content/" + form.item().id + "/form", form.item().slug);
        List<String> scenarioIds = scenarios.all().stream().map(ScenarioSpec::id).toList();
        List<String> states = Arrays.stream(TcpState.values()).map(Enum::name).toList();
        return Pages.html(status, language, Templates.quizForm(page, form, scenarioIds, states,
                QuestionKind.codes(), authoring.access(form.item(), author())));
    }

    private AuthoredItem quiz(long id) {
        AuthoredItem item = authoring.get(id);
        if (item.kind != ContentKind.QUIZ) {
            throw Refusal.notFound(ProblemMessages::quiz, String.valueOf(id));
        }
        return item;
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version == null ? "" : version.strip());
        } catch (NumberFormatException e) {
            throw AuthoringService.invalid("version", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::version_required));
        }
    }

    private Response historyPage(PageLanguage language, int status, AuthoredItem item, String message) {
        PageContext page = new PageContext(language.code(), "/teacher/content/" + item.id + "/history", item.slug);
        List<ContentViews.RevisionSummary> revisions = AuthoredRevision.history(item).stream().map(ContentViews.RevisionSummary::of).toList();
        List<ContentViews.Change> changes = authoring.changes(item).stream().map(ContentViews.Change::of).toList();
        return Pages.html(status, language, Templates.history(page, item, revisions, message, authoring.access(item, author()), changes));
    }

    /** The built-in curriculum, to start a teacher's own version from. */
    private List<BuiltInItem> builtIn(Language pageLanguage) {
        List<BuiltInItem> items = new ArrayList<>();
        for (Language language : Language.values()) {
            lessons.builtIn(language).forEach(lesson -> items.add(new BuiltInItem("lesson", lesson.id(), language.code(), lesson.title())));
        }
        quizzes.builtIn().forEach(quiz -> items.add(
                new BuiltInItem("quiz", quiz.id(), ContentKind.BOTH_LANGUAGES, QuizModel.text(quiz.title(), pageLanguage.code()))));
        scenarios.builtIn().forEach(spec -> items.add(
                new BuiltInItem("scenario", spec.id(), ContentKind.BOTH_LANGUAGES, Language.text(spec.title(), pageLanguage.code()))));
        return items;
    }

    /** A lesson is previewed in its own language; quizzes and scenarios in the page's. */
    private static String previewLanguage(AuthoredItem item, PageLanguage page) {
        return item.kind.perLanguage() ? item.language : page.code();
    }

    private Author author() {
        return Author.of(identity);
    }
}
