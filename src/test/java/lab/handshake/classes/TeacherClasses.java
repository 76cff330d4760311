package lab.handshake.classes;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.teacher.TeacherLogin;

/** Teachers and their classes, made through the pages and the API as a teacher would, for tests that need them. */
public final class TeacherClasses {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"(csrf[^\"]*)\" value=\"([^\"]+)\"");

    private TeacherClasses() {
    }

    /** Creates a class as the signed-in teacher; its join code. */
    public static String create(String teacherCookie, String name) {
        return given().cookie(TeacherLogin.COOKIE, teacherCookie).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/teacher/classes").then().statusCode(201).extract().path("joinCode");
    }

    /** An administrator adds a teacher account (through the accounts form); the new teacher's login cookie. */
    public static String newTeacher(String username) {
        String admin = TeacherLogin.admin();
        Response form = given().cookie(TeacherLogin.COOKIE, admin).get("/teacher/accounts");
        String[] token = csrf(form);
        given().cookie(TeacherLogin.COOKIE, admin).cookies(form.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1])
                .formParam("username", username).formParam("displayName", username).formParam("password", "long-enough-password")
                .post("/teacher/accounts").then().statusCode(303);
        return TeacherLogin.as(username, "long-enough-password");
    }

    /** The cells of a predict step's row on the teacher's class page, in this language (asserts the row is there). */
    public static String predictStepRow(String teacherCookie, String joinCode, String lang, String scenario, int stepNumber) {
        String page = given().cookie(TeacherLogin.COOKIE, teacherCookie).queryParam("lang", lang)
                .get("/teacher/classes/" + joinCode).then().statusCode(200).extract().asString();
        int row = page.indexOf("<tr data-scenario=\"" + scenario + "\" data-step=\"" + stepNumber + "\">");
        if (row < 0) {
            throw new AssertionError("no row for " + scenario + " step " + stepNumber + " on the class page");
        }
        return page.substring(row, page.indexOf("</tr>", row));
    }

    /** The CSRF field (name and value) of the first form on a page. */
    public static String[] csrf(Response page) {
        Matcher token = CSRF_FIELD.matcher(page.asString());
        if (!token.find()) {
            throw new AssertionError("the page has no CSRF field");
        }
        return new String[] {token.group(1), token.group(2)};
    }
}
