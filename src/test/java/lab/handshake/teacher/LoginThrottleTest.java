package lab.handshake.teacher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed and then refused, per account and per client address, and never for good. The
 * login clock is moved instead of waited for; the defaults apply (5 failures per account, 20 per address,
 * a first wait of 30 s).
 */
@QuarkusTest
class LoginThrottleTest {
    private static final String PASSWORD = "the-right-password";

    private final MovableClock clock = new MovableClock();

    @Inject
    LoginThrottle throttle;
    private final List<String> loginLog = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            loginLog.add(String.valueOf(record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters())));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void freshCountersAndAMovableClock() {
        forgetAllFailures();
        QuarkusMock.installMockForType(clock, LoginClock.class);
        Logger.getLogger(LoginForm.class.getName()).addHandler(capture);
    }

    @AfterEach
    void leaveNoCountersForOtherTests() {
        Logger.getLogger(LoginForm.class.getName()).removeHandler(capture);
        forgetAllFailures();
    }

    @Test
    void fortyWrongPasswordsThenTheRightOneIsRefusedUntilTheWaitIsOver() {
        String username = TeacherAccountsTest.newTeacher("guess.target", PASSWORD);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(login(username, "guess-number-" + i).statusCode());
        }
        assertEquals(List.of(302, 302, 302, 302, 302), statuses.subList(0, 5), "five tries reach the password check");
        assertTrue(statuses.subList(5, 40).stream().allMatch(status -> status == 429), "the other 35 are refused: " + statuses);

        Response refused = login(username, PASSWORD);
        refused.then().statusCode(429).header("Retry-After", equalTo("30"))
                .contentType("application/problem+json").body("status", equalTo(429));
        assertEquals(null, refused.getCookie(TeacherLogin.COOKIE), "the right password does not sign in while refused");

        clock.advance(Duration.ofSeconds(29));
        login(username, PASSWORD).then().statusCode(429).header("Retry-After", equalTo("1"));

        clock.advance(Duration.ofSeconds(1));
        Response signedIn = login(username, PASSWORD);
        signedIn.then().statusCode(302).header("Location", equalTo("/teacher"));
        given().cookie(TeacherLogin.COOKIE, signedIn.getCookie(TeacherLogin.COOKIE)).get("/api/teacher/classes").then().statusCode(200);

        // The success cleared the account's counter: the next mistake is an ordinary one.
        login(username, "one-more-typo").then().statusCode(302).header("Location", containsString("/login?error=true"));
    }

    @Test
    void guessesSentAllAtOnceCannotSlipPastTheLimit() throws Exception {
        String username = TeacherAccountsTest.newTeacher("burst.target", PASSWORD);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String guess = "burst-guess-" + i;
                answers.add(pool.submit(() -> login(username, guess).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(5, statuses.stream().filter(status -> status == 302).count(), "five reach the password check: " + statuses);
            assertEquals(11, statuses.stream().filter(status -> status == 429).count(), "the others are refused: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachFailureBeyondTheAllowedOnesDoublesTheWaitUpToTheLongest() {
        String username = TeacherAccountsTest.newTeacher("slow.guess", PASSWORD);
        for (int i = 0; i < 5; i++) {
            login(username, "wrong-" + i);
        }
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String wait = login(username, "still-wrong").then().statusCode(429).extract().header("Retry-After");
            waits.add(wait);
            clock.advance(Duration.ofSeconds(Long.parseLong(wait)));
            login(username, "wrong-after-waiting-" + i).then().statusCode(302);
        }
        assertEquals(List.of("30", "60", "120", "240", "480", "900", "900"), waits);
    }

    @Test
    void aBrowserIsShownTheLoginPageAgainSayingHowLongToWaitInItsLanguage() {
        String username = TeacherAccountsTest.newTeacher("page.guess", PASSWORD);
        for (int i = 0; i < 5; i++) {
            login(username, "wrong-" + i);
        }
        given().redirects().follow(false).accept("text/html").header("Accept-Language", "en")
                .contentType(ContentType.URLENC).formParam("j_username", username).formParam("j_password", PASSWORD)
                .post("/j_security_check")
                .then().statusCode(429).header("Retry-After", equalTo("30")).contentType(containsString("text/html"))
                .body(containsString("Try again in 30 seconds."), containsString("name=\"j_username\""));
        given().redirects().follow(false).accept("text/html").header("Accept-Language", "zh-CN,zh;q=0.9")
                .contentType(ContentType.URLENC).formParam("j_username", username).formParam("j_password", PASSWORD)
                .post("/j_security_check")
                .then().statusCode(429).body(containsString("请在 30 秒后再试"), containsString("lang=\"zh"));
    }

    @Test
    void oneAddressGuessingAtManyAccountsIsRefusedEvenForAnAccountItNeverTried() {
        for (int i = 0; i < 20; i++) {
            // Two tries per account: no account reaches its own limit.
            login("nobody-" + (i / 2), "wrong").then().statusCode(302);
        }
        Response refused = login("admin", "admin-password-for-tests");
        refused.then().statusCode(429).header("Retry-After", equalTo("30"));

        clock.advance(Duration.ofSeconds(30));
        login("admin", "admin-password-for-tests").then().statusCode(302).header("Location", equalTo("/teacher"));
    }

    @Test
    void failuresAreLoggedWithTheUsernameAndClientButNeverThePassword() {
        login("log.target", "secret-guess-7f3a").then().statusCode(302);
        String line = loginLog.stream().filter(entry -> entry.contains("log.target")).findFirst().orElse("");
        assertTrue(line.contains("client="), "the failure is logged with the client key: " + loginLog);
        assertFalse(loginLog.stream().anyMatch(entry -> entry.contains("secret-guess-7f3a")), "no password in the log");
    }

    @Test
    void anOversizedLoginFormIsRefusedWith413AndCountsNothing() {
        given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", "admin").formParam("j_password", "x".repeat(10_000))
                .post("/j_security_check")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        long counters = QuarkusTransaction.requiringNew().call(() -> LoginThrottleRow.count());
        assertEquals(0, counters, "nothing was counted");
    }

    @Test
    void noOtherWayToSignInBypassesTheForm() {
        given().auth().preemptive().basic("admin", "admin-password-for-tests").get("/api/teacher/classes")
                .then().statusCode(401);
    }

    @Test
    void twoSignInsOfOneAccountAtOnceBothSucceed_theSecondFindingItsCountAlreadyCleared() {
        assertEquals(302, login("admin", "a-wrong-password").statusCode());
        String account = new LoginThrottle.Subject(LoginThrottle.Kind.ACCOUNT, "admin").id();
        // This sign-in has read the account's row when another one, right, clears it first.
        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(LoginThrottleRow.findByIdOptional(account).isPresent(), "the failure was counted");
            QuarkusTransaction.requiringNew().run(() -> LoginThrottleRow.delete("subject", account));
            throttle.succeeded("admin", "127.0.0.1");
        });
        assertTrue(QuarkusTransaction.requiringNew().call(() -> LoginThrottleRow.findByIdOptional(account).isEmpty()));
    }

    private static Response login(String username, String password) {
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
    }

    private static void forgetAllFailures() {
        QuarkusTransaction.requiringNew().run(() -> LoginThrottleRow.deleteAll());
    }
}
