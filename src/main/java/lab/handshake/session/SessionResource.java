package lab.handshake.session;

import static lab.handshake.api.CheckedRequest.Broken.broken;

import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.BeanParam;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.handshake.api.CheckedRequest;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.api.LanguageParams;
import lab.handshake.engine.Call;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.TraceTimer;
import lab.handshake.formats.LadderLayout;
import lab.handshake.formats.LadderParams;
import lab.handshake.formats.LadderSvgWriter;
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
import org.hibernate.validator.constraints.Range;

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
    @CheckedRequest(reason = "invalid-session", title = "{session:invalid_session}")
    public record CreateSession(String scenario, ScenarioSpec spec, String mode,
                                @Schema(description = "A sandbox task's id (content/sandbox-tasks): every move then checks its goal")
                                @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "{session:task_id}")
                                String task) implements CheckedRequest.Rules {

        @Override
        public Optional<CheckedRequest.Broken> firstBroken() {
            if (Stream.of(scenario, spec, task).filter(Objects::nonNull).count() != 1) {
                return broken("scenario", "{session:one_source}");
            }
            try {
                chosenMode();
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return broken("mode", "{session:mode}");
            }
        }

        /** The mode asked for, or null: the task's own, else manual. */
        Sandbox.Mode chosenMode() {
            return mode == null ? null : Sandbox.Mode.parse(mode);
        }
    }

    /**
     * A move as the API takes it ({@link Sandbox.Move}'s fields), checked for its form (400 naming the field); whether
     * it is possible now is the session's question (409).
     */
    @CheckedRequest(reason = "invalid-move", title = "{session:invalid_move}")
    public record MoveRequest(String type, String host, String call, Integer bytes, Integer segment, Long ms,
                              @Schema(description = "For spoofed-syn: how many SYNs, 1 to " + Sandbox.MAX_SPOOFED_SYNS) Integer count,
                              @Schema(description = "For send: with MSG_MORE, a partial segment waits for the next send") Boolean more)
            implements CheckedRequest.Rules {

        Sandbox.Move move() {
            return new Sandbox.Move(type, host, call, bytes, segment, ms, count, more);
        }

        @Override
        public Optional<CheckedRequest.Broken> firstBroken() {
            Optional<Sandbox.MoveType> moveType = Sandbox.MoveType.fromWire(type);
            if (moveType.isEmpty()) {
                return broken("type", "{session:move_type}");
            }
            return switch (moveType.get()) {
                case CALL -> {
                    if (!SpecValidator.HOSTS.contains(String.valueOf(host))) {
                        yield broken("host", "{session:move_host}");
                    }
                    Optional<Call> named = Call.fromWire(call);
                    if (named.isEmpty()) {
                        yield broken("call", "{session:move_call}");
                    }
                    if (more != null && named.get() != Call.SEND) {
                        yield broken("more", "{session:move_more}");
                    }
                    yield named.get() == Call.SEND && !within(bytes, 1, MAX_SEND_BYTES) ? broken("bytes", "{session:move_bytes}") : Optional.empty();
                }
                case ADVANCE -> Optional.empty();
                case SPOOFED_SYN -> within(count, 1, Sandbox.MAX_SPOOFED_SYNS) ? Optional.empty() : broken("count", "{session:move_count}");
                case OLD_SYN, FORGED_RST, BLIND_RST ->
                        SpecValidator.HOSTS.contains(String.valueOf(host)) ? Optional.empty() : broken("host", "{session:move_claimed_host}");
                case DELIVER, DROP, DUPLICATE, DELAY, MARK_CE -> {
                    if (segment == null) {
                        yield broken("segment", "{session:move_segment}");
                    }
                    yield moveType.get() == Sandbox.MoveType.DELAY && !within(ms, 1, Sandbox.MAX_DELAY_MS)
                            ? broken("ms", "{session:move_ms}") : Optional.empty();
                }
            };
        }
    }

    /**
     * A session as the API shows it; {@code yours}: whether the asking learner started it and so may act and
     * undo (everyone else may watch it and copy it); {@code task}: the sandbox task it was started for, in the asked
     * language, with whether its goal is met now (null for a session without one); {@code synQueueCapacity}: how many
     * half-open entries fill a listener's SYN queue (each step of the trace says how many it holds); {@code ladder}: the
     * trace's ladder as the page draws it (wide, or compact with {@code ladder=compact}), the segments in flight held half-way, never left out
     * (a page that holds the trace from before a move still needs the whole drawing).
     */
    public record SessionView(String id, String scenario, String mode, boolean yours, int moveCount, List<Sandbox.Move> moves,
                              ScenarioSpec spec, long now, Map<String, String> states, List<Sandbox.InFlight> inFlight,
                              List<TraceTimer> timers, Map<String, List<String>> possibleCalls, boolean canAdvance,
                              Long nextEventAt, int synQueueCapacity, Trace trace, SessionService.TaskView task, LadderLayout ladder) {

        static SessionView of(SessionService.Loaded loaded, String learnerId, Optional<SessionService.TaskView> task,
                              LadderLayout.Options ladder) {
            Sandbox.View view = loaded.sandbox().view();
            return new SessionView(loaded.stored().id, loaded.stored().scenarioId, view.mode(),
                    learnerId != null && learnerId.equals(loaded.stored().creatorId), loaded.moves().size(),
                    loaded.moves(), loaded.spec(), view.now(), view.states(), view.inFlight(), view.timers(),
                    view.possibleCalls(), view.canAdvance(), view.nextEventAt(), view.synQueueCapacity(), view.trace(), task.orElse(null),
                    ladderOf(view, ladder));
        }

        /** The ladder as the sandbox page draws it (wide or, on a phone, compact), the segments in flight held half-way. */
        static LadderLayout ladderOf(Sandbox.View view, LadderLayout.Options ladder) {
            Set<Integer> held = view.inFlight().stream().map(Sandbox.InFlight::id).collect(Collectors.toSet());
            return LadderLayout.of(view.trace(), ladder, held);
        }

        SessionView withoutTrace() {
            return new SessionView(id, scenario, mode, yours, moveCount, moves, spec, now, states, inFlight, timers, possibleCalls,
                    canAdvance, nextEventAt, synQueueCapacity, null, task, ladder);
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
    @CheckedRequest(reason = "invalid-prediction", title = "{session:invalid_prediction}")
    public record MoveAhead(@NotNull(message = "{session:body_required}") @Valid MoveRequest move,
                            @NotNull(message = "{session:since}") @PositiveOrZero(message = "{session:since}") Integer since,
                            @Range(min = 0, max = MAX_DECISION, message = "{session:decision(max)}") Integer decision) {
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
    @CheckedRequest(reason = "invalid-prediction", title = "{session:invalid_prediction}")
    public record MovePrediction(@NotNull(message = "{session:body_required}") @Valid MoveRequest move,
                                 @NotNull(message = "{session:since}") @PositiveOrZero(message = "{session:since}") Integer since,
                                 @Range(min = 0, max = MAX_DECISION, message = "{session:decision(max)}") Integer decision,
                                 String state, PredictApi.PredictedSegment segment,
                                 @Range(min = 0, max = PredictionService.Tally.MAX, message = "{session:count(max)}") Long right,
                                 @Range(min = 0, max = PredictionService.Tally.MAX, message = "{session:count(max)}") Long total)
            implements CheckedRequest.Rules {

        @Override
        public Optional<CheckedRequest.Broken> firstBroken() {
            return tally().right() > tally().total() ? broken("right", "{session:right_over_total}") : Optional.empty();
        }

        /** The page's count so far; none given is none yet. */
        PredictionService.Tally tally() {
            return new PredictionService.Tally(right == null ? 0 : right, total == null ? 0 : total);
        }
    }

    /** A bound on {@code decision}: one moment of one connection makes a few decisions, never this many. */
    static final int MAX_DECISION = 99;
    /** The most a send may ask for: what one segment of the largest window carries. */
    static final int MAX_SEND_BYTES = 65_535;

    private final SessionService sessions;
    private final ScenarioCatalogue catalogue;
    private final PredictionService predictions;
    private final LadderSvgWriter ladders;

    public SessionResource(SessionService sessions, ScenarioCatalogue catalogue, PredictionService predictions, LadderSvgWriter ladders) {
        this.ladders = ladders;
        this.sessions = sessions;
        this.catalogue = catalogue;
        this.predictions = predictions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a session from a catalogue scenario, a specification or a sandbox task (404 for an unknown task)")
    @APIResponse(responseCode = "201", description = "The new session; the Location header is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    public Response create(@NotNull(message = "{session:body_required}") @Valid CreateSession request, @BeanParam LanguageParams readers, @BeanParam LadderParams ladder,
                           @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                           @Context HttpServerRequest http, @Context UriInfo uri) {
        Sandbox.Mode mode = request.chosenMode();
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        Language language = readers.language();
        SessionService.Loaded loaded;
        if (request.task() != null) {
            loaded = sessions.createForTask(request.task(), mode, learner.id(), ClientKey.of(http), language);
        } else {
            ScenarioSpec spec = request.spec() != null ? request.spec()
                    : catalogue.find(request.scenario()).orElseThrow(() -> Refusal.notFound(ProblemMessages::scenario, request.scenario()));
            loaded = sessions.create(spec, request.scenario(), null, mode == null ? Sandbox.Mode.MANUAL : mode, List.of(), learner.id(),
                    ClientKey.of(http), language);
        }
        return created(loaded, learner, language, ladder, uri.getBaseUriBuilder().path("api/sessions"));
    }

    @POST
    @Path("{id}/copy")
    @Operation(summary = "Make my own copy: a new session with the same specification, mode and moves, which the asking learner may change")
    public Response copy(@PathParam("id") String id, @BeanParam LanguageParams readers, @BeanParam LadderParams ladder,
                         @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                         @Context HttpServerRequest http, @Context UriInfo uri) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        Language language = readers.language();
        SessionService.Loaded loaded = sessions.copy(id, learner.id(), ClientKey.of(http), language);
        return created(loaded, learner, language, ladder, uri.getBaseUriBuilder().path("api/sessions"));
    }

    /** 201 with the new session's address, remembering a learner who had no cookie yet: the session is theirs. */
    private Response created(SessionService.Loaded loaded, LearnerIdentity learner, Language language, LadderParams ladder, UriBuilder uris) {
        SessionView view = SessionView.of(loaded, learner.id(), sessions.task(loaded, language), ladder.optionsOrWide());
        sessions.keep(loaded, language);
        return learner.rememberedIn(Response.created(uris.path(loaded.stored().id).build()).entity(view).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A session: its states, segments in flight, timers, possible calls and trace so far")
    public SessionView get(@PathParam("id") String id, @BeanParam LanguageParams readers, @BeanParam LadderParams ladder,
                           @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        Language language = readers.language();
        SessionService.Loaded loaded = sessions.load(id, language);
        return SessionView.of(loaded, LearnerIdentity.known(learnerCookie), sessions.task(loaded, language), ladder.optionsOrWide());
    }

    @POST
    @Path("{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "One move: a call on a host, deliver/drop/duplicate/delay a segment in flight or mark it CE (mark-ce: "
            + "a congested router's mark, RFC 3168 §5; a segment that is not ECN-capable is dropped instead), advance to the next event, or inject an old duplicate SYN (old-syn) or a forged RST (forged-rst: the exact sequence number; blind-rst: one inside the window) as from a host, "
            + "or count SYNs from spoofed sources to the listening server (spoofed-syn: a SYN flood's; 409 when the server does not listen) "
            + "(only the session's creator may; others get 403)")
    public MoveResult act(@PathParam("id") String id, @NotNull(message = "{session:body_required}") @Valid MoveRequest move,
                          @Parameter(description = "the session's move count as the client holds it: then only what the move changed in the trace is sent")
                          @QueryParam("since") String since,
                          @BeanParam LanguageParams readers, @BeanParam LadderParams ladder,
                          @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        Language language = readers.language();
        String learner = LearnerIdentity.known(learnerCookie);
        SessionService.Moved moved = sessions.act(id, move.move(), learner, language, moveCount(since));
        SessionService.Loaded loaded = moved.loaded();
        SessionView view = SessionView.of(loaded, learner, moved.task(), ladder.optionsOrWide());
        MoveResult result = new MoveResult(loaded.sandbox().stepsFrom(loaded.firstNewStep()),
                moved.change().isPresent() ? view.withoutTrace() : view, moved.change().orElse(null));
        sessions.keep(loaded, language);
        return result;
    }

    @POST
    @Path("{id}/question")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Predict mode: the question before a move (what it makes an endpoint decide first), worked out on a "
            + "replay that is not kept; question null when the move decides nothing (only the session's creator may; others get 403)")
    @APIResponse(responseCode = "200", description = "The question, or none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MoveQuestion.class)))
    @APIResponse(responseCode = "409", description = "The move is not possible now, or the session has changed since 'since'")
    public MoveQuestion question(@PathParam("id") String id, @NotNull(message = "{session:body_required}") @Valid MoveAhead request, @BeanParam LanguageParams readers,
                                 @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        int since = request.since();
        int decision = firstIfNone(request.decision());
        Language language = readers.language();
        SessionService.Preview preview = sessions.preview(id, request.move().move(), LearnerIdentity.known(learnerCookie), language, since);
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
    public PredictApi.PredictionResult predict(@PathParam("id") String id,
                                               @NotNull(message = "{session:body_required}") @Valid MovePrediction request, @BeanParam LanguageParams readers,
                                               @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        int since = request.since();
        int decision = firstIfNone(request.decision());
        Language language = readers.language();
        SessionService.Preview preview = sessions.preview(id, request.move().move(), LearnerIdentity.known(learnerCookie), language, since);
        return predictions.grade(preview.trace(), preview.firstNewStep(), decision, request.state(), request.segment(), request.tally(), language)
                .orElseThrow(() -> new Refusal.Conflict("nothing-to-predict", Worded.of(SessionProblemMessages.class, SessionProblemMessages::nothing_to_predict_title), 
                        Worded.of(SessionProblemMessages.class, words -> decision == 0 ? words.no_decision_to_predict() : words.fewer_decisions(decision + 1)), null));
    }

    /** Which of a move's decisions, from 0; none given is the first. Beyond the move's own is not an error of form. */
    private static int firstIfNone(Integer decision) {
        return decision == null ? 0 : decision;
    }


    private static boolean within(Number value, long min, long max) {
        return value != null && value.longValue() >= min && value.longValue() <= max;
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
        throw Refusal.badParameter("since", ProblemMessages::since_move_count);
    }

    @POST
    @Path("{id}/undo")
    @Operation(summary = "Take back the last move (only the session's creator may; others get 403)")
    public SessionView undo(@PathParam("id") String id, @BeanParam LanguageParams readers, @BeanParam LadderParams ladder,
                            @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        String learner = LearnerIdentity.known(learnerCookie);
        Language language = readers.language();
        SessionService.Loaded loaded = sessions.undo(id, learner, language);
        return SessionView.of(loaded, learner, sessions.task(loaded, language), ladder.optionsOrWide());
    }

    @GET
    @Path("{id}/trace")
    @Produces({MediaType.APPLICATION_JSON, TraceFormat.PCAP_TYPE, TraceFormat.PACKETDRILL_TYPE, TraceFormat.SVG_TYPE})
    @Operation(summary = "The trace so far (JSON, pcap, packetdrill or SVG)")
    public Response trace(@PathParam("id") String id, @QueryParam("format") String format,
                          @BeanParam LanguageParams readers,
                          @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        TraceFormat chosen = TraceFormat.choose(format, accept);
        Sandbox sandbox = sessions.load(id, readers.language()).sandbox();
        if (chosen == TraceFormat.SVG) {
            // The picture the page shows: a segment still in the network is held half-way, not drawn as lost.
            return chosen.respondWith(ladders.write(sandbox.trace(), SessionView.ladderOf(sandbox.view(), LadderLayout.Options.DEFAULT)), "session-" + id);
        }
        return chosen.respond(sandbox.trace(), "session-" + id);
    }
}
