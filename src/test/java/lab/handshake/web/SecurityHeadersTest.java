package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import lab.handshake.api.RawHttp;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every answer of the public port (page, API answer, static file, redirect, refusal) carries the security
 * headers; what names a learner, a teacher or a session is never stored; health and metrics are only on the
 * management port; plain HTTP gets no HSTS and no Secure cookies (SecurityHeadersBehindProxyTest: HTTPS).
 */
@QuarkusTest
class SecurityHeadersTest {
    static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    /** The headers every answer carries over plain HTTP. */
    static ValidatableResponse assertSecurityHeaders(Response response) {
        return response.then()
                .header("Content-Security-Policy", equalTo(POLICY))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/sandbox", "/quizzes",
            "/quizzes/why-three-steps", "/progress", "/captures", "/login", "/lessons/no-such-lesson", "/no-such-page",
            "/api/scenarios", "/api/scenarios/three-way-handshake/trace?format=svg", "/api/scenarios/no-such-scenario",
            "/api/learners/me/progress", "/q/openapi", "/teacher", "/api/teacher/content"})
    void everyPageAndApiAnswerCarriesTheHeadersAndIsNotStored(String path) {
        assertSecurityHeaders(given().redirects().follow(false).accept("text/html, */*").get(path))
                .header("Cache-Control", "no-store")
                .header("Strict-Transport-Security", nullValue());
    }

    /** A lesson or simulator page names nobody and is the same for every reader of its language: kept, but revalidated. */
    @ParameterizedTest
    @ValueSource(strings = {"/lessons/three-way-handshake", "/simulator/three-way-handshake"})
    void aPageTheSameForEveryReaderCarriesTheHeadersAndIsRevalidatedOnEachUse(String path) {
        assertSecurityHeaders(given().accept("text/html").get(path)).statusCode(200)
                .header("Cache-Control", "no-cache")
                .header("Vary", containsString("Cookie"))
                .header("Strict-Transport-Security", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/css/site.css", "/js/simulator.js", "/favicon.svg"})
    void staticFilesCarryTheHeadersAndKeepTheirOwnCaching(String path) {
        assertSecurityHeaders(given().get(path)).statusCode(200)
                .header("Cache-Control", not(containsString("no-store")));
    }

    @Test
    void teacherPagesAndPersonalAnswersAreNeverStored() {
        String cookie = TeacherLogin.admin();
        for (String path : new String[] {"/teacher", "/teacher/content", "/teacher/accounts", "/api/teacher/content"}) {
            assertSecurityHeaders(given().cookie(TeacherLogin.COOKIE, cookie).get(path)).statusCode(200).header("Cache-Control", "no-store");
        }
        assertSecurityHeaders(given().contentType("application/json").body("{\"scenario\": \"abort\"}").post("/api/sessions"))
                .statusCode(201).header("Cache-Control", "no-store");
        Response quiz = given().get("/api/quizzes/why-three-steps");
        assertSecurityHeaders(quiz).statusCode(200).header("Cache-Control", "no-store");
        assertSecurityHeaders(given().cookies(quiz.getCookies()).contentType("application/json")
                .body(Map.of("attemptId", quiz.jsonPath().getString("attemptId"), "answers", List.of()))
                .post("/api/quizzes/why-three-steps/attempts")).statusCode(200).header("Cache-Control", "no-store");
    }

    @Test
    void aBodyRefusedForItsSizeCarriesTheHeaders() throws Exception {
        // Over a raw socket: the server answers and closes while the body is still being sent.
        RawHttp.Answer refused = RawHttp.withLength("POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
                "x".repeat(300 * 1024).getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, refused.status(), refused::text);
        assertEquals(POLICY, refused.header("Content-Security-Policy"));
        assertEquals("nosniff", refused.header("X-Content-Type-Options"));
        assertEquals("strict-origin-when-cross-origin", refused.header("Referrer-Policy"));
    }

    @Test
    void aForwardedHttpsClaimIsNotBelievedWithoutATrustedProxy() {
        Response answer = given().header("X-Forwarded-Proto", "https").get("/quizzes/why-three-steps?lang=zh");
        answer.then().statusCode(200).header("Strict-Transport-Security", nullValue());
        answer.getHeaders().getValues("Set-Cookie").forEach(cookie -> assertFalse(
                cookie.contains("Secure"), "plain HTTP keeps cookies usable: " + cookie));
    }

    @Test
    void learnerLanguageAndVisitorCookiesAreHttpOnlyAndSameSiteLax() {
        Response answer = given().get("/quizzes/why-three-steps?lang=zh");
        answer.then().statusCode(200);
        List<Cookie> ours = answer.getDetailedCookies().asList().stream().filter(cookie -> cookie.getName().startsWith("hl_")).toList();
        assertEquals(List.of("hl_lang", "hl_learner", "hl_visitor"), ours.stream().map(Cookie::getName).sorted().toList(),
                "the language, the learner and the forms' visitor: " + ours);
        ours.forEach(cookie -> {
            assertTrue(cookie.isHttpOnly(), cookie.toString());
            assertEquals("Lax", cookie.getSameSite(), cookie.toString());
        });
    }

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().get(readiness).then().statusCode(200).body(containsString("UP"));
        // A simulation of this test's own, so that the counter exists whichever tests ran before.
        given().get("/api/scenarios/three-way-handshake/trace?clientIsn=4242").then().statusCode(200);
        given().get(metrics).then().statusCode(200).body(containsString("handshake_simulations_total"));
    }

    @Test
    void swaggerUiIsOffUnlessSwitchedOnAndTheHeaderDoesNotLinkToIt() {
        given().get("/q/swagger-ui/").then().statusCode(404);
        given().get("/?lang=en").then().statusCode(200).body(not(containsString("/q/swagger-ui")));
    }
}
