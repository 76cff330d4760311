package lab.handshake.predict;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.LanguageParams;
import lab.handshake.engine.Language;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Predict mode's API: the next question of a catalogue scenario, and a prediction checked against its trace
 * and kept for the learner of the cookie.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Predictions")
public class PredictResource {
    private final PredictionService predictions;

    public PredictResource(PredictionService predictions) {
        this.predictions = predictions;
    }

    @GET
    @Path("predictions/{scenario}/next")
    @Operation(summary = "The first question after step 'after' (a trace step index; none: the first question), "
            + "with the states to choose from and the learner's accuracy on this scenario; question null when none is left")
    public Response next(@PathParam("scenario") String scenario,
                         @Parameter(description = "trace step index; questions before or at it are skipped") @QueryParam("after") Integer after,
                         @Parameter(description = "all (default), changes (state changes only) or range") @QueryParam("ask") String ask,
                         @Parameter(description = "with ask=range: first step number asked (from 1)") @QueryParam("from") Integer from,
                         @Parameter(description = "with ask=range: last step number asked") @QueryParam("to") Integer to,
                         @Parameter(description = "rfc9293 or linux") @QueryParam("profile") String profile,
                         @BeanParam LanguageParams readers,
                         @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        Language language = readers.language();
        return learner.rememberedIn(Response.ok(predictions.next(scenario, after, AskedSteps.parse(ask, from, to), profile,
                language, learner.id())).build());
    }

    @POST
    @Path("predictions/{scenario}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a prediction against the trace and keep it for this learner: whether state and segment "
            + "were right, what happened, the RFC rule and explanation, the misconception a wrong answer shows")
    public Response submit(@PathParam("scenario") String scenario, PredictApi.PredictionRequest request,
                           @BeanParam LanguageParams readers,
                           @CookieParam(LearnerIdentity.COOKIE) String learnerCookie, @Context HttpServerRequest http) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        Language language = readers.language();
        return learner.rememberedIn(Response.ok(predictions.submit(scenario, request, learner.id(), ClientKey.of(http),
                language)).build());
    }

    @GET
    @Path("learners/me/predictions")
    @Operation(summary = "This learner's predictions per scenario: how many, how many right")
    public List<PredictApi.ScenarioAccuracy> mine(@CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                                                  @BeanParam LanguageParams readers) {
        String learner = LearnerIdentity.known(learnerCookie);
        return learner == null ? List.of() : predictions.progress(learner, readers.language());
    }
}
