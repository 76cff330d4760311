package lab.handshake.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application keeps what users saved across a restart: a session started and moved before the
 * application stops is continued after it starts again on the same data directory (embedded H2), a teacher's
 * published lesson and its draft history are still there, and a request in progress when it is told to stop gets its
 * whole answer. One stop and one start serve the three tests (each start of the jar costs CI some ten seconds): the
 * writes and the slow request are made before the stop, and each test checks its part. The data directory is a JUnit
 * temporary directory, deleted after the class passes (kept for its log when it fails).
 */
class RestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "admin-password-for-tests";

    /** A large simulation: about half a second of work on this machine. */
    private static final String SLOW_REQUEST = "{\"params\": {\"listenBacklog\": 8, \"synCookies\": \"on-overflow\"},"
            + " \"actions\": [{\"at\": 0, \"host\": \"server\", \"call\": \"listen\"}, {\"at\": 10, \"host\": \"client\", \"call\": \"connect\"}],"
            + " \"inject\": [{\"at\": 0, \"flood\": {\"count\": 2000, \"fromSubnet\": \"10.0.0.0/8\", \"ratePerMs\": 2}}], \"untilMs\": 200000}";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path data;

    /** The application started again on the data directory the first one wrote. */
    private static RunningApplication restarted;
    /** The answer to the slow request that was in flight when the first application was told to stop. */
    private static HttpResponse<String> answerInFlightAtStop;
    private static boolean inFlightWhenTheStopBegan;
    /** The teacher's lesson (its API address), and the learner's session with its trace before the stop. */
    private static String lessonItem;
    private static String sessionId;
    private static String traceBefore;

    @BeforeAll
    static void saveThenStopWithARequestInFlightThenStartAgain() throws Exception {
        Path log = data.resolve("app.log");
        Map<String, String> environment = Map.of("HANDSHAKE_DATA_DIR", data.toString(),
                "HANDSHAKE_CONTENT_DIR", Path.of("content").toAbsolutePath().toString(),
                "HANDSHAKE_ADMIN_USERNAME", "admin", "HANDSHAKE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        CompletableFuture<HttpResponse<String>> answer;
        try (RunningApplication app = RunningApplication.start(environment, log)) {
            publishALesson(app);
            startAndMoveASession(app);
            answer = app.postAsync("/api/traces", SLOW_REQUEST);
            // In flight when the stop begins: the server is running its simulation and the answer has not come back.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> simulationsRunning(app) > 0);
            inFlightWhenTheStopBegan = !answer.isDone();
        }
        answerInFlightAtStop = answer.get();
        restarted = RunningApplication.start(environment, log);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void aRequestInProgressFinishesWhenTheApplicationIsStopped() {
        assertTrue(inFlightWhenTheStopBegan, "the request is still in flight when the application is told to stop");
        assertEquals(200, answerInFlightAtStop.statusCode(), "SIGTERM waits for the request in progress");
        assertTrue(answerInFlightAtStop.body().endsWith("}"), "the whole trace was sent");
    }

    @Test
    void aTeachersPublishedLessonAndItsHistorySurviveARestart() throws Exception {
        assertTrue(restarted.get("/lessons/kept-lesson?lang=zh").body().contains("重启之后还在"), "students still see it");
        String cookie = restarted.signIn("admin", ADMIN_PASSWORD);
        assertEquals(2, JSON.readTree(restarted.send("GET", lessonItem + "/revisions", "", cookie).body()).size(),
                "both revisions are kept");
    }

    @Test
    void aSessionContinuesAfterTheApplicationRestarts() throws Exception {
        assertTrue(data.resolve("handshake.mv.db").toFile().exists(), "the H2 file lives in the data directory");
        assertEquals(traceBefore, restarted.get("/api/sessions/" + sessionId + "/trace").body(), "the same session after the restart");
        JsonNode session = JSON.readTree(restarted.get("/api/sessions/" + sessionId).body());
        int synAck = session.at("/inFlight/0/id").asInt();
        JsonNode moved = JSON.readTree(restarted.post("/api/sessions/" + sessionId + "/actions",
                "{\"type\": \"deliver\", \"segment\": " + synAck + "}").body());
        assertEquals("ESTABLISHED", moved.at("/session/states/client").asText());
    }

    /** A teacher (the admin) writes a Chinese lesson, saves it once more and publishes it: two revisions. */
    private static void publishALesson(RunningApplication app) throws Exception {
        String cookie = app.signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> created = app.send("POST", "/api/teacher/content",
                "{\"kind\": \"lesson\", \"id\": \"kept-lesson\", \"language\": \"zh\"}", cookie);
        assertEquals(201, created.statusCode(), created.body());
        lessonItem = "/api/teacher/content/" + JSON.readTree(created.body()).at("/item/id").asLong();
        String text = "---\nid: kept-lesson\norder: 70\ntitle: 重启之后还在\n---\n\n正文。\n";
        HttpResponse<String> saved = app.send("PUT", lessonItem, JSON.writeValueAsString(Map.of("text", text, "version", 0)), cookie);
        assertEquals(200, saved.statusCode(), saved.body());
        long version = JSON.readTree(saved.body()).at("/item/version").asLong();
        assertEquals(200, app.send("POST", lessonItem + "/publish", "{\"version\": " + version + "}", cookie).statusCode());
    }

    /** A learner starts the handshake and delivers the SYN: the server is in SYN_RECEIVED. */
    private static void startAndMoveASession(RunningApplication app) throws Exception {
        HttpResponse<String> created = app.post("/api/sessions", "{\"scenario\": \"three-way-handshake\"}");
        assertEquals(201, created.statusCode(), created.body());
        sessionId = JSON.readTree(created.body()).get("id").asText();
        JsonNode moved = JSON.readTree(app.post("/api/sessions/" + sessionId + "/actions", "{\"type\": \"deliver\", \"segment\": 1}").body());
        assertEquals("SYN_RECEIVED", moved.at("/session/states/server").asText());
        traceBefore = app.get("/api/sessions/" + sessionId + "/trace").body();
    }

    /** The gauge of simulations running now, from the management port's Prometheus metrics. */
    private static double simulationsRunning(RunningApplication app) throws Exception {
        return app.management("/q/metrics").body().lines().filter(line -> line.startsWith("handshake_simulations_running"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
