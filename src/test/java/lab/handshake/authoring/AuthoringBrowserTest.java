package lab.handshake.authoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import lab.handshake.web.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Teachers write in the browser; students see what is published, and nothing a teacher writes runs as script. */
@QuarkusTest
class AuthoringBrowserTest {
    private static final String CHINESE_LESSON = String.join("\n",
            "---", "id: class-handshake-review", "order: 20", "title: 本班的握手复习", "summary: 用自己的话复习三次握手。",
            "scenarios: [three-way-handshake]", "quizzes: []", "---", "", "## 为什么是三次",
            "", "客户端发送 SYN，服务器回复 SYN,ACK，客户端再发送 ACK：双方的初始序号都得到了确认。",
            "", "[[simulation three-way-handshake]]", "");

    /** Every payload sets window.__xss when it runs; none of them may. */
    private static final String SCRIPT = "<script>window.__xss=1</script>";
    private static final String IMAGE = "<img src=x onerror=\"window.__xss=2\">";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aTeacherWritesALessonInChinese_previewsAndPublishesIt_andAStudentSeesIt() throws Exception {
        try (Browser browser = Browser.open()) {
            signIn(browser);
            browser.go(root + "teacher/content?lang=zh");
            WebElement form = browser.find("form[action='/teacher/content']");
            new Select(form.findElement(By.name("kind"))).selectByValue("lesson");
            form.findElement(By.name("id")).sendKeys("class-handshake-review");
            new Select(form.findElement(By.name("language"))).selectByValue("zh");
            form.findElement(By.cssSelector("button[type='submit']")).click();

            WebElement text = browser.awaitElement("#editor-text");
            text.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            text.sendKeys(CHINESE_LESSON);
            String previewHeading = browser.await(d -> inFrame(d, "#editor-preview", "h2", "为什么是三次"));
            assertEquals("为什么是三次", previewHeading);
            browser.screenshot("authoring-zh-lesson-preview");
            // A busy server (503, an English problem document) is said in Chinese on this page.
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("window.fetch = async () => new Response("
                    + "JSON.stringify({status: 503, title: 'Service Unavailable', detail: 'Too many simulations are running'}),"
                    + "{status: 503, headers: {'Content-Type': 'application/problem+json', 'Retry-After': '1'}});");
            browser.find("#preview-button").click();
            assertEquals("无法生成预览：服务器当前正在运行的模拟太多，请稍后再试。",
                    browser.await(d -> browser.find("#editor-status").getText().startsWith("无法") ? browser.find("#editor-status").getText() : null));

            browser.find("#save-button").click();
            awaitStatus(browser, "草稿已保存。");
            given().get("/lessons/class-handshake-review?lang=zh").then().statusCode(404);

            browser.find("#publish-button").click();
            awaitStatus(browser, "已发布");
            browser.screenshot("authoring-zh-lesson-published");

            browser.go(root + "teacher?lang=zh");
            browser.find("form[action='/logout'] button").click();
            browser.await(d -> d.getCurrentUrl().equals(root.toString()));
            browser.go(root + "lessons/class-handshake-review?lang=zh");
            assertEquals("本班的握手复习", browser.find("h1").getText());
            assertTrue(browser.find(".lesson-body h2").getText().contains("为什么是三次"));
            browser.awaitElement(".simulator svg");
            browser.screenshot("authoring-zh-lesson-student");
            browser.go(root + "?lang=zh");
            assertTrue(browser.all("a[href='/lessons/class-handshake-review']").size() > 0, "the home page lists the lesson");
        }
    }

    @Test
    void scriptInjectionsInLessonsQuestionsAndScenarioTitlesDoNotRun() throws Exception {
        Authoring teacher = Authoring.asAdmin();
        long scenario = teacher.publishNew("scenario", "xss-scenario", null, String.join("\n",
                "id: xss-scenario",
                "title: {en: '" + IMAGE + "', zh: '" + IMAGE + "'}",
                "summary: {en: \"" + SCRIPT + "\", zh: \"" + SCRIPT + "\"}",
                "actions:", "  - {at: 0, host: server, call: listen}", "  - {at: 10, host: client, call: connect}", ""));
        long quiz = teacher.publishNew("quiz", "xss-quiz", null, String.join("\n",
                "id: xss-quiz",
                "title: {en: \"" + SCRIPT + "\", zh: \"" + SCRIPT + "\"}",
                "questions:",
                "  - id: q1",
                "    kind: single",
                "    prompt: {en: '" + IMAGE + "', zh: '" + IMAGE + "'}",
                "    scenario: xss-scenario",
                "    options:",
                "      - {id: a, text: {en: '<svg onload=\"window.__xss=1\">', zh: x}, correct: true, why: {en: \"" + SCRIPT + "\", zh: x}}",
                "      - {id: b, text: {en: '" + IMAGE + "', zh: x}, correct: false, why: {en: '" + IMAGE + "', zh: x}}", ""));
        long lesson = teacher.publishNew("lesson", "xss-lesson", "en", String.join("\n",
                "---", "id: xss-lesson", "order: 90", "title: \"" + SCRIPT + "\"", "summary: '" + IMAGE + "'",
                "scenarios: [xss-scenario]", "quizzes: [xss-quiz]", "---", "",
                "## Payloads", "", SCRIPT, "", IMAGE, "",
                "[a link](javascript:window.__xss=3) <a href=\"javascript:window.__xss=4\">another</a>",
                "<div onmouseover=\"window.__xss=5\">hover me</div> <iframe srcdoc=\"" + SCRIPT + "\"></iframe>",
                "<form action=\"javascript:window.__xss=6\"><button>go</button></form>",
                "", "[[simulation xss-scenario]]", ""));

        try (Browser browser = Browser.open()) {
            for (String page : List.of("lessons/xss-lesson?lang=en", "simulator/xss-scenario?lang=en", "quizzes/xss-quiz?lang=en",
                    "?lang=en", "sandbox?scenario=xss-scenario&lang=en", "quizzes?lang=en")) {
                browser.go(root + page);
                browser.await(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
                assertNoScriptRan(browser, page);
            }
            browser.go(root + "lessons/xss-lesson?lang=en");
            assertEquals(SCRIPT, browser.find("h1").getText(), "the title is shown as text, not run");
            assertTrue(browser.all(".lesson-body script, .lesson-body iframe, .lesson-body form:not(.predict-form), [onerror], [onmouseover], a[href^='javascript']").isEmpty());
            for (String written : List.of("a link", "another", "hover me")) {
                browser.driver.findElement(By.xpath("//*[@class='lesson-body']//*[normalize-space(text())='" + written + "']")).click();
            }
            browser.awaitElement(".simulator svg");
            browser.screenshot("authoring-xss-lesson");
            assertNoScriptRan(browser, "the lesson after clicking its links");

            browser.go(root + "quizzes/xss-quiz?lang=en");
            browser.find("input[name='q.q1'][value='b']").click();
            browser.submitQuiz(() -> { });
            browser.screenshot("authoring-xss-quiz-result");
            assertNoScriptRan(browser, "the quiz result with the explanations");

            signIn(browser);
            browser.go(root + "teacher/content/" + lesson);
            browser.await(d -> inFrame(d, "#editor-preview", "h2", "Payloads"));
            browser.screenshot("authoring-xss-editor");
            assertNoScriptRan(browser, "the editor and its preview");
        }
        // Withdrawn again, so the payloads do not stand in other tests' pages (they share this database).
        for (long item : new long[] {lesson, quiz, scenario}) {
            teacher.withdraw(item, teacher.get(item).jsonPath().getLong("item.version")).then().statusCode(200);
        }
    }

    @Test
    void aTeacherRunsACopiedScenarioBeforeSaving_andRestoresAnOlderRevision() throws Exception {
        try (Browser browser = Browser.open()) {
            signIn(browser);
            browser.go(root + "teacher/content?lang=en");
            WebElement copy = browser.find("input[name='from'][value='fin-lost']").findElement(By.xpath("./.."));
            WebElement newId = copy.findElement(By.name("id"));
            newId.clear();
            newId.sendKeys("fin-lost-twice");
            browser.screenshot("authoring-content-list");
            copy.findElement(By.cssSelector("button[type='submit']")).click();

            WebElement text = browser.awaitElement("#editor-text");
            String original = text.getAttribute("value");
            assertTrue(original.startsWith("id: fin-lost-twice"), original);
            text.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n  - {match: {from: server, flags: [FIN, ACK], nth: 1}, action: drop}\n");
            browser.find("#preview-button").click();
            assertEquals("Preview updated.", browser.await(d -> {
                String said = d.findElement(By.id("editor-status")).getText();
                return said.equals("Preview updated.") ? said : null;
            }));
            String lostTwice = browser.await(d -> inFrame(d, "#editor-preview", ".segment-table tbody", "lost"));
            assertEquals(2, lostTwice.split("lost", -1).length - 1, "the client's and the server's first FINs are lost in the run: " + lostTwice);
            browser.screenshot("authoring-scenario-run");

            text.sendKeys(Keys.chord(Keys.CONTROL, "s"));
            awaitStatus(browser, "Draft saved.");
            browser.find("a[href$='/history']").click();
            browser.awaitElement("table.segment-table");
            browser.screenshot("authoring-history");
            browser.find("a[href$='/revisions/1']").click();
            browser.awaitElement(".diff del");
            assertTrue(browser.all(".diff del").stream().anyMatch(line -> line.getText().contains("from: server, flags: [FIN, ACK]")),
                    "restoring revision 1 would take the added fault out");
            browser.screenshot("authoring-revision-diff");
            browser.find("form[action$='/revisions/1/restore'] button").click();
            awaitStatus(browser, "The older text is the draft again");
            assertEquals(original, browser.find("#editor-text").getAttribute("value"));
        }
    }

    @Test
    void aTeacherAddsAReadCallAndTurnsNagleOffWithTheBuildingBlocks_inChinese_soTheServerClosesWithAFin() throws Exception {
        try (Browser browser = Browser.open()) {
            WebElement text = copyScenario(browser, "zh", "close-unread-data", "close-after-read");
            WebElement blocks = browser.find("#scenario-blocks");
            assertTrue(blocks.isDisplayed(), "the building blocks show when scripts run");
            assertTrue(blocks.getText().contains("只在调用 read 时读取"), blocks.getText());
            WebElement action = browser.find("#block-action");
            new org.openqa.selenium.support.ui.Select(action.findElement(By.name("host"))).selectByValue("server");
            new org.openqa.selenium.support.ui.Select(action.findElement(By.name("call"))).selectByValue("read");
            action.findElement(By.name("at")).clear();
            action.findElement(By.name("at")).sendKeys("200");
            browser.find("#insert-action").click();
            assertTrue(text.getAttribute("value").contains("  - {at: 200, host: server, call: read, bytes: 100}\n"), text.getAttribute("value"));
            browser.find("#set-reads").click();
            assertTrue(text.getAttribute("value").contains("serverReads: on-call}"), text.getAttribute("value"));
            // TCP_NODELAY is one of the TCP settings, for both hosts, explained in Chinese beside its field.
            setTunable(browser, "noDelay", "both", "true");
            assertTrue(browser.find("[data-tunable='noDelay']").getText().contains("Nagle 算法（RFC 9293 §3.7.4）"),
                    browser.find("[data-tunable='noDelay']").getText());
            assertTrue(text.getAttribute("value").contains("serverReads: on-call, noDelay: true}"), text.getAttribute("value"));
            // A fault from a moment on (faults[].match.afterMs): a bad time is said in Chinese, a good one written.
            WebElement fault = browser.find("#block-fault");
            assertTrue(fault.getText().contains("从某一时刻起的每一个"), fault.getText());
            new org.openqa.selenium.support.ui.Select(fault.findElement(By.name("from"))).selectByValue("client");
            new org.openqa.selenium.support.ui.Select(fault.findElement(By.name("flags"))).selectByValue("SYN");
            WebElement afterMs = fault.findElement(By.name("afterMs"));
            afterMs.clear();
            afterMs.sendKeys("1.5");
            browser.find("#insert-fault").click();
            assertEquals("true", afterMs.getAttribute("aria-invalid"));
            assertTrue(browser.find("#block-fault-error").getText().contains("不小于 0"), browser.find("#block-fault-error").getText());
            afterMs.clear();
            afterMs.sendKeys("600000");
            browser.find("#insert-fault").click();
            assertTrue(text.getAttribute("value").contains("  - {match: {from: client, flags: [SYN], afterMs: 600000}, action: drop}\n"),
                    text.getAttribute("value"));
            assertEquals(null, browser.sticksOut());

            browser.find("#preview-button").click();
            String fin = browser.await(d -> inFrame(d, "#editor-preview", ".segment-table tbody", "FIN"));
            assertFalse(fin.contains("RST"), "the data was read before close(), so no RST: " + fin);
            browser.screenshot("authoring-scenario-building-blocks-zh");

            // The same block rejects (faults[].action reject): the segment answered with ICMP port unreachable.
            org.openqa.selenium.support.ui.Select faultAction = new org.openqa.selenium.support.ui.Select(fault.findElement(By.name("action")));
            faultAction.selectByValue("reject");
            assertEquals("拒绝它（ICMP 端口不可达）", faultAction.getFirstSelectedOption().getText());
            browser.find("#insert-fault").click();
            assertTrue(text.getAttribute("value").contains(
                    "  - {match: {from: client, flags: [SYN], afterMs: 600000}, action: reject, code: port}\n"), text.getAttribute("value"));
            // Until a later moment (faults[].match.beforeMs): one not after the start is said in Chinese, a later one written.
            faultAction.selectByValue("delay");
            WebElement beforeMs = fault.findElement(By.name("beforeMs"));
            beforeMs.sendKeys("600000");
            browser.find("#insert-fault").click();
            assertEquals("true", beforeMs.getAttribute("aria-invalid"));
            assertTrue(browser.find("#block-fault-error").getText().contains("晚于起始时间"), browser.find("#block-fault-error").getText());
            beforeMs.clear();
            beforeMs.sendKeys("602000");
            browser.find("#insert-fault").click();
            assertTrue(text.getAttribute("value").contains(
                    "  - {match: {from: client, flags: [SYN], afterMs: 600000, beforeMs: 602000}, action: delay, ms: 500}\n"),
                    text.getAttribute("value"));
            assertEquals(null, browser.sticksOut());
        }
    }

    /**
     * Every tunable is offered with its meaning, values and both profiles' defaults; a host's own value goes into
     * params.client or params.server, a number outside its range is refused, and a setting of the network is for both.
     */
    @Test
    void aTeacherSetsRfc1337ForTheServerAndNoAutotuningForTheClientWithTheTcpSettingBlock_andRunsTheScenario() throws Exception {
        try (Browser browser = Browser.open()) {
            WebElement text = copyScenario(browser, "en", "four-way-close", "four-way-close-tuned");
            List<String> offered = new Select(browser.find("#block-tunable [name=tunable]")).getOptions().stream()
                    .map(option -> option.getAttribute("value")).toList();
            assertEquals(java.util.Arrays.stream(lab.handshake.engine.TcpParams.class.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).toList(), offered, "every tunable, in TcpParams' order");

            setTunable(browser, "rfc1337", "server", "true");
            WebElement rfc1337 = browser.find("[data-tunable='rfc1337']");
            assertTrue(rfc1337.getText().contains("TIME-WAIT ignores every RST (RFC 1337 §3"), rfc1337.getText());
            assertTrue(rfc1337.getText().contains("Defaults: rfc9293 false, linux false"), rfc1337.getText());
            WebElement value = rfc1337.findElement(By.name("value"));
            for (String described : value.getAttribute("aria-describedby").split(" ")) {
                assertTrue(browser.find("#" + described).isDisplayed(), described + " describes the value and is shown");
            }
            setTunable(browser, "moderateRcvbuf", "client", "false");
            assertTrue(browser.find("[data-tunable='moderateRcvbuf']").getText().contains("Defaults: rfc9293 false, linux true"));
            String yaml = text.getAttribute("value");
            assertTrue(yaml.contains(", server: {rfc1337: true}, client: {moderateRcvbuf: false}}\n"), yaml);

            // A number outside its range is said and its field focused; the text stays as it was.
            new Select(browser.find("#block-tunable [name=tunable]")).selectByValue("mss");
            WebElement mss = browser.find("[data-tunable='mss'] [name=value]");
            assertEquals("1460", mss.getAttribute("value"), "a number starts at RFC 9293's value");
            mss.clear();
            mss.sendKeys("0");
            browser.find("#set-tunable").sendKeys(Keys.ENTER);
            assertEquals("true", mss.getAttribute("aria-invalid"));
            assertTrue(browser.find("#block-tunable-error").getText().contains("whole number within the allowed range"));
            assertEquals(yaml, text.getAttribute("value"));
            // The network's loss is the whole scenario's: no host may be chosen for it.
            new Select(browser.find("#block-tunable [name=tunable]")).selectByValue("lossRate");
            assertFalse(browser.find("#block-tunable-error").isDisplayed());
            assertEquals("both", new Select(browser.find("#block-tunable [name=host]")).getFirstSelectedOption().getAttribute("value"));
            assertFalse(browser.find("#block-tunable [name=host] option[value=server]").isEnabled());
            assertEquals(null, browser.sticksOut());
            browser.screenshot("authoring-scenario-tcp-setting-en");

            browser.find("#preview-button").click();
            String trace = browser.await(d -> inFrame(d, "#editor-preview", ".segment-table tbody", "FIN"));
            assertTrue(trace.contains("FIN"), "the four-way close ran with the settings: " + trace);
        }
    }

    /** Signs in, copies a built-in scenario under a new id from the content list in {@code language}, and answers its editor's text. */
    private WebElement copyScenario(Browser browser, String language, String from, String id) {
        signIn(browser);
        browser.go(root + "teacher/content?lang=" + language);
        WebElement copy = browser.find("input[name='from'][value='" + from + "']").findElement(By.xpath("./.."));
        WebElement newId = copy.findElement(By.name("id"));
        newId.clear();
        newId.sendKeys(id);
        copy.findElement(By.cssSelector("button[type='submit']")).click();
        return browser.awaitElement("#editor-text");
    }

    /** Chooses a tunable, a host and a value in the "TCP setting" block and sets it, by keyboard. */
    private static void setTunable(Browser browser, String tunable, String host, String value) {
        new Select(browser.find("#block-tunable [name=tunable]")).selectByValue(tunable);
        new Select(browser.find("#block-tunable [name=host]")).selectByValue(host);
        new Select(browser.find("[data-tunable='" + tunable + "'] [name=value]")).selectByValue(value);
        browser.find("#set-tunable").sendKeys(Keys.ENTER);
    }

    @Test
    void aTeacherAddsAnOptionWithItsExplanationsInTheQuizForm() throws Exception {
        long quiz = Authoring.asAdmin().create("quiz", "form-in-browser", null, null).jsonPath().getLong("item.id");
        try (Browser browser = Browser.open()) {
            signIn(browser);
            browser.go(root + "teacher/content/" + quiz + "/form?lang=zh");
            browser.find("input[name='q.0.o.2.id']").sendKeys("c");
            browser.find("input[name='q.0.o.2.text.en']").sendKeys("Because two segments cannot carry the options");
            browser.find("input[name='q.0.o.2.text.zh']").sendKeys("因为两个报文段装不下选项");
            browser.find("textarea[name='q.0.o.2.why.en']").sendKeys("Options ride on the SYN and the SYN,ACK.");
            browser.find("textarea[name='q.0.o.2.why.zh']").sendKeys("选项放在 SYN 和 SYN,ACK 里。");
            browser.screenshot("authoring-quiz-form");
            browser.find("button[name='action'][value='save']").click();
            awaitStatus(browser, "草稿已保存。");
            assertEquals("c", browser.find("input[name='q.0.o.2.id']").getAttribute("value"), "the new option is the third");
            assertEquals("", browser.find("input[name='q.0.o.3.id']").getAttribute("value"), "and an empty row follows it");
        }
    }

    @Test
    void aColleagueOpensAnotherTeachersLessonReadOnly_inTheirLanguage_untilTheOwnerMakesThemACoEditor() throws Exception {
        ContentOwnershipTest.account("owner.a", false);
        ContentOwnershipTest.account("colleague.b", false);
        Authoring owner = Authoring.as("owner.a", ContentOwnershipTest.PASSWORD);
        long item = owner.publishNew("lesson", "browser-owned", "en", AuthoringApiTest.lesson("browser-owned", "Owner's lesson", "## Mine"));
        try (Browser browser = Browser.open()) {
            signIn(browser, "colleague.b", ContentOwnershipTest.PASSWORD);
            browser.go(root + "teacher/content/" + item + "?lang=zh");
            assertEquals("你可以阅读此项，但不能修改：它归 owner.a 所有，对方可以把你加为协作编辑者。", browser.find("#read-only").getText());
            assertEquals("true", browser.find("#editor-text").getAttribute("readonly"));
            assertTrue(browser.all("#save-button, #publish-button, .withdraw-form").isEmpty());
            browser.find("#editor-text").sendKeys(Keys.chord(Keys.CONTROL, "s"));
            browser.screenshot("authoring-zh-read-only");

            owner.request().body(java.util.Map.of("editors", List.of("colleague.b"))).put("/api/teacher/content/" + item + "/editors")
                    .then().statusCode(200);
            browser.go(root + "teacher/content/" + item + "?lang=zh");
            assertTrue(browser.all("#read-only").isEmpty());
            assertEquals("colleague.b", browser.find(".item-co-editors").getText());
            browser.find("#save-button");
        }
    }

    private void signIn(Browser browser) {
        signIn(browser, "admin", "admin-password-for-tests");
    }

    private void signIn(Browser browser, String username, String password) {
        browser.go(root + "login");
        browser.find("input[name='j_username']").sendKeys(username);
        browser.find("input[name='j_password']").sendKeys(password);
        browser.find("button[type='submit']").click();
        browser.awaitElement("a[href='/teacher/content']");
    }

    /** The text of the first element in the frame that contains {@code expected}, or null (to wait for it). */
    private static String inFrame(WebDriver driver, String frame, String css, String expected) {
        try {
            driver.switchTo().frame(driver.findElement(By.cssSelector(frame)));
            return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText)
                    .filter(text -> text.contains(expected)).findFirst().orElse(null);
        } catch (StaleElementReferenceException reloaded) {
            return null; // the preview was redrawn while it was read: wait for the next one
        } catch (WebDriverException redrawn) {
            // Chromium 150 reports the same race as an inspector error instead of a stale element.
            if (String.valueOf(redrawn.getMessage()).contains("does not belong to the document")) {
                return null;
            }
            throw redrawn;
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    private static void assertNoScriptRan(Browser browser, String where) {
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("an alert opened on " + where);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        assertNull(((JavascriptExecutor) browser.driver).executeScript("return window.__xss === undefined ? null : String(window.__xss)"),
                "a payload ran on " + where);
    }

    /**
     * Waits until the editor's status starts with {@code expected} (failing the test after the wait's timeout).
     * Right after a click the previous page, with its own status, may still be on screen or just going away.
     */
    private static String awaitStatus(Browser browser, String expected) {
        return browser.await(d -> {
            try {
                String said = d.findElement(By.id("editor-status")).getText();
                return said.startsWith(expected) ? said : null;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return null;
            } catch (org.openqa.selenium.WebDriverException e) {
                // The same race, said by Chromium's inspector instead: the node left with the page being replaced.
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        });
    }
}
