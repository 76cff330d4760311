package lab.handshake.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.Trace;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.TraceService;
import org.jboss.logging.Logger;

/**
 * Creates, rebuilds and advances interactive sessions. Nothing about a session lives only in memory: every
 * request loads the stored specification and moves and replays them, so a restart or another replica
 * continues exactly where the student was. Everyone with a session's link may watch it and copy it; only the
 * learner who started it may change it.
 */
@ApplicationScoped
public class SessionService {
    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final TypeReference<List<Sandbox.Move>> MOVES = new TypeReference<>() { };
    /**
     * lastUsedAt only decides when an idle session is purged, so it is refreshed at most this often: a read then costs
     * no write, and a move does not rewrite the session's entry in the last-used index each time.
     */
    private static final Duration TOUCH_INTERVAL = Duration.ofHours(1);

    /** A session rebuilt from storage; {@code firstNewStep} is where the steps of the latest move begin. */
    public record Loaded(SimulationSession stored, ScenarioSpec spec, List<Sandbox.Move> moves, Sandbox sandbox,
                         int firstNewStep) {
        Loaded(SimulationSession stored, ScenarioSpec spec, List<Sandbox.Move> moves, Sandbox sandbox) {
            this(stored, spec, moves, sandbox, sandbox.stepCount());
        }
    }

    /**
     * A session's task as the API shows it, in the asked language, and whether its goal is met by the session as it
     * stands now.
     */
    public record TaskView(String id, String title, String instructions, boolean met) {
    }

    private final ObjectMapper json;
    private final HandshakeConfig.Sessions config;
    private final SandboxTaskCatalogue tasks;
    private final ScenarioCatalogue scenarios;
    private final Event<TaskMet> taskMet;
    private final TraceService traces;
    private final ClientLimits limits;
    private final KeptSandboxes kept;
    private final Counter created;
    private final Counter moved;

    public SessionService(ObjectMapper json, HandshakeConfig config, TraceService traces, ClientLimits limits, MeterRegistry metrics,
                          SandboxTaskCatalogue tasks, ScenarioCatalogue scenarios, Event<TaskMet> taskMet, KeptSandboxes kept) {
        this.json = json;
        this.kept = kept;
        this.config = config.sessions();
        this.tasks = tasks;
        this.scenarios = scenarios;
        this.taskMet = taskMet;
        this.traces = traces;
        this.limits = limits;
        this.created = Counter.builder("handshake.sessions.created").description("Interactive sessions started").register(metrics);
        this.moved = Counter.builder("handshake.sessions.moves").description("Moves accepted in interactive sessions").register(metrics);
    }

    /** The type of the refusal to change someone else's session. */
    public static final String NOT_YOUR_SESSION = "not-your-session";

    /**
     * A new session owned by {@code creatorId}, starting from these moves (none, or a copied session's); {@code taskId}:
     * the sandbox task it is for, or null.
     */
    @Transactional
    public Loaded create(ScenarioSpec spec, String scenarioId, String taskId, Sandbox.Mode mode, List<Sandbox.Move> moves,
                         String creatorId, String clientKey, Language language) {
        List<Violation> violations = SpecValidator.validate(spec, Limits.API);
        if (!violations.isEmpty()) {
            throw new ScenarioRunner.InvalidSpecException(violations);
        }
        Instant now = Instant.now();
        limits.checkStored(ClientLimit.SESSIONS, clientKey, SimulationSession.class);
        Sandbox sandbox = traces.sandbox(spec, mode, moves, language);
        SimulationSession stored = new SimulationSession();
        stored.id = UUID.randomUUID().toString();
        stored.scenarioId = scenarioId;
        stored.taskId = taskId;
        stored.mode = mode.name().toLowerCase();
        stored.specJson = write(spec);
        stored.clientKey = clientKey;
        stored.creatorId = creatorId;
        stored.createdAt = now;
        store(stored, moves);
        stored.persist();
        created.increment();
        return new Loaded(stored, spec, List.copyOf(moves), sandbox);
    }

    /**
     * "Make my own copy": a new session with the same specification, mode and moves, owned by {@code creatorId}. A
     * copy is no task session: a task counts only what its learner did with their own moves.
     */
    @Transactional
    public Loaded copy(String id, String creatorId, String clientKey, Language language) {
        SimulationSession source = find(id);
        return create(readSpec(source), source.scenarioId, null, Sandbox.Mode.parse(source.mode), readMoves(source), creatorId,
                clientKey, language);
    }

    /** A new session for a sandbox task: from its scenario, in its mode unless another is asked; 404 for an unknown task. */
    @Transactional
    public Loaded createForTask(String taskId, Sandbox.Mode mode, String creatorId, String clientKey, Language language) {
        SandboxTask task = tasks.find(taskId).orElseThrow(() -> Refusal.notFound(ProblemMessages::sandbox_task, taskId));
        // The task catalogue checked at start that its scenario is built in, and a published one never replaces a built-in one.
        ScenarioSpec spec = scenarios.find(task.scenario()).orElseThrow(() -> Refusal.notFound(ProblemMessages::scenario, task.scenario()));
        return create(spec, task.scenario(), task.id(), mode == null ? task.mode() : mode, List.of(), creatorId, clientKey, language);
    }

    /** The session's task in this language and whether it is met now; empty for a session without a task. */
    public Optional<TaskView> task(Loaded loaded, Language language) {
        return Optional.ofNullable(loaded.stored().taskId).flatMap(tasks::find)
                .map(task -> new TaskView(task.id(), Language.text(task.title(), language.code()),
                        Language.text(task.instructions(), language.code()), task.goal().metIn(loaded.sandbox())));
    }

    @Transactional
    public Loaded load(String id, Language language) {
        Loaded loaded = rebuild(find(id), language);
        touch(loaded.stored());
        return loaded;
    }

    /**
     * A move made: the session after it, what it changed in the trace when the client asked for that, and the
     * session's task after it (empty without one).
     */
    public record Moved(Loaded loaded, Optional<TraceChange> change, Optional<TaskView> task) {
    }

    /**
     * Applies one move and stores it; a refused move is not stored. The refusals that need no replay (not the
     * learner's session, the move limit) come before the replay. {@code clientMoveCount}: how many moves the
     * session had when the client last saw it (null if unknown); when that is the count before this move, the
     * answer carries only what the move changed in the trace. When the move leaves the session's task met,
     * {@link TaskMet} is fired for its creator (the only learner who may move it).
     */
    @Transactional
    public Moved act(String id, Sandbox.Move move, String learnerId, Language language, Integer clientMoveCount) {
        SimulationSession stored = changeableBy(find(id), learnerId);
        if (stored.moveCount >= config.maxMoves()) {
            throw moveLimit();
        }
        Loaded loaded = kept.take(stored, language).orElseGet(() -> rebuild(stored, language));
        int firstNewStep = loaded.sandbox().stepCount();
        Trace before = Objects.equals(clientMoveCount, loaded.moves().size()) ? loaded.sandbox().trace() : null;
        try {
            traces.apply(loaded.sandbox(), move);
        } catch (Sandbox.RefusedMove refused) {
            throw moveRefused(refused);
        }
        List<Sandbox.Move> moves = new ArrayList<>(loaded.moves());
        moves.add(move);
        store(loaded.stored(), moves);
        moved.increment();
        Loaded after = new Loaded(loaded.stored(), loaded.spec(), List.copyOf(moves), loaded.sandbox(), firstNewStep);
        Optional<TaskView> task = task(after, language);
        if (task.isPresent() && task.get().met()) {
            taskMet.fire(new TaskMet(stored.creatorId, task.get().id(), Instant.now()));
        }
        return new Moved(after, before == null ? Optional.empty() : TraceChange.between(before, after.sandbox().trace()), task);
    }

    /**
     * Keeps a session's sandbox, once its change is committed and its answer built, for the session's next move (see
     * {@link KeptSandboxes}): the caller reads the sandbox no more.
     */
    public void keep(Loaded loaded, Language language) {
        kept.keep(loaded, language);
    }

    /** A move tried on a replay of the session and not stored: the trace after it, and the first step it added. */
    public record Preview(Trace trace, int firstNewStep) {
    }

    /**
     * What the move would do, run on a fresh replay that is then dropped: predict mode grades against it. The
     * engine is deterministic, so making the move afterwards adds exactly these steps, as long as the session still
     * has {@code clientMoveCount} moves (409 otherwise: it changed since the page showed it). The same refusals as
     * {@link #act}: not the learner's session (403), the move limit, a move not possible now (409).
     */
    @Transactional
    public Preview preview(String id, Sandbox.Move move, String learnerId, Language language, Integer clientMoveCount) {
        SimulationSession stored = changeableBy(find(id), learnerId);
        if (clientMoveCount != null && clientMoveCount != stored.moveCount) {
            throw new Refusal.Conflict("session-changed", Worded.of(SessionProblemMessages.class, SessionProblemMessages::session_changed_title),
                    Worded.of(SessionProblemMessages.class, words -> words.session_changed(stored.moveCount, clientMoveCount)), null);
        }
        if (stored.moveCount >= config.maxMoves()) {
            throw moveLimit();
        }
        Loaded loaded = rebuild(stored, language);
        int firstNewStep = loaded.sandbox().stepCount();
        try {
            traces.apply(loaded.sandbox(), move);
        } catch (Sandbox.RefusedMove refused) {
            throw moveRefused(refused);
        }
        return new Preview(loaded.sandbox().trace(), firstNewStep);
    }

    /** Takes back the last move by replaying all the others. */
    @Transactional
    public Loaded undo(String id, String learnerId, Language language) {
        SimulationSession stored = changeableBy(find(id), learnerId);
        List<Sandbox.Move> moves = new ArrayList<>(readMoves(stored));
        if (moves.isEmpty()) {
            throw new Refusal.Conflict("nothing-to-undo", Worded.of(SessionProblemMessages.class, SessionProblemMessages::nothing_to_undo_title), Worded.of(SessionProblemMessages.class, SessionProblemMessages::nothing_to_undo), null);
        }
        moves.remove(moves.size() - 1);
        ScenarioSpec spec = readSpec(stored);
        Sandbox sandbox = traces.sandbox(spec, Sandbox.Mode.parse(stored.mode), moves, language);
        store(stored, moves);
        return new Loaded(stored, spec, List.copyOf(moves), sandbox);
    }

    /** Deletes sessions idle for longer than the configured expiry (every replica may run it; it is idempotent). */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void purgeIdleSessions() {
        long deleted = SimulationSession.deleteIdleSince(Instant.now().minus(config.idleExpiry()));
        if (deleted > 0) {
            LOG.infof("Deleted %d idle simulation sessions", deleted);
        }
    }

    /** The sandbox's reason in the reader's language, whatever the session's. */
    private static Refusal moveRefused(Sandbox.RefusedMove refused) {
        return new Refusal.Conflict("move-refused", Worded.of(SessionProblemMessages.class, SessionProblemMessages::move_refused_title), refused::in, null);
    }

    private Refusal moveLimit() {
        return new Refusal.Conflict("move-limit", Worded.of(SessionProblemMessages.class, SessionProblemMessages::move_limit_title), Worded.of(SessionProblemMessages.class, words -> words.move_limit(config.maxMoves())), null);
    }

    private SimulationSession find(String id) {
        return Optional.ofNullable(id == null || id.length() > 36 ? null : SimulationSession.<SimulationSession>findById(id))
                .orElseThrow(() -> Refusal.notFound(ProblemMessages::session, id));
    }

    /** Anyone with the link may watch a session; only its creator may change it. */
    private static SimulationSession changeableBy(SimulationSession stored, String learnerId) {
        if (learnerId == null || !learnerId.equals(stored.creatorId)) {
            throw new Refusal.NotAllowed(NOT_YOUR_SESSION, Worded.of(SessionProblemMessages.class, SessionProblemMessages::not_your_session_title),
                    Worded.of(SessionProblemMessages.class, words -> words.not_your_session(stored.id)), null);
        }
        return stored;
    }

    private Loaded rebuild(SimulationSession stored, Language language) {
        ScenarioSpec spec = readSpec(stored);
        List<Sandbox.Move> moves = readMoves(stored);
        return new Loaded(stored, spec, moves, traces.sandbox(spec, Sandbox.Mode.parse(stored.mode), moves, language));
    }

    private void store(SimulationSession stored, List<Sandbox.Move> moves) {
        stored.movesJson = write(moves);
        stored.moveCount = moves.size();
        touch(stored);
    }

    private static void touch(SimulationSession stored) {
        Instant now = Instant.now();
        if (stored.lastUsedAt == null || stored.lastUsedAt.plus(TOUCH_INTERVAL).isBefore(now)) {
            stored.lastUsedAt = now;
        }
    }

    private ScenarioSpec readSpec(SimulationSession stored) {
        try {
            return json.readValue(stored.specJson, ScenarioSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored specification of session " + stored.id + " is unreadable", e);
        }
    }

    private List<Sandbox.Move> readMoves(SimulationSession stored) {
        try {
            return json.readValue(stored.movesJson, MOVES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored moves of session " + stored.id + " are unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }
}
