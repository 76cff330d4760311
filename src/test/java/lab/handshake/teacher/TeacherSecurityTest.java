package lab.handshake.teacher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.api.Learner;
import lab.handshake.classes.TeacherClasses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Teachers' pages and API refuse everyone else; login, logout and CSRF work; class results add up. */
@QuarkusTest
class TeacherSecurityTest {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"");

    @ParameterizedTest
    @ValueSource(strings = {"/teacher", "/teacher/classes/NET-101", "/teacher/classes/NET-101/results.csv", "/teacher/accounts"})
    void anonymousVisitorsOfTeacherPagesAreSentToTheLoginForm(String page) {
        given().redirects().follow(false).get(page)
                .then().statusCode(303).header("Location", endsWith("/login"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/teacher/classes", "/api/teacher/classes/NET-101", "/api/quizzes/syn-flood/export?format=gift"})
    void anonymousApiClientsGet401(String path) {
        given().get(path).then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aWrongPasswordDoesNotSignIn() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", "wrong-password")
                .post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("/login?error=true"));
    }

    @Test
    void anAdministratorAddsATeacherWithTheCsrfTokenButNotWithoutIt() {
        String admin = TeacherLogin.admin();
        given().cookie(TeacherLogin.COOKIE, admin).get("/teacher").then().statusCode(200).body(containsString("admin"));

        given().cookie(TeacherLogin.COOKIE, admin).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("username", "mallory").formParam("password", "long-enough-password")
                .post("/teacher/accounts").then().statusCode(403);

        Response form = given().cookie(TeacherLogin.COOKIE, admin).get("/teacher/accounts");
        Matcher token = CSRF_FIELD.matcher(form.asString());
        assertTrue(token.find(), "the form carries a CSRF token");
        given().cookie(TeacherLogin.COOKIE, admin).cookies(form.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam(token.group(1), token.group(2))
                .formParam("username", "lin.teacher").formParam("displayName", "Lin").formParam("password", "long-enough-password")
                .post("/teacher/accounts").then().statusCode(303);

        String teacher = TeacherLogin.as("lin.teacher", "long-enough-password");
        given().cookie(TeacherLogin.COOKIE, teacher).get("/teacher").then().statusCode(200);
        given().cookie(TeacherLogin.COOKIE, teacher).get("/teacher/accounts").then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, teacher).queryParam("format", "gift").get("/api/quizzes/syn-flood/export").then().statusCode(200);
    }

    @Test
    void logoutEndsTheSession() {
        String admin = TeacherLogin.admin();
        Response page = given().cookie(TeacherLogin.COOKIE, admin).get("/teacher");
        Matcher token = CSRF_FIELD.matcher(page.asString());
        assertTrue(token.find());
        Response out = given().cookie(TeacherLogin.COOKIE, admin).cookies(page.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token.group(1), token.group(2))
                .post("/logout");
        assertEquals(303, out.statusCode());
        assertTrue(out.getDetailedCookie(TeacherLogin.COOKIE).getMaxAge() <= 0 || out.getCookie(TeacherLogin.COOKIE).isEmpty(),
                "the login cookie is cleared");
    }

    /** Only the logout form ends a login: a bare POST without the form's token is refused, and
     * JSON is not a form. */
    @Test
    void logoutWithoutItsFormsTokenIsRefusedAndTheLoginGoesOn() {
        String admin = TeacherLogin.admin();
        given().cookie(TeacherLogin.COOKIE, admin).redirects().follow(false).post("/logout")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("/problems/form-token"));
        given().cookie(TeacherLogin.COOKIE, admin).redirects().follow(false).contentType("application/json").body("{}")
                .post("/logout").then().statusCode(415).contentType("application/problem+json");
        given().cookie(TeacherLogin.COOKIE, admin).get("/teacher").then().statusCode(200);
    }

    @Test
    void classResultsShowEachQuestionsDifficultyAndTheMostChosenWrongAnswer() {
        String quiz = "why-three-steps";
        String admin = TeacherLogin.admin();
        String joinCode = TeacherClasses.create(admin, "Networks 7");
        for (int i = 0; i < 3; i++) {
            Learner student = Learner.fresh();
            student.join(joinCode);
            String attempt = student.startQuiz(quiz);
            String choice = i < 2 ? "b" : "a";
            student.request().contentType(ContentType.JSON)
                    .body(Map.of("attemptId", attempt, "classCode", joinCode, "answers",
                            List.of(Map.of("question", "principal-reason", "choice", choice))))
                    .post("/api/quizzes/" + quiz + "/attempts").then().statusCode(200);
        }
        given().cookie(TeacherLogin.COOKIE, admin).get("/api/teacher/classes")
                .then().statusCode(200).body("joinCode", hasItem(joinCode));
        Response stats = given().cookie(TeacherLogin.COOKIE, admin).get("/api/teacher/classes/" + joinCode.toLowerCase());
        stats.then().statusCode(200).body("[0].attempts", equalTo(3));
        Map<String, Object> question = stats.jsonPath().getMap("[0].questions.find { it.question == 'principal-reason' }");
        assertEquals(3, question.get("attempts"));
        assertEquals(2, question.get("mostChosenWrongCount"), "two learners chose the same wrong answer: " + question);
        String csv = given().cookie(TeacherLogin.COOKIE, admin).get("/teacher/classes/" + joinCode + "/results.csv")
                .then().statusCode(200).extract().asString();
        // One row per answer: each of the three students answered the question once.
        assertEquals(3, csv.lines().filter(row -> row.startsWith("Networks 7,Student ") && row.contains(",why-three-steps,")
                && row.contains(",principal-reason,")).count(), csv);
    }
}
