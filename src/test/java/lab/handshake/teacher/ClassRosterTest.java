package lab.handshake.teacher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.api.Learner;
import lab.handshake.authoring.Authoring;
import lab.handshake.classes.TeacherClasses;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A class's roster and what its teacher reads of each student: the names given on joining (a pseudonym for none),
 * prompts with the numbers that student saw, numeric answers relative to their ISNs, and the CSV with names in it
 * and formula cells neutralised. Another teacher sees none of it.
 */
@QuarkusTest
class ClassRosterTest {
    private static final String QUIZ = "sequence-numbers";
    private static final String QUESTION = "ack-of-data";
    private static final Pattern CLIENT_ISN = Pattern.compile("ISN is (\\d+)");
    private static final String FORMULA_NAME = "=HYPERLINK(\"http://evil\")";

    private String teacher;
    private String otherTeacher;
    private String code;

    @BeforeEach
    void aClassWithThreeStudents() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        teacher = TeacherClasses.newTeacher("roster-" + suffix);
        otherTeacher = TeacherClasses.newTeacher("other-" + suffix);
        code = TeacherClasses.create(teacher, "Networks 101");
        join(Learner.fresh(), FORMULA_NAME);
        join(Learner.fresh(), null);
        join(Learner.fresh(), "李雷");
    }

    private Learner join(Learner learner, String name) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("joinCode", code));
        if (name != null) {
            body.put("displayName", name);
        }
        learner.request().contentType(ContentType.JSON).body(body).post("/api/learners/me/classes").then().statusCode(200);
        submitOneOffAckOfData(learner);
        return learner;
    }

    /** Answers the ack-of-data question with J+100 (the right answer is J+101: the data's 100 bytes after the SYN's one). */
    private void submitOneOffAckOfData(Learner learner) {
        JsonPath quiz = learner.request().get("/api/quizzes/" + QUIZ).then().statusCode(200).extract().jsonPath();
        Matcher isn = CLIENT_ISN.matcher(quiz.getString("questions.find { it.id == '" + QUESTION + "' }.prompt"));
        assertTrue(isn.find(), "the prompt names the client's ISN");
        long answer = (Long.parseLong(isn.group(1)) + 100) % (1L << 32);
        learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", quiz.getString("attemptId"), "classCode", code,
                        "answers", List.of(Map.of("question", QUESTION, "value", answer))))
                .post("/api/quizzes/" + QUIZ + "/attempts").then().statusCode(200);
    }

    @Test
    void theRosterNamesEveryoneAndGivesAPseudonymToWhoeverGaveNoName() {
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/roster").then().statusCode(200)
                .body("name", equalTo(List.of(FORMULA_NAME, "Student 2", "李雷")))
                .body("pseudonym", equalTo(List.of(false, true, false)))
                .body("number", equalTo(List.of(1, 2, 3)));
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/roster?lang=zh").then().statusCode(200)
                .body("[1].name", equalTo("学生 2"));
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/attempts").then().statusCode(200)
                .body("student", hasItem("Student 2")).body("student", hasItem("李雷"));
    }

    @Test
    void aLongOrMultiLineNameIsRefusedWithProblemJson() {
        Learner learner = Learner.fresh();
        learner.request().contentType(ContentType.JSON).body(Map.of("joinCode", code, "displayName", "x".repeat(81)))
                .post("/api/learners/me/classes").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("displayName"));
        learner.request().contentType(ContentType.JSON).body(Map.of("joinCode", code, "displayName", "a\nb"))
                .post("/api/learners/me/classes").then().statusCode(400);
    }

    @Test
    void classResultsNameTheIsnsAndCountWrongNumbersRelativeToThem() {
        JsonPath results = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code).then().statusCode(200)
                .extract().jsonPath();
        String prefix = "find { it.quiz == '" + QUIZ + "' }.questions.find { it.question == '" + QUESTION + "' }.";
        String prompt = results.getString(prefix + "prompt");
        assertTrue(prompt.contains("ISN is J") && !prompt.contains("{clientIsn}"), prompt);
        assertEquals("J+100", results.getString(prefix + "mostChosenWrong"));
        assertEquals(3, results.getInt(prefix + "mostChosenWrongCount"));
        given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get("/teacher/classes/" + code).then().statusCode(200)
                .body(not(containsString("{clientIsn}"))).body(containsString("李雷")).body(containsString("Student 2"));
    }

    @Test
    void theStudentViewShowsTheirOwnNumbersAndTheirAnswerRelativeToTheirIsn() {
        JsonPath roster = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/roster")
                .then().extract().jsonPath();
        long member = roster.getLong("find { it.name == '李雷' }.memberId");
        JsonPath view = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/students/" + member)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("李雷", view.getString("student.name"));
        String mistake = "attempts[0].mistakes.find { it.question == '" + QUESTION + "' }.";
        assertEquals("J+100", view.getString(mistake + "yourAnswer"));
        assertEquals("J+101", view.getString(mistake + "expected"));
        assertTrue(CLIENT_ISN.matcher(view.getString(mistake + "prompt")).find(), "the prompt carries the student's own number");
        given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get("/teacher/classes/" + code + "/students/" + member)
                .then().statusCode(200).body(containsString("J+100")).body(containsString("J+101"))
                .body(not(containsString("{clientIsn}")));
    }

    @Test
    void theStudentViewListsTheLessonsTheyReadAndTheSimulationsTheySteppedThrough() {
        Learner student = join(Learner.fresh(), "韩梅梅");
        for (String path : List.of("lessons-read/three-way-handshake", "lessons-read/three-way-handshake", "stepped-through/four-way-close")) {
            student.request().contentType(ContentType.JSON).post("/api/learners/me/" + path).then().statusCode(204);
        }
        student.request().contentType(ContentType.JSON).post("/api/learners/me/lessons-read/no-such-lesson").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-lesson"));
        // Read before joining any class: nobody's to follow then, so nothing was kept.
        Learner latecomer = Learner.fresh();
        latecomer.request().contentType(ContentType.JSON).post("/api/learners/me/lessons-read/syn-flood").then().statusCode(204);
        join(latecomer, "Latecomer");

        long member = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/roster")
                .then().extract().jsonPath().getLong("find { it.name == '韩梅梅' }.memberId");
        JsonPath view = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/students/" + member + "?lang=zh")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("three-way-handshake"), view.getList("lessonsRead.item"), "read twice, listed once");
        assertEquals("三次握手", view.getString("lessonsRead[0].title"));
        assertEquals(List.of("four-way-close"), view.getList("steppedThrough.item"));
        assertTrue(view.getString("lessonsRead[0].firstAt").compareTo(view.getString("lessonsRead[0].lastAt")) <= 0);
        given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get("/teacher/classes/" + code + "/students/" + member + "?lang=zh")
                .then().statusCode(200).body(containsString("读完的课程")).body(containsString("<td>三次握手</td>"))
                .body(containsString("data-item=\"four-way-close\""));
        // A teacher's lesson written in Chinese only is read (and titled) in Chinese from an English page too.
        Authoring.asAdmin().publishNew("lesson", "roster-only-chinese", "zh",
                "---\nid: roster-only-chinese\norder: 90\ntitle: 只有中文\nsummary: 摘要\n---\n\n## 内容\n\n握手。\n");
        student.request().contentType(ContentType.JSON).post("/api/learners/me/lessons-read/roster-only-chinese").then().statusCode(204);
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/students/" + member + "?lang=en")
                .then().statusCode(200).body("lessonsRead.find { it.item == 'roster-only-chinese' }.title", equalTo("只有中文"));
        long other = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/roster")
                .then().extract().jsonPath().getLong("find { it.name == 'Latecomer' }.memberId");
        given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get("/teacher/classes/" + code + "/students/" + other + "?lang=en")
                .then().statusCode(200).body(containsString("No lesson read to its end yet."))
                .body(containsString("No simulation stepped through to its last step yet."));
    }

    @Test
    void anotherTeacherGetsNotFoundForTheRosterTheStudentAndTheirPage() {
        long member = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + code + "/roster")
                .then().extract().jsonPath().getLong("[0].memberId");
        for (String path : List.of("/api/teacher/classes/" + code + "/roster", "/api/teacher/classes/" + code + "/students/" + member)) {
            given().cookie(TeacherLogin.COOKIE, otherTeacher).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().cookie(TeacherLogin.COOKIE, otherTeacher).accept("text/html").get("/teacher/classes/" + code + "/students/" + member)
                .then().statusCode(404);
        // A roster entry of another class is not found through one's own class either.
        String own = TeacherClasses.create(otherTeacher, "Other class");
        given().cookie(TeacherLogin.COOKIE, otherTeacher).get("/api/teacher/classes/" + own + "/students/" + member)
                .then().statusCode(404);
    }

    @Test
    void theCsvNamesEachStudentAndNeutralisesFormulaCells() throws IOException {
        String csv = given().cookie(TeacherLogin.COOKIE, teacher).get("/teacher/classes/" + code + "/results.csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.replace("\uFEFF", ""))).getRecords();
        List<String> students = rows.stream().map(row -> row.get("student")).distinct().toList();
        assertTrue(students.contains("'" + FORMULA_NAME), "a name starting with = is neutralised: " + students);
        assertTrue(students.contains("Student 2") && students.contains("李雷"), students.toString());
        assertTrue(rows.stream().filter(row -> row.get("question").equals(QUESTION))
                .allMatch(row -> row.get("answer").equals("J+100") && row.get("expected").equals("J+101")), csv);
    }
}
