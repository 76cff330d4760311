package lab.handshake.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lab.handshake.activity.ActivityKind;
import lab.handshake.lti.FakeLms;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a user was told is saved is lost when the process dies: the packaged application (embedded H2) is
 * killed with SIGKILL at a random moment while students join classes, submit quiz attempts and predictions, read
 * lessons, step through simulations, move in sandbox sessions and meet sandbox tasks, and a teacher saves drafts,
 * sets assignments and excludes attempts, and learners launched from an LMS's graded activity (LTI 1.3) submit
 * attempts, then started again on the same data; every write that had been answered with 2xx must be there, and
 * every such graded attempt's score reaches the LMS (sent before the kill, or from the outbox after the restart). Two rounds on the same data directory, so the second also checks what the first left. The
 * directory (with the application's log) is kept only when the test fails.
 */
class CrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Two kills: the second round checks what the first left, and the end what both left. A third cost CI 20–25 s, which
     * its 20 minutes no longer had room for.
     */
    private static final int ROUNDS = 2;
    private static final int WORKERS = 6;
    /** Quiz attempts are limited per client address per hour; the test stays well under that. */
    private static final int QUIZ_ATTEMPTS_PER_WORKER_PER_ROUND = 8;
    /** Predictions are limited per client address per hour, counted in the database across the rounds. */
    private static final int PREDICTIONS_PER_WORKER_PER_ROUND = 8;
    /** Each for a new learner (a code made again replaces the learner's previous one, which a kill could leave unknown). */
    private static final int RECOVERY_CODES_PER_WORKER_PER_ROUND = 12;
    /** Sessions take at most 300 moves; a worker starts a new one before that. */
    private static final int MOVES_PER_SESSION = 250;
    /** A class holds at most 200 assignments; each worker has its own class per round and sets two per pair. */
    private static final int ASSIGNMENT_PAIRS_PER_WORKER_PER_ROUND = 40;
    /** The scenario of the step-through assignments, which the students then step through. */
    private static final String STEPPED_SCENARIO = "three-way-handshake";
    /** Catalogue lessons and scenarios a student reads and steps through in turn: new rows first, then later times on them. */
    private static final List<String> LESSONS = List.of("header-fields", "syn-flood", "time-wait-2msl", "edge-cases");
    private static final List<String> SCENARIOS = List.of("four-way-close", "syn-lost", "simultaneous-open");
    /** A sandbox task of the three-way handshake: met once the server, closing first, is in TIME-WAIT. */
    private static final String SANDBOX_TASK = "server-ends-in-time-wait";
    /** Each by a new learner launched from the LMS, so that the LMS tells the attempts' scores apart by user. */
    private static final int GRADED_ATTEMPTS_PER_WORKER_PER_ROUND = 6;
    /** The quiz of the LMS's graded activity. */
    private static final String GRADED_QUIZ = "why-three-steps";
    /**
     * How long the restarted application may take to send the outbox: its first run 5 s after the start, and a score
     * claimed by a sender that died waits for its claim to lapse (three LMS request timeouts: 6 s here).
     */
    private static final Duration SCORES_SENT_WITHIN = Duration.ofSeconds(75);
    private static final int MIN_WRITES_BEFORE_KILL = 40;
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password-for-tests";

    /** A write the application acknowledged, and how to check after the restart that it is still there. */
    private sealed interface Acknowledged permits SubmittedAttempt, SessionMoves, DraftSaved, PredictionsKept,
            Joined, AssignmentSet, SteppedThrough, Excluded, RecoveryCodeMade, ActivityDone, GradedAttempt {
    }

    /** A learner launched from the LMS's graded activity as {@code subject} submitted an attempt: its score is owed to the LMS. */
    private record GradedAttempt(String subject, String attemptId) implements Acknowledged {
    }

    /**
     * The class's student (by the name they joined with) read the lesson, stepped through the scenario or met the
     * sandbox task: their teacher's view of them lists the item, done last no earlier than {@code sentAt}, when the
     * acknowledged request was sent (the application runs on this machine's clock).
     */
    private record ActivityDone(DoneBy what, Instant sentAt) implements Acknowledged {
        ActivityDone(String classCode, String student, ActivityKind kind, String item, Instant sentAt) {
            this(new DoneBy(classCode, student, kind, item), sentAt);
        }
    }

    /** One thing one class member did, which they may do again: the latest acknowledged time is the one to find. */
    private record DoneBy(String classCode, String student, ActivityKind kind, String item) {
    }

    /** A new learner's recovery code was shown: restoring with it must make a browser that learner again. */
    private record RecoveryCodeMade(String learnerCookie, String code) implements Acknowledged {
    }

    /** The learner joined the class. */
    private record Joined(String learnerCookie, String classCode) implements Acknowledged {
    }

    /** A predict assignment asking steps {@code fromStep} to {@code toStep}, or (fromStep 0) a step-through assignment. */
    private record AssignmentSet(String classCode, long assignmentId, int fromStep, int toStep) implements Acknowledged {
    }

    /** The learner reached the end of the scenario after the step-through assignment was set: it is DONE. */
    private record SteppedThrough(String learnerCookie, long assignmentId) implements Acknowledged {
    }

    /** The teacher excluded the attempt from the class's results. */
    private record Excluded(String classCode, String attemptId) implements Acknowledged {
    }

    private record SubmittedAttempt(String learnerCookie, String attemptId) implements Acknowledged {
    }

    /** After {@code moveCount} acknowledged moves; one more may have been in flight when the process died. */
    private record SessionMoves(String sessionId, int moveCount) implements Acknowledged {
    }

    /** The learner's {@code count}th acknowledged prediction on the three-way handshake; one more may have been in flight. */
    private record PredictionsKept(String learnerCookie, int count) implements Acknowledged {
    }

    /** The draft saved as {@code version}; one more save may have been in flight when the process died. */
    private record DraftSaved(long itemId, long version, String text) implements Acknowledged {
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillDuringLoad(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        Path log = data.resolve("app.log");
        // This load tests durability, not the load limits: every simulation waits for its turn instead of a 503.
        Map<String, String> environment = Map.of("HANDSHAKE_DATA_DIR", data.toString(),
                "HANDSHAKE_CONTENT_DIR", Path.of("content").toAbsolutePath().toString(),
                "HANDSHAKE_ADMIN_USERNAME", ADMIN, "HANDSHAKE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "HANDSHAKE_LIMITS_SIMULATIONS_MAX_WAIT", "PT60S",
                // Every worker starts a sandbox session for each task it meets, from 127.0.0.1, across all the rounds.
                "HANDSHAKE_LIMITS_SESSIONS_PER_HOUR", "100000",
                // Every worker makes recovery codes from 127.0.0.1, more than a client may make in an hour by default.
                "HANDSHAKE_LIMITS_RECOVERY_CODES_PER_HOUR", "100000",
                // Graded attempts come on top of the quiz attempts, from 127.0.0.1 too.
                "HANDSHAKE_LIMITS_QUIZ_ATTEMPTS_PER_HOUR", "100000",
                // Scores leave the outbox during the load, so that a kill can come before, while and after one is sent.
                "HANDSHAKE_LTI_SCORE_SEND_EVERY", "1s",
                // The fake LMS answers at once: a score a killed sender had claimed is free again 6 s later, not 30 s.
                "HANDSHAKE_LTI_REQUEST_TIMEOUT", "PT2S");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Acknowledged> acknowledged = new ArrayList<>();
        // How many scores the LMS had received when each kill came: the scores of each run of the application.
        List<Integer> scoresAtKill = new ArrayList<>();
        int lessonNumber = 0;
        try (FakeLms lms = new FakeLms()) {
            for (int round = 1; round <= ROUNDS; round++) {
                RunningApplication app = startForLms(environment, log);
                try {
                    String when = "after kill " + (round - 1) + " (seed " + seed + ")";
                    assertEverythingIsThere(app, acknowledged, when);
                    assertEveryScoreSentOnce(lms, acknowledged, scoresAtKill, when);
                } catch (AssertionError | Exception failed) {
                    app.kill();
                    throw failed;
                }
                String teacher = app.signIn(ADMIN, ADMIN_PASSWORD);
                if (round == 1) {
                    expect(201, app.send("POST", "/api/lti/platforms", JSON.writeValueAsString(lms.registration()), teacher));
                }
                ConcurrentLinkedQueue<Acknowledged> thisRound = new ConcurrentLinkedQueue<>();
                runUntilKilled(app, teacher, lms, random, round, lessonNumber, thisRound);
                lessonNumber += WORKERS;
                scoresAtKill.add(lms.scores.size());
                acknowledged.addAll(thisRound);
            }
            try (RunningApplication app = startForLms(environment, log)) {
                String when = "after the last kill (seed " + seed + ")";
                assertEverythingIsThere(app, acknowledged, when);
                assertEveryScoreSentOnce(lms, acknowledged, scoresAtKill, when);
            }
        } finally {
            RestAssured.reset();
        }
    }

    /**
     * Starts the application and points RestAssured at it: the fake LMS launches learners through it and checks the
     * tool's client assertions against its JWKS.
     */
    private static RunningApplication startForLms(Map<String, String> environment, Path log) throws IOException, InterruptedException {
        RunningApplication app = RunningApplication.start(environment, log);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = app.port();
        return app;
    }

    /** One round's load, killed at a random moment once every kind of write has been acknowledged in it. */
    private static void runUntilKilled(RunningApplication app, String teacher, FakeLms lms, Random random, int round, int lessonNumber,
                                       ConcurrentLinkedQueue<Acknowledged> thisRound) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            String lesson = "crash-lesson-" + (lessonNumber + w + 1);
            running.add(workers.submit(() -> writeUntilKilled(app, teacher, lms, worker, lesson, thisRound, killed)));
        }
        // The kill comes at a random moment once the load is under way (a cold application answers slowly at first)
        // and every kind of write has been acknowledged, so that every round checks each kind.
        await("writes of every kind under way").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> thisRound.size() >= MIN_WRITES_BEFORE_KILL && ofEveryKind(thisRound));
        Thread.sleep(random.nextInt(3000)); // not a poll: the kill's random moment
        int beforeKill = thisRound.size();
        killed.set(true);
        app.kill();
        workers.shutdown();
        assertTrue(workers.awaitTermination(60, TimeUnit.SECONDS), "the load stops once the application is gone");
        for (Future<?> worker : running) {
            worker.get();
        }
        assertTrue(beforeKill >= MIN_WRITES_BEFORE_KILL, "round " + round + " wrote under load before the kill (" + beforeKill + " writes)");
    }

    /** Whether the writes hold one of each kind: each kind of {@link Acknowledged}, an {@link ActivityDone} of each activity. */
    private static boolean ofEveryKind(Collection<Acknowledged> writes) {
        Set<Object> kinds = new HashSet<>();
        for (Acknowledged write : writes) {
            kinds.add(write instanceof ActivityDone done ? done.what().kind() : write.getClass());
        }
        return kinds.size() == Acknowledged.class.getPermittedSubclasses().length - 1 + ActivityKind.values().length;
    }

    /**
     * One simulated student and teacher: quiz attempts, predictions, recovery codes, assignments, lessons read,
     * simulations stepped through, sandbox moves and tasks met, and draft saves, recording what was acknowledged.
     */
    private static Void writeUntilKilled(RunningApplication app, String teacher, FakeLms lms, int worker, String lesson,
                                         ConcurrentLinkedQueue<Acknowledged> acknowledged, AtomicBoolean killed) {
        try {
            Student student = new Student(app, "Crash student of " + lesson, acknowledged);
            Teacher author = new Teacher(app, teacher, lesson, acknowledged);
            String classCode = author.createClass(lesson);
            student.join(classCode);
            int attempts = 0;
            while (!killed.get()) {
                if (attempts++ < QUIZ_ATTEMPTS_PER_WORKER_PER_ROUND) {
                    String attempt = student.takeQuiz(worker % 2 == 0 ? "why-three-steps" : "why-four-steps", classCode);
                    author.exclude(classCode, attempt);
                }
                if (attempts <= PREDICTIONS_PER_WORKER_PER_ROUND) {
                    student.predict();
                }
                if (attempts <= GRADED_ATTEMPTS_PER_WORKER_PER_ROUND) {
                    Student.submitGraded(app, lms, acknowledged);
                }
                if (attempts <= RECOVERY_CODES_PER_WORKER_PER_ROUND) {
                    Student.makeRecoveryCode(app, acknowledged);
                }
                if (attempts <= ASSIGNMENT_PAIRS_PER_WORKER_PER_ROUND) {
                    author.setPredictAssignment(classCode, attempts);
                    student.stepThroughAssigned(classCode, author.setStepAssignment(classCode));
                }
                student.readLesson(classCode, LESSONS.get(attempts % LESSONS.size()));
                student.stepThrough(classCode, SCENARIOS.get(attempts % SCENARIOS.size()));
                student.meetSandboxTask(classCode);
                student.moveInSandbox();
                student.moveInSandbox();
                author.saveDraft();
            }
        } catch (IOException | InterruptedException | RuntimeException | AssertionError diedWithTheApplication) {
            if (!killed.get()) {
                throw new IllegalStateException("a request failed before the kill", diedWithTheApplication);
            }
        }
        return null;
    }

    private static final class Student {
        private final RunningApplication app;
        private final String name;
        private final ConcurrentLinkedQueue<Acknowledged> acknowledged;
        private String learnerCookie = "";
        private String session;
        private int moves;
        private int predictions;

        /** A new learner, who joins a class as {@code name} (unique, so that the teacher's roster tells who it is). */
        Student(RunningApplication app, String name, ConcurrentLinkedQueue<Acknowledged> acknowledged) {
            this.app = app;
            this.name = name;
            this.acknowledged = acknowledged;
        }

        /** Submits an attempt of the quiz into the class, and returns its id. */
        String takeQuiz(String quiz, String classCode) throws IOException, InterruptedException {
            HttpResponse<String> questions = app.send("GET", "/api/quizzes/" + quiz, "", learnerCookie);
            expect(200, questions);
            rememberLearner(questions);
            String attempt = JSON.readTree(questions.body()).get("attemptId").asText();
            HttpResponse<String> graded = app.send("POST", "/api/quizzes/" + quiz + "/attempts", JSON.writeValueAsString(
                    Map.of("attemptId", attempt, "answers", List.of(), "classCode", classCode)), learnerCookie);
            expect(200, graded);
            acknowledged.add(new SubmittedAttempt(learnerCookie, attempt));
            return attempt;
        }

        /**
         * A new learner launched from the LMS's graded activity (one line item for all) submits an attempt of its
         * quiz; the launch goes through RestAssured, which the fake LMS drives.
         */
        static void submitGraded(RunningApplication app, FakeLms lms, ConcurrentLinkedQueue<Acknowledged> acknowledged)
                throws IOException, InterruptedException {
            String subject = "crash-" + UUID.randomUUID();
            String learner = "hl_learner=" + lms.gradedLaunch(subject, GRADED_QUIZ, lms.lineItem(1));
            HttpResponse<String> questions = app.send("GET", "/api/quizzes/" + GRADED_QUIZ, "", learner);
            expect(200, questions);
            String attempt = JSON.readTree(questions.body()).get("attemptId").asText();
            expect(200, app.send("POST", "/api/quizzes/" + GRADED_QUIZ + "/attempts",
                    JSON.writeValueAsString(Map.of("attemptId", attempt, "answers", List.of())), learner));
            acknowledged.add(new GradedAttempt(subject, attempt));
        }

        void join(String classCode) throws IOException, InterruptedException {
            HttpResponse<String> joined = app.send("POST", "/api/learners/me/classes",
                    JSON.writeValueAsString(Map.of("joinCode", classCode, "displayName", name)), learnerCookie);
            expect(200, joined);
            rememberLearner(joined);
            acknowledged.add(new Joined(learnerCookie, classCode));
        }

        /** Reaches the end of the step-through assignment's scenario, which was set (and opened) just before. */
        void stepThroughAssigned(String classCode, long assignment) throws IOException, InterruptedException {
            stepThrough(classCode, STEPPED_SCENARIO);
            acknowledged.add(new SteppedThrough(learnerCookie, assignment));
        }

        /** Reaches the last step of the catalogue scenario, as the simulator page says it. */
        void stepThrough(String classCode, String scenario) throws IOException, InterruptedException {
            Instant sentAt = Instant.now();
            expect(204, app.send("POST", "/api/learners/me/stepped-through/" + scenario, "", learnerCookie));
            acknowledged.add(new ActivityDone(classCode, name, ActivityKind.SIMULATION_STEPPED_THROUGH, scenario, sentAt));
        }

        /** Reaches the end of the lesson, as the lesson page says it. */
        void readLesson(String classCode, String lesson) throws IOException, InterruptedException {
            Instant sentAt = Instant.now();
            expect(204, app.send("POST", "/api/learners/me/lessons-read/" + lesson, "", learnerCookie));
            acknowledged.add(new ActivityDone(classCode, name, ActivityKind.LESSON_READ, lesson, sentAt));
        }

        /**
         * Meets {@link #SANDBOX_TASK} in a new task session: delivers every segment in flight, and when none is, the
         * server calls close() and then the client; the answer to the move that leaves the server in TIME-WAIT says
         * the task is met.
         */
        void meetSandboxTask(String classCode) throws IOException, InterruptedException {
            HttpResponse<String> created = app.send("POST", "/api/sessions", JSON.writeValueAsString(Map.of("task", SANDBOX_TASK)), learnerCookie);
            expect(201, created);
            JsonNode task = JSON.readTree(created.body());
            String id = task.get("id").asText();
            List<String> closers = new ArrayList<>(List.of("server", "client"));
            while (!task.at("/task/met").asBoolean()) {
                JsonNode inFlight = task.get("inFlight");
                if (inFlight.isEmpty() && closers.isEmpty()) {
                    throw new IllegalStateException("both hosts closed and task " + SANDBOX_TASK + " is not met: " + task);
                }
                String move = inFlight.isEmpty()
                        ? "{\"type\": \"call\", \"host\": \"" + closers.remove(0) + "\", \"call\": \"close\"}"
                        : "{\"type\": \"deliver\", \"segment\": " + inFlight.get(0).get("id").asInt() + "}";
                Instant sentAt = Instant.now();
                HttpResponse<String> moved = app.send("POST", "/api/sessions/" + id + "/actions", move, learnerCookie);
                expect(200, moved);
                task = JSON.readTree(moved.body()).get("session");
                acknowledged.add(new SessionMoves(id, task.get("moveCount").asInt()));
                if (task.at("/task/met").asBoolean()) {
                    acknowledged.add(new ActivityDone(classCode, name, ActivityKind.SANDBOX_TASK_MET, SANDBOX_TASK, sentAt));
                }
            }
        }

        /** Predicts the first question of the three-way handshake (a wrong guess is kept as well as a right one). */
        void predict() throws IOException, InterruptedException {
            HttpResponse<String> next = app.send("GET", "/api/predictions/three-way-handshake/next", "", learnerCookie);
            expect(200, next);
            rememberLearner(next);
            int step = JSON.readTree(next.body()).at("/question/step").asInt();
            HttpResponse<String> graded = app.send("POST", "/api/predictions/three-way-handshake",
                    "{\"step\": " + step + ", \"state\": \"SYN_SENT\"}", learnerCookie);
            expect(200, graded);
            acknowledged.add(new PredictionsKept(learnerCookie, ++predictions));
        }

        /** A new learner (no cookie) asks for a recovery code; the answer names the learner in its cookie. */
        static void makeRecoveryCode(RunningApplication app, ConcurrentLinkedQueue<Acknowledged> acknowledged)
                throws IOException, InterruptedException {
            Student newcomer = new Student(app, "a newcomer, in no class", acknowledged);
            HttpResponse<String> made = app.send("POST", "/api/learners/me/recovery-code", "", "");
            expect(201, made);
            newcomer.rememberLearner(made);
            acknowledged.add(new RecoveryCodeMade(newcomer.learnerCookie, JSON.readTree(made.body()).get("code").asText()));
        }

        private void rememberLearner(HttpResponse<String> response) {
            response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("hl_learner="))
                    .findFirst().ifPresent(cookie -> learnerCookie = cookie.substring(0, cookie.indexOf(';')));
        }

        /** Delivers the oldest segment in flight, or has the client send a byte when nothing is in flight. */
        void moveInSandbox() throws IOException, InterruptedException {
            if (session == null || moves >= MOVES_PER_SESSION) {
                HttpResponse<String> created = app.send("POST", "/api/sessions", "{\"scenario\": \"three-way-handshake\"}", learnerCookie);
                expect(201, created);
                session = JSON.readTree(created.body()).get("id").asText();
                moves = 0;
                // The server listens and the client connects at once in this scenario: there is always a segment
                // in flight or an established connection to send on.
            }
            JsonNode state = JSON.readTree(app.send("GET", "/api/sessions/" + session, "", learnerCookie).body());
            JsonNode inFlight = state.get("inFlight");
            String move = inFlight.isEmpty()
                    ? "{\"type\": \"call\", \"host\": \"client\", \"call\": \"send\", \"bytes\": 1}"
                    : "{\"type\": \"deliver\", \"segment\": " + inFlight.get(0).get("id").asInt() + "}";
            HttpResponse<String> moved = app.send("POST", "/api/sessions/" + session + "/actions", move, learnerCookie);
            expect(200, moved);
            moves = JSON.readTree(moved.body()).at("/session/moveCount").asInt();
            acknowledged.add(new SessionMoves(session, moves));
        }
    }

    private static final class Teacher {
        private final RunningApplication app;
        private final String cookie;
        private final String lesson;
        private final ConcurrentLinkedQueue<Acknowledged> acknowledged;
        private long item = -1;
        private long version;
        private int saves;

        Teacher(RunningApplication app, String cookie, String lesson, ConcurrentLinkedQueue<Acknowledged> acknowledged) {
            this.app = app;
            this.cookie = cookie;
            this.lesson = lesson;
            this.acknowledged = acknowledged;
        }

        String createClass(String name) throws IOException, InterruptedException {
            HttpResponse<String> created = app.send("POST", "/api/teacher/classes", JSON.writeValueAsString(Map.of("name", name)), cookie);
            expect(201, created);
            return JSON.readTree(created.body()).get("joinCode").asText();
        }

        void exclude(String classCode, String attempt) throws IOException, InterruptedException {
            expect(200, app.send("PUT", "/api/teacher/classes/" + classCode + "/attempts/" + attempt, "{\"excluded\": true}", cookie));
            acknowledged.add(new Excluded(classCode, attempt));
        }

        /** A predict assignment of the three-way handshake asking steps {@code from} to {@code from + 1}. */
        void setPredictAssignment(String classCode, int from) throws IOException, InterruptedException {
            long id = setAssignment(classCode, Map.of("mode", "PREDICT", "ask", "RANGE", "fromStep", from, "toStep", from + 1));
            acknowledged.add(new AssignmentSet(classCode, id, from, from + 1));
        }

        /** A step-through assignment of {@link #STEPPED_SCENARIO} opening now, and its id. */
        long setStepAssignment(String classCode) throws IOException, InterruptedException {
            long id = setAssignment(classCode, Map.of("mode", "STEP"));
            acknowledged.add(new AssignmentSet(classCode, id, 0, 0));
            return id;
        }

        private long setAssignment(String classCode, Map<String, Object> mode) throws IOException, InterruptedException {
            Map<String, Object> request = new HashMap<>(mode);
            request.putAll(Map.of("kind", "SIMULATION", "target", STEPPED_SCENARIO, "attemptsAllowed", 1,
                    "opensAt", Instant.now().toString(), "dueAt", Instant.now().plus(Duration.ofDays(1)).toString()));
            HttpResponse<String> created = app.send("POST", "/api/classes/" + classCode + "/assignments",
                    JSON.writeValueAsString(request), cookie);
            expect(201, created);
            return JSON.readTree(created.body()).get("id").asLong();
        }

        void saveDraft() throws IOException, InterruptedException {
            if (item < 0) {
                HttpResponse<String> created = app.send("POST", "/api/teacher/content",
                        "{\"kind\": \"lesson\", \"id\": \"" + lesson + "\", \"language\": \"en\"}", cookie);
                expect(201, created);
                JsonNode body = JSON.readTree(created.body()).get("item");
                item = body.get("id").asLong();
                version = body.get("version").asLong();
            }
            String text = "---\nid: " + lesson + "\norder: 90\ntitle: Saved " + (++saves) + "\n---\n\nDraft number " + saves + ".\n";
            HttpResponse<String> saved = app.send("PUT", "/api/teacher/content/" + item,
                    JSON.writeValueAsString(Map.of("text", text, "version", version)), cookie);
            expect(200, saved);
            version = JSON.readTree(saved.body()).at("/item/version").asLong();
            acknowledged.add(new DraftSaved(item, version, text));
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    /** Checks the newest acknowledged state of every attempt, session and draft against the restarted application. */
    private static void assertEverythingIsThere(RunningApplication app, List<Acknowledged> acknowledged, String when) throws Exception {
        Map<String, Integer> sessions = new HashMap<>();
        Map<Long, DraftSaved> drafts = new HashMap<>();
        Map<String, List<String>> attemptsByLearner = new HashMap<>();
        Map<String, Integer> predictionsByLearner = new HashMap<>();
        Map<String, List<String>> classesByLearner = new HashMap<>();
        Map<String, List<AssignmentSet>> assignmentsByClass = new HashMap<>();
        Map<String, List<Long>> steppedByLearner = new HashMap<>();
        Map<String, List<String>> excludedByClass = new HashMap<>();
        List<RecoveryCodeMade> recoveryCodes = new ArrayList<>();
        Map<DoneBy, Instant> activityDoneLast = new HashMap<>();
        for (Acknowledged write : acknowledged) {
            if (write instanceof SubmittedAttempt attempt) {
                attemptsByLearner.computeIfAbsent(attempt.learnerCookie(), k -> new ArrayList<>()).add(attempt.attemptId());
            } else if (write instanceof SessionMoves moves) {
                sessions.merge(moves.sessionId(), moves.moveCount(), Math::max);
            } else if (write instanceof DraftSaved draft) {
                drafts.merge(draft.itemId(), draft, (a, b) -> a.version() >= b.version() ? a : b);
            } else if (write instanceof PredictionsKept kept) {
                predictionsByLearner.merge(kept.learnerCookie(), kept.count(), Math::max);
            } else if (write instanceof Joined joined) {
                classesByLearner.computeIfAbsent(joined.learnerCookie(), k -> new ArrayList<>()).add(joined.classCode());
            } else if (write instanceof AssignmentSet set) {
                assignmentsByClass.computeIfAbsent(set.classCode(), k -> new ArrayList<>()).add(set);
            } else if (write instanceof SteppedThrough stepped) {
                steppedByLearner.computeIfAbsent(stepped.learnerCookie(), k -> new ArrayList<>()).add(stepped.assignmentId());
            } else if (write instanceof Excluded excluded) {
                excludedByClass.computeIfAbsent(excluded.classCode(), k -> new ArrayList<>()).add(excluded.attemptId());
            } else if (write instanceof RecoveryCodeMade made) {
                recoveryCodes.add(made);
            } else if (write instanceof ActivityDone done) {
                activityDoneLast.merge(done.what(), done.sentAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        AtomicInteger lost = new AtomicInteger();
        List<String> losses = new ArrayList<>();
        for (Map.Entry<String, List<String>> learner : attemptsByLearner.entrySet()) {
            JsonNode progress = JSON.readTree(app.send("GET", "/api/learners/me/progress", "", learner.getKey()).body());
            List<String> graded = new ArrayList<>();
            progress.forEach(attempt -> graded.add(attempt.get("attemptId").asText()));
            for (String attempt : learner.getValue()) {
                if (!graded.contains(attempt)) {
                    lost.incrementAndGet();
                    losses.add("graded attempt " + attempt);
                }
            }
        }
        for (Map.Entry<String, Integer> learner : predictionsByLearner.entrySet()) {
            JsonNode perScenario = JSON.readTree(app.send("GET", "/api/learners/me/predictions", "", learner.getKey()).body());
            int stored = 0;
            for (JsonNode scenario : perScenario) {
                stored += scenario.get("total").asInt();
            }
            // The prediction after the last acknowledged one may or may not have been committed when the process died.
            if (stored != learner.getValue() && stored != learner.getValue() + 1) {
                lost.incrementAndGet();
                losses.add("learner has " + stored + " predictions, " + learner.getValue() + " were acknowledged");
            }
        }
        for (Map.Entry<String, List<String>> learner : classesByLearner.entrySet()) {
            List<String> joined = new ArrayList<>();
            JSON.readTree(app.send("GET", "/api/learners/me/classes", "", learner.getKey()).body())
                    .forEach(schoolClass -> joined.add(schoolClass.get("joinCode").asText()));
            for (String code : learner.getValue()) {
                if (!joined.contains(code)) {
                    lost.incrementAndGet();
                    losses.add("a learner's membership of class " + code);
                }
            }
        }
        for (Map.Entry<String, List<Long>> learner : steppedByLearner.entrySet()) {
            Map<Long, String> statuses = new HashMap<>();
            JSON.readTree(app.send("GET", "/api/learners/me/assignments", "", learner.getKey()).body())
                    .forEach(assignment -> statuses.put(assignment.get("id").asLong(), assignment.get("status").asText()));
            for (long assignment : learner.getValue()) {
                if (!"DONE".equals(statuses.get(assignment))) {
                    lost.incrementAndGet();
                    losses.add("stepping through for assignment " + assignment + " (status " + statuses.get(assignment) + ")");
                }
            }
        }
        for (RecoveryCodeMade made : recoveryCodes) {
            HttpResponse<String> restored = app.send("POST", "/api/learners/me/recovery",
                    JSON.writeValueAsString(Map.of("code", made.code())), "");
            String becomes = restored.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hl_learner="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
            if (restored.statusCode() != 204 || !made.learnerCookie().equals(becomes)) {
                lost.incrementAndGet();
                losses.add("recovery code " + made.code() + " answered " + restored.statusCode() + " naming " + becomes);
            }
        }
        String teacher = app.signIn(ADMIN, ADMIN_PASSWORD);
        for (Map.Entry<String, List<AssignmentSet>> schoolClass : assignmentsByClass.entrySet()) {
            Map<Long, JsonNode> stored = new HashMap<>();
            JSON.readTree(app.send("GET", "/api/classes/" + schoolClass.getKey() + "/assignments", "", teacher).body())
                    .forEach(assignment -> stored.put(assignment.get("id").asLong(), assignment));
            for (AssignmentSet set : schoolClass.getValue()) {
                JsonNode assignment = stored.get(set.assignmentId());
                boolean same = assignment != null && (set.fromStep() == 0
                        ? assignment.get("mode").asText().equals("STEP")
                        : assignment.get("ask").asText().equals("RANGE") && assignment.get("fromStep").asInt() == set.fromStep()
                                && assignment.get("toStep").asInt() == set.toStep());
                if (!same) {
                    lost.incrementAndGet();
                    losses.add("assignment " + set + " is stored as " + assignment);
                }
            }
        }
        Map<List<String>, JsonNode> studentViews = new HashMap<>();
        for (Map.Entry<DoneBy, Instant> done : activityDoneLast.entrySet()) {
            DoneBy what = done.getKey();
            List<String> student = List.of(what.classCode(), what.student());
            if (!studentViews.containsKey(student)) {
                studentViews.put(student, studentView(app, teacher, what.classCode(), what.student()));
            }
            Instant lastAt = null;
            for (JsonNode stored : studentViews.get(student).path(studentViewList(what.kind()))) {
                if (stored.get("item").asText().equals(what.item())) {
                    lastAt = Instant.parse(stored.get("lastAt").asText());
                }
            }
            if (lastAt == null || lastAt.isBefore(done.getValue())) {
                lost.incrementAndGet();
                losses.add(what + ", acknowledged at " + done.getValue() + ", is stored as done last at " + lastAt);
            }
        }
        for (Map.Entry<String, List<String>> schoolClass : excludedByClass.entrySet()) {
            List<String> excluded = new ArrayList<>();
            JSON.readTree(app.send("GET", "/api/teacher/classes/" + schoolClass.getKey() + "/attempts", "", teacher).body())
                    .forEach(row -> {
                        if (row.get("excluded").asBoolean()) {
                            excluded.add(row.get("id").asText());
                        }
                    });
            for (String attempt : schoolClass.getValue()) {
                if (!excluded.contains(attempt)) {
                    lost.incrementAndGet();
                    losses.add("the exclusion of attempt " + attempt + " from class " + schoolClass.getKey());
                }
            }
        }
        for (Map.Entry<String, Integer> session : sessions.entrySet()) {
            // A session lost whole answers 404 without a move count: none of its moves is there.
            int stored = JSON.readTree(app.get("/api/sessions/" + session.getKey()).body()).path("moveCount").asInt(0);
            // The move after the last acknowledged one may or may not have been committed when the process died.
            if (stored != session.getValue() && stored != session.getValue() + 1) {
                lost.incrementAndGet();
                losses.add("session " + session.getKey() + " has " + stored + " moves, " + session.getValue() + " were acknowledged");
            }
        }
        for (DraftSaved draft : drafts.values()) {
            JsonNode item = JSON.readTree(app.send("GET", "/api/teacher/content/" + draft.itemId(), "", teacher).body());
            long version = item.at("/item/version").asLong();
            boolean same = version == draft.version() && item.get("draft").asText().equals(draft.text());
            if (!same && version != draft.version() + 1) {
                lost.incrementAndGet();
                losses.add("draft " + draft.itemId() + " is at version " + version + ", version " + draft.version() + " was acknowledged");
            }
        }
        int checked = attemptsByLearner.values().stream().mapToInt(List::size).sum() + sessions.size() + drafts.size()
                + predictionsByLearner.size() + classesByLearner.values().stream().mapToInt(List::size).sum()
                + assignmentsByClass.values().stream().mapToInt(List::size).sum()
                + steppedByLearner.values().stream().mapToInt(List::size).sum()
                + excludedByClass.values().stream().mapToInt(List::size).sum() + recoveryCodes.size() + activityDoneLast.size();
        assertEquals(0, lost.get(), when + ": " + lost.get() + " of " + checked + " acknowledged writes are gone: " + losses);
    }

    /**
     * Every acknowledged graded attempt's score reaches the LMS within {@link #SCORES_SENT_WITHIN} of the start (the
     * ones the outbox still held are sent now), and no score is received twice, but one: a score the LMS accepted just
     * as the process died, before the sender could note it sent, goes again after the restart, the same message (AGS
     * platforms keep one result per user, so a repeat changes nothing). The sender posts one score at a time, so at
     * most one per kill.
     */
    private static void assertEveryScoreSentOnce(FakeLms lms, List<Acknowledged> acknowledged, List<Integer> scoresAtKill, String when) {
        Set<String> owed = new HashSet<>();
        for (Acknowledged write : acknowledged) {
            if (write instanceof GradedAttempt graded) {
                owed.add(graded.subject());
            }
        }
        Set<String> missing = new HashSet<>(owed);
        try {
            await("every acknowledged graded attempt's score at the LMS").atMost(SCORES_SENT_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        lms.scores.forEach(score -> missing.remove((String) score.json().get("userId")));
                        return missing.isEmpty();
                    });
        } catch (ConditionTimeoutException notAllSent) {
            // reported below, with the repeats
        }
        // Which run of the application (0 before the first kill) received each score.
        Map<String, List<Integer>> runsByUser = new HashMap<>();
        Map<String, Set<Map<String, Object>>> messagesByUser = new HashMap<>();
        List<FakeLms.ReceivedScore> received = List.copyOf(lms.scores);
        for (int i = 0; i < received.size(); i++) {
            int index = i;
            String user = (String) received.get(i).json().get("userId");
            runsByUser.computeIfAbsent(user, k -> new ArrayList<>()).add((int) scoresAtKill.stream().filter(atKill -> atKill <= index).count());
            messagesByUser.computeIfAbsent(user, k -> new HashSet<>()).add(received.get(i).json());
        }
        List<String> wrongRepeats = new ArrayList<>();
        Map<Integer, Integer> repeatsAfterKill = new HashMap<>();
        for (Map.Entry<String, List<Integer>> user : runsByUser.entrySet()) {
            List<Integer> runs = user.getValue();
            if (runs.size() == 1) {
                continue;
            }
            if (runs.size() == 2 && runs.get(0) < runs.get(1) && messagesByUser.get(user.getKey()).size() == 1) {
                repeatsAfterKill.merge(runs.get(0) + 1, 1, Integer::sum);
            } else {
                wrongRepeats.add(user.getKey() + " received in runs " + runs + " as " + messagesByUser.get(user.getKey()));
            }
        }
        repeatsAfterKill.forEach((kill, repeats) -> {
            if (repeats > 1) {
                wrongRepeats.add(repeats + " scores sent before kill " + kill + " were sent again after it");
            }
        });
        long sentAfterRestart = owed.stream().filter(user -> !scoresAtKill.isEmpty()
                && runsByUser.containsKey(user) && runsByUser.get(user).get(0) == scoresAtKill.size()).count();
        String counts = owed.size() + " graded attempts acknowledged, " + sentAfterRestart + " of them first sent after the last restart, "
                + repeatsAfterKill.values().stream().mapToInt(Integer::intValue).sum() + " sent again after a kill";
        System.out.println("CrashIT " + when + ": " + counts);
        assertTrue(wrongRepeats.isEmpty() && missing.isEmpty(), when + ": scores received more than once " + wrongRepeats
                + "; scores of acknowledged graded attempts that never reached the LMS " + missing + " (" + counts + ")");
    }

    /** The teacher's view of the class's student who joined with this name; without them in the roster, an empty one. */
    private static JsonNode studentView(RunningApplication app, String teacher, String classCode, String name)
            throws IOException, InterruptedException {
        for (JsonNode member : JSON.readTree(app.send("GET", "/api/teacher/classes/" + classCode + "/roster", "", teacher).body())) {
            if (member.get("name").asText().equals(name)) {
                return JSON.readTree(app.send("GET", "/api/teacher/classes/" + classCode + "/students/" + member.get("memberId").asLong(),
                        "", teacher).body());
            }
        }
        return JSON.createObjectNode();
    }

    /** Where the teacher's view of a student lists the things of this kind they did. */
    private static String studentViewList(ActivityKind kind) {
        return switch (kind) {
            case LESSON_READ -> "lessonsRead";
            case SIMULATION_STEPPED_THROUGH -> "steppedThrough";
            case SANDBOX_TASK_MET -> "tasksMet";
        };
    }
}
