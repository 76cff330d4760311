package lab.handshake.lti;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** Registering platforms (administrators only, every field checked) and the tool's published, rotatable keys. */
@QuarkusTest
class LtiPlatformsApiTest {

    @Test
    void administratorRegistersAPlatformAndSeesItListed() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            String admin = TeacherLogin.admin();
            given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").body(lms.registration())
                    .post("/api/lti/platforms").then().statusCode(201)
                    .header("Location", containsString("/api/lti/platforms/"))
                    .body("issuer", org.hamcrest.Matchers.equalTo(lms.issuer)).body("deploymentIds", hasItem(lms.deploymentId));
            given().cookie(TeacherLogin.COOKIE, admin).get("/api/lti/platforms").then().statusCode(200).body("issuer", hasItem(lms.issuer));
            given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").body(lms.registration())
                    .post("/api/lti/platforms").then().statusCode(409).contentType("application/problem+json")
                    .body("title", org.hamcrest.Matchers.equalTo("Platform already registered"));
            given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").body(lms.registration()).queryParam("lang", "zh")
                    .post("/api/lti/platforms").then().statusCode(409).contentType("application/problem+json")
                    .body("title", org.hamcrest.Matchers.equalTo("平台已注册"))
                    .body("errors[0].message", org.hamcrest.Matchers.equalTo("已为该签发者注册"));
            given().cookie(TeacherLogin.COOKIE, admin).get("/teacher/lti").then().statusCode(200).body(containsString(lms.issuer))
                    .body(containsString("/lti/login")).body(containsString("/lti/jwks"));
        }
    }

    @Test
    void badRegistrationIsAProblemNamingEveryBadField() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            Map<String, Object> bad = new HashMap<>(lms.registration());
            bad.put("issuer", "ftp://lms.example.edu");
            bad.put("jwksUrl", "http://lms.example.edu/jwks");
            bad.put("deploymentIds", List.of());
            bad.remove("clientId");
            given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType("application/json").body(bad)
                    .post("/api/lti/platforms").then().statusCode(400).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("/problems/invalid-platform"))
                    .body("errors.field", hasItems("issuer", "clientId", "deploymentIds", "jwksUrl"));
            given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType("application/json").header("Accept-Language", "zh-CN")
                    .body(bad).post("/api/lti/platforms").then().statusCode(400)
                    .body("type", org.hamcrest.Matchers.equalTo("/problems/invalid-platform"))
                    .body("title", org.hamcrest.Matchers.equalTo("无效的平台"))
                    .body("errors.find { it.field == 'clientId' }.message", org.hamcrest.Matchers.equalTo("不能为空"));
        }
    }

    @Test
    void theAdministratorsFormListsTheFieldsAtFaultAndADuplicateInThePagesLanguage() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            String admin = TeacherLogin.admin();
            Response page = given().cookie(TeacherLogin.COOKIE, admin).accept("text/html").get("/teacher/lti?lang=zh");
            String[] token = TeacherClasses.csrf(page);
            Map<String, Object> form = new HashMap<>(lms.registration());
            form.put("deploymentIds", lms.registration().get("deploymentIds").toString().replaceAll("[\\[\\]]", ""));
            form.put("issuer", "ftp://lms.example.edu");
            String refused = register(admin, page, token, form).then().statusCode(400).extract().asString();
            String listed = Jsoup.parse(refused).select("#register-refusal li").eachText().toString();
            assertEquals("[签发者（平台 ID）]", listed);
            form.put("issuer", lms.issuer);
            form.put("deploymentIds", " ");
            listed = Jsoup.parse(register(admin, page, token, form).then().statusCode(400).extract().asString())
                    .select("#register-refusal li").eachText().toString();
            assertEquals("[部署 ID（每行一个）]", listed);
            form.put("deploymentIds", lms.registration().get("deploymentIds").toString().replaceAll("[\\[\\]]", ""));
            register(admin, page, token, form).then().statusCode(303);
            register(admin, page, token, form).then().statusCode(409).body(containsString("这个签发者和客户端 ID 已经注册过了。"));
        }
    }

    private static Response register(String admin, Response page, String[] token, Map<String, Object> form) {
        return given().cookie(TeacherLogin.COOKIE, admin).cookies(page.getCookies()).accept("text/html").redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1]).formParams(form).post("/teacher/lti");
    }

    @Test
    void aRegistrationWithoutABodyIsAProblemNamingTheBody() {
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType("application/json")
                .post("/api/lti/platforms").then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("/problems/invalid-platform"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("body"));
    }

    @Test
    void onlyAdministratorsRegisterPlatforms() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            given().contentType("application/json").body(lms.registration()).post("/api/lti/platforms").then().statusCode(401);
            String admin = TeacherLogin.admin();
            given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json")
                    .body(Map.of("username", "lti.plain.teacher", "displayName", "Plain", "password", "long-enough-password"))
                    .post("/api/teacher/accounts");
            String teacher = TeacherLogin.as("lti.plain.teacher", "long-enough-password");
            given().cookie(TeacherLogin.COOKIE, teacher).contentType("application/json").body(lms.registration())
                    .post("/api/lti/platforms").then().statusCode(403);
            given().cookie(TeacherLogin.COOKIE, teacher).get("/api/lti/platforms").then().statusCode(403);
            given().cookie(TeacherLogin.COOKIE, teacher).get("/teacher").then().statusCode(200)
                    .body(not(containsString("href=\"/teacher/lti\"")));
            given().cookie(TeacherLogin.COOKIE, admin).get("/teacher?lang=zh").then().statusCode(200)
                    .body(containsString("<a href=\"/teacher/lti\">LMS 连接（LTI 1.3）</a>"));
        }
    }

    @Test
    void toolPublishesOnlyPublicKeysAndKeepsThePreviousOneAfterARotation() {
        String admin = TeacherLogin.admin();
        String first = given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").post("/api/lti/keys/rotate").then().statusCode(200).extract().path("kid");
        String second = given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").post("/api/lti/keys/rotate").then().statusCode(200).extract().path("kid");
        given().get("/lti/jwks").then().statusCode(200).body("keys", hasSize(2)).body("keys.kid", hasItems(first, second))
                .body("keys[0].kty", org.hamcrest.Matchers.equalTo("RSA")).body(not(containsString("\"d\"")));
        String third = given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").post("/api/lti/keys/rotate").then().extract().path("kid");
        List<String> kids = given().get("/lti/jwks").then().extract().path("keys.kid");
        assertEquals(2, kids.size());
        assertEquals(List.of(third, second), kids, "the newest signs and is listed first; the oldest is gone");
        given().contentType("application/json").post("/api/lti/keys/rotate").then().statusCode(401);
    }
}
