package lab.handshake.assignments;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.UUID;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import lab.handshake.web.CampusBehindProxy;
import org.junit.jupiter.api.Test;

/**
 * On a campus in Shanghai (HANDSHAKE_TIME_ZONE=Asia/Shanghai), a teacher enters an assignment's dates as the class
 * reads them: the form says which zone it reads, the API keeps the instants, and the pages show the dates back in
 * that zone with its offset.
 */
@QuarkusTest
@TestProfile(CampusBehindProxy.class)
class CampusTimeZoneTest {
    @Test
    void aTeacherEntersDatesInTheCampusZoneAndEveryPageShowsThemThere() {
        String teacher = TeacherClasses.newTeacher("tz-" + UUID.randomUUID().toString().substring(0, 8));
        String code = TeacherClasses.create(teacher, "Networks Shanghai");
        String path = "/teacher/classes/" + code + "/assignments";
        Response form = given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get(path + "?lang=zh");
        assertTrue(form.asString().contains("时间按 UTC+08:00 (Asia/Shanghai) 计算。"), "the form says which zone it reads");

        String[] token = TeacherClasses.csrf(form);
        given().cookie(TeacherLogin.COOKIE, teacher).cookies(form.getCookies()).accept("text/html").redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1])
                .formParam("work", "QUIZ:why-three-steps").formParam("opensAt", "2099-01-01T08:00")
                .formParam("dueAt", "2099-01-02T23:59").formParam("attemptsAllowed", "1").formParam("counted", "BEST")
                .post(path + "?lang=zh").then().statusCode(303);

        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/classes/" + code + "/assignments").then().statusCode(200)
                .body("[0].opensAt", equalTo("2099-01-01T00:00:00Z"))
                .body("[0].dueAt", equalTo("2099-01-02T15:59:00Z"));
        String list = given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get(path + "?lang=zh").asString()
                .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertTrue(list.contains("2099-01-01 08:00 UTC+08:00") && list.contains("2099-01-02 23:59 UTC+08:00"), list);
    }
}
