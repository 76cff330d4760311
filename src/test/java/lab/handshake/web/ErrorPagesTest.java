package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import lab.handshake.api.Problem;
import lab.handshake.engine.Language;
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
    void aRefusalsDetailIsShownOnAChinesePageAsOnAnEnglishOne_andAProblemWithoutOneGetsTheGeneralSentence() {
        PageLanguage chinese = new PageLanguage(Language.ZH, false);
        String conflict = ErrorPages.page(new Problem("/problems/move-refused", "操作被拒绝", 409,
                "服务器没有在监听：伪造的 SYN 需要一个监听的套接字。", null), "/sandbox", chinese, "");
        assertTrue(conflict.contains("<p>服务器没有在监听：伪造的 SYN 需要一个监听的套接字。</p>"), conflict);
        assertFalse(conflict.contains("请求未被接受"), conflict);
        String bare = ErrorPages.page(new Problem("/problems/other", "Gone", 410, null, null), "/sandbox", chinese, "");
        assertTrue(bare.contains("<p>请求未被接受。请检查发送的内容后重试。</p>"), bare);
    }

    @Test
    void apiClientsKeepProblemJsonEvenWhenTheyAcceptHtml() {
        given().accept("text/html, */*").get("/api/scenarios/no-such-scenario")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
