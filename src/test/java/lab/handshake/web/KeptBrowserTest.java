package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Set;
import lab.handshake.api.RequestLanguage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;

/** A browser a test closed and the next one opens is a new visitor: what the first test left behind is gone. */
@QuarkusTest
class KeptBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void aReopenedBrowserHasNoCookieNoOtherWindowAndTheDefaultSize() throws Exception {
        Browser first = Browser.open();
        Dimension defaultSize = first.driver.manage().window().getSize();
        try (first) {
            first.go(root + "?lang=zh");
            assertTrue(first.driver.manage().getCookieNamed(RequestLanguage.COOKIE) != null, "choosing Chinese sets the cookie");
            first.driver.switchTo().newWindow(WindowType.TAB).get(root.toString());
            first.driver.manage().window().setSize(new Dimension(390, 844));
        }
        try (Browser next = Browser.open()) {
            assertSame(first.driver, next.driver, "the closed browser is the one handed out again");
            assertEquals(1, next.driver.getWindowHandles().size());
            assertEquals("about:blank", next.driver.getCurrentUrl());
            assertEquals(defaultSize, next.driver.manage().window().getSize());
            next.go(root.toString());
            assertEquals(Set.of(), next.driver.manage().getCookies(), "no cookie of the first test is left");
            assertEquals("en", next.find("html").getAttribute("lang"));
        }
    }
}
