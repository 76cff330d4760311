package lab.handshake.assignments;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lab.handshake.api.Learner;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assignments through the API: only a class's teacher sees and changes them, the request is validated, a quiz
 * attempt outside the window or beyond the attempts allowed is refused (in the page's language on the quiz page),
 * and the counted attempt follows BEST, LAST or FIRST.
 */
@QuarkusTest
class AssignmentsApiTest {
    private static final String QUIZ = "why-three-steps";

    private String teacherA;
    private String teacherB;
    private String classA;
    private String classB;

    @BeforeEach
    void twoTeachersWithAClassEach() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        teacherA = TeacherClasses.newTeacher("asg-a-" + suffix);
        teacherB = TeacherClasses.newTeacher("asg-b-" + suffix);
        classA = TeacherClasses.create(teacherA, "Networks A");
        classB = TeacherClasses.create(teacherB, "Networks B");
    }

    private static Map<String, Object> quizAssignment(Instant opens, Instant due, int attempts, String counted) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "QUIZ", "target", QUIZ, "opensAt", opens.toString(),
                "dueAt", due.toString(), "attemptsAllowed", attempts));
        if (counted != null) {
            body.put("counted", counted);
        }
        return body;
    }

    private static Response post(String teacher, String code, Map<String, Object> body) {
        return given().cookie(TeacherLogin.COOKIE, teacher).contentType(ContentType.JSON).body(body)
                .post("/api/classes/" + code + "/assignments");
    }

    private static long assign(String teacher, String code, Map<String, Object> body) {
        return post(teacher, code, body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> openNow(int attempts, String counted) {
        Instant now = Instant.now();
        return quizAssignment(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)), attempts, counted);
    }

    /** Submits the quiz for the class, answering the first question right or wrong. */
    private static Response submit(Learner learner, String classCode, boolean right) {
        String attempt = learner.startQuiz(QUIZ);
        return learner.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "classCode", classCode,
                        "answers", List.of(Map.of("question", "principal-reason", "choice", right ? "a" : "b"))))
                .post("/api/quizzes/" + QUIZ + "/attempts");
    }

    @Test
    void aTeacherCannotSeeOrChangeAnotherTeachersAssignments() {
        long id = assign(teacherA, classA, openNow(1, null));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/classes/" + classA + "/assignments").then().statusCode(200)
                .body("id", hasItem((int) id)).body("[0].counted", equalTo("BEST")).body("[0].link", equalTo("/quizzes/" + QUIZ));
        for (String path : List.of("/api/classes/" + classA + "/assignments", "/api/classes/" + classA + "/assignments/" + id,
                "/api/classes/" + classA + "/assignments/" + id + "/results.csv")) {
            given().cookie(TeacherLogin.COOKIE, teacherB).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        post(teacherB, classA, openNow(1, null)).then().statusCode(404).contentType("application/problem+json");
        given().cookie(TeacherLogin.COOKIE, teacherB).delete("/api/classes/" + classA + "/assignments/" + id).then().statusCode(404);
        // Nor through their own class.
        given().cookie(TeacherLogin.COOKIE, teacherB).delete("/api/classes/" + classB + "/assignments/" + id).then().statusCode(404);
        given().cookie(TeacherLogin.COOKIE, teacherB).get("/api/classes/" + classB + "/assignments/" + id).then().statusCode(404);
        given().get("/api/classes/" + classA + "/assignments").then().statusCode(401);
        given().cookie(TeacherLogin.COOKIE, teacherB).accept("text/html").get("/teacher/classes/" + classA + "/assignments").then().statusCode(404);
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/classes/" + classA + "/assignments/" + id).then().statusCode(200);
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).get("/api/classes/" + classA + "/assignments/" + id).then().statusCode(200);
        given().cookie(TeacherLogin.COOKIE, teacherA).delete("/api/classes/" + classA + "/assignments/" + id).then().statusCode(204);
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/classes/" + classA + "/assignments/" + id).then().statusCode(404);
    }

    @Test
    void anInvalidAssignmentIsRefusedNamingTheField() {
        Instant now = Instant.now();
        Map<String, Object> noKind = openNow(1, null);
        noKind.remove("kind");
        post(teacherA, classA, noKind).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("kind"));
        Map<String, Object> unknownQuiz = openNow(1, null);
        unknownQuiz.put("target", "no-such-quiz");
        post(teacherA, classA, unknownQuiz).then().statusCode(400).body("errors[0].field", equalTo("target"));
        post(teacherA, classA, quizAssignment(now, now.minusSeconds(60), 1, null)).then().statusCode(400)
                .body("errors[0].field", equalTo("dueAt"));
        post(teacherA, classA, openNow(0, null)).then().statusCode(400).body("errors[0].field", equalTo("attemptsAllowed"));
        post(teacherA, classA, openNow(1, "MOST")).then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> simulationWithoutMode = openNow(1, null);
        simulationWithoutMode.putAll(Map.of("kind", "SIMULATION", "target", "three-way-handshake"));
        post(teacherA, classA, simulationWithoutMode).then().statusCode(400).body("errors[0].field", equalTo("mode"));
        given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).body(simulationWithoutMode)
                .post("/api/classes/" + classA + "/assignments?lang=zh").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-assignment")).body("title", equalTo("无效的作业"))
                .body("errors[0].message", equalTo("模拟必须给出（STEP 或 PREDICT）"));
        given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).post("/api/classes/" + classA + "/assignments")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-assignment")).body("errors[0].field", equalTo("body"));
        simulationWithoutMode.put("mode", "PREDICT");
        post(teacherA, classA, simulationWithoutMode).then().statusCode(201)
                .body("link", equalTo("/simulator/three-way-handshake?mode=predict"));
    }

    private static Map<String, Object> predictAssignment(String scenario, String ask, Integer fromStep, Integer toStep) {
        Map<String, Object> body = openNow(1, null);
        body.putAll(Map.of("kind", "SIMULATION", "target", scenario, "mode", "PREDICT"));
        body.put("ask", ask);
        body.put("fromStep", fromStep);
        body.put("toStep", toStep);
        return body;
    }

    @Test
    void theStepsAPredictAssignmentAsksAreCheckedAndCarriedInTheStudentsLink() {
        long changes = post(teacherA, classA, predictAssignment("three-way-handshake", "CHANGES", null, null)).then().statusCode(201)
                .body("ask", equalTo("CHANGES")).body("link", equalTo("/simulator/three-way-handshake?mode=predict&ask=changes"))
                .extract().jsonPath().getLong("id");
        long range = post(teacherA, classA, predictAssignment("three-way-handshake", "RANGE", 3, 7)).then().statusCode(201)
                .body("fromStep", equalTo(3)).body("toStep", equalTo(7))
                .body("link", equalTo("/simulator/three-way-handshake?mode=predict&ask=range&from=3&to=7"))
                .extract().jsonPath().getLong("id");
        // The teacher's results page says which steps ask, in the reader's language.
        Map<String, String> shown = Map.of(changes + "?lang=zh", "仅状态变化", changes + "?lang=en", "state changes only",
                range + "?lang=zh", "第 3 至 7 步", range + "?lang=en", "steps 3 to 7");
        shown.forEach((page, words) -> given().cookie(TeacherLogin.COOKIE, teacherA).accept("text/html")
                .get("/teacher/classes/" + classA + "/assignments/" + page).then().statusCode(200)
                .body(containsString("<span class=\"asked-steps\">" + words + "</span>")));
        post(teacherA, classA, predictAssignment("three-way-handshake", null, null, null)).then().statusCode(201)
                .body("ask", equalTo("ALL")).body("link", equalTo("/simulator/three-way-handshake?mode=predict"));

        Map<Map<String, Object>, String> refused = new java.util.LinkedHashMap<>();
        refused.put(predictAssignment("three-way-handshake", "RANGE", 0, 7), "fromStep");
        refused.put(predictAssignment("three-way-handshake", "RANGE", 5, 3), "toStep");
        refused.put(predictAssignment("three-way-handshake", "RANGE", 5, null), "toStep");
        refused.put(predictAssignment("three-way-handshake", "RANGE", null, 5), "fromStep");
        refused.put(predictAssignment("three-way-handshake", "CHANGES", 2, null), "fromStep");
        refused.put(predictAssignment("three-way-handshake", null, null, 4), "toStep");
        Map<String, Object> quizAsking = openNow(1, null);
        quizAsking.put("ask", "CHANGES");
        refused.put(quizAsking, "ask");
        Map<String, Object> stepAsking = predictAssignment("three-way-handshake", "RANGE", 1, 2);
        stepAsking.put("mode", "STEP");
        refused.put(stepAsking, "ask");
        refused.forEach((body, field) -> post(teacherA, classA, body).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-assignment")).body("errors[0].field", equalTo(field)));
        post(teacherA, classA, predictAssignment("three-way-handshake", "SOME", null, null)).then().statusCode(400)
                .contentType("application/problem+json");
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/classes/" + classA + "/assignments").then().body("size()", equalTo(3));
    }

    @Test
    void theFormNamesTheStepFieldAtFaultInTheReadersLanguage() {
        String path = "/teacher/classes/" + classA + "/assignments";
        for (String[] language : new String[][] {{"zh", "结束步"}, {"en", "To step"}}) {
            Response page = given().cookie(TeacherLogin.COOKIE, teacherA).accept("text/html").get(path + "?lang=" + language[0]);
            String[] token = TeacherClasses.csrf(page);
            String refusal = given().cookie(TeacherLogin.COOKIE, teacherA).cookies(page.getCookies()).accept("text/html")
                    .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1])
                    .formParam("work", "PREDICT:three-way-handshake").formParam("opensAt", "2020-01-01T08:00")
                    .formParam("dueAt", "2099-01-01T08:00").formParam("attemptsAllowed", "1").formParam("counted", "BEST")
                    .formParam("ask", "RANGE").formParam("fromStep", "5").formParam("toStep", "3")
                    .post(path + "?lang=" + language[0]).then().statusCode(400).extract().asString();
            String named = refusal.replaceAll("(?s).*<span class=\"invalid-fields\">(.*?)</span></span>.*", "$1");
            assertTrue(named.contains("data-field=\"toStep\">" + language[1]), named);
            assertTrue(refusal.contains("name=\"toStep\" min=\"1\" max=\"100000\" inputmode=\"numeric\" aria-invalid=\"true\""), "the field is marked");
        }
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/classes/" + classA + "/assignments").then().body("size()", equalTo(0));
    }

    private static Response stepThrough(io.restassured.specification.RequestSpecification learner, String scenario) {
        // As a page's fetch() sends it: no body, so not a form (RestAssured would otherwise say one).
        return learner.contentType(ContentType.JSON).post("/api/learners/me/stepped-through/" + scenario);
    }

    @Test
    void steppingASimulationToItsEndMarksItsStepAssignmentDone() {
        Instant now = Instant.now();
        Map<String, Object> step = openNow(1, null);
        step.putAll(Map.of("kind", "SIMULATION", "target", "three-way-handshake", "mode", "STEP"));
        long open = assign(teacherA, classA, step);
        Map<String, Object> past = new HashMap<>(step);
        past.putAll(Map.of("opensAt", now.minus(Duration.ofDays(2)).toString(), "dueAt", now.minus(Duration.ofDays(1)).toString()));
        long due = assign(teacherA, classA, past);
        Learner student = Learner.fresh();
        student.join(classA);
        Learner outsider = Learner.fresh();
        student.request().get("/api/learners/me/assignments").then().body("find { it.id == " + open + " }.status", equalTo("OPEN"));

        stepThrough(student.request(), "three-way-handshake").then().statusCode(204);
        stepThrough(student.request(), "three-way-handshake").then().statusCode(204); // again: still one row, still done
        stepThrough(outsider.request(), "three-way-handshake").then().statusCode(204);
        stepThrough(student.request(), "no-such-scenario").then().statusCode(404).contentType("application/problem+json");
        stepThrough(student.request().header("Sec-Fetch-Site", "cross-site"), "three-way-handshake").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("another site"));
        stepThrough(given(), "three-way-handshake").then().statusCode(204).header("Set-Cookie", org.hamcrest.Matchers.nullValue());

        student.request().get("/api/learners/me/assignments").then()
                .body("find { it.id == " + open + " }.status", equalTo("DONE"))
                .body("find { it.id == " + due + " }.status", equalTo("MISSED"));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/classes/" + classA + "/assignments/" + open).then().statusCode(200)
                .body("completed", equalTo(1)).body("averagePercent", org.hamcrest.Matchers.nullValue())
                .body("perStudent[0].status", equalTo("DONE"));
        // Who stepped through before joining the class left no row: it was nobody's assignment yet.
        outsider.join(classA);
        outsider.request().get("/api/learners/me/assignments").then().body("find { it.id == " + open + " }.status", equalTo("OPEN"));
    }

    /** The step indexes predict mode asks of a scenario with this ask, walking its questions as the page does. */
    private static List<Integer> askedSteps(String scenario, String ask) {
        List<Integer> steps = new java.util.ArrayList<>();
        Integer step = Learner.fresh().request().queryParam("ask", ask).get("/api/predictions/" + scenario + "/next")
                .then().statusCode(200).extract().path("question.step");
        while (step != null) {
            steps.add(step);
            step = Learner.fresh().request().queryParam("ask", ask).queryParam("after", step)
                    .get("/api/predictions/" + scenario + "/next").then().statusCode(200).extract().path("question.step");
        }
        return steps;
    }

    private static Response predict(Learner learner, String scenario, Map<String, Object> prediction) {
        return learner.request().contentType(ContentType.JSON).body(prediction).post("/api/predictions/" + scenario);
    }

    @Test
    void aPredictAssignmentScoresOnlyTheStepsItAsks() {
        String scenario = "syn-lost";
        List<Integer> changes = askedSteps(scenario, "changes");
        int unchanged = askedSteps(scenario, "all").stream().filter(s -> !changes.contains(s)).findFirst()
                .orElseThrow(() -> new AssertionError("a retransmission keeps the state: syn-lost asks a step without a change"));
        int changing = changes.get(0);
        long all = assign(teacherA, classA, predictAssignment(scenario, null, null, null));
        long changesOnly = assign(teacherA, classA, predictAssignment(scenario, "CHANGES", null, null));
        long rangeOfTheUnchanged = assign(teacherA, classA, predictAssignment(scenario, "RANGE", unchanged + 1, unchanged + 1));
        Learner student = Learner.fresh();
        student.join(classA);
        // The right answer of the changing step, as the check reveals it; then the student predicts it right,
        // and the step that changes nothing wrong.
        Map<String, Object> expected = predict(Learner.fresh(), scenario, Map.of("step", changing, "state", "CLOSED"))
                .then().statusCode(200).extract().path("expected");
        Map<String, Object> right = new HashMap<>(Map.of("step", changing, "state", expected.get("state")));
        if (expected.get("segment") instanceof Map<?, ?> sent) {
            Map<String, Object> segment = new HashMap<>();
            List.of("flags", "seq", "ack").forEach(field -> segment.put(field, sent.get(field)));
            right.put("segment", segment);
        }
        predict(student, scenario, right).then().statusCode(200).body("right", equalTo(true));
        predict(student, scenario, Map.of("step", unchanged, "state", "CLOSED")).then().statusCode(200).body("right", equalTo(false));

        Map<Long, Integer> expectedPercent = Map.of(all, 50, changesOnly, 100, rangeOfTheUnchanged, 0);
        expectedPercent.forEach((id, percent) -> given().cookie(TeacherLogin.COOKIE, teacherA)
                .get("/api/classes/" + classA + "/assignments/" + id).then().statusCode(200)
                .body("perStudent[0].status", equalTo("DONE")).body("perStudent[0].percent", equalTo(percent)));
        student.request().get("/api/learners/me/assignments").then().statusCode(200)
                .body("find { it.id == " + changesOnly + " }.attemptsUsed", equalTo(1))
                .body("find { it.id == " + changesOnly + " }.percent", equalTo(100));
    }

    @Test
    void aStudentSeesTheAssignmentsOfTheirClassesOnly() {
        assign(teacherA, classA, openNow(1, null));
        Learner member = Learner.fresh();
        member.join(classA);
        Learner stranger = Learner.fresh();
        stranger.join(classB);
        member.request().get("/api/learners/me/assignments").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].className", equalTo("Networks A")).body("[0].status", equalTo("OPEN"));
        stranger.request().get("/api/learners/me/assignments").then().statusCode(200).body("size()", equalTo(0));
        // A student not in the class cannot submit for it.
        submit(stranger, classA, true).then().statusCode(403).body("type", equalTo("/problems/not-in-class"));
        member.request().accept("text/html").get("/progress").then().statusCode(200).body(containsString("learner-assignments"));
        stranger.request().accept("text/html").get("/progress").then().statusCode(200).body(not(containsString("learner-assignments")));
    }

    @Test
    void anAttemptBeforeOpeningOrAfterTheDueDateIsRefused() {
        Instant now = Instant.now();
        Learner student = Learner.fresh();
        student.join(classA);
        long id = assign(teacherA, classA, quizAssignment(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), 3, null));
        submit(student, classA, true).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/assignment-past-due"));
        student.request().get("/api/learners/me/assignments").then().body("[0].status", equalTo("MISSED"));
        given().cookie(TeacherLogin.COOKIE, teacherA).delete("/api/classes/" + classA + "/assignments/" + id).then().statusCode(204);

        assign(teacherA, classA, quizAssignment(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), 3, null));
        submit(student, classA, true).then().statusCode(409).body("type", equalTo("/problems/assignment-not-open"));
        student.request().get("/api/learners/me/assignments").then().body("[0].status", equalTo("NOT_OPEN"));

        // On the quiz page the refusal is said in the page's language, and nothing is graded.
        Response page = student.request().accept("text/html").get("/quizzes/" + QUIZ + "?lang=zh");
        String[] token = TeacherClasses.csrf(page);
        String attempt = page.asString().replaceAll("(?s).*name=\"attemptId\" value=\"([^\"]+)\".*", "$1");
        student.request().cookies(page.getCookies()).accept("text/html").contentType("application/x-www-form-urlencoded")
                .formParam(token[0], token[1]).formParam("attemptId", attempt).formParam("classCode", classA)
                .formParam("q.principal-reason", "a").post("/quizzes/" + QUIZ + "?lang=zh")
                .then().statusCode(409).body(containsString("尚未开放"));
        // Practice without the class is not an assignment attempt, and is graded.
        student.request().contentType(ContentType.JSON).body(Map.of("attemptId", attempt,
                "answers", List.of(Map.of("question", "principal-reason", "choice", "a")))).post("/api/quizzes/" + QUIZ + "/attempts")
                .then().statusCode(200);
    }

    @Test
    void attemptsBeyondTheAllowedAreRefused() {
        assign(teacherA, classA, openNow(2, null));
        Learner student = Learner.fresh();
        student.join(classA);
        submit(student, classA, false).then().statusCode(200);
        submit(student, classA, true).then().statusCode(200);
        submit(student, classA, true).then().statusCode(409).body("type", equalTo("/problems/assignment-attempts-used"));
        student.request().get("/api/learners/me/assignments").then().body("[0].status", equalTo("DONE"))
                .body("[0].attemptsUsed", equalTo(2));
    }

    @Test
    void theCountedAttemptIsTheBestTheLastOrTheFirst() {
        long best = assign(teacherA, classA, openNow(5, "BEST"));
        long last = assign(teacherA, classA, openNow(5, "LAST"));
        long first = assign(teacherA, classA, openNow(5, "FIRST"));
        Learner student = Learner.fresh();
        student.join(classA);
        Learner idle = Learner.fresh();
        idle.join(classA);
        submit(student, classA, false).then().statusCode(200);
        int rightPercent = submit(student, classA, true).then().statusCode(200).extract().path("percent");
        submit(student, classA, false).then().statusCode(200);
        assertTrue(rightPercent > 0);
        Map<Long, Integer> expected = Map.of(best, rightPercent, last, 0, first, 0);
        expected.forEach((id, percent) -> given().cookie(TeacherLogin.COOKIE, teacherA)
                .get("/api/classes/" + classA + "/assignments/" + id).then().statusCode(200)
                .body("students", equalTo(2)).body("completed", equalTo(1))
                .body("perStudent.find { it.status == 'DONE' }.percent", equalTo(percent))
                .body("perStudent.find { it.status == 'DONE' }.attemptsUsed", equalTo(3))
                .body("perStudent.find { it.status == 'OPEN' }.student", equalTo("Student 2"))
                .body("perQuestion.find { it.question == 'principal-reason' }.answered", equalTo(1)));
        String csv = given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/classes/" + classA + "/assignments/" + best + "/results.csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.contains("Student 1") && csv.contains("Student 2") && csv.contains("DONE,3," + rightPercent), csv);
        assertEquals(3, csv.strip().split("\r\n").length, "a header and a row per student");
    }
}
