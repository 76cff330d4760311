package lab.handshake.activity;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import lab.handshake.api.LearnerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulator and lesson pages say what their learner (the learner cookie) did: stepped a catalogue simulation
 * to its last step, read a lesson to its end. No body and no form token: like the other learner JSON APIs, a post
 * from another site is refused ({@code web.FormTokenCheck}).
 */
// At /api, like the other learner resources: a class at /api/learners/me would take every /api/learners/me/… path.
@Path("/api")
@Tag(name = "Learners")
public class ActivityResource {
    private final ActivityRecords records;

    public ActivityResource(ActivityRecords records) {
        this.records = records;
    }

    @POST
    @Path("learners/me/stepped-through/{scenario}")
    @Operation(summary = "This learner reached the last step of the catalogue scenario: kept once per learner and scenario "
            + "(first and latest time), only for a learner who joined a class, so STEP assignments count it; 204 either way, "
            + "404 for a scenario the catalogue does not have")
    public Response steppedThrough(@PathParam("scenario") String scenario, @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        records.done(ActivityKind.SIMULATION_STEPPED_THROUGH, LearnerIdentity.known(learnerCookie), scenario);
        return Response.noContent().build();
    }

    @POST
    @Path("learners/me/lessons-read/{lesson}")
    @Operation(summary = "This learner read the lesson to its end: kept once per learner and lesson (first and latest "
            + "time), only for a learner who joined a class, whose teacher sees it; 204 either way, 404 for a lesson "
            + "that does not exist")
    public Response lessonRead(@PathParam("lesson") String lesson, @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        records.done(ActivityKind.LESSON_READ, LearnerIdentity.known(learnerCookie), lesson);
        return Response.noContent().build();
    }
}
