package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;

/** A page's title comes from its feature's bundle, in the page's language. */
@QuarkusTest
class PageTitlesTest {

    @Test
    void everyPageTitleIsInThePagesLanguage() {
        String admin = TeacherLogin.admin();
        String teacher = TeacherClasses.newTeacher("titles-" + UUID.randomUUID().toString().substring(0, 8));
        String classCode = TeacherClasses.create(teacher, "Titles");
        Map<String, String[]> titles = Map.of(
                "/quizzes", new String[] {"Quizzes", "测验"},
                "/progress", new String[] {"My progress", "我的进度"},
                "/classes", new String[] {"My classes", "我的班级"},
                "/teacher/lti", new String[] {"LMS connections (LTI 1.3)", "LMS 连接（LTI 1.3）"},
                "/teacher/classes/new", new String[] {"New class", "新建班级"},
                "/teacher/classes/" + classCode + "/assignments", new String[] {"Assignments", "作业"});
        titles.forEach((path, inLanguages) -> {
            String cookie = path.startsWith("/teacher/lti") ? admin : teacher;
            given().cookie(TeacherLogin.COOKIE, cookie).get(path + "?lang=en").then().statusCode(200)
                    .body(containsString("<title>" + inLanguages[0] + " · "));
            given().cookie(TeacherLogin.COOKIE, cookie).get(path + "?lang=zh").then().statusCode(200)
                    .body(containsString("<title>" + inLanguages[1] + " · "));
        });
    }
}
