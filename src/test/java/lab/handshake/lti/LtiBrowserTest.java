package lab.handshake.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.web.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.By;

/**
 * A launch as a student meets it: the LMS's course page (on 127.0.0.1, another site than the tool's localhost)
 * frames the tool, with third-party cookies blocked; the launch page shows in the frame and its button opens the
 * tool in a window of its own, signed in and in the course's class.
 */
@QuarkusTest
class LtiBrowserTest {
    @TestHTTPResource("/")
    URL tool;

    @Test
    void studentLaunchesInsideTheLmsFrameWithThirdPartyCookiesBlockedAndOpensTheLab() throws Exception {
        try (FakeLms lms = new FakeLms(); Browser browser = browserWithThirdPartyCookiesBlocked()) {
            registerWithBrowserLogin(lms);

            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(lms.origin() + "/course");
            browser.driver.switchTo().frame("tool");
            String link = browser.awaitElement("#open-lab").getAttribute("href");
            assertTrue(link.contains("/lti/session?ticket="), link);
            assertTrue(browser.find("#membership").getText().contains("Networks 101"));
            browser.driver.switchTo().defaultContent();
            browser.screenshot("lti-launch-in-frame");
            assertEquals(List.of(), browser.cspViolations(), "the launch page is framable by the LMS");

            String course = browser.driver.getWindowHandle();
            browser.driver.switchTo().frame("tool");
            browser.find("#open-lab").click();
            Set<String> windows = browser.await(d -> d.getWindowHandles().size() == 2 ? d.getWindowHandles() : null);
            windows.remove(course);
            browser.driver.switchTo().window(windows.iterator().next());
            browser.await(d -> d.getCurrentUrl().endsWith("/classes"));
            assertTrue(browser.driver.findElement(By.tagName("body")).getText().contains("Networks 101"));
            assertNotNull(browser.driver.manage().getCookieNamed(LearnerIdentity.COOKIE), "the learner cookie is first-party here");
            browser.screenshot("lti-opened-window");
        }
    }

    /**
     * A student of two courses, launched from a Chinese LMS's graded activity on a phone: the quiz shows the launching
     * course's class (and only it) wherever it is opened again, the LMS's Chinese is the default until she chooses
     * English here, and a later launch from the same Chinese LMS keeps her English. The score goes to that course.
     */
    @Test
    void studentOfTwoCoursesReopensTheGradedQuizForTheLaunchingCourseAndKeepsTheLanguageSheChose() throws Exception {
        String quiz = "why-three-steps";
        String lti = "https://purl.imsglobal.org/spec/lti/claim/";
        try (FakeLms lms = new FakeLms(); Browser browser = browserWithThirdPartyCookiesBlocked()) {
            registerWithBrowserLogin(lms);
            // She is in another course's class too, from an earlier launch of hers.
            FakeLms.learnerCookie(lms.launch(FakeLms.BROWSER_STUDENT, FakeLms.LEARNER,
                    claims -> claims.claim(lti + "context", Map.of("id", "course-other", "title", "另一门课"))));
            lms.browserLaunch = claims -> claims.claim(lti + "context", Map.of("id", "course-net", "title", "计算机网络"))
                    .claim(lti + "target_link_uri", "http://localhost/quizzes/" + quiz)
                    .claim(lti + "launch_presentation", Map.of("locale", "zh-CN", "document_target", "iframe"))
                    .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
                            Map.of("scope", List.of(FakeLms.SCORE_SCOPE), "lineitem", lms.lineItem(41)));

            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(lms.origin() + "/course");
            String course = browser.driver.getWindowHandle();
            openTheLab(browser, course);
            browser.await(d -> d.getCurrentUrl().endsWith("/quizzes/" + quiz));
            assertEquals("zh-Hans", browser.find("html").getAttribute("lang"), "the LMS's language, as nothing was chosen here");
            String launchedClass = browser.find("#launched-class").getText();
            assertTrue(launchedClass.contains("“计算机网络”") && launchedClass.contains("来自你的 LMS"), launchedClass);
            assertTrue(browser.all("select[name=classCode]").isEmpty(), "the gradebook's class is not for choosing");
            assertNull(browser.sticksOut());
            browser.screenshot("lti-quiz-launched-class-zh");

            // Reopened from the quiz list: still for the course's class.
            browser.go("http://localhost:" + tool.getPort() + "/quizzes");
            browser.find("a[data-quiz='" + quiz + "']").click();
            assertTrue(browser.awaitElement("#launched-class").getText().contains("计算机网络"));

            // She chooses English here; the next launch from the Chinese LMS keeps it.
            browser.find("[data-testid=lang-switch]").click();
            browser.await(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")) ? true : null);
            browser.driver.close();
            browser.driver.switchTo().window(course);
            browser.go(lms.origin() + "/course");
            openTheLab(browser, course);
            browser.await(d -> d.getCurrentUrl().endsWith("/quizzes/" + quiz));
            assertEquals("en", browser.find("html").getAttribute("lang"), "the language chosen here outlasts the launch");
            assertTrue(browser.find("#launched-class").getText().startsWith("For class 计算机网络, from your LMS"));
            assertNull(browser.sticksOut());
            browser.screenshot("lti-quiz-relaunched-choice-kept");

            browser.submitQuiz(() -> { });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> lms.scores.size() == 1);
            assertEquals("/lineitems/41/lineitem/scores?type_id=1", lms.scores.get(0).path());
        }
    }

    /** In the LMS's course window: the launch page in its frame, whose button opens the tool in a window of its own (switched to). */
    private static void openTheLab(Browser browser, String course) {
        browser.driver.switchTo().frame("tool");
        browser.awaitElement("#open-lab").click();
        Set<String> windows = browser.await(d -> d.getWindowHandles().size() == 2 ? d.getWindowHandles() : null);
        windows.remove(course);
        browser.driver.switchTo().window(windows.iterator().next());
    }

    @Test
    void refusalAndAdministratorsPageReadInChineseOnAPhone() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            String toolBase = "http://localhost:" + tool.getPort();
            browser.go(toolBase + "/lti/login?lang=zh&iss=https://unknown.example.edu&login_hint=x");
            assertEquals("unknown-platform", browser.find("#refusal-code").getText());
            assertTrue(browser.find("h1").getText().contains("启动被拒绝"), browser.find("h1").getText());
            browser.screenshot("lti-refusal-zh");

            browser.go(toolBase + "/");
            browser.driver.manage().addCookie(new org.openqa.selenium.Cookie(lab.handshake.teacher.TeacherLogin.COOKIE,
                    lab.handshake.teacher.TeacherLogin.admin()));
            browser.go(toolBase + "/teacher/lti?lang=zh");
            assertTrue(browser.find("#tool-login-url").getText().endsWith("/lti/login"));
            assertTrue(browser.find("h1").getText().contains("LMS 连接"), browser.find("h1").getText());
            browser.screenshot("lti-admin-zh");
        }
    }

    @Test
    void instructorFetchesTheRosterFromTheClassPageOnAPhoneInChineseAndEnglish() throws Exception {
        try (FakeLms lms = new FakeLms().register(); Browser browser = Browser.open()) {
            lms.membershipPages.add(List.of(FakeLms.member("teacher-b", "Grace Hopper", FakeLms.INSTRUCTOR, "Active"),
                    FakeLms.member("s-b1", "Ada Lovelace", FakeLms.LEARNER, "Active")));
            String launched = lms.launch("teacher-b", FakeLms.INSTRUCTOR, claims -> claims.claim(
                    "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
                    Map.of("context_memberships_url", lms.membershipsUrl(), "service_versions", List.of("2.0")))).then().statusCode(200)
                    .extract().asString();
            java.util.regex.Matcher ticket = java.util.regex.Pattern.compile("href=\"(/lti/session\\?ticket=[A-Za-z0-9_-]+)\"").matcher(launched);
            assertTrue(ticket.find(), launched);
            String toolBase = "http://localhost:" + tool.getPort();
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go(toolBase + ticket.group(1));
            String classPage = browser.await(d -> d.getCurrentUrl().contains("/teacher/classes/") ? d.getCurrentUrl() : null);
            // The launch fetched the roster in the background; the button's count is of members known after it.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction
                    .requiringNew().call(() -> LtiRosterEntry.count("contextId", LtiContext.of(lms.platformId, "course-" + lms.issuer).id)) == 2);

            for (String lang : List.of("zh", "en")) {
                browser.go(classPage + "?lang=" + lang);
                ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById('lms').scrollIntoView()");
                assertEquals(lang.equals("zh") ? "从 LMS 获取名单" : "Fetch the roster from the LMS", browser.find("#lms button").getText());
                assertNull(browser.sticksOut());
                browser.screenshot("lti-class-roster-button-" + lang);
                browser.find("#lms button").click();
                String said = browser.awaitElement(".lms-roster-fetched").getText();
                assertEquals(lang.equals("zh") ? "LMS 列出了 2 名成员：新增 0 名，更新 2 名。" : "The LMS listed 2 member(s): 0 added, 2 updated.", said);
                assertNull(browser.sticksOut());
                browser.screenshot("lti-class-roster-fetched-" + lang);
            }
        }
    }
    /** The browser an LMS's students have today: cookies of a frame from another site are blocked. */
    private static Browser browserWithThirdPartyCookiesBlocked() throws java.io.IOException {
        return Browser.open(options -> options.setExperimentalOption("prefs",
                Map.of("profile.block_third_party_cookies", true, "profile.cookie_controls_mode", 1)));
    }

    /** Registers the LMS with its browser-facing auth endpoint and points its tool link at this tool's login. */
    private void registerWithBrowserLogin(FakeLms lms) {
        Map<String, Object> registration = new HashMap<>(lms.registration());
        registration.put("authLoginUrl", lms.origin() + "/auth");
        lms.register(registration);
        lms.toolLogin = "http://localhost:" + tool.getPort() + "/lti/login?iss=" + lms.issuer + "&login_hint=hint&client_id=" + lms.clientId;
    }
}
