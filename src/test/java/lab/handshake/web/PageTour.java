package lab.handshake.web;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import lab.handshake.api.Learner;
import lab.handshake.authoring.Authoring;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every kind of page a learner, a teacher or an administrator meets, in one language, each in the state where it
 * shows the most (a simulator at its last step, predict mode asking, a sandbox with moves in its log, a quiz
 * graded, a capture rebuilt, an editor with its preview), for audits that look at every page: after each stop the
 * tour hands its name to {@code audit}. What a teacher sees is made first through the API (a lesson, a quiz, a
 * scenario and a class of the administrator's, new names on every walk).
 */
final class PageTour {
    /** A simulator whose trace is shown: while it loads, its body is faded (aria-busy) and its diagrams are empty. */
    private static final String SIMULATOR_READY = ".simulator .hl-sim:not([aria-busy]) svg.hl-states[aria-label]";

    private final Browser browser;
    private final URL root;
    private final String lang;
    private final Consumer<String> audit;

    private PageTour(Browser browser, URL root, String lang, Consumer<String> audit) {
        this.browser = browser;
        this.root = root;
        this.lang = lang;
        this.audit = audit;
    }

    /** Walks the pages teachers and administrators see, signed in as the administrator. */
    static void walkTeacherPages(Browser browser, URL root, String lang, Consumer<String> audit) throws Exception {
        new PageTour(browser, root, lang, audit).teacherPages();
    }

    /** Walks the pages learners and visitors see, signed out. */
    static void walkLearnerPages(Browser browser, URL root, String lang, Consumer<String> audit) throws Exception {
        new PageTour(browser, root, lang, audit).learnerPages();
    }

    private void learnerPages() throws Exception {
        browser.driver.manage().deleteAllCookies();
        stop("home", "", "main h1");
        stop("lesson", "lessons/three-way-handshake", ".simulator svg");
        browser.find(".simulator button.hl-last").click();
        audit.accept("lesson, last step");
        stop("simulator", "simulator/four-way-close", SIMULATOR_READY);
        browser.find(".simulator button.hl-last").click();
        audit.accept("simulator, last step");
        stop("simulator, predict mode", "simulator/three-way-handshake", "&mode=predict", ".predict-form:not([hidden]) .predict-state");
        stop("simulator, flood", "simulator/syn-flood", SIMULATOR_READY);
        stop("sandbox", "sandbox", "section.sandbox[data-session-id] button.sb-call");
        sandboxMoves();
        audit.accept("sandbox, after moves");
        stop("sandbox, automatic", "sandbox", "&scenario=four-way-close&mode=auto", "section.sandbox[data-session-id]");
        stop("quizzes", "quizzes", "main h1");
        stop("quiz", "quizzes/why-three-steps", "form input[type='radio']");
        answerAndSubmit();
        browser.awaitElement("section.result[data-verdict]");
        audit.accept("quiz result");
        stop("progress", "progress", "main h1");
        stop("captures", "captures", "form.capture-upload");
        Path capture = Path.of("src", "test", "resources", "captures", "linux", "three-segment-close.pcap").toAbsolutePath();
        browser.find("input[type='file']").sendKeys(capture.toString());
        browser.awaitElement("form.capture-upload button[type='submit']:enabled").click();
        browser.awaitElement("#capture-results output.hl-counter[data-step]");
        audit.accept("capture rebuilt");
        stop("my classes", "classes", "main h1");
        stop("login", "login", "input[name='j_username']");
        stop("not found (lesson)", "lessons/no-such-lesson", "main h1");
        stop("not found (simulator)", "simulator/no-such-scenario", "main h1");
        stop("not found (page)", "no-such-page", "main h1");
        stop("LTI refusal", "lti/login", "&iss=https://unknown.example.edu&login_hint=x", "main h1");
    }

    private void teacherPages() throws Exception {
        String name = "tour-" + lang + "-" + UUID.randomUUID().toString().substring(0, 8);
        Authoring admin = Authoring.asAdmin();
        long lesson = admin.create("lesson", name + "-lesson", lang, null).jsonPath().getLong("item.id");
        long quiz = admin.create("quiz", name + "-quiz", null, null).jsonPath().getLong("item.id");
        long scenario = admin.create("scenario", name + "-scenario", null, "three-way-handshake").jsonPath().getLong("item.id");
        String joinCode = TeacherClasses.create(admin.cookie(), name);
        long assignment = assignQuiz(admin.cookie(), joinCode);
        attemptInClass(joinCode);
        registerPlatform(admin.cookie(), name);
        browser.go(root + "?lang=" + lang); // a cookie is set only for the site the browser is on
        browser.driver.manage().addCookie(new Cookie(TeacherLogin.COOKIE, admin.cookie()));
        stop("teacher home", "teacher", "main h1");
        stop("accounts", "teacher/accounts", "main h1");
        stop("LTI administration", "teacher/lti", "main h1");
        stop("new class", "teacher/classes/new", "main h1");
        stop("class results", "teacher/classes/" + joinCode, "main h1");
        String student = browser.find("a[href*='/students/']").getAttribute("href");
        stop("a student's attempts", student.substring(student.indexOf("teacher/")), "main h1");
        stop("assignments", "teacher/classes/" + joinCode + "/assignments", "main h1");
        stop("assignment results", "teacher/classes/" + joinCode + "/assignments/" + assignment, "main h1");
        stop("content list", "teacher/content", "main h1");
        stop("lesson editor", "teacher/content/" + lesson, "#editor-text");
        browser.await(d -> previewShows("h1"));
        audit.accept("lesson editor, preview");
        stop("scenario editor", "teacher/content/" + scenario, "#preview-button");
        browser.find("#preview-button").click();
        browser.await(d -> previewShows("svg"));
        audit.accept("scenario editor, run");
        stop("quiz editor", "teacher/content/" + quiz, "#editor-text");
        stop("quiz form", "teacher/content/" + quiz + "/form", "main h1");
        stop("history", "teacher/content/" + lesson + "/history", "main h1");
        stop("revision", "teacher/content/" + lesson + "/revisions/1", "main h1");
    }

    /** An assignment of a built-in quiz to the class, open now; its id. */
    private static long assignQuiz(String teacherCookie, String joinCode) {
        Instant now = Instant.now();
        return given().cookie(TeacherLogin.COOKIE, teacherCookie).contentType(ContentType.JSON)
                .body(Map.of("kind", "QUIZ", "target", "why-three-steps", "opensAt", now.minus(Duration.ofHours(1)).toString(),
                        "dueAt", now.plus(Duration.ofDays(7)).toString(), "attemptsAllowed", 2))
                .post("/api/classes/" + joinCode + "/assignments").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A learner joins the class and submits the assigned quiz for it, so the class has a student with an attempt. */
    private static void attemptInClass(String joinCode) {
        Learner learner = Learner.fresh();
        learner.join(joinCode);
        String attempt = learner.startQuiz("why-three-steps");
        learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "classCode", joinCode,
                        "answers", List.of(Map.of("question", "principal-reason", "choice", "b"))))
                .post("/api/quizzes/why-three-steps/attempts").then().statusCode(200);
    }

    /** An LMS registered by the administrator, so the LTI page lists a platform. */
    private static void registerPlatform(String adminCookie, String name) {
        String issuer = "https://" + name + ".lms.example.edu";
        given().cookie(TeacherLogin.COOKIE, adminCookie).contentType(ContentType.JSON)
                .body(Map.of("issuer", issuer, "clientId", "client-" + name, "deploymentIds", List.of("1"),
                        "authLoginUrl", issuer + "/auth", "jwksUrl", issuer + "/jwks", "accessTokenUrl", issuer + "/token"))
                .post("/api/lti/platforms").then().statusCode(201);
    }

    private void stop(String name, String page, String readyWhen) {
        stop(name, page, "", readyWhen);
    }

    private void stop(String name, String page, String moreQuery, String readyWhen) {
        browser.go(root + page + "?lang=" + lang + moreQuery);
        browser.awaitElement(readyWhen);
        audit.accept(name);
    }

    /** The client connects and the SYN is delivered: the log holds moves with their times. */
    private void sandboxMoves() {
        move("section.sb-host[data-host='client'] button.sb-call[data-call='connect']");
        move("li.sb-flight button.sb-fate[data-fate='deliver']");
    }

    private void move(String button) {
        int before = browser.all("li.sb-move").size();
        browser.find(button).click();
        browser.await(d -> d.findElements(By.cssSelector("li.sb-move")).size() > before);
    }

    /**
     * Chooses the first option of every choice question and submits; the questions of other kinds stay
     * unanswered, so the warning that names them is audited, then confirmed.
     */
    private void answerAndSubmit() {
        ((JavascriptExecutor) browser.driver).executeScript("""
                const names = new Set([...document.querySelectorAll('form input[type=radio]')].map(i => i.name));
                names.forEach(n => document.querySelector('form input[type=radio][name="' + n + '"]').checked = true);
                """);
        browser.submitQuiz(() -> audit.accept("quiz unanswered warning"));
    }

    /** Whether the editor's preview frame shows an element matching {@code css} (null while it does not). */
    private Boolean previewShows(String css) {
        try {
            browser.driver.switchTo().frame(browser.driver.findElement(By.id("editor-preview")));
            return !browser.driver.findElements(By.cssSelector(css)).isEmpty() ? true : null;
        } finally {
            browser.driver.switchTo().defaultContent();
        }
    }
}
