package lab.handshake.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
        try (FakeLms lms = new FakeLms(); Browser browser = Browser.open(options -> options.setExperimentalOption("prefs",
                Map.of("profile.block_third_party_cookies", true, "profile.cookie_controls_mode", 1)))) {
            Map<String, Object> registration = new HashMap<>(lms.registration());
            registration.put("authLoginUrl", lms.origin() + "/auth");
            lms.register(registration);
            String toolBase = "http://localhost:" + tool.getPort();
            lms.toolLogin = toolBase + "/lti/login?iss=" + lms.issuer + "&login_hint=hint&client_id=" + lms.clientId;

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
}
