package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * On a 390 px phone no page scrolls sideways, its header included (the English navigation used to be 428 px
 * wide): whatever is wider than the screen scrolls inside its own box.
 */
@QuarkusTest
class PhoneWidthBrowserTest {
    private static final List<String> PAGES = List.of("", "lessons/three-way-handshake", "simulator/three-way-handshake",
            "sandbox", "quizzes", "quizzes/why-three-steps", "progress", "captures", "classes", "teacher/login");

    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void noPageScrollsSidewaysOnA390PxPhone(String lang) throws Exception {
        List<String> wide = new ArrayList<>();
        try (Browser browser = Browser.open()) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            for (String page : PAGES) {
                browser.go(root + page + "?lang=" + lang);
                browser.awaitElement("main h1");
                Object overflow = browser.sticksOut();
                if (overflow != null) {
                    wide.add("/" + page + ": " + overflow);
                }
            }
            browser.go(root + "?lang=" + lang);
            browser.screenshot("phone-home-" + lang);
        }
        assertEquals(List.of(), wide, "pages wider than a 390 px phone in " + lang);
    }
}
