package lab.handshake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL server (the -Ppostgres build; ops/postgres-start.sh prepares the server):
 * the Flyway migrations apply, a session started on one instance is continued on the other, and a quiz
 * attempt handed out by one is graded by the other.
 */
class PostgresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> POSTGRES = Map.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/handshake",
            "QUARKUS_DATASOURCE_USERNAME", "handshake",
            "QUARKUS_DATASOURCE_PASSWORD", "handshake",
            "HANDSHAKE_CONTENT_DIR", Path.of("content").toAbsolutePath().toString());

    @Test
    void twoInstancesServeTheSameSessionsAndQuizAttempts() throws Exception {
        // Started as the image starts it: the entrypoint picks the PostgreSQL build by configuration alone.
        Path home = RunningApplication.tempDirectory("handshake-pg");
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
            assertTrue(second.get("/q/health/ready").body().contains("UP"));
        }
    }
}
