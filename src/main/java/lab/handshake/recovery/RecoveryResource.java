package lab.handshake.recovery;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A learner's recovery code through the API: making one for the learner of this browser, and restoring with one,
 * which makes this browser that learner (their attempts, predictions, classes and sessions). Cross-site posts are
 * refused by {@code web.FormTokenCheck}, as for every write.
 */
// At /api, like the quiz and prediction resources: a class at /api/learners/me would take every /api/learners/me/… path.
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Learners")
public class RecoveryResource {

    /** A new recovery code, as the learner should keep it, and the link that carries it (as secret as the code). */
    public record MadeCode(String code, String link) {
        static MadeCode of(RecoveryCode code) {
            return new MadeCode(code.grouped(), code.link());
        }
    }

    /** What {@code POST /api/learners/me/recovery} accepts: the code, typed as the learner likes (case, spaces, dashes). */
    public record RestoreRequest(String code) {
    }

    private final RecoveryCodes codes;

    public RecoveryResource(RecoveryCodes codes) {
        this.codes = codes;
    }

    @POST
    @Path("learners/me/recovery-code")
    @Operation(summary = "Make a recovery code for this learner (a new learner without the cookie); it replaces the "
            + "learner's previous code, which stops working. Shown only in this answer: only its hash is kept")
    @APIResponse(responseCode = "201", description = "The code (four groups of four) and the relative link that restores with it")
    public Response make(@CookieParam(LearnerIdentity.COOKIE) String learnerCookie, @Context HttpServerRequest http) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        RecoveryCode code = codes.make(learner.id(), ClientKey.of(http));
        return learner.rememberedIn(Response.status(Response.Status.CREATED).entity(MadeCode.of(code)).build());
    }

    @POST
    @Path("learners/me/recovery")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restore with a recovery code: this browser's learner cookie is set to the code's learner, so "
            + "their progress, classes and sessions appear here (what this browser had before is no longer shown)")
    @APIResponse(responseCode = "204", description = "Restored; the Set-Cookie header names the code's learner")
    @APIResponse(responseCode = "400", description = "'code' is missing or is not 16 letters and digits")
    @APIResponse(responseCode = "404", description = "No learner has this code (never made, or replaced by a newer one)")
    public Response restore(RestoreRequest request, @Context HttpServerRequest http) {
        String learnerId = codes.learnerOf(request == null ? null : request.code(), ClientKey.of(http));
        return Response.noContent().cookie(LearnerIdentity.becoming(learnerId).cookie()).build();
    }
}
