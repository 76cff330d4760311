package lab.handshake.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A {@link OneBrowserPerClass} whose every test starts on a 390 × 844 phone ({@link Browser#asPhone}). */
public abstract class OnePhoneBrowserPerClass extends OneBrowserPerClass {
    @BeforeEach
    void phone() {
        browser.asPhone();
    }

    /** Ends the phone's emulation: after each test, or inside one that goes on at a window's size. */
    @AfterEach
    void notAPhone() {
        browser.notAPhone();
    }
}
