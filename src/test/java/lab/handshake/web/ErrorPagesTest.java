package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import lab.handshake.teacher.Teacher;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;

/** Browsers asking for a page get refusals as pages in their language; API clients keep problem+json. */
@QuarkusTest
class ErrorPagesTest {

    @Test
    void aTeacherOpeningAnItemThatDoesNotExistGetsAPageInChinese() {
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).accept("text/html,application/xhtml+xml")
                .get("/teacher/content/987654?lang=zh")
                .then().statusCode(404).contentType(containsString("text/html")).body(containsString("<h1>页面不存在</h1>"));
    }

    @Test
    void aTeacherOnAnAdministratorsPageIsToldSoInAPage() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Teacher.findByUsername("page.teacher") == null) {
                Teacher.create("page.teacher", "long-enough-password", "Page", false);
            }
        });
        String teacher = TeacherLogin.as("page.teacher", "long-enough-password");
        given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get("/teacher/accounts?lang=en")
                .then().statusCode(403).contentType(containsString("text/html")).body(containsString("Not for your account"));
        given().cookie(TeacherLogin.COOKIE, teacher).get("/teacher/accounts")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void apiClientsKeepProblemJsonEvenWhenTheyAcceptHtml() {
        given().accept("text/html, */*").get("/api/scenarios/no-such-scenario")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
