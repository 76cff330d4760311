package lab.handshake.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import lab.handshake.api.Learner;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.content.PublishedTexts;
import lab.handshake.engine.Language;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.SpecReader;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Drafts, publication, history, export and import, and edit conflicts of teachers' content. */
@QuarkusTest
class AuthoringApiTest {
    private Authoring teacher;

    @Inject
    PublishedTexts published;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeEach
    void signIn() {
        teacher = Authoring.asAdmin();
    }

    static String lesson(String id, String title, String body) {
        // A summary without words: these lessons are also published in Chinese, and shown on Chinese pages.
        return lesson(id, title, "\"1\"", body);
    }

    static String lesson(String id, String title, String summary, String body) {
        return "---\nid: " + id + "\norder: 50\ntitle: " + title + "\nsummary: " + summary + "\nscenarios: []\nquizzes: []\n---\n\n" + body + "\n";
    }

    static String scenario(String id, String englishTitle) {
        return "id: " + id + "\ntitle: {en: \"" + englishTitle + "\", zh: \"测试场景\"}\nsummary: {en: \"A test.\", zh: \"测试。\"}\n"
                + "params: {clientIsn: 100, serverIsn: 300, seed: 1, oneWayDelayMs: 50}\n"
                + "actions:\n  - {at: 0, host: server, call: listen}\n  - {at: 10, host: client, call: connect}\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"/teacher/content", "/teacher/content/1", "/teacher/content/1/history", "/teacher/content/1/revisions/1",
            "/teacher/content/export.zip"})
    void anonymousVisitorsOfEditorPagesAreSentToTheLoginForm(String page) {
        given().redirects().follow(false).get(page).then().statusCode(303).header("Location", endsWith("/login"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/teacher/content", "POST /api/teacher/content", "GET /api/teacher/content/1",
            "PUT /api/teacher/content/1", "POST /api/teacher/content/1/publish", "POST /api/teacher/content/1/withdraw",
            "GET /api/teacher/content/1/revisions", "POST /api/teacher/content/1/revisions/1/restore",
            "GET /api/teacher/content/export", "POST /api/teacher/content/import", "POST /api/teacher/content/preview"})
    void anonymousApiClientsGet401(String call) {
        String[] parts = call.split(" ");
        given().contentType(parts[1].endsWith("/import") ? "application/zip" : "application/json").body("{}".getBytes(StandardCharsets.UTF_8)).request(parts[0], parts[1])
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aDraftIsInvisibleToStudentsUntilItIsPublished() {
        Response created = teacher.create("lesson", "draft-visibility", "en", null);
        created.then().statusCode(201).body("item.status", equalTo("draft")).body("problems", equalTo(List.of()));
        long item = created.jsonPath().getLong("item.id");
        Response saved = teacher.save(item, lesson("draft-visibility", "Only when published", "## Hello"), created.jsonPath().getLong("item.version"));
        saved.then().statusCode(200).body("item.draftRevision", equalTo(2));

        given().get("/lessons/draft-visibility?lang=en").then().statusCode(404);
        given().get("/?lang=en").then().body(not(containsString("Only when published")));

        teacher.publish(item, saved.jsonPath().getLong("item.version")).then().statusCode(200).body("item.status", equalTo("published"));
        given().get("/lessons/draft-visibility?lang=en").then().statusCode(200).body(containsString("Only when published"));
        given().get(metrics).then().body(containsString("handshake_content_publications_total"));
        given().get("/?lang=en").then().body(containsString("/lessons/draft-visibility"));
    }

    @Test
    void publishingIsRefusedWhileTheDraftHasProblems_namingThem() {
        Response created = teacher.create("quiz", "broken-quiz", null, null);
        long item = created.jsonPath().getLong("item.id");
        String noChinese = "id: broken-quiz\ntitle: {en: \"Broken\"}\nquestions:\n  - id: q1\n    kind: single\n    prompt: {en: \"?\", zh: \"？\"}\n"
                + "    options:\n      - {id: a, text: {en: a, zh: a}, correct: true, why: {en: w, zh: w}}\n";
        Response saved = teacher.save(item, noChinese, created.jsonPath().getLong("item.version"));
        saved.then().statusCode(200).body("problems[0]", equalTo("broken-quiz.yaml title: needs en and zh"));
        teacher.request().header("Accept-Language", "zh").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems[0]", equalTo("broken-quiz.yaml title：必须同时有 en 和 zh 两种语言的文本"));
        teacher.publish(item, saved.jsonPath().getLong("item.version"))
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("needs en and zh")).body("errors.field", hasItem("text"));
        given().get("/api/quizzes/broken-quiz").then().statusCode(404);
    }

    @Test
    void aDraftsProblemsAndTheRefusalToPublishIt_areInTheReadersLanguage() {
        Response created = teacher.create("scenario", "worded-problems", null, null);
        long item = created.jsonPath().getLong("item.id");
        String wrongIdAndLoss = scenario("another-id", "Worded").replace("seed: 1,", "seed: 1, lossRate: 2,");
        long version = teacher.save(item, wrongIdAndLoss, created.jsonPath().getLong("item.version")).then().statusCode(200)
                .body("problems", equalTo(List.of("id is 'another-id' but this scenario's id is 'worded-problems'",
                        "params.lossRate must be between 0 and 1")))
                .extract().jsonPath().getLong("item.version");
        teacher.request().header("Accept-Language", "zh-CN,zh;q=0.9").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems", equalTo(List.of("id 是“another-id”，但这个场景的 id 是“worded-problems”", "params.lossRate 必须在 0 到 1 之间")));

        teacher.publish(item, version).then().statusCode(422)
                .body("detail", equalTo("This scenario cannot be published yet: id is 'another-id' but this scenario's id is 'worded-problems';"
                        + " params.lossRate must be between 0 and 1."));
        teacher.request().header("Accept-Language", "zh").body(Map.of("version", version)).post("/api/teacher/content/" + item + "/publish")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("这个场景还不能发布，内容检查发现的问题：id 是“another-id”，但这个场景的 id 是“worded-problems”；"
                        + "params.lossRate 必须在 0 到 1 之间。"))
                .body("errors.message", hasItem("params.lossRate 必须在 0 到 1 之间"));
        // Leaves a good draft behind for the tests that export every draft.
        teacher.save(item, scenario("worded-problems", "Worded"), version).then().statusCode(200);
    }

    @Test
    void aLessonsSimulationTagProblem_isInTheReadersLanguage() {
        Response created = teacher.create("lesson", "tag-problem", "en", null);
        long item = created.jsonPath().getLong("item.id");
        String beyond = "[[simulation three-way-handshake step=5000]]";
        long version = teacher.save(item, lesson("tag-problem", "Tag problem", beyond), created.jsonPath().getLong("item.version"))
                .then().statusCode(200)
                .body("problems", equalTo(List.of(beyond + ": step=5000 is beyond the simulation's last step, 12")))
                .extract().jsonPath().getLong("item.version");
        teacher.request().header("Accept-Language", "zh").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems", equalTo(List.of(beyond + "：step=5000 超出了这个模拟的最后一步（第 12 步）")));
        // Leaves a good draft behind for the tests that export every draft.
        teacher.save(item, lesson("tag-problem", "Tag problem", "## Fixed"), version).then().statusCode(200);
    }

    @Test
    void aQuestionMadeFromASimulationMustFindWhatItAsksForInThatSimulation() {
        String quiz = String.join("\n", "id: generated-checks", "title: {en: Generated, zh: 生成}", "questions:",
                "  - id: no-such-segment", "    kind: numeric", "    prompt: {en: '?', zh: '？'}",
                "    generate: {scenario: three-way-handshake, segment: 40, field: seq}", "    why: {en: w, zh: w}",
                "  - id: answer-not-offered", "    kind: next-state", "    prompt: {en: '?', zh: '？'}",
                "    generate: {scenario: three-way-handshake, endpoint: client, change: 2}", "    choices: [LISTEN, CLOSED]",
                "    why: {en: w, zh: w}", "");
        Response created = teacher.create("quiz", "generated-checks", null, null);
        long item = created.jsonPath().getLong("item.id");
        teacher.save(item, quiz, created.jsonPath().getLong("item.version")).then().statusCode(200)
                .body("problems", equalTo(List.of("question no-such-segment: three-way-handshake has no segment 40",
                        "question answer-not-offered: the right answer, ESTABLISHED, is not among the choices")));
        teacher.request().header("Accept-Language", "zh").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems", equalTo(List.of("题目 no-such-segment：three-way-handshake 没有第 40 个报文段",
                        "题目 answer-not-offered：正确答案 ESTABLISHED 不在选项之中")));
    }

    /**
     * A value of the wrong shape is named by its field and the shapes, never by the Java class the parser wanted
     * (it said "Cannot construct instance of `java.util.LinkedHashMap`"), and a YAML syntax error in Chinese is
     * said in Chinese.
     */
    @Test
    void aDraftThatCannotBeRead_isExplainedInTheReadersWordsWithoutJavaClassNames() {
        Response created = teacher.create("quiz", "wrong-shapes", null, null);
        long item = created.jsonPath().getLong("item.id");
        long version = teacher.save(item, "id: wrong-shapes\ntitle: Wrong shapes\nquestions: []\n", created.jsonPath().getLong("item.version"))
                .then().statusCode(200)
                .body("problems[0]", equalTo("cannot be read (line 2): 'title' must be an object (named fields), not text."))
                .extract().jsonPath().getLong("item.version");
        teacher.request().header("Accept-Language", "zh").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems[0]", equalTo("无法读取（第 2 行）：“title”应为对象（带名字的字段），而不是文字。"));
        String badIndent = String.join("\n", "id: wrong-shapes", "title: {en: a, zh: 甲}", "questions:", "  - id: q1", "   kind: single", "");
        version = teacher.save(item, badIndent, version).then().statusCode(200)
                .body("problems[0]", allOf(startsWith("cannot be read (line 5): malformed near column 4 ("),
                        endsWith("); check the indentation, colons, brackets and quotes")))
                .extract().jsonPath().getLong("item.version");
        teacher.request().header("Accept-Language", "zh").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems[0]", equalTo("无法读取（第 5 行）：第 4 列附近的写法有误，请检查缩进、冒号、括号和引号"));
        // Leaves a good draft behind for the tests that export every draft.
        String good = String.join("\n", "id: wrong-shapes", "title: {en: Wrong shapes, zh: 形式不对}", "questions:",
                "  - id: q1", "    kind: single", "    prompt: {en: '?', zh: '？'}", "    options:",
                "      - {id: a, text: {en: A, zh: 甲}, correct: true, why: {en: w, zh: w}}",
                "      - {id: b, text: {en: B, zh: 乙}, correct: false, why: {en: w, zh: w}}", "");
        teacher.save(item, good, version).then().statusCode(200).body("problems", equalTo(List.of()));
    }

    /** A lesson draft whose front matter is not closed is told so in the reader's language, not in the parser's English. */
    @Test
    void aLessonWithoutItsFrontMatter_isExplainedInTheReadersLanguage() {
        Response created = teacher.create("lesson", "open-front-matter", "zh", null);
        long item = created.jsonPath().getLong("item.id");
        long version = teacher.save(item, "---\nid: open-front-matter\norder: 1\ntitle: 标题\n正文\n", created.jsonPath().getLong("item.version"))
                .then().statusCode(200).body("problems[0]", equalTo("cannot be read: the front matter has no closing '---' line"))
                .extract().jsonPath().getLong("item.version");
        teacher.request().header("Accept-Language", "zh").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems[0]", equalTo("无法读取：前置元数据缺少结束的“---”行"));
        // Leaves a good draft behind for the tests that export every draft.
        teacher.save(item, "---\nid: open-front-matter\norder: 1\ntitle: 标题\n---\n正文\n", version).then().statusCode(200)
                .body("problems", equalTo(List.of()));
    }

    /** A field the quiz format does not know is named in the reader's words, not in the YAML parser's English. */
    @Test
    void aFieldTheFormatDoesNotKnow_isNamedInTheReadersLanguage() {
        String good = String.join("\n", "id: unknown-field", "title: {en: Unknown field, zh: 未知字段}", "questions:",
                "  - id: q1", "    kind: single", "    prompt: {en: '?', zh: '？'}", "    options:",
                "      - {id: a, text: {en: A, zh: 甲}, correct: true, why: {en: w, zh: w}}",
                "      - {id: b, text: {en: B, zh: 乙}, correct: false, why: {en: w, zh: w}}", "");
        Response created = teacher.create("quiz", "unknown-field", null, null);
        long item = created.jsonPath().getLong("item.id");
        long version = teacher.save(item, good.replace("    kind: single", "    kind: single\n    answer: a"),
                        created.jsonPath().getLong("item.version")).then().statusCode(200)
                .body("problems[0]", allOf(startsWith("cannot be read (line "), containsString("): Unknown property 'answer' at questions[0]; known properties: [choices, generate, id,")))
                .extract().jsonPath().getLong("item.version");
        teacher.request().header("Accept-Language", "zh").get("/api/teacher/content/" + item).then().statusCode(200)
                .body("problems[0]", allOf(startsWith("无法读取（第 "), containsString("行）：未知属性“answer”（位于 questions[0]）；已知属性：[")));
        // Leaves a good draft behind for the tests that export every draft.
        teacher.save(item, good, version).then().statusCode(200).body("problems", equalTo(List.of()));
    }

    @Test
    void everySaveKeepsThePreviousText_andAnOlderOneCanBeRestored() {
        Response created = teacher.create("lesson", "history-lesson", "zh", null);
        long item = created.jsonPath().getLong("item.id");
        long version = created.jsonPath().getLong("item.version");
        String[] texts = {lesson("history-lesson", "第一版", "一"), lesson("history-lesson", "第二版", "二"), lesson("history-lesson", "第三版", "三")};
        for (String text : texts) {
            version = teacher.save(item, text, version).then().statusCode(200).extract().jsonPath().getLong("item.version");
        }
        Response history = teacher.request().get("/api/teacher/content/" + item + "/revisions");
        history.then().statusCode(200).body("number", equalTo(List.of(4, 3, 2, 1)))
                .body("action", equalTo(List.of("save", "save", "save", "create")));
        teacher.request().get("/api/teacher/content/" + item + "/revisions/3").then().statusCode(200).body("text", equalTo(texts[1]));
        org.jsoup.nodes.Document revisionPage = org.jsoup.Jsoup.parse(given().cookie(TeacherLogin.COOKIE, teacher.cookie())
                .get("/teacher/content/" + item + "/revisions/2").then().statusCode(200).extract().asString());
        assertEquals("removed:\u00a0- title: 第三版", revisionPage.selectFirst(".diff del").text(), "what restoring would take out of the draft");
        assertEquals("added:\u00a0+ title: 第一版", revisionPage.selectFirst(".diff ins").text(), "and put in");

        Response restored = teacher.request().body(Map.of("version", version)).post("/api/teacher/content/" + item + "/revisions/2/restore");
        restored.then().statusCode(200).body("draft", equalTo(texts[0])).body("item.draftRevision", equalTo(5));
        teacher.request().get("/api/teacher/content/" + item + "/revisions").then()
                .body("[0].action", equalTo("restore")).body("size()", equalTo(5));
        teacher.request().get("/api/teacher/content/" + item + "/revisions/4").then().body("text", equalTo(texts[2]));
        teacher.request().get("/api/teacher/content/" + item + "/revisions/99").then().statusCode(404);
    }

    @Test
    void theSecondOfTwoSavesOnTheSameVersionIsRefusedWithAConflict_andTheFirstIsKept() {
        Authoring colleague = Authoring.asAdmin();
        Response created = teacher.create("lesson", "shared-lesson", "en", null);
        long item = created.jsonPath().getLong("item.id");
        long openedAt = created.jsonPath().getLong("item.version");
        String first = lesson("shared-lesson", "Saved first", "Mine");
        teacher.save(item, first, openedAt).then().statusCode(200);

        colleague.save(item, lesson("shared-lesson", "Saved second", "Theirs"), openedAt)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/edit-conflict")).body("detail", containsString("after you opened it"));
        colleague.request().header("Accept-Language", "zh-CN,zh;q=0.9")
                .body(Map.of("text", lesson("shared-lesson", "Saved second", "Theirs"), "version", openedAt)).put("/api/teacher/content/" + item)
                .then().statusCode(409).body("title", equalTo("编辑冲突"))
                .body("detail", allOf(containsString("修改了这个课程（现在是第"), containsString("你的更改没有保存")))
                .body("detail", matchesPattern("[^T]*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC[^T]*"));
        colleague.publish(item, openedAt).then().statusCode(409);
        teacher.request().get("/api/teacher/content/" + item).then().body("draft", equalTo(first));
    }

    @Test
    void inTheEditorAConflictingSaveKeepsTheTeachersTextAndShowsTheNewerOne() {
        Response created = teacher.create("lesson", "page-conflict", "en", null);
        long item = created.jsonPath().getLong("item.id");
        Response editor = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(editor.asString());
        teacher.save(item, lesson("page-conflict", "The colleague's lesson", "Theirs"), created.jsonPath().getLong("item.version"))
                .then().statusCode(200);

        String refused = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).cookies(editor.getCookies())
                .multiPart("csrf-token", page.selectFirst("input[name=csrf-token]").val())
                .multiPart("version", page.selectFirst("input[name=version]").val())
                .multiPart("text", lesson("page-conflict", "My lesson", "Mine"))
                .multiPart("action", "save")
                .post("/teacher/content/" + item).then().statusCode(409).extract().asString();
        org.jsoup.nodes.Document answer = org.jsoup.Jsoup.parse(refused);
        assertEquals(lesson("page-conflict", "My lesson", "Mine"), answer.selectFirst("#editor-text").wholeText(), "the teacher's text is kept");
        assertTrue(answer.selectFirst(".newer-text pre").wholeText().contains("The colleague's lesson"));
        assertTrue(answer.selectFirst("#editor-error").text().contains("after you opened it"));
        teacher.request().get("/api/teacher/content/" + item).then().body("draft", containsString("The colleague's lesson"));
    }

    @Test
    void theEditorInChinese_listsTheDraftsProblemsInChinese() {
        Response created = teacher.create("lesson", "chinese-problems", "zh", null);
        long item = created.jsonPath().getLong("item.id");
        String missingQuiz = lesson("chinese-problems", "中文问题", "## 内容").replace("quizzes: []", "quizzes: [no-such-quiz]");
        teacher.save(item, missingQuiz, created.jsonPath().getLong("item.version")).then().statusCode(200)
                .body("problems", equalTo(List.of("quizzes: there is no quiz 'no-such-quiz'")));
        String editor = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item + "?lang=zh").then().statusCode(200)
                .extract().asString();
        assertEquals("quizzes：没有测验“no-such-quiz”",
                org.jsoup.Jsoup.parse(editor).selectFirst("#editor-problems li").text());
        // Leaves a good draft behind for the tests that export every draft.
        teacher.save(item, lesson("chinese-problems", "中文问题", "## 内容"), teacher.get(item).jsonPath().getLong("item.version")).then().statusCode(200);
    }

    /** The TCP setting block lists a setting's choices and defaults in the page's own punctuation. */
    @Test
    void theScenarioEditorInChinese_listsATunablesChoicesInFullWidthParenthesesAndEnumerationCommas() {
        long item = teacher.create("scenario", "tunable-words", null, "syn-lost").jsonPath().getLong("item.id");
        String chinese = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item + "?lang=zh").then()
                .statusCode(200).extract().asString();
        assertEquals("取值：off（从不）、on-overflow（仅在 SYN 队列已满时）、always（对每个 SYN） · 默认值：rfc9293 off、linux on-overflow",
                org.jsoup.Jsoup.parse(chinese).selectFirst("#tunable-synCookies-values").text());
        assertEquals("取值：true、false · 默认值：rfc9293 false、linux false",
                org.jsoup.Jsoup.parse(chinese).selectFirst("#tunable-rfc1337-values").text());
        assertTrue(org.jsoup.Jsoup.parse(chinese).selectFirst("#tunable-synCookies-meaning").text().startsWith("synCookies：监听方"),
                org.jsoup.Jsoup.parse(chinese).selectFirst("#tunable-synCookies-meaning").text());
        String english = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item + "?lang=en").then()
                .statusCode(200).extract().asString();
        assertEquals("Allowed: off (never), on-overflow (only when the SYN queue is full), always (for every SYN) · Defaults: rfc9293 off, linux on-overflow",
                org.jsoup.Jsoup.parse(english).selectFirst("#tunable-synCookies-values").text());
        assertTrue(org.jsoup.Jsoup.parse(english).selectFirst("#tunable-synCookies-meaning").text().startsWith("synCookies: When a listener"),
                org.jsoup.Jsoup.parse(english).selectFirst("#tunable-synCookies-meaning").text());
    }

    /**
     * The "TCP setting" block of the scenario editor and of the sandbox's set-up is one block (tags/tunableSetting.html)
     * whose words have one home, the tunable bundle (web.TunableMessages): in each language both pages show it alike,
     * in that bundle's words, and the authoring bundle keeps none of them.
     */
    @Test
    void theScenarioEditorAndTheSandboxShowOneTcpSettingBlock_inTheTunableBundlesWords() throws IOException {
        long item = teacher.create("scenario", "tunable-block-words", null, "syn-lost").jsonPath().getLong("item.id");
        for (String lang : List.of("en", "zh")) {
            java.util.Properties words = new java.util.Properties();
            try (var file = getClass().getResourceAsStream("/messages/tunable_" + lang + ".properties")) {
                assertTrue(file != null, "messages/tunable_" + lang + ".properties");
                words.load(new java.io.InputStreamReader(file, StandardCharsets.UTF_8));
            }
            org.jsoup.nodes.Element editor = org.jsoup.Jsoup.parse(given().cookie(TeacherLogin.COOKIE, teacher.cookie())
                    .get("/teacher/content/" + item + "?lang=" + lang).then().statusCode(200).extract().asString()).selectFirst("fieldset#block-tunable");
            org.jsoup.nodes.Element sandbox = org.jsoup.Jsoup.parse(given().get("/sandbox?lang=" + lang).then().statusCode(200).extract().asString())
                    .selectFirst("template#sandbox-tunables fieldset#block-tunable");
            assertEquals(editor.outerHtml(), sandbox.outerHtml(), lang + ": one block on both pages");
            assertEquals(words.getProperty("tunable_block"), sandbox.selectFirst("legend").text(), lang);
            assertEquals(words.getProperty("tunable_block_help"), sandbox.selectFirst("#block-tunable-help").text(), lang);
            assertEquals(words.getProperty("tunable_set"), sandbox.selectFirst("#set-tunable").text(), lang);
            assertEquals(words.getProperty("tunable_bad_whole"), sandbox.attr("data-bad-whole"), lang);
            assertEquals(words.getProperty("tunable_both"), sandbox.selectFirst("select[name=host] option[value=both]").text(), lang);
            assertTrue(sandbox.selectFirst("select[name=host]").parent().text().startsWith(words.getProperty("tunable_host")), lang);
            java.util.Properties authoring = new java.util.Properties();
            try (var file = getClass().getResourceAsStream("/messages/authoring_" + lang + ".properties")) {
                authoring.load(new java.io.InputStreamReader(file, StandardCharsets.UTF_8));
            }
            assertEquals(List.of(), authoring.stringPropertyNames().stream().filter(key -> key.contains("tunable")).toList(),
                    lang + ": the authoring bundle keeps no word of the block");
        }
    }

    /**
     * A setting of the whole scenario (the network's) says so in a sentence after its meaning: in English a space
     * between the two sentences, in Chinese none (the engine's {@code sentence.separator}), in the one block both
     * pages show.
     */
    @Test
    void theTcpSettingBlockPutsTheNetworksSentenceAfterTheMeaning_aSpaceBetweenInEnglish_noneInChinese() throws IOException {
        for (String lang : List.of("en", "zh")) {
            java.util.Properties words = new java.util.Properties();
            try (var file = getClass().getResourceAsStream("/messages/tunable_" + lang + ".properties")) {
                words.load(new java.io.InputStreamReader(file, StandardCharsets.UTF_8));
            }
            // The meaning's full stop, then the next sentence: after a space in English, at once in Chinese.
            String joint = lang.equals("en") ? ". " : "。";
            List<org.jsoup.nodes.Element> wide = org.jsoup.Jsoup.parse(given().get("/sandbox?lang=" + lang).then().statusCode(200).extract().asString())
                    .select("template#sandbox-tunables div.tunable[data-wide=true] p[id$=-meaning]");
            assertFalse(wide.isEmpty(), lang + ": the network's settings are listed");
            for (org.jsoup.nodes.Element meaning : wide) {
                assertTrue(meaning.wholeText().endsWith(joint + words.getProperty("tunable_wide")), lang + ": " + meaning.wholeText());
            }
        }
    }

    @Test
    void publishingADraftWithProblemsFromTheEditor_savesItButSaysWhyItIsNotPublished() {
        Response created = teacher.create("lesson", "page-problems", "en", null);
        long item = created.jsonPath().getLong("item.id");
        Response editor = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(editor.asString());
        String answer = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).cookies(editor.getCookies())
                .multiPart("csrf-token", page.selectFirst("input[name=csrf-token]").val())
                .multiPart("version", page.selectFirst("input[name=version]").val())
                .multiPart("text", lesson("page-problems", "Embeds a missing scenario", "[[simulation no-such-scenario]]"))
                .multiPart("action", "publish")
                .post("/teacher/content/" + item).then().statusCode(422).extract().asString();
        org.jsoup.nodes.Document refused = org.jsoup.Jsoup.parse(answer);
        assertTrue(refused.selectFirst("#editor-error").text().startsWith("Your text is saved as the draft, but it is not published"));
        assertTrue(refused.selectFirst("#editor-problems").text().contains("[[simulation no-such-scenario]]: there is no such scenario"));
        Response now = teacher.request().get("/api/teacher/content/" + item);
        now.then().body("item.draftRevision", equalTo(2)).body("item.status", equalTo("draft"));
        assertEquals(now.jsonPath().getString("item.version"), refused.selectFirst("input[name=version]").val(),
                "the form is based on the draft just saved, so the next save goes through");
    }

    @Test
    void anEditorFormWithoutTheVersionItWasOpenedOn_isRefused() {
        Response created = teacher.create("lesson", "no-version", "en", null);
        long item = created.jsonPath().getLong("item.id");
        Response editor = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item);
        String token = org.jsoup.Jsoup.parse(editor.asString()).selectFirst("input[name=csrf-token]").val();
        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).cookies(editor.getCookies())
                .multiPart("csrf-token", token).multiPart("text", "overwritten?").multiPart("action", "save")
                .post("/teacher/content/" + item).then().statusCode(400).body("errors.field", hasItem("version"));
        teacher.request().get("/api/teacher/content/" + item).then().body("item.draftRevision", equalTo(1));
    }

    @Test
    void anAdaptedBuiltInLessonReplacesItForStudentsWhilePublished() {
        Response created = teacher.create("lesson", "edge-cases", "zh", null);
        created.then().statusCode(201);
        String builtIn = created.jsonPath().getString("draft");
        String adapted = builtIn.replaceFirst("(?m)^title: .*$", "title: 本班改编的边界情况");
        long item = created.jsonPath().getLong("item.id");
        long version = teacher.save(item, adapted, created.jsonPath().getLong("item.version")).jsonPath().getLong("item.version");
        version = teacher.publish(item, version).then().statusCode(200).extract().jsonPath().getLong("item.version");
        given().get("/lessons/edge-cases?lang=zh").then().statusCode(200).body(containsString("本班改编的边界情况"));
        given().get("/lessons/edge-cases?lang=en").then().statusCode(200).body(not(containsString("本班改编的边界情况")));

        teacher.withdraw(item, version).then().statusCode(200).body("item.status", equalTo("draft"));
        given().get("/lessons/edge-cases?lang=zh").then().statusCode(200).body(not(containsString("本班改编的边界情况")));
    }

    @Test
    void aBuiltInScenarioIdCannotBeTaken_butTheScenarioCanBeCopiedUnderANewId() {
        teacher.create("scenario", "syn-lost", null, null).then().statusCode(409).body("detail", containsString("another id"));
        Response copy = teacher.create("scenario", "syn-lost-class", null, "syn-lost");
        copy.then().statusCode(201).body("draft", containsString("id: syn-lost-class")).body("problems", equalTo(List.of()));
        teacher.publish(copy.jsonPath().getLong("item.id"), copy.jsonPath().getLong("item.version")).then().statusCode(200);
        List<Object> original = given().get("/api/scenarios/syn-lost/trace").jsonPath().getList("segments.flags");
        given().get("/api/scenarios/syn-lost-class/trace").then().statusCode(200).body("segments.flags", equalTo(original));
        given().get("/simulator/syn-lost-class").then().statusCode(200);
        teacher.create("scenario", "x-copy", null, "no-such-scenario").then().statusCode(400).body("errors.field", hasItem("from"));
    }

    @Test
    void requestsThatCannotBeRight_areRefusedNamingTheField() {
        teacher.create("lesson", "Bad Id", "en", null).then().statusCode(400).body("errors.field", hasItem("id"));
        teacher.create("lesson", "no-language", "fr", null).then().statusCode(400).body("errors.field", hasItem("language"));
        teacher.create("poem", "a-poem", null, null).then().statusCode(400).body("errors.field", hasItem("kind"));
        teacher.create("lesson", "../../etc", "en", null).then().statusCode(400);
        teacher.create("scenario", "evil-copy", null, "../../pom").then().statusCode(400).body("errors.field", hasItem("from"));
        Response created = teacher.create("lesson", "size-limit", "en", null);
        long item = created.jsonPath().getLong("item.id");
        teacher.save(item, "x".repeat(AuthoringService.MAX_TEXT + 1), created.jsonPath().getLong("item.version"))
                .then().statusCode(413).body("errors.field", hasItem("text"));
        teacher.request().body(Map.of("text", "x")).put("/api/teacher/content/" + item).then().statusCode(400).body("errors.field", hasItem("version"));
        teacher.request().get("/api/teacher/content/987654").then().statusCode(404);
        teacher.request().body(Map.of("kind", "lesson", "language", "fr", "text", "x")).post("/api/teacher/content/preview")
                .then().statusCode(400).body("errors.field", hasItem("language"));
        teacher.request().body(Map.of("kind", "poem", "text", "x")).post("/api/teacher/content/preview")
                .then().statusCode(400).body("errors.field", hasItem("kind"));
        teacher.request().body(Map.of("kind", "lesson", "text", "x".repeat(AuthoringService.MAX_TEXT + 1))).post("/api/teacher/content/preview")
                .then().statusCode(413).body("errors.field", hasItem("text"));
        teacher.request().body("[1, 2]").post("/api/teacher/content").then().statusCode(400)
                .body("detail", containsString("must be an object (named fields)")).body("detail", not(containsString("lab.handshake")));
        teacher.create("lesson", "size-limit", "en", null).then().statusCode(409);
        teacher.request().post("/api/teacher/content").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-content")).body("errors[0].field", equalTo("body"))
                .body("detail", equalTo("'body' is required."));
        teacher.request().header("Accept-Language", "zh").put("/api/teacher/content/" + item).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-content")).body("title", equalTo("无效的内容"))
                .body("errors[0].field", equalTo("body")).body("detail", equalTo("“body”不能为空。"));
    }

    @Test
    void theLongestTextAllowed_inChinese_fitsWithinTheRequestLimit() {
        Response created = teacher.create("lesson", "long-chinese", "zh", null);
        String head = lesson("long-chinese", "长课", "");
        String longest = head + "握".repeat(AuthoringService.MAX_TEXT - head.length());
        teacher.save(created.jsonPath().getLong("item.id"), longest, created.jsonPath().getLong("item.version"))
                .then().statusCode(200).body("draft.length()", equalTo(AuthoringService.MAX_TEXT));
    }

    @Test
    void thePreviewSanitisesLessons_runsScenarios_andShowsQuizAnswers() {
        String lessonPreview = teacher.request().body(Map.of("kind", "lesson", "id", "p", "language", "zh",
                        "text", lesson("p", "预览", "## 标题\n\n<script>alert(1)</script><a href=\"javascript:alert(2)\" onclick=\"x()\">链接</a>")))
                .post("/api/teacher/content/preview").then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertTrue(lessonPreview.contains("<h2 id=\"section-1\">标题</h2>"), lessonPreview);
        assertTrue(!lessonPreview.contains("<script>alert") && !lessonPreview.contains("javascript:") && !lessonPreview.contains("onclick"), lessonPreview);

        String trace = teacher.request().body(Map.of("kind", "scenario", "id", "run-me", "text", scenario("run-me", "Run me")))
                .post("/api/teacher/content/preview").then().statusCode(200).extract().asString();
        assertTrue(trace.contains("<svg") && trace.contains("segment-table") && trace.contains("ESTABLISHED"), trace);

        String quiz = teacher.request().body(Map.of("kind", "quiz", "id", "q", "text", AuthoringService.starter(lab.handshake.content.ContentKind.QUIZ).replace("__ID__", "q")))
                .post("/api/teacher/content/preview").then().statusCode(200).extract().asString();
        assertTrue(quiz.contains("✓") && quiz.contains("RFC 9293 §3.5"), quiz);
        assertTrue(!quiz.contains("preview-problems"), "the starter quiz has no problems: " + quiz);
    }

    @Test
    void everyQuestionTemplateTheQuizEditorOffers_isAValidQuestion() {
        String quiz = AuthoringService.starter(lab.handshake.content.ContentKind.QUIZ).replace("__ID__", "snippets");
        for (QuestionSnippets.Snippet snippet : QuestionSnippets.all()) {
            quiz += snippet.yaml();
        }
        assertEquals(5, QuestionSnippets.all().size());
        Response created = teacher.create("quiz", "snippets", null, null);
        teacher.save(created.jsonPath().getLong("item.id"), quiz, created.jsonPath().getLong("item.version"))
                .then().statusCode(200).body("problems", equalTo(List.of()));
    }

    @Test
    void studentsTakeAPublishedTeacherQuizWithEveryKindOfQuestion_andAreGraded() {
        String quiz = AuthoringService.starter(lab.handshake.content.ContentKind.QUIZ).replace("__ID__", "every-kind");
        for (QuestionSnippets.Snippet snippet : QuestionSnippets.all()) {
            quiz += snippet.yaml();
        }
        teacher.publishNew("quiz", "every-kind", null, quiz);
        Learner student = Learner.fresh();
        String joinCode = TeacherClasses.create(teacher.cookie(), "T-6");
        student.join(joinCode);
        Response handedOut = student.request().get("/api/quizzes/every-kind");
        handedOut.then().statusCode(200).body("questions.size()", equalTo(6));
        student.request().contentType("application/json")
                .body(Map.of("attemptId", handedOut.jsonPath().getString("attemptId"), "classCode", joinCode,
                        "answers", List.of(Map.of("question", "why-three", "choice", "a"), Map.of("question", "new-next-state", "state", "ESTABLISHED"))))
                .post("/api/quizzes/every-kind/attempts")
                .then().statusCode(200).body("score", equalTo(2.0f))
                .body("questions.find { it.id == 'new-numeric' }.correct", equalTo(false));
        teacher.request().get("/api/teacher/classes/" + joinCode).then().statusCode(200).body("[0].quiz", equalTo("every-kind"));
    }

    @Test
    void exportedFilesImportBack_asNewRevisionsWithNothingLost(@TempDir Path folder) throws IOException {
        long lessonItem = teacher.publishNew("lesson", "round-trip", "zh", lesson("round-trip", "往返", "## 内容"));
        teacher.publishNew("scenario", "round-trip-scenario", null, scenario("round-trip-scenario", "Round trip"));
        Map<String, String> exported = unzip(given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/api/teacher/content/export")
                .then().statusCode(200).contentType("application/zip").extract().asByteArray());
        assertEquals(lesson("round-trip", "往返", "## 内容"), exported.get("lessons/zh/50-round-trip.md"), exported.keySet().toString());
        assertEquals(scenario("round-trip-scenario", "Round trip"), exported.get("scenarios/round-trip-scenario.yaml"));
        // The exported files are in the format of content/: unpacked as a content folder, the built-in catalogues read them.
        for (Map.Entry<String, String> file : exported.entrySet()) {
            Files.createDirectories(folder.resolve(file.getKey()).getParent());
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        ScenarioCatalogue scenarios = new ScenarioCatalogue(folder, new SpecReader(), published);
        assertEquals(List.of(), scenarios.problems());
        assertTrue(scenarios.isBuiltIn("round-trip-scenario"));
        assertTrue(new LessonCatalogue(folder, published).builtIn(Language.ZH).stream().map(Lesson::id).toList().contains("round-trip"));

        Map<String, String> changed = new LinkedHashMap<>(exported);
        changed.put("lessons/zh/50-round-trip.md", lesson("round-trip", "往返（改）", "## 新内容"));
        changed.put("quizzes/imported-quiz.yaml", AuthoringService.starter(lab.handshake.content.ContentKind.QUIZ).replace("__ID__", "imported-quiz"));
        changed.put("scenarios/syn-lost.yaml", scenario("syn-lost", "Clash"));
        changed.put("notes/readme.txt", "not content");
        Response report = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).contentType("application/zip").body(zip(changed))
                .queryParam("publish", true).post("/api/teacher/content/import");
        report.then().statusCode(200);
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Map<String, String> file : report.jsonPath().<Map<String, String>>getList("")) {
            outcomes.put(file.get("path"), file.get("outcome"));
        }
        assertEquals("PUBLISHED", outcomes.get("lessons/zh/50-round-trip.md"), report.asString());
        assertEquals("UNCHANGED", outcomes.get("scenarios/round-trip-scenario.yaml"), report.asString());
        assertEquals("PUBLISHED", outcomes.get("quizzes/imported-quiz.yaml"), report.asString());
        assertEquals("REFUSED", outcomes.get("scenarios/syn-lost.yaml"), report.asString());
        assertEquals("IGNORED", outcomes.get("notes/readme.txt"), report.asString());

        given().get("/lessons/round-trip?lang=zh").then().statusCode(200).body(containsString("往返（改）"));
        given().get("/api/quizzes/imported-quiz").then().statusCode(200);
        teacher.request().get("/api/teacher/content/" + lessonItem + "/revisions").then()
                .body("action", equalTo(List.of("import", "save", "create")));
        teacher.request().get("/api/teacher/content/" + lessonItem + "/revisions/2").then().body("text", equalTo(lesson("round-trip", "往返", "## 内容")));

        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).contentType("application/zip").body("not a zip".getBytes())
                .post("/api/teacher/content/import").then().statusCode(400).contentType("application/problem+json");

        // The report says what became of each file in the reader's language.
        Map<String, String> again = Map.of("scenarios/syn-lost.yaml", scenario("syn-lost", "Clash"), "notes/readme.txt", "not content");
        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).contentType("application/zip").body(zip(again)).queryParam("lang", "zh")
                .post("/api/teacher/content/import").then().statusCode(200)
                .body("find { it.path == 'notes/readme.txt' }.detail", equalTo("不是 lessons/<en|zh>/*.md、quizzes/*.yaml 或 scenarios/*.yaml 文件"))
                .body("find { it.path == 'scenarios/syn-lost.yaml' }.detail", containsString("内置课程体系中已有场景“syn-lost”"));
    }

    @Test
    void theImportFormTakesAnArchiveWithItsCsrfToken_andReportsEachFile() throws IOException {
        byte[] archive = zip(Map.of("scenarios/imported-by-form.yaml", scenario("imported-by-form", "Imported by form")));
        Response page = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content");
        String token = org.jsoup.Jsoup.parse(page.asString()).selectFirst("form[action='/teacher/content/import'] input[name=csrf-token]").val();
        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).cookies(page.getCookies())
                .multiPart("archive", "course.zip", archive, "application/zip").multiPart("csrf-token", token)
                .post("/teacher/content/import").then().statusCode(200)
                .body(containsString("scenarios/imported-by-form.yaml")).body(containsString("CREATED"));
        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).cookies(page.getCookies())
                .multiPart("archive", "course.zip", archive, "application/zip")
                .post("/teacher/content/import").then().statusCode(403);
    }

    @Test
    void everyEditorFormNeedsTheCsrfToken() {
        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("kind", "lesson").formParam("id", "no-token").formParam("language", "en")
                .post("/teacher/content").then().statusCode(403);
        teacher.request().get("/api/teacher/content").then().body("slug", not(hasItem("no-token")));

        Response created = teacher.create("lesson", "csrf-target", "en", null);
        long item = created.jsonPath().getLong("item.id");
        String version = created.jsonPath().getString("item.version");
        for (String form : List.of("/teacher/content/" + item + "/withdraw", "/teacher/content/" + item + "/revisions/1/restore")) {
            given().cookie(TeacherLogin.COOKIE, teacher.cookie()).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("version", version).post(form).then().statusCode(403);
        }
        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).redirects().follow(false)
                .multiPart("version", version).multiPart("text", "no token").multiPart("action", "save")
                .post("/teacher/content/" + item).then().statusCode(403);
        Response quiz = teacher.create("quiz", "csrf-quiz", null, null);
        given().cookie(TeacherLogin.COOKIE, teacher.cookie()).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("version", quiz.jsonPath().getString("item.version")).formParam("action", "save")
                .post("/teacher/content/" + quiz.jsonPath().getLong("item.id") + "/form").then().statusCode(403);
        teacher.request().get("/api/teacher/content/" + item).then().body("item.draftRevision", equalTo(1));
        teacher.request().get("/api/teacher/content/" + quiz.jsonPath().getLong("item.id")).then().body("item.draftRevision", equalTo(1));
    }

    static Map<String, String> unzip(byte[] archive) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
