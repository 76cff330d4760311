package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.Optional;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;

/**
 * A form's token belongs to the login (or the anonymous visitor) it was shown to: another teacher's, another
 * login's of the same teacher, or an anonymous page's token is refused with 403, and a request a browser says comes
 * from another site is refused whatever its body.
 */
@QuarkusTest
class FormTokensTest {
    private static final String OTHER_TEACHER_PASSWORD = "long-enough-password";

    /** The home page's form token for this login, with the cookies the page set. */
    private static String[] formOf(String login) {
        Response page = given().cookie(TeacherLogin.COOKIE, login).get("/teacher");
        page.then().statusCode(200);
        return TeacherClasses.csrf(page);
    }

    private static RequestSpecification newClassForm(String login, String token) {
        RequestSpecification form = given().cookie(TeacherLogin.COOKIE, login).redirects().follow(false)
                .contentType(ContentType.URLENC).formParam("name", "Bound forms");
        return token == null ? form : form.formParam("csrf-token", token);
    }

    @Test
    void aTokenWorksInItsOwnLoginOnly() {
        String first = TeacherLogin.admin();
        String second = TeacherLogin.admin();
        String[] firstForm = formOf(first);
        assertEquals("csrf-token", firstForm[0]);

        newClassForm(second, firstForm[1]).post("/teacher/classes")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("/problems/form-token"))
                .body("detail", containsString("'csrf-token'"));
        String other = TeacherClasses.newTeacher("bound.other");
        newClassForm(other, firstForm[1]).post("/teacher/classes").then().statusCode(403);

        newClassForm(first, firstForm[1]).post("/teacher/classes").then().statusCode(303);
        newClassForm(second, formOf(second)[1]).post("/teacher/classes").then().statusCode(303);
    }

    @Test
    void aTokenFromAnAnonymousPageOrAnEndedLoginIsRefusedAndTheBrowserIsToldInItsLanguage() {
        Response anonymous = given().get("/classes");
        String anonymousToken = TeacherClasses.csrf(anonymous)[1];
        String login = TeacherLogin.admin();
        newClassForm(login, anonymousToken).cookies(anonymous.getCookies()).post("/teacher/classes").then().statusCode(403);

        newClassForm(login, "forged").header("Accept", "text/html").queryParam("lang", "zh").post("/teacher/classes")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("表单已失效"), not(containsString("reload the page")));
        newClassForm(login, null).header("Accept", "text/html").queryParam("lang", "en").post("/teacher/classes")
                .then().statusCode(403).body(containsString("The form has expired"));
    }

    @Test
    void theLearnersFormsAreBoundToTheirVisitorCookie() {
        Response page = given().get("/classes");
        String token = TeacherClasses.csrf(page)[1];
        given().cookies(page.getCookies()).contentType(ContentType.URLENC).formParam("csrf-token", token)
                .formParam("joinCode", "NOSUCHCODE").post("/classes").then().statusCode(404);
        // Another browser (another visitor cookie) cannot use it.
        Response elsewhere = given().get("/classes");
        given().cookies(elsewhere.getCookies()).contentType(ContentType.URLENC).formParam("csrf-token", token)
                .formParam("joinCode", "NOSUCHCODE").post("/classes").then().statusCode(403);
    }

    @Test
    void aRequestFromAnotherSiteIsRefusedWhateverItsBody() {
        String login = TeacherLogin.admin();
        Map<String, String> body = Map.of("name", "From elsewhere");
        given().cookie(TeacherLogin.COOKIE, login).header("Sec-Fetch-Site", "same-site").contentType(ContentType.JSON).body(body)
                .post("/api/teacher/classes").then().statusCode(403).body("type", equalTo("/problems/form-token"));
        given().cookie(TeacherLogin.COOKIE, login).header("Sec-Fetch-Site", "cross-site").header("Accept-Language", "zh-CN")
                .contentType(ContentType.JSON).body(body).post("/api/teacher/classes").then().statusCode(403)
                .body("title", equalTo("表单令牌被拒绝")).body("detail", equalTo("该请求来自其他网站；只有本站自己的页面才能发送它。"));
        given().cookie(TeacherLogin.COOKIE, login).header("Origin", "http://evil.example").contentType(ContentType.JSON).body(body)
                .post("/api/teacher/classes").then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, login).header("Sec-Fetch-Site", "same-origin").contentType(ContentType.JSON).body(body)
                .post("/api/teacher/classes").then().statusCode(201);
        // Programs send neither header: the API works with the login cookie alone.
        given().cookie(TeacherLogin.COOKIE, login).contentType(ContentType.JSON).body(body)
                .post("/api/teacher/classes").then().statusCode(201);
        // A token in the header is checked like a form's.
        given().cookie(TeacherLogin.COOKIE, login).header("X-CSRF-Token", formOf(TeacherLogin.admin())[1])
                .contentType(ContentType.JSON).body(body).post("/api/teacher/classes").then().statusCode(403);
        given().cookie(TeacherLogin.COOKIE, login).header("X-CSRF-Token", formOf(login)[1])
                .contentType(ContentType.JSON).body(body).post("/api/teacher/classes").then().statusCode(201);
    }

    @Test
    void replicasWithTheSameKeyAgreeAndOthersDoNot() {
        FormTokens.Binding login = new FormTokens.Binding("login", "the-cookie-of-one-login");
        String key = "a-key-shared-by-every-replica-0123456789";
        FormTokens one = new FormTokens(Optional.of(key));
        FormTokens another = new FormTokens(Optional.of(key));
        assertEquals(one.tokenFor(login), another.tokenFor(login));
        assertEquals(true, another.matches(one.tokenFor(login), Optional.of(login)));
        assertNotEquals(one.tokenFor(login), new FormTokens(Optional.of(key + "!")).tokenFor(login));
        assertNotEquals(one.tokenFor(login), new FormTokens(Optional.empty()).tokenFor(login), "a random key when none is set");
        assertNotEquals(one.tokenFor(login), one.tokenFor(new FormTokens.Binding("visitor", "the-cookie-of-one-login")));
        assertThrows(IllegalStateException.class, () -> new FormTokens(Optional.of("too-short")));
    }
}
