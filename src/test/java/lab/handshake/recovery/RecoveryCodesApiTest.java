package lab.handshake.recovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lab.handshake.api.Learner;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.classes.TeacherClasses;
import org.junit.jupiter.api.Test;

/**
 * A learner makes a recovery code and, in another browser (no cookie), restores with it and sees their progress and
 * classes; a newer code kills the older; wrong, malformed and cross-site requests are refused; only a hash is kept.
 * (429 after too many wrong codes: {@code limits.ClientLimitsTest}, where the allowance is low.)
 */
@QuarkusTest
class RecoveryCodesApiTest {
    private static final String CODE_FORM = "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}";

    @Inject
    EntityManager entities;

    private static String makeCode(Learner learner) {
        return learner.request().contentType(ContentType.JSON).post("/api/learners/me/recovery-code").then().statusCode(201)
                .body("code", matchesPattern(CODE_FORM))
                .body("link", matchesPattern("/progress/restore\\?code=" + CODE_FORM)).extract().path("code");
    }

    /** Restores with the code in a browser that has no learner cookie; the learner the answer's cookie names. */
    private static String restoreInANewBrowser(String code) {
        Response restored = given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/learners/me/recovery");
        restored.then().statusCode(204);
        return restored.getDetailedCookie(LearnerIdentity.COOKIE).getValue();
    }

    @Test
    void aNewBrowserRestoredWithTheCodeSeesTheLearnersAttemptsAndClasses() {
        Learner learner = Learner.fresh();
        String joinCode = TeacherClasses.create(TeacherClasses.newTeacher("recovery-" + UUID.randomUUID().toString().substring(0, 8)), "Networks 1");
        learner.join(joinCode);
        String attempt = learner.startQuiz("why-three-steps");
        learner.request().contentType(ContentType.JSON).body(Map.of("attemptId", attempt, "answers", List.of()))
                .post("/api/quizzes/why-three-steps/attempts").then().statusCode(200);
        String code = makeCode(learner);

        // Typed as a person types it: lower case, spaces instead of dashes, O for 0 and L for 1.
        String typed = code.toLowerCase().replace('-', ' ').replace('0', 'o').replace('1', 'l');
        Learner newBrowser = new Learner(restoreInANewBrowser(typed));

        assertEquals(learner.id(), newBrowser.id());
        newBrowser.request().get("/api/learners/me/progress").then().statusCode(200).body("attemptId", hasItem(attempt));
        newBrowser.request().get("/api/learners/me/classes").then().statusCode(200).body("joinCode", hasItem(joinCode));
    }

    @Test
    void aCodeMadeWithoutACookieMakesALearnerAndRestoresToThem() {
        Response made = given().contentType(ContentType.JSON).post("/api/learners/me/recovery-code");
        made.then().statusCode(201);
        String learner = made.getDetailedCookie(LearnerIdentity.COOKIE).getValue();
        assertEquals(learner, restoreInANewBrowser(made.path("code")));
    }

    @Test
    void aNewCodeReplacesTheOldWhichStopsWorking() {
        Learner learner = Learner.fresh();
        String old = makeCode(learner);
        String replacement = makeCode(learner);
        assertNotEquals(old, replacement);

        given().contentType(ContentType.JSON).body(Map.of("code", old)).post("/api/learners/me/recovery")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-recovery-code")).body("errors[0].field", equalTo("code"));
        assertEquals(learner.id(), restoreInANewBrowser(replacement));
    }

    @Test
    void codesMadeAtTheSameMomentAreAllAnsweredAndOnlyOneOfThemWorks() throws Exception {
        Learner learner = Learner.fresh();
        ExecutorService clicks = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                made.add(clicks.submit(() -> makeCode(learner)));
            }
            int working = 0;
            for (Future<String> code : made) {
                working += given().contentType(ContentType.JSON).body(Map.of("code", code.get())).post("/api/learners/me/recovery")
                        .statusCode() == 204 ? 1 : 0;
            }
            assertEquals(1, working, "the last code made replaced the others");
        } finally {
            clicks.shutdownNow();
        }
    }

    @Test
    void aMalformedOrMissingCodeIs400NamingTheField() {
        for (Object body : List.of(Map.of("code", "ABCD-EFGH"), Map.of("code", "UUUU-UUUU-UUUU-UUUU"), Map.of("code", "x".repeat(5000)), Map.of())) {
            given().contentType(ContentType.JSON).body(body).post("/api/learners/me/recovery")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("/problems/invalid-recovery-code")).body("errors[0].field", equalTo("code"))
                    .body("detail", containsString("16 letters and digits"));
        }
        given().contentType(ContentType.JSON).post("/api/learners/me/recovery").then().statusCode(400);
    }

    @Test
    void crossSitePostsAreRefused() {
        Learner learner = Learner.fresh();
        learner.request().header("Sec-Fetch-Site", "cross-site").contentType(ContentType.JSON).post("/api/learners/me/recovery-code")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("/problems/form-token"));
        String code = makeCode(learner);
        given().header("Origin", "https://elsewhere.example").contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/learners/me/recovery").then().statusCode(403).body("type", equalTo("/problems/form-token"));
    }

    @Test
    void onlyAHashOfTheCodeIsStored() {
        Learner learner = Learner.fresh();
        String code = makeCode(learner);
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery(
                "select code_hash from learner_recovery_code where learner_id = :learner").setParameter("learner", learner.id())
                .getResultList());
        assertEquals(1, rows.size());
        String stored = rows.get(0).toString();
        assertTrue(stored.matches("[0-9a-f]{64}"), stored);
        assertFalse(stored.toUpperCase().contains(code.replace("-", "")), stored);
        assertEquals(new RecoveryCode(code.replace("-", "")).hash(), stored);
        // No column of any row holds the code in clear.
        List<?> everything = QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery(
                "select learner_id, code_hash, client_key, created_at from learner_recovery_code").getResultList());
        for (Object row : everything) {
            for (Object cell : (Object[]) row) {
                assertFalse(String.valueOf(cell).toUpperCase().contains(code.replace("-", "")), String.valueOf(cell));
            }
        }
    }

    @Test
    void aWrongCodeIs404AndRestoresNobody() {
        Response wrong = given().contentType(ContentType.JSON).body(Map.of("code", "0000-0000-0000-0000")).post("/api/learners/me/recovery");
        wrong.then().statusCode(404).body("type", equalTo("/problems/unknown-recovery-code"));
        assertNull(wrong.getDetailedCookie(LearnerIdentity.COOKIE));
    }
}
