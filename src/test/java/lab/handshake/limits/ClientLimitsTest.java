package lab.handshake.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.handshake.api.Learner;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;

/**
 * Every per-client allowance (set low here) is refused beyond its bound with 429, {@code Retry-After} and
 * problem+json. Forwarding is on but the only trusted proxy is an address the tests never come from, so a
 * forged {@code X-Forwarded-For} must not give a client a fresh allowance.
 */
@QuarkusTest
@TestProfile(ClientLimitsTest.LowAllowances.class)
class ClientLimitsTest {

    public static class LowAllowances implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("handshake.limits.traces-per-minute", "3"),
                    Map.entry("handshake.limits.captures-per-minute", "2"),
                    Map.entry("handshake.limits.sessions-per-hour", "2"),
                    Map.entry("handshake.limits.quiz-attempts-per-hour", "2"),
                    Map.entry("handshake.limits.wrong-join-codes-per-hour", "3"),
                    Map.entry("handshake.limits.lti-registrations-per-hour", "2"),
                    Map.entry("handshake.limits.recovery-codes-per-hour", "2"),
                    Map.entry("handshake.limits.wrong-recovery-codes-per-hour", "3"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "10.9.9.9"),
                    Map.entry("quarkus.datasource.jdbc.url", "jdbc:h2:mem:handshake-client-limits;DB_CLOSE_DELAY=-1"));
        }
    }

    static final String SMALL_SPEC = """
            {"actions": [{"at": 0, "host": "server", "call": "listen"}, {"at": 10, "host": "client", "call": "connect"}]}""";

    static byte[] capture() throws IOException {
        return Files.readAllBytes(Path.of("src", "test", "resources", "captures", "linux", "three-segment-close.pcap"));
    }

    private static long retryAfter(Response response) {
        return Long.parseLong(response.header("Retry-After"));
    }

    @Test
    void shouldRefuseLtiRegistrationsBeyondTheAllowanceWithAPageInTheReadersLanguageOrAProblem() {
        for (int i = 0; i < 2; i++) {
            given().queryParam("openid_configuration", "not a url").get("/lti/register").then().statusCode(400);
        }
        Response page = given().header("Accept", "text/html").header("Accept-Language", "zh-CN").get("/lti/register");
        page.then().statusCode(429).contentType(containsString("text/html")).header("Retry-After", notNullValue());
        org.jsoup.nodes.Document shown = org.jsoup.Jsoup.parse(page.asString());
        assertTrue(shown.text().contains("从这个地址尝试注册的次数太多"), shown.text());
        assertTrue(shown.text().contains("too-many-registrations"), shown.text());
        // 2 per hour: the next try is allowed within half an hour.
        assertTrue(retryAfter(page) >= 1 && retryAfter(page) <= 1800, page.header("Retry-After"));

        given().header("Accept", "application/json").get("/lti/register").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/too-many-registrations"))
                .body("detail", containsString("At most 2 LTI registrations may be tried per hour"));
        given().header("Accept", "text/html").header("Accept-Language", "en").get("/lti/register").then().statusCode(429)
                .body(containsString("Too many registrations were tried from this address"));
    }

    @Test
    void shouldCountTraceRequestsAndUncachedCatalogueTracesButNotCachedOnes() {
        given().queryParam("clientIsn", "1").get("/api/scenarios/three-way-handshake/trace").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            given().queryParam("clientIsn", "1").get("/api/scenarios/three-way-handshake/trace").then().statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(SMALL_SPEC).post("/api/traces").then().statusCode(200);
        }
        Response refused = given().contentType(ContentType.JSON).body(SMALL_SPEC).post("/api/traces");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-traces"))
                .body("detail", containsString("At most 3 traces may be simulated per minute"));
        // 3 per minute: the next token comes within 20 s.
        assertTrue(retryAfter(refused) >= 1 && retryAfter(refused) <= 20, refused.header("Retry-After"));
        given().queryParam("clientIsn", "2").get("/api/scenarios/three-way-handshake/trace").then().statusCode(429)
                .header("Retry-After", notNullValue());
        // In the reader's language, still with Retry-After.
        given().contentType(ContentType.JSON).header("Accept-Language", "zh-CN").body(SMALL_SPEC).post("/api/traces")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("title", equalTo("轨迹请求过多"))
                .body("detail", equalTo("同一地址每分钟最多只能模拟轨迹 3 次。"));
        given().queryParam("clientIsn", "1").get("/api/scenarios/three-way-handshake/trace").then().statusCode(200);
    }

    @Test
    void shouldRefuseCaptureUploadsBeyondTheAllowanceWhateverXForwardedForAnUntrustedAddressSends() throws IOException {
        byte[] capture = capture();
        given().header("X-Forwarded-For", "198.51.100.1").contentType("application/vnd.tcpdump.pcap").body(capture)
                .post("/api/captures").then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.2").contentType("application/vnd.tcpdump.pcap").body(capture)
                .post("/api/captures").then().statusCode(200);
        Response refused = given().header("X-Forwarded-For", "198.51.100.3").contentType("application/vnd.tcpdump.pcap")
                .body(capture).post("/api/captures");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-captures"));
        assertTrue(retryAfter(refused) >= 1 && retryAfter(refused) <= 30, refused.header("Retry-After"));
    }

    @Test
    void shouldRefuseSessionsBeyondTheHourlyAllowanceSayingWhenAPlaceFreesUp() {
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body("{\"scenario\": \"abort\"}").post("/api/sessions").then().statusCode(201);
        }
        Response refused = given().contentType(ContentType.JSON).body("{\"scenario\": \"abort\"}").post("/api/sessions");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-sessions"));
        // The first session leaves the hour's window in just under an hour.
        assertTrue(retryAfter(refused) > 3_000 && retryAfter(refused) <= 3_600, refused.header("Retry-After"));
    }

    @Test
    void shouldRefuseQuizAttemptsBeyondTheHourlyAllowanceAndSayItOnAPageInTheReadersLanguage() {
        for (int i = 0; i < 2; i++) {
            given().get("/api/quizzes/why-three-steps").then().statusCode(200);
        }
        Response refused = given().get("/api/quizzes/why-three-steps");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-attempts"));
        assertTrue(retryAfter(refused) > 3_000 && retryAfter(refused) <= 3_600, refused.header("Retry-After"));

        given().accept("text/html").queryParam("lang", "zh").get("/quizzes/why-three-steps")
                .then().statusCode(429).contentType(containsString("text/html"))
                .header("Retry-After", notNullValue())
                .body(containsString("请求过于频繁"))
                .body(not(containsString("At most")));
    }

    @Test
    void shouldBoundGuessingJoinCodesPerClientOnTheApiAndOnThePage() {
        String joinCode = TeacherClasses.create(TeacherLogin.admin(), "Guessed at");
        Learner guesser = Learner.fresh();
        for (int i = 0; i < 3; i++) {
            guesser.request().contentType(ContentType.JSON).body(Map.of("joinCode", "ABCDEFGH" + (22 + i)))
                    .post("/api/learners/me/classes").then().statusCode(404);
        }
        Response refused = guesser.request().contentType(ContentType.JSON).body(Map.of("joinCode", "ABCDEFGH99"))
                .post("/api/learners/me/classes");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-join-codes"))
                .body("detail", containsString("At most 3 wrong join codes may be tried per hour"));
        // 3 per hour: the next wrong code is allowed within 20 minutes.
        assertTrue(retryAfter(refused) >= 1 && retryAfter(refused) <= 1_200, refused.header("Retry-After"));
        // Once the wrong codes are spent, even the right one waits: otherwise the guess that hits would still join.
        Learner.fresh().request().contentType(ContentType.JSON).body(Map.of("joinCode", joinCode))
                .post("/api/learners/me/classes").then().statusCode(429);

        Response page = given().accept("text/html").get("/classes?lang=zh");
        String[] token = TeacherClasses.csrf(page);
        given().accept("text/html").cookies(page.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token[0], token[1]).formParam("joinCode", joinCode).post("/classes?lang=zh")
                .then().statusCode(429).contentType(containsString("text/html"))
                .header("Retry-After", notNullValue())
                .body(containsString("请求过于频繁"))
                .body(not(containsString("At most")));
    }

    @Test
    void shouldBoundGuessingRecoveryCodesAndMakingThemPerClientOnTheApiAndOnThePage() {
        Learner learner = Learner.fresh();
        String code = learner.request().contentType(ContentType.JSON).post("/api/learners/me/recovery-code").then().statusCode(201).extract().path("code");
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Map.of("code", "0000-0000-0000-000" + i))
                    .post("/api/learners/me/recovery").then().statusCode(404);
        }
        Response refused = given().contentType(ContentType.JSON).body(Map.of("code", "0000-0000-0000-0009")).post("/api/learners/me/recovery");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-wrong-recovery-codes"))
                .body("detail", containsString("At most 3 wrong recovery codes may be tried per hour"));
        assertTrue(retryAfter(refused) >= 1 && retryAfter(refused) <= 1_200, refused.header("Retry-After"));
        // Once the wrong codes are spent, even the right one waits: otherwise the guess that hits would still restore.
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/learners/me/recovery").then().statusCode(429);

        Response page = given().accept("text/html").get("/progress?lang=zh");
        String[] token = TeacherClasses.csrf(page);
        given().accept("text/html").cookies(page.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token[0], token[1]).formParam("code", code).post("/progress/restore?lang=zh")
                .then().statusCode(429).contentType(containsString("text/html")).header("Retry-After", notNullValue())
                .body(containsString("从这个地址尝试的错误恢复码太多")).body(not(containsString("At most")));

        // 2 codes made per hour from one address (the first learner's above, and one more).
        Learner.fresh().request().contentType(ContentType.JSON).post("/api/learners/me/recovery-code").then().statusCode(201);
        Learner.fresh().request().contentType(ContentType.JSON).post("/api/learners/me/recovery-code").then().statusCode(429)
                .body("type", equalTo("/problems/too-many-recovery-codes"))
                .body("detail", containsString("At most 2 recovery codes may be made per hour"));
        given().accept("text/html").cookies(page.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token[0], token[1]).post("/progress/recovery-code?lang=en")
                .then().statusCode(429).contentType(containsString("text/html"))
                .body(containsString("Too many codes were made from this address")).body(not(containsString("At most")));
    }
}
