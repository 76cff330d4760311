package lab.handshake.session;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import lab.handshake.api.Learner;
import org.junit.jupiter.api.Test;

/** The bounds on sessions: moves per session and sessions created per client per hour (set low here). */
@QuarkusTest
@TestProfile(SessionLimitsTest.LowLimits.class)
class SessionLimitsTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("handshake.sessions.max-moves", "2",
                    "handshake.limits.sessions-per-hour", "3",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:handshake-limits;DB_CLOSE_DELAY=-1");
        }
    }

    private static final Learner LEARNER = Learner.fresh();

    /** A move that is always possible. */
    private static final String CRASH = "{\"type\": \"call\", \"host\": \"client\", \"call\": \"crash\"}";

    @Test
    void shouldRefuseMovesBeyondTheLimitAndSessionsBeyondTheHourlyLimit() {
        String id = LEARNER.request().contentType(ContentType.JSON).body("{\"scenario\": \"four-way-close\", \"mode\": \"auto\"}")
                .post("/api/sessions").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 2; i++) {
            LEARNER.request().contentType(ContentType.JSON).body(CRASH).post("/api/sessions/" + id + "/actions")
                    .then().statusCode(200);
        }
        LEARNER.request().contentType(ContentType.JSON).body(CRASH).post("/api/sessions/" + id + "/actions")
                .then().statusCode(409).body("title", equalTo("Move limit reached"));

        for (int i = 0; i < 2; i++) {
            LEARNER.request().contentType(ContentType.JSON).body("{\"scenario\": \"abort\"}").post("/api/sessions").then().statusCode(201);
        }
        LEARNER.request().contentType(ContentType.JSON).body("{\"scenario\": \"abort\"}").post("/api/sessions")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("At most 3 sandbox sessions"));
    }
}
