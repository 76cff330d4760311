package lab.handshake.classes;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The classes of the learner this browser belongs to (the learner cookie), and joining one. */
@Path("/api/learners/me/classes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Classes")
public class LearnerClassResource {

    /**
     * What {@code POST /api/learners/me/classes} accepts: the join code the teacher gave, and optionally the name
     * the teacher will see (without one the learner appears as "Student n").
     */
    public record JoinRequest(String joinCode, String displayName) {
    }

    private final ClassService classes;

    public LearnerClassResource(ClassService classes) {
        this.classes = classes;
    }

    @GET
    @Operation(summary = "The classes this learner has joined")
    public List<ClassService.JoinedClass> joined(@CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        return classes.joinedBy(LearnerIdentity.known(learnerCookie));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Join a class with its join code and, optionally, the name the teacher sees "
            + "(joining again changes only the name); 404 for an unknown code")
    public Response join(JoinRequest request, @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                         @Context HttpServerRequest http) {
        if (request == null || request.joinCode() == null || request.joinCode().isBlank()) {
            Refusal.Worded<String> required = Worded.of(ProblemMessages.class, ProblemMessages::body_required);
            throw new Refusal.Invalid(ClassService.INVALID_CLASS, Worded.of(ProblemMessages.class, ProblemMessages::invalid_request),
                    Worded.fieldDetail("joinCode", required), Worded.fieldErrors("joinCode", required));
        }
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        return learner.rememberedIn(Response.ok(classes.join(request.joinCode(), learner.id(), ClientKey.of(http),
                request.displayName())).build());
    }
}
