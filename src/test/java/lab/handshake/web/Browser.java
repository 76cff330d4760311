package lab.handshake.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import lab.handshake.RequiredTool;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.io.FileHandler;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, for tests that use the pages as a student does. The driver
 * and browser are Debian's (.ci/run installs them), named explicitly so that Selenium never tries to
 * download one. Screenshots go to target/screenshots/.
 * <p>
 * Launching Chromium takes about a second, and the browser tests open one about forty times: a browser with the
 * default options is therefore kept when a test closes it, emptied (its cookies, cache, console and other windows
 * gone, back to about:blank at the default size), and handed to the next test that opens one; the kept ones quit
 * when the test JVM exits. The pages keep nothing in local or session storage, so an emptied browser is a new
 * visitor.
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration POLL = Duration.ofMillis(25);

    private static final Dimension DEFAULT_SIZE = new Dimension(1400, 1100);
    /** Browsers with the default options that a test closed, emptied for the next one. */
    private static final Deque<Browser> KEPT = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> KEPT.forEach(Browser::quit)));
    }

    public final WebDriver driver;
    /** The browser's profile, deleted when it quits so that test runs leave nothing under /tmp. */
    private final Path profile;
    /** Whether it was launched with the default options, so that any test may be handed it. */
    private final boolean keepable;

    private Browser(WebDriver driver, Path profile, boolean keepable) {
        this.driver = driver;
        this.profile = profile;
        this.keepable = keepable;
    }

    /**
     * Skips the calling test on a developer's machine without Debian's Chromium; fails it in CI, where .ci/run
     * installs it. A class that opens one browser for all its tests calls this before each test, so that every
     * one of them is reported as skipped (or failed), not only the class.
     */
    public static void requireInstalled() {
        RequiredTool.require(installed(), "Debian's chromium and chromium-driver");
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A browser as new to the site as a fresh one (see {@link #requireInstalled()} for a machine without one). */
    public static Browser open() throws IOException {
        requireInstalled();
        Browser kept = KEPT.poll();
        return kept != null ? kept : launch(options -> { }, true);
    }

    /** A fresh browser with some options of the test's own (a preference, a flag); it quits when closed. */
    public static Browser open(Consumer<ChromeOptions> tune) throws IOException {
        requireInstalled();
        return launch(tune, false);
    }

    private static Browser launch(Consumer<ChromeOptions> tune, boolean keepable) throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + DEFAULT_SIZE.width + "," + DEFAULT_SIZE.height, "--user-data-dir=" + profile);
        // Leaving a page whose editor has unsaved text asks first (beforeunload); emptying the browser says yes.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
        LoggingPreferences console = new LoggingPreferences();
        console.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, console);
        tune.accept(options);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile, keepable);
    }

    /** Shows pages as a 390 × 844 phone does (a mobile viewport, through Chrome DevTools Protocol) until {@link #notAPhone}. */
    public void asPhone() {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Shows pages in the window's own size again. */
    public void notAPhone() {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    public Browser go(String url) {
        driver.get(url);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits (up to 10 s) until the condition holds and returns its value. It looks every 25 ms, not at Selenium's
     * 500 ms default: the pages answer within milliseconds, and the default's half-second naps added minutes to CI.
     */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10), POLL).until(condition);
    }

    public WebElement awaitElement(String css) {
        return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Null when the page fits; else by how much it is too wide and the innermost elements that stick out. */
    private static final String STICKING_OUT = """
            const width = document.documentElement.clientWidth;
            const over = document.documentElement.scrollWidth - width;
            if (over <= 0) return null;
            const out = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                    + (e.name ? '[name=' + e.name + ']' : '') + (e.parentElement && e.parentElement.id ? ' in #' + e.parentElement.id : ''));
            return over + ' px (' + out.join(', ') + ')';
            """;

    /** Null when the page fits the window's width; else by how much it is too wide and what sticks out. */
    public String sticksOut() {
        return (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(STICKING_OUT);
    }

    /**
     * Presses a quiz page's submit button; when the page warns of unanswered questions, runs {@code onWarning}
     * and submits anyway. Returns once the graded result is shown.
     */
    public void submitQuiz(Runnable onWarning) {
        find("form .quiz-submit button[type='submit']").click();
        WebElement next = await(d -> d.findElements(By.cssSelector("section.result, #unanswered:not([hidden])")).stream()
                .findFirst().orElse(null));
        if ("unanswered".equals(next.getAttribute("id"))) {
            onWarning.run();
            next.findElement(By.cssSelector("button[name='confirmed']")).click();
            awaitElement("section.result");
        }
    }

    /**
     * What the pages broke of their Content-Security-Policy since the last call (Chromium reports each refused
     * script, style or frame in the console, frames included: "Refused to apply inline style because it violates
     * the following Content Security Policy directive…").
     */
    public List<String> cspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /** Saves a screenshot as target/screenshots/{name}.png. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Keeps a default browser for the next test, emptied; quits any other, or one that cannot be emptied. */
    @Override
    public void close() {
        if (keepable && emptied()) {
            KEPT.push(this);
        } else {
            quit();
        }
    }

    /** Whether the browser is now as a fresh one: one window, on about:blank, default size, nothing kept. */
    private boolean emptied() {
        try {
            String first = driver.getWindowHandles().iterator().next();
            for (String window : driver.getWindowHandles()) {
                if (!window.equals(first)) {
                    driver.switchTo().window(window).close();
                }
            }
            driver.switchTo().window(first);
            driver.get("about:blank");
            ChromeDriver chrome = (ChromeDriver) driver;
            chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            chrome.executeCdpCommand("Network.clearBrowserCache", Map.of());
            driver.manage().window().setSize(DEFAULT_SIZE);
            driver.manage().logs().get(LogType.BROWSER); // read, and so emptied
            return true;
        } catch (WebDriverException stuck) {
            return false;
        }
    }

    private void quit() {
        try {
            driver.quit();
        } finally {
            FileHandler.delete(profile.toFile());
        }
    }
}
