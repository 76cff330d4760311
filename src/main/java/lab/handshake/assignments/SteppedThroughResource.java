package lab.handshake.assignments;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import lab.handshake.api.LearnerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulator page says that its learner (the learner cookie) stepped a catalogue simulation to its last step.
 * No body and no form token: like the other learner JSON APIs, a post from another site is refused
 * ({@code web.FormTokenCheck}).
 */
@Path("/api/learners/me/stepped-through/{scenario}")
@Tag(name = "Assignments")
public class SteppedThroughResource {
    private final SteppingRecords records;

    public SteppedThroughResource(SteppingRecords records) {
        this.records = records;
    }

    @POST
    @Operation(summary = "This learner reached the last step of the catalogue scenario: kept once per learner and scenario "
            + "(first and latest time), only for a learner who joined a class, so STEP assignments count it; 204 either way")
    public Response reached(@PathParam("scenario") String scenario, @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        records.reached(LearnerIdentity.known(learnerCookie), scenario);
        return Response.noContent().build();
    }
}
