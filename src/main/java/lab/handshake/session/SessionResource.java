package lab.handshake.session;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.Problem;
import lab.handshake.api.Refusal;
import lab.handshake.api.RequestLanguage;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.TraceTimer;
import lab.handshake.formats.TraceFormat;
import lab.handshake.predict.PredictApi;
import lab.handshake.predict.PredictionService;
import lab.handshake.scenario.ScenarioCatalogue;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Interactive simulation sessions: the student makes each call and decides each segment's fate. The learner
 * cookie says who started a session; with its link others may watch it and make their own copy.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionResource {

    /**
     * What {@code POST /api/sessions} accepts: exactly one of a catalogue scenario, a specification or a sandbox task
     * (which starts from its scenario, in its mode unless {@code mode} says another), and a mode.
     */
    public record CreateSession(String scenario, ScenarioSpec spec, String mode,
                                @Schema(description = "A sandbox task's id (content/sandbox-tasks): every move then checks its goal")
                                String task) {
    }

    /**
     * A session as the API shows it; {@code yours}: whether the asking learner started it and so may act and
     * undo (everyone else may watch it and copy it); {@code task}: the sandbox task it was started for, in the asked
     * language, with whether its goal is met now (null for a session without one); {@code synQueueCapacity}: how many
     * half-open entries fill a listener's SYN queue (each step of the trace says how many it holds).
     */
    public record SessionView(String id, String scenario, String mode, boolean yours, int moveCount, List<Sandbox.Move> moves,
                              ScenarioSpec spec, long now, Map<String, String> states, List<Sandbox.InFlight> inFlight,
                              List<TraceTimer> timers, Map<String, List<String>> possibleCalls, boolean canAdvance,
                              Long nextEventAt, int synQueueCapacity, Trace trace, SessionService.TaskView task) {

        static SessionView of(SessionService.Loaded loaded, String learnerId, Optional<SessionService.TaskView> task) {
            Sandbox.View view = loaded.sandbox().view();
            return new SessionView(loaded.stored().id, loaded.stored().scenarioId, view.mode(),
                    learnerId != null && learnerId.equals(loaded.stored().creatorId), loaded.moves().size(),
                    loaded.moves(), loaded.spec(), view.now(), view.states(), view.inFlight(), view.timers(),
                    view.possibleCalls(), view.canAdvance(), view.nextEventAt(), view.synQueueCapacity(), view.trace(), task.orElse(null));
        }

        SessionView withoutTrace() {
            return new SessionView(id, scenario, mode, yours, moveCount, moves, spec, now, states, inFlight, timers, possibleCalls,
                    canAdvance, nextEventAt, synQueueCapacity, null, task);
        }
    }

    /**
     * The answer to a move: the steps it added, and the session after it (for a task session, {@code session.task.met}
     * says whether the task is met now). When the client said which session it
     * holds ({@code since}, its move count) and that was the one before this move, the session comes without its
     * trace and {@code traceChange} says what the move changed in it; otherwise the whole trace, and no change.
     */
    public record MoveResult(List<TraceStep> steps, SessionView session, TraceChange traceChange) {
    }

    /**
     * Predict mode asks about a move before it is made: the move, and {@code since}, the session's move count as
     * the page holds it (the question is about that session; 409 when it has changed since). {@code decision}: which
     * of the move's decisions, from 0 (the default): one move may make both endpoints decide at one moment.
     */
    public record MoveAhead(Sandbox.Move move, Integer since, Integer decision) {
    }

    /**
     * The question before a move: the {@code decision}th thing it makes an endpoint decide, in the words of predict
     * mode, and how many {@code decisions} it makes in all (each asked before the move is made); {@code question}
     * null when the move makes no such decision (with none at all it is simply made). {@code states}: the states a
     * prediction chooses from.
     */
    public record MoveQuestion(int since, int decision, int decisions, PredictApi.QuestionView question, List<String> states) {
    }

    /**
     * A prediction of what a move will do: the move and {@code since} as in {@link MoveAhead}, the endpoint's next
     * state and the segment it sends (null: nothing), graded exactly as a catalogue prediction. Sandbox predictions
     * are not kept (a session is the learner's own experiment, not a scenario a class shares); {@code right} and
     * {@code total} are the page's count so far, which the answer's accuracy adds this one to.
     */
    public record MovePrediction(Sandbox.Move move, Integer since, Integer decision, String state,
                                 PredictApi.PredictedSegment segment, Long right, Long total) {
    }

    /** A bound on {@code decision}: one moment of one connection makes a few decisions, never this many. */
    private static final int MAX_DECISION = 99;

    private final SessionService sessions;
    private final ScenarioCatalogue catalogue;
    private final PredictionService predictions;

    public SessionResource(SessionService sessions, ScenarioCatalogue catalogue, PredictionService predictions) {
        this.sessions = sessions;
        this.catalogue = catalogue;
        this.predictions = predictions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a session from a catalogue scenario, a specification or a sandbox task (404 for an unknown task)")
    @APIResponse(responseCode = "201", description = "The new session; the Location header is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    public Response create(CreateSession request, @QueryParam("lang") String lang,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                           @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                           @Context HttpServerRequest http, @Context UriInfo uri) {
        long given = request == null ? 0 : Stream.of(request.scenario(), request.spec(), request.task()).filter(Objects::nonNull).count();
        if (given != 1) {
            throw new Refusal.Invalid("invalid-session", "Invalid session request",
                    "Give exactly one of 'scenario' (a catalogue id), 'spec' (a scenario specification) or 'task' (a sandbox task id).",
                    List.of(new Problem.FieldError("scenario", "exactly one of scenario, spec or task is required")));
        }
        Sandbox.Mode mode;
        try {
            mode = request.mode() == null ? null : Sandbox.Mode.parse(request.mode());
        } catch (IllegalArgumentException e) {
            throw new Refusal.Invalid("invalid-session", "Invalid session request", "mode must be manual, auto or step.",
                    List.of(new Problem.FieldError("mode", "must be manual, auto or step")));
        }
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        Language language = RequestLanguage.resolve(lang, acceptLanguage);
        SessionService.Loaded loaded;
        if (request.task() != null) {
            if (!request.task().matches("[A-Za-z0-9_-]{1,64}")) {
                throw Refusal.badParameter("task", "must be a sandbox task id (letters, digits, - and _)");
            }
            loaded = sessions.createForTask(request.task(), mode, learner.id(), ClientKey.of(http), language);
        } else {
            ScenarioSpec spec = request.spec() != null ? request.spec()
                    : catalogue.find(request.scenario()).orElseThrow(() -> Refusal.notFound("scenario", request.scenario()));
            loaded = sessions.create(spec, request.scenario(), null, mode == null ? Sandbox.Mode.MANUAL : mode, List.of(), learner.id(),
                    ClientKey.of(http), language);
        }
        return created(loaded, learner, language, uri.getBaseUriBuilder().path("api/sessions"));
    }

    @POST
    @Path("{id}/copy")
    @Operation(summary = "Make my own copy: a new session with the same specification, mode and moves, which the asking learner may change")
    public Response copy(@PathParam("id") String id, @QueryParam("lang") String lang,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                         @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                         @Context HttpServerRequest http, @Context UriInfo uri) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        Language language = RequestLanguage.resolve(lang, acceptLanguage);
        SessionService.Loaded loaded = sessions.copy(id, learner.id(), ClientKey.of(http), language);
        return created(loaded, learner, language, uri.getBaseUriBuilder().path("api/sessions"));
    }

    /** 201 with the new session's address, remembering a learner who had no cookie yet: the session is theirs. */
    private Response created(SessionService.Loaded loaded, LearnerIdentity learner, Language language, UriBuilder uris) {
        return learner.rememberedIn(Response.created(uris.path(loaded.stored().id).build())
                .entity(SessionView.of(loaded, learner.id(), sessions.task(loaded, language))).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A session: its states, segments in flight, timers, possible calls and trace so far")
    public SessionView get(@PathParam("id") String id, @QueryParam("lang") String lang,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                           @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        Language language = RequestLanguage.resolve(lang, acceptLanguage);
        SessionService.Loaded loaded = sessions.load(id, language);
        return SessionView.of(loaded, LearnerIdentity.known(learnerCookie), sessions.task(loaded, language));
    }

    @POST
    @Path("{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "One move: a call on a host, deliver/drop/duplicate/delay a segment in flight, advance to the next "
            + "event, or inject an old duplicate SYN (old-syn) or a forged RST (forged-rst: the exact sequence number; blind-rst: one inside the window) as from a host "
            + "(only the session's creator may; others get 403)")
    public MoveResult act(@PathParam("id") String id, Sandbox.Move move, @QueryParam("lang") String lang,
                          @Parameter(description = "the session's move count as the client holds it: then only what the move changed in the trace is sent")
                          @QueryParam("since") String since,
                          @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                          @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        if (move == null) {
            throw new Refusal.Invalid("invalid-move", "Invalid move", "The body must be a move, e.g. {\"type\": \"advance\"}.",
                    List.of(new Problem.FieldError("body", "is required")));
        }
        validate(move, "");
        Language language = RequestLanguage.resolve(lang, acceptLanguage);
        String learner = LearnerIdentity.known(learnerCookie);
        SessionService.Moved moved = sessions.act(id, move, learner, language, moveCount(since));
        SessionService.Loaded loaded = moved.loaded();
        SessionView view = SessionView.of(loaded, learner, moved.task());
        return new MoveResult(loaded.sandbox().stepsFrom(loaded.firstNewStep()),
                moved.change().isPresent() ? view.withoutTrace() : view, moved.change().orElse(null));
    }

    @POST
    @Path("{id}/question")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Predict mode: the question before a move (what it makes an endpoint decide first), worked out on a "
            + "replay that is not kept; question null when the move decides nothing (only the session's creator may; others get 403)")
    @APIResponse(responseCode = "200", description = "The question, or none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MoveQuestion.class)))
    @APIResponse(responseCode = "409", description = "The move is not possible now, or the session has changed since 'since'")
    public MoveQuestion question(@PathParam("id") String id, MoveAhead request, @QueryParam("lang") String lang,
                                 @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                                 @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        if (request == null) {
            throw invalidPrediction("body", "must name the move and since, e.g. {\"move\": {\"type\": \"advance\"}, \"since\": 2}");
        }
        int since = since(request.since());
        int decision = decision(request.decision());
        Language language = RequestLanguage.resolve(lang, acceptLanguage);
        SessionService.Preview preview = sessions.preview(id, ahead(request.move()), LearnerIdentity.known(learnerCookie), language, since);
        List<PredictApi.QuestionView> questions = predictions.questions(preview.trace(), preview.firstNewStep(), language);
        return new MoveQuestion(since, decision, questions.size(), decision < questions.size() ? questions.get(decision) : null,
                PredictionService.states());
    }

    @POST
    @Path("{id}/prediction")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Predict mode: check a prediction of what a move will do against a replay of it (not kept): whether "
            + "state and segment were right, what happened, the RFC rule, the misconception a wrong answer shows; making "
            + "the move next adds exactly the steps graded (only the session's creator may; others get 403)")
    @APIResponse(responseCode = "409", description = "The move decides nothing to predict or is not possible now, "
            + "or the session has changed since 'since'")
    public PredictApi.PredictionResult predict(@PathParam("id") String id, MovePrediction request, @QueryParam("lang") String lang,
                                               @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                                               @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        if (request == null) {
            throw invalidPrediction("body", "must be a prediction: move, since, state and segment (null for nothing sent)");
        }
        int since = since(request.since());
        int decision = decision(request.decision());
        PredictionService.Tally tally = new PredictionService.Tally(count("right", request.right()), count("total", request.total()));
        if (tally.right() > tally.total()) {
            throw invalidPrediction("right", "must not be more than total");
        }
        Language language = RequestLanguage.resolve(lang, acceptLanguage);
        SessionService.Preview preview = sessions.preview(id, ahead(request.move()), LearnerIdentity.known(learnerCookie), language, since);
        return predictions.grade(preview.trace(), preview.firstNewStep(), decision, request.state(), request.segment(), tally, language)
                .orElseThrow(() -> new Refusal.Conflict("nothing-to-predict", "Nothing to predict", decision == 0
                        ? "This move makes no endpoint decide anything; make it without a prediction."
                        : "This move makes fewer than " + (decision + 1) + " decisions; 'decision' counts them from 0.", null));
    }

    /** The move of a prediction, checked as a move is (400 naming the field under 'move'). */
    private static Sandbox.Move ahead(Sandbox.Move move) {
        if (move == null) {
            throw invalidPrediction("move", "is required, e.g. {\"type\": \"advance\"}");
        }
        validate(move, "move.");
        return move;
    }

    private static int since(Integer since) {
        if (since == null || since < 0) {
            throw invalidPrediction("since", "must be the session's move count as the page holds it, a whole number from 0");
        }
        return since;
    }

    /** Which of a move's decisions, from 0; none given is the first. Beyond the move's own is not an error of form. */
    private static int decision(Integer decision) {
        if (decision == null) {
            return 0;
        }
        if (decision < 0 || decision > MAX_DECISION) {
            throw invalidPrediction("decision", "must be a whole number from 0 to " + MAX_DECISION + " (which of the move's decisions)");
        }
        return decision;
    }

    private static long count(String field, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > PredictionService.Tally.MAX) {
            throw invalidPrediction(field, "must be from 0 to " + PredictionService.Tally.MAX);
        }
        return value;
    }

    private static Refusal invalidPrediction(String field, String message) {
        return new Refusal.Invalid("invalid-prediction", "Invalid prediction", "'" + field + "' " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    private static Integer moveCount(String since) {
        if (since == null) {
            return null;
        }
        try {
            int count = Integer.parseInt(since.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Refusal.badParameter("since", "must be a whole number from 0 (the session's move count)");
    }

    @POST
    @Path("{id}/undo")
    @Operation(summary = "Take back the last move (only the session's creator may; others get 403)")
    public SessionView undo(@PathParam("id") String id, @QueryParam("lang") String lang,
                            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                            @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        String learner = LearnerIdentity.known(learnerCookie);
        Language language = RequestLanguage.resolve(lang, acceptLanguage);
        SessionService.Loaded loaded = sessions.undo(id, learner, language);
        return SessionView.of(loaded, learner, sessions.task(loaded, language));
    }

    @GET
    @Path("{id}/trace")
    @Produces({MediaType.APPLICATION_JSON, TraceFormat.PCAP_TYPE, TraceFormat.PACKETDRILL_TYPE, TraceFormat.SVG_TYPE})
    @Operation(summary = "The trace so far (JSON, pcap, packetdrill or SVG)")
    public Response trace(@PathParam("id") String id, @QueryParam("lang") String lang, @QueryParam("format") String format,
                          @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                          @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        TraceFormat chosen = TraceFormat.choose(format, accept);
        Trace trace = sessions.load(id, RequestLanguage.resolve(lang, acceptLanguage)).sandbox().trace();
        return chosen.respond(trace, "session-" + id);
    }

    /** The form of a move (400 when malformed); whether it is possible now is the session's question (409). */
    private static void validate(Sandbox.Move move, String prefix) {
        String type = move.type();
        if (type == null || !Sandbox.MOVE_TYPES.contains(type)) {
            throw invalidMove(prefix + "type", "must be one of " + String.join(", ", Sandbox.MOVE_TYPES));
        }
        switch (type) {
            case "call" -> {
                if (move.host() == null || !SpecValidator.HOSTS.contains(move.host())) {
                    throw invalidMove(prefix + "host", "must be client or server");
                }
                if (move.call() == null || !SpecValidator.CALLS.contains(move.call())) {
                    throw invalidMove(prefix + "call", "must be one of listen, connect, send, shutdown, close, abort, crash");
                }
                if (move.call().equals("send") && (move.bytes() == null || move.bytes() < 1 || move.bytes() > 65_535)) {
                    throw invalidMove(prefix + "bytes", "send needs bytes from 1 to 65535");
                }
            }
            case "advance" -> {
            }
            case "old-syn", "forged-rst", "blind-rst" -> {
                if (move.host() == null || !SpecValidator.HOSTS.contains(move.host())) {
                    throw invalidMove(prefix + "host", type + " needs the endpoint it claims to come from: client or server");
                }
            }
            default -> {
                if (move.segment() == null) {
                    throw invalidMove(prefix + "segment", type + " needs the id of a segment in flight");
                }
                if (type.equals("delay") && (move.ms() == null || move.ms() < 1 || move.ms() > 600_000)) {
                    throw invalidMove(prefix + "ms", "delay needs ms from 1 to 600000");
                }
            }
        }
    }

    private static Refusal invalidMove(String field, String message) {
        return new Refusal.Invalid("invalid-move", "Invalid move", "'" + field + "' " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }
}
