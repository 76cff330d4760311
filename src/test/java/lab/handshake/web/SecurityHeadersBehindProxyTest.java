package lab.handshake.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an operator may switch on: a trusted proxy that terminated TLS (answers then ask for HTTPS from now on
 * and cookies are Secure) and Swagger UI (then linked from the pages, under a policy of its own).
 */
@QuarkusTest
@TestProfile(CampusBehindProxy.class)
class SecurityHeadersBehindProxyTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void anAnswerToHttpsAsksForHttpsAndMarksItsCookiesSecure() {
        Response answer = given().header("X-Forwarded-Proto", "https").get("/quizzes/why-three-steps?lang=zh");
        SecurityHeadersTest.assertSecurityHeaders(answer).statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=63072000; includeSubDomains"));
        List<String> cookies = answer.getHeaders().getValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("hl_")).toList();
        assertEquals(3, cookies.size(), "the learner, the language and the visitor the quiz form's token is bound to: " + cookies);
        cookies.forEach(cookie -> assertTrue(cookie.contains(";Secure") || cookie.contains("; Secure"), cookie));
    }

    @Test
    void plainHttpThroughTheSameProxyGetsNoHsts() {
        given().header("X-Forwarded-Proto", "http").get("/?lang=en").then().statusCode(200)
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void swaggerUiSwitchedOnIsLinkedAndRunsUnderItsOwnPolicy() throws Exception {
        given().get("/?lang=en").then().statusCode(200).body(containsString("href=\"/q/swagger-ui/\""));
        given().get("/q/swagger-ui/").then().statusCode(200).header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
        given().get("/q/openapi").then().statusCode(200).header("Content-Security-Policy", equalTo(SecurityHeadersTest.POLICY));
        try (Browser browser = Browser.open()) {
            browser.go(root + "q/swagger-ui/");
            browser.awaitElement(".opblock-tag");
            browser.screenshot("swagger-ui");
            assertEquals(List.of(), browser.cspViolations());
        }
    }
}
