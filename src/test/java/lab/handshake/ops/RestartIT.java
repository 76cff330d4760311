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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application keeps what users saved across a restart: a session started and moved before the
 * application stops is continued after it starts again on the same data directory (embedded H2), and a
 * teacher's published lesson and its draft history are still there. Each test's data directory is a JUnit
 * temporary directory, deleted after it passes (kept for its log when it fails).
 */
class RestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A large simulation: about half a second of work on this machine. */
    private static final String SLOW_REQUEST = "{\"params\": {\"listenBacklog\": 8, \"synCookies\": \"on-overflow\"},"
            + " \"actions\": [{\"at\": 0, \"host\": \"server\", \"call\": \"listen\"}, {\"at\": 10, \"host\": \"client\", \"call\": \"connect\"}],"
            + " \"inject\": [{\"at\": 0, \"flood\": {\"count\": 2000, \"fromSubnet\": \"10.0.0.0/8\", \"ratePerMs\": 2}}], \"untilMs\": 200000}";

    @Test
    void aRequestInProgressFinishesWhenTheApplicationIsStopped(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        CompletableFuture<HttpResponse<String>> answer;
        try (RunningApplication app = RunningApplication.start(Map.of("HANDSHAKE_DATA_DIR", data.toString(),
                "HANDSHAKE_CONTENT_DIR", Path.of("content").toAbsolutePath().toString()), data.resolve("app.log"))) {
            answer = app.postAsync("/api/traces", SLOW_REQUEST);
            // In flight when the stop begins: the server is running its simulation and the answer has not come back.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> simulationsRunning(app) > 0);
            assertFalse(answer.isDone(), "the request is still in flight when the application is told to stop");
        }
        assertEquals(200, answer.get().statusCode(), "SIGTERM waits for the request in progress");
        assertTrue(answer.get().body().endsWith("}"), "the whole trace was sent");
    }

    @Test
    void aTeachersPublishedLessonAndItsHistorySurviveARestart(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        Path log = data.resolve("app.log");
        Map<String, String> environment = Map.of("HANDSHAKE_DATA_DIR", data.toString(),
                "HANDSHAKE_CONTENT_DIR", Path.of("content").toAbsolutePath().toString(),
                "HANDSHAKE_ADMIN_USERNAME", "admin", "HANDSHAKE_ADMIN_PASSWORD", "admin-password-for-tests");
        String item;
        try (RunningApplication app = RunningApplication.start(environment, log)) {
            String cookie = app.signIn("admin", "admin-password-for-tests");
            HttpResponse<String> created = app.send("POST", "/api/teacher/content",
                    "{\"kind\": \"lesson\", \"id\": \"kept-lesson\", \"language\": \"zh\"}", cookie);
            assertEquals(201, created.statusCode(), created.body());
            item = "/api/teacher/content/" + JSON.readTree(created.body()).at("/item/id").asLong();
            String text = "---\nid: kept-lesson\norder: 70\ntitle: 重启之后还在\n---\n\n正文。\n";
            HttpResponse<String> saved = app.send("PUT", item, JSON.writeValueAsString(Map.of("text", text, "version", 0)), cookie);
            assertEquals(200, saved.statusCode(), saved.body());
            long version = JSON.readTree(saved.body()).at("/item/version").asLong();
            assertEquals(200, app.send("POST", item + "/publish", "{\"version\": " + version + "}", cookie).statusCode());
        }
        try (RunningApplication app = RunningApplication.start(environment, log)) {
            assertTrue(app.get("/lessons/kept-lesson?lang=zh").body().contains("重启之后还在"), "students still see it");
            String cookie = app.signIn("admin", "admin-password-for-tests");
            assertEquals(2, JSON.readTree(app.send("GET", item + "/revisions", "", cookie).body()).size(), "both revisions are kept");
        }
    }

    @Test
    void aSessionContinuesAfterTheApplicationRestarts(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        Path log = data.resolve("app.log");
        Map<String, String> environment = Map.of("HANDSHAKE_DATA_DIR", data.toString(),
                "HANDSHAKE_CONTENT_DIR", Path.of("content").toAbsolutePath().toString());
        String id;
        String traceBefore;
        try (RunningApplication app = RunningApplication.start(environment, log)) {
            HttpResponse<String> created = app.post("/api/sessions", "{\"scenario\": \"three-way-handshake\"}");
            assertEquals(201, created.statusCode(), created.body());
            id = JSON.readTree(created.body()).get("id").asText();
            JsonNode moved = JSON.readTree(app.post("/api/sessions/" + id + "/actions", "{\"type\": \"deliver\", \"segment\": 1}").body());
            assertEquals("SYN_RECEIVED", moved.at("/session/states/server").asText());
            traceBefore = app.get("/api/sessions/" + id + "/trace").body();
        }
        assertTrue(data.resolve("handshake.mv.db").toFile().exists(), "the H2 file lives in the data directory");

        try (RunningApplication app = RunningApplication.start(environment, log)) {
            assertEquals(traceBefore, app.get("/api/sessions/" + id + "/trace").body(), "the same session after the restart");
            JsonNode session = JSON.readTree(app.get("/api/sessions/" + id).body());
            int synAck = session.at("/inFlight/0/id").asInt();
            JsonNode moved = JSON.readTree(app.post("/api/sessions/" + id + "/actions", "{\"type\": \"deliver\", \"segment\": " + synAck + "}").body());
            assertEquals("ESTABLISHED", moved.at("/session/states/client").asText());
        }
    }

    /** The gauge of simulations running now, from the management port's Prometheus metrics. */
    private static double simulationsRunning(RunningApplication app) throws Exception {
        return app.management("/q/metrics").body().lines().filter(line -> line.startsWith("handshake_simulations_running"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
