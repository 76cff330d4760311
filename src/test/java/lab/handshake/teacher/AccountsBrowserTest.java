package lab.handshake.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import lab.handshake.web.Browser;
import org.junit.jupiter.api.Test;

/** An administrator, in Chinese, signs in, disables a teacher from the accounts page and logs out. */
@QuarkusTest
class AccountsBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdministratorDisablesATeacherAndLogsOutInChinese() throws Exception {
        String teacher = TeacherAccountsTest.newTeacher("browsed", "browsed-password-1");
        try (Browser browser = Browser.open()) {
            browser.go(root + "login?lang=zh");
            browser.find("input[name='j_username']").sendKeys("admin");
            browser.find("input[name='j_password']").sendKeys("admin-password-for-tests");
            browser.find("form.login-form button[type='submit']").click();
            browser.await(driver -> driver.getCurrentUrl().endsWith("/teacher"));

            browser.go(root + "teacher/accounts");
            String row = "tr[data-account='" + teacher + "'] ";
            browser.find(row + "form[action$='/disable'] button").click();
            var status = browser.awaitElement(row + "form[action$='/enable']");
            assertTrue(browser.find(row).getText().contains("已停用"), "the row says the account is disabled");
            assertTrue(status.isDisplayed());
            browser.screenshot("accounts-zh-disabled");

            browser.go(root + "teacher");
            browser.find("form[action='/logout'] button").click();
            browser.await(driver -> !driver.getCurrentUrl().contains("/teacher"));
            browser.go(root + "teacher");
            browser.await(driver -> driver.getCurrentUrl().endsWith("/login"));
            assertEquals("zh-Hans", browser.find("html").getAttribute("lang"));
            browser.screenshot("login-zh-after-logout");
        }
    }
}
