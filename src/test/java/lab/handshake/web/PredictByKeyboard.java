package lab.handshake.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** A prediction typed into predict mode's form with the keyboard alone, as beside a simulator and in the sandbox. */
public final class PredictByKeyboard {
    /** The states in the order of the select (after its empty first option), as TcpState lists them. */
    private static final List<String> STATES = List.of("CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED",
            "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT");
    private static final List<String> FLAGS = List.of("SYN", "ACK", "FIN", "RST");

    private PredictByKeyboard() {
    }

    /**
     * Keys to whatever has the focus when each one comes, as a keyboard sends them: one WebDriver action for the
     * whole sequence (a call per key cost most of the predict tests' time).
     */
    public static void press(Browser browser, CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    /**
     * From the form's heading (which has the focus when a question is asked): the state, then nothing
     * ({@code flags} null) or a segment ({@code seq} null: left empty), then Check.
     */
    public static void predict(Browser browser, String state, List<String> flags, String seq, String ack) {
        predict(browser, state, flags, seq, ack, null);
    }

    /**
     * The same, where the question asks where the segment goes: {@code sentTo} {@code forged-source} or
     * {@code attacker} is chosen in its radio group (null: the group is not asked, or nothing is sent).
     */
    public static void predict(Browser browser, String state, List<String> flags, String seq, String ack, String sentTo) {
        List<CharSequence> keys = new ArrayList<>();
        keys.add(Keys.TAB); // the state select
        for (int i = 0; i <= STATES.indexOf(state); i++) {
            keys.add(Keys.ARROW_DOWN);
        }
        keys.add(Keys.TAB); // the checked radio: "a segment"
        if (flags == null) {
            keys.add(Keys.ARROW_UP); // "nothing"; the segment's fields are disabled and skipped
            keys.add(Keys.TAB);
        } else {
            for (String flag : FLAGS) {
                keys.add(Keys.TAB);
                if (flags.contains(flag)) {
                    keys.add(Keys.SPACE);
                }
            }
            keys.add(Keys.TAB);
            if (seq != null) { // left empty where the question says the endpoint chooses it
                keys.add(seq);
            }
            keys.add(Keys.TAB);
            if (ack != null) {
                keys.add(ack);
            }
            keys.add(Keys.TAB);
            if (sentTo != null) { // Tab reached the group's first choice, none checked yet: Space takes it, Down the next
                keys.add("attacker".equals(sentTo) ? Keys.ARROW_DOWN : Keys.SPACE);
                keys.add(Keys.TAB);
            }
        }
        press(browser, keys.toArray(CharSequence[]::new));
        assertTrue(browser.driver.switchTo().activeElement().getAttribute("class").contains("predict-check"));
        press(browser, Keys.ENTER);
    }
}
