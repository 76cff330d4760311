package lab.handshake.authoring;

import static io.restassured.RestAssured.given;
import static lab.handshake.authoring.AuthoringApiTest.lesson;
import static lab.handshake.authoring.AuthoringApiTest.zip;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import lab.handshake.teacher.Teacher;
import lab.handshake.teacher.TeacherLogin;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every item has an owner: colleagues read it, and change it only once the owner has made them co-editors;
 * administrators and managers change everything, and only they replace the built-in curriculum.
 */
@QuarkusTest
class ContentOwnershipTest {
    static final String PASSWORD = "long-enough-password";

    private Authoring owner;
    private Authoring colleague;
    private Authoring admin;

    @BeforeEach
    void signIn() {
        account("owner.a", false);
        account("colleague.b", false);
        owner = Authoring.as("owner.a", PASSWORD);
        colleague = Authoring.as("colleague.b", PASSWORD);
        admin = Authoring.asAdmin();
    }

    /** A teacher account (a manager if asked), created once. */
    static void account(String username, boolean manager) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Teacher.findByUsername(username) == null) {
                Teacher.create(username, PASSWORD, username, false).roles = manager ? Teacher.MANAGER + "," + Teacher.TEACHER : Teacher.TEACHER;
            }
        });
    }

    /** The owner's published lesson {@code id}, at revision 3 (create, save, save), the last one published. */
    private long ownersPublishedLesson(String id) {
        long item = owner.publishNew("lesson", id, "en", lesson(id, "First", "one"));
        long version = owner.get(item).jsonPath().getLong("item.version");
        version = owner.save(item, lesson(id, "Owner's text", "two"), version).then().statusCode(200).extract().jsonPath().getLong("item.version");
        owner.publish(item, version).then().statusCode(200);
        return item;
    }

    /** Every change a teacher can make to an item; the status of each answer. */
    private static List<Integer> tryEveryChange(Authoring teacher, long item, String id) throws IOException {
        long version = teacher.get(item).jsonPath().getLong("item.version");
        int saved = teacher.save(item, lesson(id, "Changed by " + teacher.cookie().hashCode(), "x"), version).statusCode();
        version = teacher.get(item).jsonPath().getLong("item.version");
        int published = teacher.publish(item, version).statusCode();
        version = teacher.get(item).jsonPath().getLong("item.version");
        int withdrawn = teacher.withdraw(item, version).statusCode();
        version = teacher.get(item).jsonPath().getLong("item.version");
        int restored = teacher.request().body(Map.of("version", version)).post("/api/teacher/content/" + item + "/revisions/1/restore").statusCode();
        return List.of(saved, published, withdrawn, restored);
    }

    private static Response importOver(Authoring teacher, String id, String text) throws IOException {
        return given().cookie(TeacherLogin.COOKIE, teacher.cookie()).contentType("application/zip")
                .body(zip(Map.of("lessons/en/50-" + id + ".md", text))).queryParam("publish", true).post("/api/teacher/content/import");
    }

    private static Map<String, Object> onlyFile(Response report) {
        report.then().statusCode(200);
        return report.jsonPath().getMap("[0]");
    }

    @Test
    void aColleagueReadsAnotherTeachersItem_butEveryChangeIsRefusedWith403_andTheItemIsUnchanged() throws IOException {
        long item = ownersPublishedLesson("owned-lesson");
        Response before = owner.get(item);

        colleague.request().get("/api/teacher/content").then().statusCode(200)
                .body("find { it.slug == 'owned-lesson' }.owner", equalTo("owner.a"));
        colleague.get(item).then().statusCode(200).body("draft", equalTo(before.jsonPath().getString("draft")));
        colleague.request().get("/api/teacher/content/" + item + "/revisions").then().statusCode(200).body("size()", equalTo(3));

        long version = before.jsonPath().getLong("item.version");
        colleague.save(item, lesson("owned-lesson", "Taken over", "mine"), version).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("/problems/not-allowed"))
                .body("detail", containsString("owned by owner.a")).body("detail", containsString("ask them to add you as a co-editor"));
        assertEquals(List.of(403, 403, 403, 403), tryEveryChange(colleague, item, "owned-lesson"));
        Map<String, Object> imported = onlyFile(importOver(colleague, "owned-lesson", lesson("owned-lesson", "Imported over", "mine")));
        assertEquals("REFUSED", imported.get("outcome"));
        assertEquals(Map.of("reason", "not-an-editor", "owner", "owner.a"), imported.get("notAllowed"));
        colleague.request().body(Map.of("editors", List.of("colleague.b"))).put("/api/teacher/content/" + item + "/editors")
                .then().statusCode(403).body("detail", containsString("Only the owner"));
        colleague.request().queryParam("lang", "zh").body(Map.of("editors", List.of("colleague.b"))).put("/api/teacher/content/" + item + "/editors")
                .then().statusCode(403).body("title", equalTo("不允许"))
                .body("detail", equalTo("只有课程“owned-lesson”的所有者（owner.a）、管理员或内容管理员才能更改它的所有者和编辑者。"));
        colleague.request().body(Map.of("owner", "colleague.b")).put("/api/teacher/content/" + item + "/owner").then().statusCode(403);

        Response after = owner.get(item);
        assertEquals(before.jsonPath().getString("draft"), after.jsonPath().getString("draft"));
        assertEquals(before.jsonPath().getString("published"), after.jsonPath().getString("published"));
        assertEquals(version, after.jsonPath().getLong("item.version"));
        after.then().body("item.owner", equalTo("owner.a")).body("item.coEditors", equalTo(List.of())).body("item.status", equalTo("published"));
        given().get("/lessons/owned-lesson?lang=en").then().statusCode(200).body(containsString("Owner&#39;s text"));
    }

    @Test
    void aCoEditorChangesTheItem_untilTheOwnerRemovesThem_andTheHistoryNamesWhoDidWhat() throws IOException {
        long item = ownersPublishedLesson("shared-with-b");
        owner.request().body(Map.of("editors", List.of("colleague.b", "owner.a"))).put("/api/teacher/content/" + item + "/editors")
                .then().statusCode(200).body("item.coEditors", equalTo(List.of("colleague.b")));

        assertEquals(List.of(200, 200, 200, 200), tryEveryChange(colleague, item, "shared-with-b"));
        assertEquals("PUBLISHED", onlyFile(importOver(colleague, "shared-with-b", lesson("shared-with-b", "Imported by B", "b"))).get("outcome"));
        colleague.request().get("/api/teacher/content/" + item + "/revisions").then().body("[0].savedBy", equalTo("colleague.b"))
                .body("[0].action", equalTo("import"));

        owner.request().body(Map.of("editors", List.of())).put("/api/teacher/content/" + item + "/editors")
                .then().statusCode(200).body("item.coEditors", equalTo(List.of()));
        Response before = owner.get(item);
        assertEquals(List.of(403, 403, 403, 403), tryEveryChange(colleague, item, "shared-with-b"));
        assertEquals("REFUSED", onlyFile(importOver(colleague, "shared-with-b", lesson("shared-with-b", "Again", "b"))).get("outcome"));
        assertEquals(before.jsonPath().getString("draft"), owner.get(item).jsonPath().getString("draft"));

        Response changes = owner.request().get("/api/teacher/content/" + item + "/changes");
        changes.then().statusCode(200).body("[0].action", equalTo("editors")).body("[0].detail", equalTo(""))
                .body("[0].changedBy", equalTo("owner.a"));
        List<Map<String, Object>> all = changes.jsonPath().getList("");
        assertTrue(all.contains(Map.of("action", "editors", "detail", "colleague.b", "changedBy", "owner.a",
                "changedAt", all.stream().filter(c -> "colleague.b".equals(c.get("detail"))).findFirst().orElseThrow().get("changedAt"))), all.toString());
        assertTrue(all.stream().anyMatch(c -> c.get("action").equals("withdraw") && c.get("changedBy").equals("colleague.b")), all.toString());
        assertTrue(all.stream().anyMatch(c -> c.get("action").equals("publish") && c.get("changedBy").equals("owner.a")), all.toString());
    }

    @Test
    void theOwnerHandsAnItemOver_stayingACoEditor_andTheNewOwnerDecidesFromThenOn() {
        long item = ownersPublishedLesson("handed-over");
        owner.request().body(Map.of("owner", "colleague.b")).put("/api/teacher/content/" + item + "/owner").then().statusCode(200)
                .body("item.owner", equalTo("colleague.b")).body("item.coEditors", equalTo(List.of("owner.a")));
        owner.request().get("/api/teacher/content/" + item + "/changes").then()
                .body("[0].action", equalTo("owner")).body("[0].detail", equalTo("colleague.b")).body("[0].changedBy", equalTo("owner.a"));

        colleague.request().body(Map.of("editors", List.of())).put("/api/teacher/content/" + item + "/editors").then().statusCode(200);
        long version = owner.get(item).jsonPath().getLong("item.version");
        owner.save(item, lesson("handed-over", "No longer mine", "x"), version).then().statusCode(403)
                .body("detail", containsString("owned by colleague.b"));

        colleague.request().body(Map.of("owner", "nobody.here")).put("/api/teacher/content/" + item + "/owner")
                .then().statusCode(400).body("errors.field", hasItem("owner"));
        colleague.request().body(Map.of("editors", List.of("owner.a", "nobody.here"))).put("/api/teacher/content/" + item + "/editors")
                .then().statusCode(400).body("errors.field", hasItem("editors"));
        colleague.request().body(Map.of()).put("/api/teacher/content/" + item + "/editors").then().statusCode(400);
        owner.get(item).then().body("item.coEditors", equalTo(List.of()));
    }

    @Test
    void aPlainTeacherCannotReplaceBuiltInLessonsOrQuizzes_whileAdministratorsAndManagersCan() throws IOException {
        colleague.create("lesson", "header-fields", "en", null).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("built-in curriculum"));
        colleague.create("quiz", "syn-flood", null, null).then().statusCode(403);
        Map<String, Object> imported = onlyFile(given().cookie(TeacherLogin.COOKIE, colleague.cookie()).contentType("application/zip")
                .body(zip(Map.of("quizzes/syn-flood.yaml", "id: syn-flood\n"))).post("/api/teacher/content/import"));
        assertEquals("REFUSED", imported.get("outcome"));
        assertEquals("built-in", ((Map<?, ?>) imported.get("notAllowed")).get("reason"));
        colleague.request().get("/api/teacher/content").then().body("slug", not(hasItem("syn-flood")));

        Response adapted = admin.create("lesson", "header-fields", "zh", null);
        adapted.then().statusCode(201).body("item.owner", equalTo("admin"));
        account("manager.m", true);
        Authoring manager = Authoring.as("manager.m", PASSWORD);
        // A built-in lesson, not a quiz: QuizFormTest adapts every built-in quiz in the same database.
        manager.create("lesson", "why-three-why-four", "en", null).then().statusCode(201).body("item.owner", equalTo("manager.m"));

        // Even as a co-editor, a plain teacher does not change what replaces the built-in curriculum.
        long item = adapted.jsonPath().getLong("item.id");
        admin.request().body(Map.of("editors", List.of("colleague.b"))).put("/api/teacher/content/" + item + "/editors").then().statusCode(200);
        colleague.save(item, "changed", adapted.jsonPath().getLong("item.version")).then().statusCode(403)
                .body("detail", containsString("built-in curriculum"));

        long owners = ownersPublishedLesson("managed-lesson");
        manager.save(owners, lesson("managed-lesson", "Corrected by the manager", "m"), owner.get(owners).jsonPath().getLong("item.version"))
                .then().statusCode(200);
        manager.request().get("/api/teacher/content/" + owners + "/revisions").then().body("[0].savedBy", equalTo("manager.m"));
    }

    @Test
    void onThePagesAColleagueReadsTheItem_andAChangeTheySendAnywayIsRefusedInTheirLanguage() throws IOException {
        long item = ownersPublishedLesson("page-owned");
        long version = owner.get(item).jsonPath().getLong("item.version");

        Document list = Jsoup.parse(given().cookie(TeacherLogin.COOKIE, colleague.cookie()).get("/teacher/content?lang=en").asString());
        assertEquals("owner.a", list.selectFirst("a[href=/teacher/content/" + item + "]").closest("tr").selectFirst(".item-owner").text());
        assertNull(list.selectFirst("button[aria-label^=Adapt]"), "a plain teacher is not offered to adapt built-in content");

        Response editor = given().cookie(TeacherLogin.COOKIE, colleague.cookie()).get("/teacher/content/" + item + "?lang=zh");
        Document page = Jsoup.parse(editor.asString());
        assertTrue(page.selectFirst("#read-only").text().contains("owner.a"), page.select("main").text());
        assertNull(page.selectFirst("#save-button"));
        assertNull(page.selectFirst("#editors-form"), "only the owner manages the co-editors");

        String refused = given().cookie(TeacherLogin.COOKIE, colleague.cookie()).cookies(editor.getCookies())
                .multiPart("csrf-token", page.selectFirst("input[name=csrf-token]").val())
                .multiPart("version", String.valueOf(version)).multiPart("text", lesson("page-owned", "Taken", "x"))
                .multiPart("action", "publish")
                .post("/teacher/content/" + item + "?lang=zh").then().statusCode(403).extract().asString();
        assertEquals("此项归 owner.a 所有；请让对方把你加为协作编辑者。没有做任何更改。", Jsoup.parse(refused).selectFirst("#editor-error p").text());
        owner.get(item).then().body("item.version", equalTo((int) version)).body("published", containsString("Owner's text"));

        Document history = Jsoup.parse(given().cookie(TeacherLogin.COOKIE, colleague.cookie()).get("/teacher/content/" + item + "/history?lang=en").asString());
        assertTrue(history.selectFirst("#changes").text().contains("published revision 3"), history.select("main").text());
        assertTrue(history.select("form[action*=restore]").isEmpty(), "no restore button for a reader");

        Response listPage = given().cookie(TeacherLogin.COOKIE, colleague.cookie()).get("/teacher/content?lang=zh");
        String importToken = Jsoup.parse(listPage.asString()).selectFirst("form[action='/teacher/content/import'] input[name=csrf-token]").val();
        String report = given().cookie(TeacherLogin.COOKIE, colleague.cookie()).cookies(listPage.getCookies())
                .multiPart("archive", "course.zip", zip(Map.of("lessons/en/50-page-owned.md", lesson("page-owned", "Imported", "x"))), "application/zip")
                .multiPart("csrf-token", importToken).post("/teacher/content/import?lang=zh").then().statusCode(200).extract().asString();
        assertEquals("此项归 owner.a 所有；请让对方把你加为协作编辑者。没有做任何更改。",
                Jsoup.parse(report).selectFirst("tr.outcome-REFUSED td:nth-child(3)").text());
        owner.get(item).then().body("item.version", equalTo((int) version));

        Response ownersPage = given().cookie(TeacherLogin.COOKIE, owner.cookie()).get("/teacher/content/" + item + "?lang=zh");
        Document ownersEditor = Jsoup.parse(ownersPage.asString());
        assertNotNull(ownersEditor.selectFirst("#save-button"));
        String token = ownersEditor.selectFirst("#editors-form input[name=csrf-token]").val();
        String unknown = given().cookie(TeacherLogin.COOKIE, owner.cookie()).cookies(ownersPage.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token).formParam("editors", "colleague.b, nobody.here")
                .post("/teacher/content/" + item + "/editors?lang=zh").then().statusCode(400).extract().asString();
        assertEquals("没有使用该用户名的教师账户，请检查拼写。没有做任何更改。", Jsoup.parse(unknown).selectFirst("#editor-error p").text());
        given().cookie(TeacherLogin.COOKIE, owner.cookie()).cookies(ownersPage.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token).formParam("editors", "colleague.b").redirects().follow(false)
                .post("/teacher/content/" + item + "/editors").then().statusCode(303);
        Document nowEditable = Jsoup.parse(given().cookie(TeacherLogin.COOKIE, colleague.cookie()).get("/teacher/content/" + item).asString());
        assertNotNull(nowEditable.selectFirst("#save-button"), "a co-editor is offered to save");
        assertEquals("colleague.b", nowEditable.selectFirst(".item-co-editors").text());
    }
}
