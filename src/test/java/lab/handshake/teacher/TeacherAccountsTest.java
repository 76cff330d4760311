package lab.handshake.teacher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Logging out and an administrator's changes to an account take effect at once, even for a copy of the
 * login cookie; only administrators may change accounts, and never their own away.
 */
@QuarkusTest
class TeacherAccountsTest {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"");
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final String PASSWORD = "first-password-1";

    /** Adds a teacher through the API as the administrator; the username gets a suffix so tests never collide. */
    static String newTeacher(String prefix, String password) {
        String username = prefix + "." + System.nanoTime() % 100000 + SERIAL.incrementAndGet();
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "Test " + prefix, "password", password))
                .post("/api/teacher/accounts")
                .then().statusCode(201).body("username", equalTo(username)).body("status", equalTo("ACTIVE"));
        return username;
    }

    @Test
    void logoutEndsTheLoginOnTheServerSoACopiedCookieStopsWorking() {
        String cookie = TeacherLogin.as(newTeacher("leaving", PASSWORD), PASSWORD);
        String copy = cookie;
        Response home = given().cookie(TeacherLogin.COOKIE, cookie).get("/teacher");
        Matcher token = CSRF_FIELD.matcher(home.asString());
        assertTrue(token.find(), "the logout form carries a CSRF token");

        given().cookie(TeacherLogin.COOKIE, cookie).cookies(home.getCookies()).redirects().follow(false)
                .contentType(ContentType.URLENC).formParam(token.group(1), token.group(2))
                .post("/logout").then().statusCode(303);

        given().cookie(TeacherLogin.COOKIE, copy).redirects().follow(false).get("/teacher")
                .then().statusCode(303).header("Location", endsWith("/login"));
        given().cookie(TeacherLogin.COOKIE, copy).get("/api/teacher/classes").then().statusCode(401);
    }

    @Test
    void logoutNeedsItsFormAndToken() {
        String cookie = TeacherLogin.as(newTeacher("staying", PASSWORD), PASSWORD);
        given().cookie(TeacherLogin.COOKIE, cookie).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("nothing", "here").post("/logout").then().statusCode(403).body("type", equalTo("/problems/form-token"));
        given().cookie(TeacherLogin.COOKIE, cookie).redirects().follow(false).contentType(ContentType.TEXT)
                .body("x").post("/logout").then().statusCode(415);
        given().cookie(TeacherLogin.COOKIE, cookie).redirects().follow(false).get("/logout").then().statusCode(405);
        given().cookie(TeacherLogin.COOKIE, cookie).get("/api/teacher/classes").then().statusCode(200);
    }

    @Test
    void anAdministratorGivesAndTakesTheManagerRole_whichLetsATeacherReplaceBuiltInContentAtOnce() {
        String username = newTeacher("curator", PASSWORD);
        String cookie = TeacherLogin.as(username, PASSWORD);
        String admin = TeacherLogin.admin();
        given().cookie(TeacherLogin.COOKIE, cookie).contentType(ContentType.JSON)
                .body(Map.of("kind", "lesson", "id", "state-machine", "language", "zh")).post("/api/teacher/content")
                .then().statusCode(403);

        given().cookie(TeacherLogin.COOKIE, admin).contentType(ContentType.JSON).body(Map.of("manager", true))
                .put("/api/teacher/accounts/" + username + "/manager")
                .then().statusCode(200).body("manager", equalTo(true)).body("admin", equalTo(false));
        // The same login, without signing in again: roles are read on every request.
        given().cookie(TeacherLogin.COOKIE, cookie).contentType(ContentType.JSON)
                .body(Map.of("kind", "lesson", "id", "state-machine", "language", "zh")).post("/api/teacher/content")
                .then().statusCode(201);

        given().cookie(TeacherLogin.COOKIE, admin).contentType(ContentType.JSON).body(Map.of("manager", false))
                .put("/api/teacher/accounts/" + username + "/manager").then().statusCode(200).body("manager", equalTo(false));
        given().cookie(TeacherLogin.COOKIE, cookie).contentType(ContentType.JSON)
                .body(Map.of("kind", "lesson", "id", "state-machine", "language", "en")).post("/api/teacher/content")
                .then().statusCode(403);

        given().cookie(TeacherLogin.COOKIE, cookie).contentType(ContentType.JSON).body(Map.of("manager", true))
                .put("/api/teacher/accounts/" + username + "/manager").then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, admin).contentType(ContentType.JSON).body(Map.of())
                .put("/api/teacher/accounts/" + username + "/manager")
                .then().statusCode(400).body("errors[0].field", equalTo("manager"));
        given().cookie(TeacherLogin.COOKIE, admin).accept("text/html").queryParam("lang", "zh").get("/teacher/accounts")
                .then().statusCode(200).body(containsString("设为内容管理员"));
    }

    @Test
    void disablingATeacherEndsTheirLiveLoginAndEnablingLetsThemSignInAgain() {
        String username = newTeacher("paused", PASSWORD);
        String live = TeacherLogin.as(username, PASSWORD);
        given().cookie(TeacherLogin.COOKIE, live).get("/api/teacher/classes").then().statusCode(200);

        asAdmin().post("/api/teacher/accounts/" + username + "/disable").then().statusCode(200).body("status", equalTo("DISABLED"));
        given().cookie(TeacherLogin.COOKIE, live).get("/api/teacher/classes").then().statusCode(401);
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("j_username", username)
                .formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("/login?error=true"));

        asAdmin().post("/api/teacher/accounts/" + username + "/enable").then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().cookie(TeacherLogin.COOKIE, live).get("/api/teacher/classes").then().statusCode(401);
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.as(username, PASSWORD)).get("/api/teacher/classes").then().statusCode(200);
    }

    @Test
    void aNewPasswordReplacesTheOldOneAndEndsTheTeachersLogins() {
        String username = newTeacher("forgetful", PASSWORD);
        String live = TeacherLogin.as(username, PASSWORD);
        asAdmin().body(Map.of("password", "second-password-2")).put("/api/teacher/accounts/" + username + "/password")
                .then().statusCode(204);

        given().cookie(TeacherLogin.COOKIE, live).get("/api/teacher/classes").then().statusCode(401);
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("j_username", username)
                .formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("error"));
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.as(username, "second-password-2")).get("/api/teacher/classes")
                .then().statusCode(200);
        asAdmin().body(Map.of("password", "short")).put("/api/teacher/accounts/" + username + "/password")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo("/problems/weak-password"));
    }

    @Test
    void deletingATeacherEndsTheirLoginAndKeepsWhatTheyWrote() {
        String username = newTeacher("departing", PASSWORD);
        String live = TeacherLogin.as(username, PASSWORD);
        long item = given().cookie(TeacherLogin.COOKIE, live).contentType(ContentType.JSON)
                .body(Map.of("kind", "lesson", "id", "notes-" + username.replace('.', '-'), "language", "en"))
                .post("/api/teacher/content").then().statusCode(201).extract().jsonPath().getLong("item.id");

        asAdmin().delete("/api/teacher/accounts/" + username).then().statusCode(204);

        given().cookie(TeacherLogin.COOKIE, live).get("/api/teacher/classes").then().statusCode(401);
        asAdmin().get("/api/teacher/accounts").then().statusCode(200).body("username", not(hasItem(username)));
        asAdmin().get("/api/teacher/content/" + item).then().statusCode(200);
        asAdmin().body(Map.of("username", username, "password", PASSWORD)).post("/api/teacher/accounts")
                .then().statusCode(409).body("type", equalTo("/problems/username-taken"));
        asAdmin().post("/api/teacher/accounts/" + username + "/enable").then().statusCode(404);
    }

    @Test
    void anAdministratorCannotDisableOrDeleteTheirOwnAccount() {
        asAdmin().post("/api/teacher/accounts/admin/disable").then().statusCode(409).body("type", equalTo("/problems/not-yourself"));
        asAdmin().delete("/api/teacher/accounts/admin").then().statusCode(409);
        asAdmin().get("/api/teacher/accounts").then().body("find { it.username == 'admin' }.status", equalTo("ACTIVE"));
    }

    @Test
    void aTeacherWhoIsNotAnAdministratorMayNotChangeAccounts() {
        String other = newTeacher("colleague", PASSWORD);
        String teacher = TeacherLogin.as(newTeacher("plain", PASSWORD), PASSWORD);
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/accounts").then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, teacher).contentType(ContentType.JSON).post("/api/teacher/accounts/" + other + "/disable")
                .then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, teacher).contentType(ContentType.JSON).body(Map.of("password", "taken-over-123"))
                .put("/api/teacher/accounts/admin/password").then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, teacher).delete("/api/teacher/accounts/" + other).then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.as(other, PASSWORD)).get("/api/teacher/classes").then().statusCode(200);
    }

    @Test
    void theAccountsPageDisablesWithItsFormAndSpeaksChinese() {
        String username = newTeacher("formed", PASSWORD);
        String admin = TeacherLogin.admin();
        Response page = given().cookie(TeacherLogin.COOKIE, admin).queryParam("lang", "zh").get("/teacher/accounts");
        page.then().statusCode(200).body(containsString("停用"), containsString("设置密码"), containsString(username));
        Matcher token = CSRF_FIELD.matcher(page.asString());
        assertTrue(token.find());
        given().cookie(TeacherLogin.COOKIE, admin).cookies(page.getCookies()).redirects().follow(false)
                .contentType(ContentType.URLENC).formParam(token.group(1), token.group(2))
                .post("/teacher/accounts/" + username + "/disable").then().statusCode(303);
        given().cookie(TeacherLogin.COOKIE, admin).queryParam("lang", "zh").get("/teacher/accounts")
                .then().body(containsString("已停用"), containsString("/teacher/accounts/" + username + "/enable"));

        given().cookie(TeacherLogin.COOKIE, admin).cookies(page.getCookies()).redirects().follow(false)
                .contentType(ContentType.URLENC).formParam(token.group(1), token.group(2)).formParam("confirm", "yes")
                .post("/teacher/accounts/admin/delete")
                .then().statusCode(409).body(containsString("你不能停用或删除自己的账户"));
        given().cookie(TeacherLogin.COOKIE, admin).redirects().follow(false).contentType(ContentType.URLENC)
                .post("/teacher/accounts/" + username + "/enable").then().statusCode(403);
    }

    @Test
    void theAccountsPageDeletesOnlyWithItsBoxTickedInEitherLanguage() {
        String username = newTeacher("deleted", PASSWORD);
        String login = TeacherLogin.as(username, PASSWORD);
        String admin = TeacherLogin.admin();
        for (String[] language : new String[][] {{"en", "Yes, delete " + username, "Tick the box beside"}, {"zh", "确认删除 " + username, "请先勾选"}}) {
            Response page = given().cookie(TeacherLogin.COOKIE, admin).queryParam("lang", language[0]).get("/teacher/accounts");
            page.then().statusCode(200).body(containsString(language[1]), containsString("name=\"confirm\" value=\"yes\" required"));
            Matcher token = CSRF_FIELD.matcher(page.asString());
            assertTrue(token.find());
            given().cookie(TeacherLogin.COOKIE, admin).cookies(page.getCookies()).redirects().follow(false)
                    .contentType(ContentType.URLENC).formParam(token.group(1), token.group(2))
                    .post("/teacher/accounts/" + username + "/delete?lang=" + language[0])
                    .then().statusCode(400).contentType(containsString("text/html")).body(containsString(language[2]));
            given().cookie(TeacherLogin.COOKIE, login).get("/api/teacher/classes").then().statusCode(200);
        }
        Response page = given().cookie(TeacherLogin.COOKIE, admin).get("/teacher/accounts");
        Matcher token = CSRF_FIELD.matcher(page.asString());
        assertTrue(token.find());
        given().cookie(TeacherLogin.COOKIE, admin).cookies(page.getCookies()).redirects().follow(false)
                .contentType(ContentType.URLENC).formParam(token.group(1), token.group(2)).formParam("confirm", "yes")
                .post("/teacher/accounts/" + username + "/delete").then().statusCode(303);
        given().cookie(TeacherLogin.COOKIE, login).get("/api/teacher/classes").then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType(ContentType.JSON);
    }
}
