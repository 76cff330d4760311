package lab.handshake.assignments;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import lab.handshake.classes.ClassViewer;
import lab.handshake.classes.SchoolClass;
import lab.handshake.engine.Language;
import lab.handshake.formats.SpreadsheetCsv;
import lab.handshake.teacher.ClassResults;
import lab.handshake.teacher.Teacher;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A class's assignments, for its teacher (administrators: any class); another teacher's class answers 404, as if
 * it did not exist.
 */
@Path("/api/classes/{code}/assignments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Teacher.TEACHER)
@Tag(name = "Assignments")
public class AssignmentResource {
    private final AssignmentService assignments;
    private final ClassResults classes;
    private final SecurityIdentity identity;

    public AssignmentResource(AssignmentService assignments, ClassResults classes, SecurityIdentity identity) {
        this.assignments = assignments;
        this.classes = classes;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The class's assignments, soonest due first")
    public List<AssignmentService.AssignmentView> list(@PathParam("code") String code, @QueryParam("lang") String lang) {
        return assignments.list(managed(code), language(lang));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a quiz or a simulation (STEP or PREDICT) to the class, open from opensAt until dueAt, "
            + "with the attempts allowed and which one counts (BEST, LAST, FIRST); a PREDICT simulation may say which steps ask "
            + "(ask ALL, CHANGES, or RANGE from fromStep to toStep), which its link carries and its score counts")
    public Response create(@PathParam("code") String code, @NotNull(message = "{assignments:required}") AssignmentRequest request, @QueryParam("lang") String lang,
                           @Context UriInfo uri) {
        ClassViewer viewer = ClassResults.viewer(identity);
        AssignmentService.AssignmentView created = assignments.create(classes.managed(viewer, code), request, viewer.teacherId(), language(lang));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Completion and scores of an assignment: per student (status, attempts used, the counted score) and per question")
    public AssignmentService.AssignmentResults results(@PathParam("code") String code, @PathParam("id") long id,
                                                       @QueryParam("lang") String lang) {
        return assignments.results(managed(code), id, language(lang));
    }

    @GET
    @Path("{id}/results.csv")
    @Produces("text/csv")
    @Operation(summary = "The assignment's results as CSV, one row per student with their name (formula cells neutralised)")
    public Response csv(@PathParam("code") String code, @PathParam("id") long id, @QueryParam("lang") String lang) {
        SchoolClass schoolClass = managed(code);
        return Response.ok(assignments.csv(schoolClass, id, language(lang)), SpreadsheetCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + schoolClass.joinCode + "-assignment-" + id + ".csv\"").build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an assignment (its attempts stay in the class's results)")
    public Response delete(@PathParam("code") String code, @PathParam("id") long id) {
        assignments.delete(managed(code), id);
        return Response.noContent().build();
    }

    private SchoolClass managed(String code) {
        return classes.managed(ClassResults.viewer(identity), code);
    }

    static String language(String lang) {
        return Language.ofCode(lang).orElse(Language.EN).code();
    }
}
