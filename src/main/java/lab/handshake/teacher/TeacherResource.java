package lab.handshake.teacher;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Class results for teachers, as JSON. */
@Path("/api/teacher")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Teacher.TEACHER)
@Tag(name = "Teachers")
public class TeacherResource {
    private final ClassResults results;

    public TeacherResource(ClassResults results) {
        this.results = results;
    }

    @GET
    @Path("classes")
    @Operation(summary = "Every class code with submitted attempts, per quiz")
    public List<ClassResults.ClassSummary> classes(@QueryParam("lang") String lang) {
        return results.classes("zh".equals(lang) ? "zh" : "en");
    }

    @GET
    @Path("classes/{code}")
    @Operation(summary = "A class's results: per quiz the attempts, the average, and per question the share right and the most chosen wrong answer")
    public List<ClassResults.QuizStats> classResults(@PathParam("code") String code, @QueryParam("lang") String lang) {
        return results.forClass(TeacherPages.normalizedClassCode(code), "zh".equals(lang) ? "zh" : "en");
    }
}
