package lab.handshake.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL server (the -Ppostgres build; ops/postgres-start.sh prepares the server):
 * the Flyway migrations apply, a session started on one instance is continued on the other, a quiz
 * attempt handed out by one is graded by the other, and teachers' edits on the two refuse to overwrite each
 * other while a publication on one reaches the other.
 */
class PostgresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> POSTGRES = Map.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/handshake",
            "QUARKUS_DATASOURCE_USERNAME", "handshake",
            "QUARKUS_DATASOURCE_PASSWORD", "handshake",
            "HANDSHAKE_CONTENT_DIR", Path.of("content").toAbsolutePath().toString(),
            "HANDSHAKE_ADMIN_USERNAME", "admin",
            "HANDSHAKE_ADMIN_PASSWORD", "admin-password-for-tests",
            "HANDSHAKE_CSRF_KEY", "the-same-key-on-every-replica-of-this-test",
            "HANDSHAKE_SECRETS_KEY", "dGhlLXNhbWUtc2VjcmV0cy1rZXktb24tYWxsLXR3byE=");

    @Test
    void twoInstancesServeTheSameSessionsAndQuizAttempts(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path home) throws Exception {
        // Started as the image starts it: the entrypoint picks the PostgreSQL build by configuration alone.
        Files.createSymbolicLink(home.resolve("postgresql"), Path.of("target", "quarkus-app").toAbsolutePath());
        Map<String, String> environment = new java.util.HashMap<>(POSTGRES);
        environment.put("APP_HOME", home.toString());
        environment.put("QUARKUS_DATASOURCE_DB_KIND", "postgresql");
        List<String> entrypoint = List.of("sh", Path.of("ops", "entrypoint.sh").toAbsolutePath().toString());
        Path log = home.resolve("app.log");
        try (RunningApplication first = RunningApplication.start(entrypoint, environment, log);
             RunningApplication second = RunningApplication.start(entrypoint, environment, log)) {
            HttpResponse<String> created = first.post("/api/sessions", "{\"scenario\": \"three-way-handshake\"}");
            assertEquals(201, created.statusCode(), created.body());
            String session = JSON.readTree(created.body()).get("id").asText();

            JsonNode onSecond = JSON.readTree(second.post("/api/sessions/" + session + "/actions",
                    "{\"type\": \"deliver\", \"segment\": 1}").body());
            assertEquals("SYN_RECEIVED", onSecond.at("/session/states/server").asText(), "the second instance continues it");
            int synAck = onSecond.at("/session/inFlight/0/id").asInt();
            JsonNode backOnFirst = JSON.readTree(first.post("/api/sessions/" + session + "/actions",
                    "{\"type\": \"deliver\", \"segment\": " + synAck + "}").body());
            assertEquals("ESTABLISHED", backOnFirst.at("/session/states/client").asText());
            assertEquals(2, JSON.readTree(second.get("/api/sessions/" + session).body()).get("moveCount").asInt());

            JsonNode quiz = JSON.readTree(first.get("/api/quizzes/why-three-steps").body());
            String attempt = quiz.get("attemptId").asText();
            HttpResponse<String> graded = second.post("/api/quizzes/why-three-steps/attempts",
                    "{\"attemptId\": \"" + attempt + "\", \"answers\": []}");
            assertEquals(200, graded.statusCode(), graded.body());
            assertEquals(409, first.post("/api/quizzes/why-three-steps/attempts",
                    "{\"attemptId\": \"" + attempt + "\", \"answers\": []}").statusCode(), "graded once, whichever instance");
            assertTrue(second.management("/q/health/ready").body().contains("UP"));

            teachersOnTwoInstancesNeverOverwriteEachOther_andPublicationsReachBoth(first, second);
            aLogoutOnOneInstanceEndsTheLoginOnTheOther(first, second);
            failedLoginsOnOneInstanceCountOnTheOther(first, second);
        }
    }

    private static void aLogoutOnOneInstanceEndsTheLoginOnTheOther(RunningApplication first, RunningApplication second) throws Exception {
        String login = first.signIn("admin", "admin-password-for-tests");
        HttpResponse<String> home = second.send("GET", "/teacher", "", login);
        assertEquals(200, home.statusCode(), "the other instance knows the login");
        // The form comes from one instance and is sent to the other: with the same key, both know its token.
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"")
                .matcher(first.send("GET", "/teacher", "", login).body());
        assertTrue(token.find(), "the logout form carries its token");
        HttpResponse<String> out = second.postForm("/logout", "csrf-token=" + token.group(1), login);
        assertEquals(303, out.statusCode(), out.body());
        assertEquals(401, first.send("GET", "/api/teacher/classes", "", login).statusCode(), "the first instance refuses the old cookie at once");
    }

    private static void failedLoginsOnOneInstanceCountOnTheOther(RunningApplication first, RunningApplication second) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(302, first.postForm("/j_security_check", "j_username=admin&j_password=wrong-" + i, "").statusCode());
        }
        HttpResponse<String> refused = second.postForm("/j_security_check", "j_username=admin&j_password=admin-password-for-tests", "");
        assertEquals(429, refused.statusCode(), "the second instance counts the first one's failures");
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    }

    private static void teachersOnTwoInstancesNeverOverwriteEachOther_andPublicationsReachBoth(RunningApplication first,
                                                                                             RunningApplication second) throws Exception {
        String cookie = first.signIn("admin", "admin-password-for-tests");
        // The database outlives a test run, so each run writes a lesson of its own.
        String lesson = "pg-lesson-" + System.currentTimeMillis();
        HttpResponse<String> created = first.send("POST", "/api/teacher/content",
                "{\"kind\": \"lesson\", \"id\": \"" + lesson + "\", \"language\": \"en\"}", cookie);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode item = JSON.readTree(created.body()).get("item");
        String path = "/api/teacher/content/" + item.get("id").asLong();
        String text = "---\nid: " + lesson + "\norder: 60\ntitle: Written on PostgreSQL\n---\n\nBody.\n";
        HttpResponse<String> saved = second.send("PUT", path, JSON.writeValueAsString(Map.of("text", text, "version", item.get("version").asLong())), cookie);
        assertEquals(200, saved.statusCode(), saved.body());
        HttpResponse<String> stale = first.send("PUT", path, JSON.writeValueAsString(Map.of("text", "lost?", "version", item.get("version").asLong())), cookie);
        assertEquals(409, stale.statusCode(), "a save based on the version before the other instance's save: " + stale.body());

        long version = JSON.readTree(saved.body()).at("/item/version").asLong();
        assertEquals(200, first.send("POST", path + "/publish", "{\"version\": " + version + "}", cookie).statusCode());
        await("the other instance shows the publication within seconds").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250)).until(() -> second.get("/lessons/" + lesson + "?lang=en").statusCode() == 200);
        assertTrue(second.get("/lessons/" + lesson + "?lang=en").body().contains("Written on PostgreSQL"));
    }
}
