package lab.handshake.lti;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.nimbusds.jwt.JWTClaimsSet;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.RequestLanguage;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;

/** LTI 1.3 launches driven by {@link FakeLms}: a complete launch for each role, and every refusal creating nothing. */
@QuarkusTest
class LtiLaunchTest {
    private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    private static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

    @Test
    void learnerLaunchJoinsTheCourseClassAndSignsInThroughAOneTimeTicket() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response launched = lms.launch("student-1", FakeLms.LEARNER, claims -> { });
            launched.then().statusCode(200).body(containsString("Networks 101"));
            assertTrue(launched.getHeader("Content-Security-Policy").contains("frame-ancestors " + lms.issuer),
                    launched.getHeader("Content-Security-Policy"));
            String ticketLink = FakeLms.sessionLink(launched);

            Response session = given().redirects().follow(false).get(ticketLink);
            session.then().statusCode(303).header("Location", "/classes");
            String learner = session.getCookie(LearnerIdentity.COOKIE);
            assertNotNull(learner, "the ticket sets the learner cookie");
            given().cookie(LearnerIdentity.COOKIE, learner).get("/api/learners/me/classes").then().statusCode(200)
                    .body("name", hasItem("Networks 101"));

            given().redirects().follow(false).get(ticketLink).then().statusCode(400).body(containsString("unknown-ticket"));
            // The same user launching again is the same learner.
            String again = given().redirects().follow(false).get(FakeLms.sessionLink(lms.launch("student-1", FakeLms.LEARNER, claims -> { })))
                    .getCookie(LearnerIdentity.COOKIE);
            assertEquals(learner, again);
        }
    }

    @Test
    void lmsLocaleZhCnGivesTheChineseLaunchPageAndBecomesTheDefaultOfTheTicketsWindow() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response launched = lms.launch("student-zh", FakeLms.LEARNER, claims -> claims.claim(LTI + "launch_presentation",
                    Map.of("locale", "zh-CN", "document_target", "iframe")));
            launched.then().statusCode(200).body(containsString("<html lang=\"zh-Hans\""), containsString("打开 Handshake Lab"));
            assertNull(launched.getCookie(RequestLanguage.COOKIE), "the LMS's frame hides a language chosen here, so the launch keeps none");
            String ticketLink = FakeLms.sessionLink(launched);
            assertTrue(ticketLink.endsWith("&lms_lang=zh"), ticketLink);

            // The ticket's window is first-party: it keeps the LMS's language as the default, so the page it lands on follows.
            Response session = given().redirects().follow(false).get(ticketLink);
            session.then().statusCode(303).header("Location", "/classes");
            assertEquals("lms.zh", session.getCookie(RequestLanguage.COOKIE));
            given().cookies(session.getCookies()).get("/classes").then().statusCode(200).body(containsString("<html lang=\"zh-Hans\""));
            given().cookies(session.getCookies()).get("/api/quizzes/why-three-steps").then().statusCode(200).body("title", containsString("三次"));
            // A spent ticket's refusal is in that language too.
            given().redirects().follow(false).get(ticketLink).then().statusCode(400)
                    .body(containsString("<html lang=\"zh-Hans\""), containsString("unknown-ticket"));
        }
    }

    @Test
    void lmsLocaleEnUsOutweighsTheBrowsersChinese() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response launched = lms.launch("student-en", FakeLms.LEARNER, "zh-CN,zh;q=0.9",
                    claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "en-US")));
            launched.then().statusCode(200).body(containsString("<html lang=\"en\""), containsString("Open Handshake Lab"));
            Response session = given().redirects().follow(false).header("Accept-Language", "zh").get(FakeLms.sessionLink(launched));
            assertEquals("lms.en", session.getCookie(RequestLanguage.COOKIE));
            given().cookies(session.getCookies()).header("Accept-Language", "zh").get("/classes").then().statusCode(200)
                    .body(containsString("<html lang=\"en\""));
        }
    }

    @Test
    void languageChosenHereOutlastsLaunchesNamingAnotherLocale() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            // The learner arrives from a Chinese LMS, then chooses English with the page's language switch.
            Response first = given().redirects().follow(false).get(FakeLms.sessionLink(lms.launch("student-switch", FakeLms.LEARNER,
                    claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "zh-CN")))));
            assertEquals("lms.zh", first.getCookie(RequestLanguage.COOKIE));
            Response switched = given().cookies(first.getCookies()).get("/classes?lang=en");
            switched.then().statusCode(200).body(containsString("<html lang=\"en\""));
            assertEquals("en", switched.getCookie(RequestLanguage.COOKIE));

            // The next launch names Chinese again: the ticket's window keeps the learner's English, and so do the pages.
            Response again = given().redirects().follow(false).cookie(LearnerIdentity.COOKIE, first.getCookie(LearnerIdentity.COOKIE))
                    .cookie(RequestLanguage.COOKIE, "en").get(FakeLms.sessionLink(lms.launch("student-switch", FakeLms.LEARNER,
                            claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "zh-CN")))));
            again.then().statusCode(303);
            assertNull(again.getCookie(RequestLanguage.COOKIE), "the choice made here is kept, not replaced");
            given().cookie(RequestLanguage.COOKIE, "en").get("/classes").then().statusCode(200).body(containsString("<html lang=\"en\""));
            // Where the LMS's frame lets the choice through, the launch page follows it too.
            lms.launch("student-switch", FakeLms.LEARNER, null, Map.of(RequestLanguage.COOKIE, "en"),
                    claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "zh-CN"))).then().statusCode(200).body(containsString("<html lang=\"en\""));
        }
    }

    @Test
    void laterLaunchNamingAnotherLocaleReplacesTheLmsDefaultOfALearnerWhoNeverChose() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response again = given().redirects().follow(false).cookie(RequestLanguage.COOKIE, "lms.zh").get(FakeLms.sessionLink(
                    lms.launch("student-moved", FakeLms.LEARNER, claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "en-GB")))));
            assertEquals("lms.en", again.getCookie(RequestLanguage.COOKIE));
            // A launch naming no language of ours leaves the default as it was.
            Response french = given().redirects().follow(false).cookie(RequestLanguage.COOKIE, "lms.en").get(FakeLms.sessionLink(
                    lms.launch("student-moved", FakeLms.LEARNER, claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "fr-FR")))));
            assertNull(french.getCookie(RequestLanguage.COOKIE));
        }
    }

    @Test
    void lmsLocaleWrittenWithAnUnderscoreCountsAndOneNotOursLeavesTheBrowsersLanguage() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            lms.launch("student-us", FakeLms.LEARNER, "en", claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "zh_CN")))
                    .then().statusCode(200).body(containsString("<html lang=\"zh-Hans\""));
            Response french = lms.launch("student-fr", FakeLms.LEARNER, "zh",
                    claims -> claims.claim(LTI + "launch_presentation", Map.of("locale", "fr-FR")));
            french.then().statusCode(200).body(containsString("<html lang=\"zh-Hans\""));
            assertNull(french.getCookie(RequestLanguage.COOKIE), "no language was chosen, so none is remembered");
            assertFalse(FakeLms.sessionLink(french).contains("lang="));
        }
    }

    @Test
    void instructorLaunchSignsInAsTheTeacherOfTheCourseClass() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response session = given().redirects().follow(false)
                    .get(FakeLms.sessionLink(lms.launch("teacher-1", FakeLms.INSTRUCTOR, claims -> { })));
            session.then().statusCode(303).header("Location", containsString("/teacher/classes/"));
            String teacher = session.getCookie(TeacherLogin.COOKIE);
            assertNotNull(teacher, "an instructor gets a teacher login");
            given().cookie(TeacherLogin.COOKIE, teacher).get(session.getHeader("Location")).then().statusCode(200)
                    .body(containsString("Networks 101"));
        }
    }

    @Test
    void secondInstructorOfTheCourseTeachesItsClassToo() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String classPage = given().redirects().follow(false)
                    .get(FakeLms.sessionLink(lms.launch("teacher-owner", FakeLms.INSTRUCTOR, claims -> { }))).getHeader("Location");
            Response coTeacher = given().redirects().follow(false)
                    .get(FakeLms.sessionLink(lms.launch("teacher-colleague", FakeLms.INSTRUCTOR, claims -> { })));
            coTeacher.then().statusCode(303).header("Location", classPage);
            String login = coTeacher.getCookie(TeacherLogin.COOKIE);
            given().cookie(TeacherLogin.COOKIE, login).get(classPage).then().statusCode(200).body(containsString("Networks 101"));
            given().cookie(TeacherLogin.COOKIE, login).get("/api/teacher/classes").then().statusCode(200)
                    .body("joinCode", hasItem(classPage.substring(classPage.lastIndexOf('/') + 1)));
        }
    }

    @Test
    void newSigningKeyAtThePlatformIsFetchedOnceWhenATokenNamesIt() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            lms.launch("student-1", FakeLms.LEARNER, claims -> { }).then().statusCode(200);
            assertEquals(1, lms.jwksFetches.get());
            lms.launch("student-1", FakeLms.LEARNER, claims -> { }).then().statusCode(200);
            assertEquals(1, lms.jwksFetches.get(), "keys are cached by kid");
            RSAKey rotated = FakeLms.newKey();
            lms.publish(rotated);
            Map<String, String> login = lms.login();
            FakeLms.post(login.get("state"), FakeLms.sign(lms.claims(login.get("nonce"), "student-1", FakeLms.LEARNER).build(), rotated))
                    .then().statusCode(200);
            assertEquals(2, lms.jwksFetches.get());
        }
    }

    @Test
    void tokenSignedWithAnotherKeyUnderThePublishedKidIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Map<String, String> login = lms.login();
            RSAKey impostor = FakeLms.newKey(lms.key.getKeyID());
            assertRefused(lms, FakeLms.post(login.get("state"),
                    FakeLms.sign(lms.claims(login.get("nonce"), "s", FakeLms.LEARNER).build(), impostor)), "bad-signature");
        }
    }

    @Test
    void tokenWithAKidThePlatformDoesNotPublishIsRefusedAfterOneRefetch() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Map<String, String> login = lms.login();
            assertRefused(lms, FakeLms.post(login.get("state"),
                    FakeLms.sign(lms.claims(login.get("nonce"), "s", FakeLms.LEARNER).build(), FakeLms.newKey())), "unknown-key");
            assertEquals(2, lms.jwksFetches.get(), "fetched, then fetched once more for the unknown kid");
        }
    }

    @Test
    void kidsMadeUpOneAfterAnotherAreEachAnUnknownKeyNotUnreachableKeys() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            // Beyond the first refetch the key source is rate limited; the platform's keys are still there, the kid is not.
            for (int i = 0; i < 3; i++) {
                Map<String, String> login = lms.login();
                assertRefused(lms, FakeLms.post(login.get("state"),
                        FakeLms.sign(lms.claims(login.get("nonce"), "s", FakeLms.LEARNER).build(), FakeLms.newKey())), "unknown-key");
            }
        }
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() throws Exception {
        refusedAfter(claims -> claims.issuer("https://other-lms.example.edu"), "wrong-issuer");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        refusedAfter(claims -> claims.audience("another-tool").claim("azp", "another-tool"), "wrong-audience");
    }

    @Test
    void tokenWithSeveralAudiencesAndNoAzpIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            assertRefused(lms, lms.launch("s", FakeLms.LEARNER,
                    claims -> claims.audience(java.util.List.of(lms.clientId, "another-tool")).claim("azp", null)), "wrong-audience");
        }
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        refusedAfter(claims -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10)))), "expired");
    }

    @Test
    void tokenFromTheFutureIsRefused() throws Exception {
        refusedAfter(claims -> claims.issueTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))), "not-yet-valid");
    }

    @Test
    void unknownDeploymentIsRefused() throws Exception {
        refusedAfter(claims -> claims.claim(LTI + "deployment_id", "deployment-2"), "unknown-deployment");
    }

    @Test
    void otherLtiVersionIsRefused() throws Exception {
        refusedAfter(claims -> claims.claim(LTI + "version", "1.1"), "wrong-version");
    }

    @Test
    void otherMessageTypeIsRefused() throws Exception {
        refusedAfter(claims -> claims.claim(LTI + "message_type", "LtiSubmissionReviewRequest"), "wrong-message-type");
    }

    @Test
    void rolesThatAreNotAListAreRefused() throws Exception {
        refusedAfter(claims -> claims.claim(LTI + "roles", "Learner"), "missing-claim");
    }

    @Test
    void replayedLaunchIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Map<String, String> login = lms.login();
            String idToken = lms.sign(lms.claims(login.get("nonce"), "student-r", FakeLms.LEARNER).build());
            FakeLms.post(login.get("state"), idToken).then().statusCode(200);
            FakeLms.post(login.get("state"), idToken).then().statusCode(400).body(containsString("state-used"));
        }
    }

    @Test
    void tokenReplayedWithANewLoginIsRefusedForItsNonce() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Map<String, String> first = lms.login();
            String idToken = lms.sign(lms.claims(first.get("nonce"), "s", FakeLms.LEARNER).build());
            Map<String, String> second = lms.login();
            assertRefused(lms, FakeLms.post(second.get("state"), idToken), "wrong-nonce");
        }
    }

    @Test
    void launchWithoutStateIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Map<String, String> login = lms.login();
            assertRefused(lms, FakeLms.post(null, lms.sign(lms.claims(login.get("nonce"), "s", FakeLms.LEARNER).build())), "missing-state");
        }
    }

    @Test
    void launchWithAStateNeverIssuedIsRefused() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Map<String, String> login = lms.login();
            assertRefused(lms, FakeLms.post("made-up-state", lms.sign(lms.claims(login.get("nonce"), "s", FakeLms.LEARNER).build())),
                    "unknown-state");
        }
    }

    @Test
    void refusalIsSaidInTheReadersLanguageAndFrameableByTheLms() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response refused = given().header("Accept-Language", "zh-CN,zh;q=0.9").contentType("application/x-www-form-urlencoded")
                    .formParam("id_token", "x").post("/lti/launch");
            refused.then().statusCode(400).body(containsString("这次启动缺少登录状态")).body(containsString("lang=\"zh-Hans\""));
            assertTrue(refused.getHeader("Content-Security-Policy").contains(lms.issuer), refused.getHeader("Content-Security-Policy"));
        }
    }

    @Test
    void loginInitiationFromAnUnregisteredIssuerIsRefused() {
        given().redirects().follow(false).queryParam("iss", "https://unknown-lms.example.edu").queryParam("login_hint", "x")
                .get("/lti/login").then().statusCode(400).body(containsString("unknown-platform"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("login_hint", "x")
                .post("/lti/login").then().statusCode(400).body(containsString("bad-login-request"));
    }

    @Test
    void loginInitiationByPostRedirectsToThePlatformWithStateAndNonce() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("iss", lms.issuer).formParam("login_hint", "h").formParam("lti_message_hint", "m").post("/lti/login");
            response.then().statusCode(302).header("Location", containsString(lms.issuer + "/auth?"));
            Map<String, String> query = FakeLms.query(java.net.URI.create(response.getHeader("Location")));
            assertEquals(lms.clientId, query.get("client_id"));
            assertEquals("form_post", query.get("response_mode"));
            assertEquals("m", query.get("lti_message_hint"));
            assertTrue(query.get("redirect_uri").endsWith("/lti/launch"));
            assertTrue(query.get("state").length() >= 40 && query.get("nonce").length() >= 40);
        }
    }


    @Test
    void instructorDeepLinksAQuizAndTheAnswerIsSignedByTheToolEchoingData() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String returnUrl = lms.issuer + "/deep-link-return";
            Response picker = lms.launch("teacher-dl", FakeLms.INSTRUCTOR, claims -> claims
                    .claim(LTI + "message_type", "LtiDeepLinkingRequest").claim(LTI + "resource_link", null)
                    .claim(DL + "deep_linking_settings", Map.of("deep_link_return_url", returnUrl,
                            "accept_types", List.of("ltiResourceLink"), "data", "opaque-123")));
            picker.then().statusCode(200);
            String request = group(picker, "name=\"request\" value=\"([A-Za-z0-9_-]+)\"");
            String quiz = group(picker, "value=\"quiz:([A-Za-z0-9_-]+)\"");

            Response answer = given().contentType("application/x-www-form-urlencoded").formParam("request", request)
                    .formParam("item", "quiz:" + quiz).post("/lti/deep-link");
            answer.then().statusCode(200).body(containsString("action=\"" + returnUrl + "\""));
            assertTrue(answer.getHeader("Content-Security-Policy").contains("form-action 'self' " + lms.issuer),
                    answer.getHeader("Content-Security-Policy"));
            SignedJWT jwt = SignedJWT.parse(group(answer, "name=\"JWT\" value=\"([A-Za-z0-9_.-]+)\""));
            RSAKey toolKey = (RSAKey) JWKSet.parse(given().get("/lti/jwks").asString()).getKeyByKeyId(jwt.getHeader().getKeyID());
            assertTrue(jwt.verify(new RSASSAVerifier(toolKey)), "signed with a key published at /lti/jwks");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertEquals(lms.clientId, claims.getIssuer());
            assertEquals(List.of(lms.issuer), claims.getAudience());
            assertEquals("LtiDeepLinkingResponse", claims.getClaim(LTI + "message_type"));
            assertEquals(lms.deploymentId, claims.getClaim(LTI + "deployment_id"));
            assertEquals("opaque-123", claims.getClaim(DL + "data"));
            Map<?, ?> item = (Map<?, ?>) ((List<?>) claims.getClaim(DL + "content_items")).get(0);
            assertEquals("ltiResourceLink", item.get("type"));
            assertTrue(item.get("url").toString().endsWith("/quizzes/" + quiz), item.toString());
            Map<?, ?> lineItem = (Map<?, ?>) item.get("lineItem");
            assertEquals(quiz, lineItem.get("resourceId"), "a quiz is a graded item: " + item);
            assertTrue(((Number) lineItem.get("scoreMaximum")).intValue() > 0, lineItem.toString());

            given().contentType("application/x-www-form-urlencoded").formParam("request", request).formParam("item", "quiz:" + quiz)
                    .post("/lti/deep-link").then().statusCode(400).body(containsString("unknown-deep-link"));
        }
    }

    @Test
    void learnerDeepLinkingRequestIsRefused() throws Exception {
        refusedAfter(claims -> claims.claim(LTI + "message_type", "LtiDeepLinkingRequest").claim(DL + "deep_linking_settings",
                Map.of("deep_link_return_url", "https://lms.example.edu/return", "accept_types", List.of("ltiResourceLink"))),
                "deep-linking-not-allowed");
    }

    @Test
    void launchOfADeepLinkedQuizLandsOnTheQuiz() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            Response launched = lms.launch("student-q", FakeLms.LEARNER,
                    claims -> claims.claim(LTI + "target_link_uri", "http://localhost:8080/quizzes/syn-flood"));
            // The quiz page shows the course's class from what the launch left on the server (LtiGradePassbackTest).
            given().redirects().follow(false).get(FakeLms.sessionLink(launched)).then().statusCode(303).header("Location", "/quizzes/syn-flood");
        }
    }

    private static String group(Response response, String regex) {
        Matcher found = Pattern.compile(regex).matcher(response.asString());
        assertTrue(found.find(), regex + " in " + response.asString());
        return found.group(1);
    }

    private static void refusedAfter(Consumer<JWTClaimsSet.Builder> change, String code) throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            assertRefused(lms, lms.launch("student-x", FakeLms.LEARNER, change), code);
        }
    }

    /** A refusal page naming the reason, and nothing made for this platform. */
    private static void assertRefused(FakeLms lms, Response response, String code) {
        response.then().statusCode(400).contentType(containsString("text/html")).body(containsString("<code id=\"refusal-code\">" + code + "</code>"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> LtiUser.count("platformId", lms.platformId)
                + LtiContext.count("platformId", lms.platformId)), "nothing created");
    }
}
