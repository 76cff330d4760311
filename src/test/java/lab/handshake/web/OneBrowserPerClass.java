package lab.handshake.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose tests drive one browser between them, for tests that walk many pages or compare many traces
 * in one page. Without Chromium each test is skipped (or, in CI, failed) on its own, so the report counts every one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneBrowserPerClass {
    protected Browser browser;

    @BeforeAll
    void openBrowser() throws Exception {
        if (Browser.installed()) {
            browser = Browser.open();
        }
    }

    @BeforeEach
    void requireBrowser() {
        Browser.requireInstalled();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
