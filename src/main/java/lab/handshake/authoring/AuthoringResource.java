package lab.handshake.authoring;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.api.LanguageParams;
import lab.handshake.content.AuthoredItem;
import lab.handshake.content.ContentKind;
import lab.handshake.engine.Language;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Teachers' lessons, quizzes and scenarios over JSON: the same operations as the editor pages. Every change
 * names the {@code version} it was made on and is refused with 409 if the item has changed since. Every
 * teacher reads every item; a change by someone who is not its owner or a co-editor (nor an administrator or
 * manager) is refused with 403.
 */
@Path("/api/teacher/content")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(lab.handshake.teacher.Teacher.TEACHER)
@Tag(name = "Teachers")
public class AuthoringResource {
    private final AuthoringService authoring;
    private final ContentArchive archive;
    private final ContentPreview preview;
    private final SecurityIdentity identity;

    public AuthoringResource(AuthoringService authoring, ContentArchive archive, ContentPreview preview, SecurityIdentity identity) {
        this.authoring = authoring;
        this.archive = archive;
        this.preview = preview;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every lesson, quiz and scenario teachers have written, with its status")
    public List<ContentViews.ItemSummary> list() {
        return authoring.list().stream().map(ContentViews.ItemSummary::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new draft: a copy of the built-in file named by from, else of the built-in file of the same id, else a starter text")
    @APIResponse(responseCode = "201", description = "The new draft; the Location header is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContentViews.ItemDetail.class)))
    public Response create(@NotNull(message = "{problem:body_required}") ContentViews.CreateRequest request, @BeanParam LanguageParams readers) {
        AuthoredItem item = authoring.create(kind(request.kind()), request.id(), request.language(), request.from(), author());
        return Response.created(URI.create("/api/teacher/content/" + item.id)).entity(detail(item, readers)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One item: its draft, its published text and the problems that would stop publication")
    public ContentViews.ItemDetail get(@PathParam("id") long id, @BeanParam LanguageParams readers) {
        return detail(authoring.get(id), readers);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a new draft text; 409 if the item changed after the version given")
    public ContentViews.ItemDetail save(@PathParam("id") long id, @NotNull(message = "{problem:body_required}") ContentViews.SaveRequest request,
                                        @BeanParam LanguageParams readers) {
        return detail(authoring.save(id, request.text(), version(request.version()), author()), readers);
    }

    @POST
    @Path("{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish the draft; 422 listing its problems if it has any, 409 if the item changed after the version given")
    public ContentViews.ItemDetail publish(@PathParam("id") long id, ContentViews.VersionRequest request, @BeanParam LanguageParams readers) {
        return detail(authoring.publish(id, version(request == null ? null : request.version()), author()), readers);
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take the item away from students (a built-in item it replaced comes back); the draft is kept")
    public ContentViews.ItemDetail withdraw(@PathParam("id") long id, ContentViews.VersionRequest request, @BeanParam LanguageParams readers) {
        return detail(authoring.withdraw(id, version(request == null ? null : request.version()), author()), readers);
    }

    @PUT
    @Path("{id}/editors")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set who besides the owner may change the item (owner, administrators and managers only; 403 otherwise)")
    public ContentViews.ItemDetail setEditors(@PathParam("id") long id, ContentViews.EditorsRequest request, @BeanParam LanguageParams readers) {
        return detail(authoring.setCoEditors(id, request == null ? null : request.editors(), author()), readers);
    }

    @PUT
    @Path("{id}/owner")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand the item to another teacher, who becomes its owner; the former owner stays a co-editor (owner, administrators and managers only)")
    public ContentViews.ItemDetail setOwner(@PathParam("id") long id, ContentViews.OwnerRequest request, @BeanParam LanguageParams readers) {
        return detail(authoring.transfer(id, request == null ? null : request.owner(), author()), readers);
    }

    @GET
    @Path("{id}/changes")
    @Operation(summary = "Who published, withdrew, handed over the item or changed its co-editors, and when; newest first")
    public List<ContentViews.Change> changes(@PathParam("id") long id) {
        return authoring.changes(authoring.get(id)).stream().map(ContentViews.Change::of).toList();
    }

    @GET
    @Path("{id}/revisions")
    @Operation(summary = "Every saved text of the item, newest first")
    public List<ContentViews.RevisionSummary> revisions(@PathParam("id") long id) {
        return authoring.history(id).stream().map(ContentViews.RevisionSummary::of).toList();
    }

    @GET
    @Path("{id}/revisions/{number}")
    @Operation(summary = "One saved text")
    public ContentViews.Revision revision(@PathParam("id") long id, @PathParam("number") int number) {
        return ContentViews.Revision.of(authoring.revision(authoring.get(id), number));
    }

    @POST
    @Path("{id}/revisions/{number}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an older text the draft again (as a new revision)")
    public ContentViews.ItemDetail restore(@PathParam("id") long id, @PathParam("number") int number, ContentViews.VersionRequest request,
                                           @BeanParam LanguageParams readers) {
        return detail(authoring.restore(id, number, version(request == null ? null : request.version()), author()), readers);
    }

    @GET
    @Path("export")
    @Produces("application/zip")
    @Operation(summary = "Every item's draft as files laid out like content/, in a zip")
    public Response export() {
        return Response.ok(archive.export(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"handshake-lab-content.zip\"").build();
    }

    @POST
    @Path("import")
    @Consumes("application/zip")
    @Operation(summary = "Add the files of a zip laid out like content/ as drafts (publish=true: and publish those without problems)")
    public List<ContentArchive.ImportedFile> importArchive(InputStream body, @QueryParam("publish") boolean publish,
                                                          @BeanParam LanguageParams readers) {
        return archive.importArchive(body, publish, author(), readers.language());
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A text as students would see it (a scenario is run), as an HTML document, problems first")
    public String preview(ContentViews.PreviewRequest request) {
        if (request == null || request.text() == null) {
            throw AuthoringService.invalid("text", Worded.of(ProblemMessages.class, ProblemMessages::body_required));
        }
        AuthoringService.checkSize(request.text());
        String language = request.language() == null ? "en" : request.language();
        if (Language.ofCode(language).isEmpty()) {
            throw AuthoringService.invalid("language", Worded.of(ProblemMessages.class, words -> words.must_be_either("en", "zh")));
        }
        String slug = request.id() == null ? "" : request.id();
        return preview.render(kind(request.kind()), slug, language, request.text());
    }

    /** The item with its draft's problems in the reader's language. */
    private ContentViews.ItemDetail detail(AuthoredItem item, LanguageParams readers) {
        return new ContentViews.ItemDetail(ContentViews.ItemSummary.of(item), item.draftText, item.publishedText,
                authoring.problems(item, readers.language()));
    }

    private Author author() {
        return Author.of(identity);
    }

    static ContentKind kind(String code) {
        return ContentKind.parse(code).orElseThrow(() -> AuthoringService.invalid("kind", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::kind_choices)));
    }

    private static long version(Long version) {
        if (version == null) {
            throw AuthoringService.invalid("version", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::version_required));
        }
        return version;
    }
}
