package lab.handshake.teacher;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** Signs in through the login form, as a browser does, and returns the login cookie. */
public final class TeacherLogin {
    public static final String COOKIE = "hl_teacher";

    private TeacherLogin() {
    }

    /** The first administrator the test configuration creates. */
    public static String admin() {
        return as("admin", "admin-password-for-tests");
    }

    public static String as(String username, String password) {
        Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
        String cookie = response.getCookie(COOKIE);
        if (cookie == null) {
            throw new AssertionError("login as " + username + " failed: " + response.statusCode() + " " + response.getHeader("Location"));
        }
        return cookie;
    }
}
