package lab.handshake.teacher;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import lab.handshake.api.CheckedRequest;
import lab.handshake.api.LanguageParams;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.ClassViewer;
import lab.handshake.classes.SchoolClass;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A teacher's classes and their results, as JSON. A teacher sees and changes only the classes they own
 * (administrators: every class); anyone else's class answers 404, as if it did not exist.
 */
@Path("/api/teacher")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Teacher.TEACHER)
@Tag(name = "Teachers")
public class TeacherResource {

    /** What {@code POST /api/teacher/classes} accepts. */
    public record NewClass(String name) {
    }

    /** What {@code PUT /api/teacher/classes/{code}/attempts/{attempt}} accepts. */
    @CheckedRequest(reason = "invalid-attempt-change", title = "{classes:invalid_attempt_change}")
    public record AttemptChange(@NotNull(message = "{classes:excluded_required}") Boolean excluded) {
    }

    private final ClassResults results;
    private final SecurityIdentity identity;

    public TeacherResource(ClassResults results, SecurityIdentity identity) {
        this.results = results;
        this.identity = identity;
    }

    @GET
    @Path("classes")
    @Operation(summary = "The classes this teacher owns (administrators: every class), with per quiz the attempts and the average")
    public List<ClassResults.ClassSummary> classes(@BeanParam LanguageParams readers) {
        return results.classes(viewer(), readers.language().code());
    }

    @POST
    @Path("classes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a class; the answer carries its random join code for the students")
    public Response create(NewClass request, @BeanParam LanguageParams readers, @Context UriInfo uri) {
        SchoolClass created = results.create(viewer(), request == null ? null : request.name());
        return Response.created(uri.getAbsolutePathBuilder().path(created.joinCode).build())
                .entity(results.summary(created, readers.language().code())).build();
    }

    @GET
    @Path("classes/{code}")
    @Operation(summary = "A class's results: per quiz the attempts, the average, and per question the share right and the most chosen wrong answer")
    public List<ClassResults.QuizStats> classResults(@PathParam("code") String code, @BeanParam LanguageParams readers) {
        return results.forClass(results.managed(viewer(), code), readers.language().code());
    }

    @GET
    @Path("classes/{code}/attempts")
    @Operation(summary = "Every submitted attempt of a class, newest first, with whether it is excluded from the results")
    public List<ClassResults.AttemptRow> attempts(@PathParam("code") String code, @BeanParam LanguageParams readers) {
        return results.attempts(results.managed(viewer(), code), readers.language().code());
    }

    @GET
    @Path("classes/{code}/roster")
    @Operation(summary = "Who joined the class, in joining order, each with the name they gave or a pseudonym (\"Student 7\")")
    public List<ClassService.RosterEntry> roster(@PathParam("code") String code, @BeanParam LanguageParams readers) {
        return results.roster(results.managed(viewer(), code), readers.language().code()).members();
    }

    @GET
    @Path("classes/{code}/students/{member}")
    @Operation(summary = "One student of the class (memberId from the roster): attempts with each mistake (the prompt with that "
            + "student's numbers, answers relative to their ISNs, the misconception), and their predictions")
    public ClassResults.StudentView student(@PathParam("code") String code, @PathParam("member") long member,
                                            @BeanParam LanguageParams readers) {
        return results.student(results.managed(viewer(), code), member, readers.language().code());
    }

    @PUT
    @Path("classes/{code}/attempts/{attempt}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exclude an attempt from the class's results ({\"excluded\": true}) or count it again (false)")
    public ClassResults.AttemptRow changeAttempt(@PathParam("code") String code, @PathParam("attempt") String attempt,
                                                 @NotNull(message = "{problem:body_required}") @Valid AttemptChange change,
                                                 @BeanParam LanguageParams readers) {
        return results.setExcluded(results.managed(viewer(), code), attempt, change.excluded(), readers.language().code());
    }

    private ClassViewer viewer() {
        return ClassResults.viewer(identity);
    }
}
