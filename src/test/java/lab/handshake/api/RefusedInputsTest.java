package lab.handshake.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import lab.handshake.authoring.Authoring;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.Test;

/**
 * The inputs that once answered 500: each is refused with a 4xx problem document that names what is wrong
 * (or, for a lesson, stops publication), and the server keeps serving.
 */
@QuarkusTest
class RefusedInputsTest {
    private static final String PCAPNG = "application/x-pcapng";

    // ---------------------------------------------------------------------------------------------------
    // Captures
    // ---------------------------------------------------------------------------------------------------

    /** A pcapng block: type, total length, body, total length again (little-endian). */
    private static byte[] block(int type, int declaredLength, byte[] body) {
        ByteBuffer block = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        return block.putInt(type).putInt(declaredLength).put(body).putInt(declaredLength).array();
    }

    private static byte[] block(int type, byte[] body) {
        return block(type, 12 + body.length, body);
    }

    /** A section header and one Ethernet interface: the start of every pcapng file. */
    private static byte[] pcapngStart() {
        byte[] section = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).array();
        byte[] ethernet = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 0)
                .putInt(65535).array();
        return concat(block(0x0A0D0D0A, section), block(1, ethernet));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static Response uploadCapture(byte[] capture) {
        return given().contentType(PCAPNG).body(capture).post("/api/captures");
    }

    @Test
    void aPcapngWhoseBlockLengthOverflowsIsRefusedNamingTheBlock() {
        byte[] capture = concat(pcapngStart(), block(6, 0x7FFF_FFFC, new byte[20]));
        uploadCapture(capture).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/invalid-capture"))
                .body("detail", allOf(containsString("block at byte 48"), containsString("2147483644 bytes")));
    }

    @Test
    void aPcapngWithAnOversizedPacketBlockIsRefusedNamingThePacket() {
        // An enhanced packet block claiming a 300,000-byte packet (the largest allowed is 262,144).
        byte[] packet = ByteBuffer.allocate(20 + 64).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0).putInt(0).putInt(0).putInt(300_000).putInt(300_000).array();
        uploadCapture(concat(pcapngStart(), block(6, packet))).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", allOf(containsString("packet at byte 48"), containsString("300000 captured bytes")));
        // And one claiming more bytes than its own block holds.
        byte[] longer = ByteBuffer.allocate(20 + 64).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0).putInt(0).putInt(0).putInt(200).putInt(200).array();
        uploadCapture(concat(pcapngStart(), block(6, longer))).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("more captured bytes than its block holds"));
        // A packet block too short for its own fields, at the very end of the file.
        uploadCapture(concat(pcapngStart(), block(6, new byte[0]))).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("12 bytes is impossible for its type"));
    }

    // ---------------------------------------------------------------------------------------------------
    // Teachers' archives and forms
    // ---------------------------------------------------------------------------------------------------

    @Test
    void aZipEntryNameThatIsNotUtf8IsRefusedByTheImport() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Latin-1 names are not flagged as UTF-8 in the archive, and "é" alone is not valid UTF-8.
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.ISO_8859_1)) {
            zip.putNextEntry(new ZipEntry("scenarios/café.yaml"));
            zip.write("id: cafe\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType("application/zip").body(bytes.toByteArray())
                .post("/api/teacher/content/import")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/invalid-archive"))
                .body("detail", containsString("Entry 1 of the archive has a name that is not valid UTF-8"));
    }

    /** A multipart body that stops in the middle of its first part, without the closing boundary. */
    private static final String CUT_OFF_MULTIPART = "--cut\r\nContent-Disposition: form-data; name=\"csrf-token\"\r\n\r\nabc";

    @Test
    void aTruncatedMultipartBodyToLogoutIsRefusedWithoutBeingRead() {
        // Logging out takes only its own form (URL-encoded, with its token): any multipart body is refused unread.
        RefusalsTest.raw().contentType("multipart/form-data; boundary=cut").body(CUT_OFF_MULTIPART.getBytes(StandardCharsets.UTF_8))
                .post("/logout")
                .then().statusCode(415).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aTruncatedMultipartBodyToATeachersFormIsRefusedWith400() {
        RefusalsTest.raw().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType("multipart/form-data; boundary=cut")
                .body(CUT_OFF_MULTIPART.getBytes(StandardCharsets.UTF_8)).post("/teacher/content/import")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("type", equalTo("/problems/invalid-body"));
    }

    // ---------------------------------------------------------------------------------------------------
    // Lessons and quizzes
    // ---------------------------------------------------------------------------------------------------

    private static String lesson(String id, String body) {
        return "---\nid: " + id + "\norder: 51\ntitle: Steps\nsummary: 测试课程。\nscenarios: []\nquizzes: []\n---\n\n" + body + "\n";
    }

    /** Saves the lesson as a new draft and tries to publish it; the answer to the publication. */
    private static Response publishLesson(Authoring teacher, String id, String text) {
        Response created = teacher.create("lesson", id, "en", null);
        created.then().statusCode(201);
        Response saved = teacher.save(created.jsonPath().getLong("item.id"), text, created.jsonPath().getLong("item.version"));
        saved.then().statusCode(200);
        return teacher.publish(saved.jsonPath().getLong("item.id"), saved.jsonPath().getLong("item.version"));
    }

    @Test
    void aLessonWithAStepNoSimulationCanHaveIsNotPublished() {
        Authoring teacher = Authoring.asAdmin();
        String tag = "[[simulation three-way-handshake step=99999999999]]";
        publishLesson(teacher, "huge-step", lesson("huge-step", tag))
                .then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors.message", hasItem(containsString(tag + ": step must be a whole number from 1")));
        String beyond = "[[simulation three-way-handshake step=5000]]";
        publishLesson(teacher, "beyond-step", lesson("beyond-step", beyond))
                .then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors.message", hasItem(containsString(beyond + ": step=5000 is beyond the simulation's last step")));
        // The preview, which renders the draft as students would see it, answers too.
        teacher.request().body(Map.of("kind", "lesson", "id", "huge-step", "language", "en", "text", lesson("huge-step", tag)))
                .post("/api/teacher/content/preview").then().statusCode(200).body(containsString("step must be a whole number"));
    }

    @Test
    void aLessonWithAReachableStepIsPublishedAndItsPageStartsThere() {
        Authoring teacher = Authoring.asAdmin();
        publishLesson(teacher, "good-step", lesson("good-step", "[[simulation three-way-handshake step=3]]"))
                .then().statusCode(200);
        given().get("/lessons/good-step?lang=en").then().statusCode(200).body(containsString("data-step=\"3\""));
    }

    /** One multiple-choice question whose four options explain themselves at length: 54,592 characters in all. */
    private static String longQuiz(String id) {
        StringBuilder quiz = new StringBuilder("id: " + id + "\ntitle: {en: \"Long\", zh: \"长\"}\ntopic: handshake\n"
                + "questions:\n  - id: long\n    kind: multiple\n    prompt: {en: \"Pick\", zh: \"选\"}\n    options:\n");
        List<String> ids = List.of("a", "b", "c", "d");
        for (String option : ids) {
            quiz.append("      - id: ").append(option).append("\n        text: {en: \"Option ").append(option)
                    .append("\", zh: \"选项\"}\n        correct: ").append(option.equals("a"))
                    .append("\n        why: {en: \"").append(option.repeat(13_000)).append("\", zh: \"因为\"}\n");
        }
        String whyStart = "    why: {en: \"";
        String whyEnd = "\", zh: \"因为\"}\n";
        quiz.append(whyStart).append("w".repeat(54_592 - quiz.length() - whyStart.length() - whyEnd.length())).append(whyEnd);
        return quiz.toString();
    }

    @Test
    void aQuizOfFiftyFourThousandCharactersAnsweredWithAllFourOptionsIsGraded() {
        Authoring teacher = Authoring.asAdmin();
        String text = longQuiz("long-quiz");
        teacher.publishNew("quiz", "long-quiz", null, text);
        Response started = given().get("/api/quizzes/long-quiz?lang=en").then().statusCode(200).extract().response();
        String attempt = started.path("attemptId");
        List<Map<String, Object>> answers = new ArrayList<>();
        answers.add(Map.of("question", "long", "choices", List.of("a", "b", "c", "d")));
        given().contentType("application/json").cookie(LearnerIdentity.COOKIE, started.getCookie(LearnerIdentity.COOKIE))
                .body(Map.of("attemptId", attempt, "answers", answers))
                .post("/api/quizzes/long-quiz/attempts")
                .then().statusCode(200).body("questions[0].options.size()", equalTo(4));
    }
}
