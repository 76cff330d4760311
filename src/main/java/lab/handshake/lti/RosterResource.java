package lab.handshake.lti;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import lab.handshake.classes.ClassViewer;
import lab.handshake.teacher.Teacher;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The LMS roster of a class opened from an LMS course (NRPS), for the class's teacher; anyone else's class is 404. */
@Path("/api/lti/classes/{code}/roster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Teacher.TEACHER)
@Tag(name = "LTI")
public class RosterResource {
    private final CourseRosters rosters;
    private final SecurityIdentity identity;

    public RosterResource(CourseRosters rosters, SecurityIdentity identity) {
        this.rosters = rosters;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The class's LMS course roster as last fetched: each member's name, role and whether still in the course")
    @APIResponse(responseCode = "422", description = "The class was not opened from an LMS course offering its roster")
    public CourseRosters.Roster roster(@PathParam("code") String code) {
        return rosters.roster(viewer(), code);
    }

    @POST
    @Operation(summary = "Fetch the roster from the LMS now (NRPS); its learners join the class")
    @APIResponse(responseCode = "422", description = "No roster service for this class, or the LMS did not give the roster")
    public CourseRosters.Roster fetch(@PathParam("code") String code) {
        return rosters.fetch(viewer(), code);
    }

    private ClassViewer viewer() {
        return rosters.viewer(identity);
    }
}
