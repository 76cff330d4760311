package lab.handshake.lti;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dynamic Registration 1.0 at /lti/register against {@link FakeLms}'s openid configuration and registration endpoint. */
@QuarkusTest
class LtiDynamicRegistrationTest {
    private static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

    @Test
    void platformRegistersItselfAndItsLoginInitiationThenWorks() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            Response page = register(lms, lms.openIdConfigurationUrl(), lms.registrationToken);
            page.then().statusCode(200).body(containsString("/js/lti-register")).body(containsString(lms.origin()));
            assertTrue(page.getHeader("Content-Security-Policy").contains("frame-ancestors " + lms.origin()),
                    page.getHeader("Content-Security-Policy"));

            assertEquals(1, lms.registrations.size());
            Map<String, Object> sent = lms.registrations.get(0);
            assertTrue(((List<?>) sent.get("redirect_uris")).get(0).toString().endsWith("/lti/launch"), sent.toString());
            assertTrue(sent.get("initiate_login_uri").toString().endsWith("/lti/login"));
            assertTrue(sent.get("jwks_uri").toString().endsWith("/lti/jwks"));
            assertEquals("private_key_jwt", sent.get("token_endpoint_auth_method"));
            assertTrue(sent.get("scope").toString().contains(FakeLms.SCORE_SCOPE));
            assertTrue(sent.get("scope").toString().contains(FakeLms.MEMBERSHIP_SCOPE));
            assertTrue(sent.get("scope").toString().contains(FakeLms.LINE_ITEM_SCOPE));
            Map<?, ?> tool = (Map<?, ?>) sent.get(TOOL_CONFIGURATION);
            assertTrue(tool.get("domain").toString().startsWith("localhost"), tool.toString());
            assertTrue(tool.get("target_link_uri").toString().endsWith("/lti/launch"));
            assertTrue(tool.get("messages").toString().contains("LtiDeepLinkingRequest"), tool.toString());

            LtiPlatform platform = stored(lms);
            assertEquals(lms.dynamicClientId, platform.clientId);
            assertEquals(List.of("dynamic-deployment-1"), List.copyOf(platform.deploymentIds));
            assertEquals(lms.tokenUrl(), platform.accessTokenUrl);
            assertEquals(lms.jwksUrl(), platform.jwksUrl);
            given().redirects().follow(false).queryParam("iss", lms.origin()).queryParam("login_hint", "h")
                    .queryParam("client_id", lms.dynamicClientId).get("/lti/login")
                    .then().statusCode(302).header("Location", containsString(lms.origin() + "/auth?"));
        }
    }

    @Test
    void configurationWhoseIssuerDoesNotBeginItsAddressIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            lms.configurationIssuer = "https://lms.example.edu";
            refused(lms, register(lms, lms.openIdConfigurationUrl(), lms.registrationToken), 400, "registration-wrong-issuer");
            assertEquals(0, lms.registrations.size(), "nothing posted to the platform");
        }
    }

    @Test
    void issuerThatBeginsTheAddressOnlyAsTextNotAsItsOriginIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            // "http://localhost:808" begins "http://localhost:8081/…" letter by letter, but is another origin.
            String otherOrigin = lms.origin().substring(0, lms.origin().length() - 1);
            lms.configurationIssuer = otherOrigin;
            refused(lms, register(lms, lms.openIdConfigurationUrl(), lms.registrationToken), 400, "registration-wrong-issuer");
            assertEquals(0, lms.registrations.size(), "nothing posted to the platform");
            assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> LtiPlatform.byIssuer(otherOrigin)));
        }
    }

    @Test
    void registrationWithoutATokenIsRefusedInTheReadersLanguage() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            Response page = given().header("Accept-Language", "zh-CN").queryParam("openid_configuration", lms.openIdConfigurationUrl())
                    .get("/lti/register");
            refused(lms, page, 400, "registration-bad-request");
            page.then().body(containsString("registration_token")).body(containsString("lang=\"zh-Hans\""));
        }
    }

    @Test
    void configurationAtAPlainHttpAddressElsewhereIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            refused(lms, register(lms, "http://lms.example.edu/openid-configuration", lms.registrationToken), 400, "registration-bad-request");
        }
    }

    @Test
    void platformRefusingTheToolsRegistrationStoresNothing() throws Exception {
        try (FakeLms lms = new FakeLms()) {
            lms.registrationStatus = 400;
            refused(lms, register(lms, lms.openIdConfigurationUrl(), lms.registrationToken), 502, "registration-refused");
            refused(lms, register(lms, lms.openIdConfigurationUrl(), "a-wrong-token"), 502, "registration-refused");
        }
    }

    private static Response register(FakeLms lms, String configuration, String token) {
        return given().queryParam("openid_configuration", configuration).queryParam("registration_token", token).get("/lti/register");
    }

    private static void refused(FakeLms lms, Response page, int status, String code) {
        page.then().statusCode(status).contentType(containsString("text/html"))
                .body(containsString("<code id=\"refusal-code\">" + code + "</code>"));
        assertEquals(null, stored(lms), "no platform registered");
    }

    private static LtiPlatform stored(FakeLms lms) {
        return QuarkusTransaction.requiringNew().call(() -> LtiPlatform.byIssuer(lms.origin()).stream().findFirst().orElse(null));
    }
}
