package lab.handshake.assignments;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.LanguageParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The assignments of the learner this browser belongs to (the learner cookie), as the home page and /progress show them. */
@Path("/api/learners/me/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignments")
public class LearnerAssignmentResource {
    private final AssignmentService assignments;

    public LearnerAssignmentResource(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @GET
    @Operation(summary = "The assignments of every class this learner joined, soonest due first: status, attempts used, counted score")
    public List<AssignmentService.LearnerAssignment> mine(@CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                                                          @BeanParam LanguageParams readers) {
        return assignments.forLearner(LearnerIdentity.known(learnerCookie), readers.language().code());
    }
}
