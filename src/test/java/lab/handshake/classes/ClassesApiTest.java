package lab.handshake.classes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lab.handshake.api.Learner;
import lab.handshake.quiz.QuizAttempt;
import lab.handshake.teacher.TeacherLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two teachers and two students try each other's classes and attempts through the API: a teacher sees and
 * changes only their own classes, a student submits only their own attempts and only for classes they joined.
 */
@QuarkusTest
class ClassesApiTest {
    private static final String QUIZ = "why-three-steps";

    private String teacherA;
    private String teacherB;
    private String classA;
    private String classB;
    private final Learner studentA = Learner.fresh();
    private final Learner studentB = Learner.fresh();

    @BeforeEach
    void twoTeachersWithAClassEach() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        teacherA = TeacherClasses.newTeacher("alice-" + suffix);
        teacherB = TeacherClasses.newTeacher("bob-" + suffix);
        classA = TeacherClasses.create(teacherA, "Alice's networks class");
        classB = TeacherClasses.create(teacherB, "Bob's networks class");
    }

    private static Response submit(Learner learner, String attempt, String classCode) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("attemptId", attempt,
                "answers", List.of(Map.of("question", "principal-reason", "choice", "b"))));
        if (classCode != null) {
            body.put("classCode", classCode);
        }
        return learner.request().contentType(ContentType.JSON).body(body).post("/api/quizzes/" + QUIZ + "/attempts");
    }

    private static QuizAttempt stored(String attempt) {
        return QuarkusTransaction.requiringNew().call(() -> QuizAttempt.<QuizAttempt>findById(attempt));
    }

    @Test
    void joinCodesAreTenRandomCharactersWithoutLookAlikes() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String code = TeacherClasses.create(teacherA, "Class " + i);
            assertTrue(code.matches("[A-HJ-NP-Z2-9]{10}"), code);
            codes.add(code);
        }
        assertEquals(20, codes.size(), "every class has its own code");
    }

    @Test
    void aTeacherSeesOnlyTheirOwnClassesAndAnAdministratorSeesEvery() {
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes").then().statusCode(200)
                .body("joinCode", hasItem(classA)).body("joinCode", not(hasItem(classB)))
                .body("find { it.joinCode == '" + classA + "' }.name", equalTo("Alice's networks class"));
        given().cookie(TeacherLogin.COOKIE, teacherB).get("/api/teacher/classes").then().statusCode(200)
                .body("joinCode", hasItem(classB)).body("joinCode", not(hasItem(classA)));
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).get("/api/teacher/classes").then().statusCode(200)
                .body("joinCode", hasItems(classA, classB))
                .body("find { it.joinCode == '" + classA + "' }.owner", containsString("alice-"));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/teacher").then().statusCode(200)
                .body(containsString(classA)).body(not(containsString(classB)));
    }

    @Test
    void anotherTeachersClassIsNotFoundInTheApiThePagesAndTheCsv() {
        String attempt = studentB.startQuiz(QUIZ);
        studentB.join(classB);
        submit(studentB, attempt, classB).then().statusCode(200);
        for (String path : List.of("/api/teacher/classes/" + classB, "/api/teacher/classes/" + classB + "/attempts")) {
            given().cookie(TeacherLogin.COOKIE, teacherA).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).body(Map.of("excluded", true))
                .put("/api/teacher/classes/" + classB + "/attempts/" + attempt)
                .then().statusCode(404).contentType("application/problem+json");
        given().cookie(TeacherLogin.COOKIE, teacherA).accept("text/html").get("/teacher/classes/" + classB).then().statusCode(404);
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/teacher/classes/" + classB + "/results.csv").then().statusCode(404);
        // Nor can a teacher reach an attempt of another class through their own class.
        given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).body(Map.of("excluded", true))
                .put("/api/teacher/classes/" + classA + "/attempts/" + attempt).then().statusCode(404);
        given().cookie(TeacherLogin.COOKIE, teacherB).contentType(ContentType.JSON).body(Map.of())
                .put("/api/teacher/classes/" + classB + "/attempts/" + attempt + "?lang=zh").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-attempt-change")).body("title", equalTo("无效的修改"))
                .body("errors[0].field", equalTo("excluded"));
        given().cookie(TeacherLogin.COOKIE, teacherB).contentType(ContentType.JSON)
                .put("/api/teacher/classes/" + classB + "/attempts/" + attempt).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-attempt-change")).body("errors[0].field", equalTo("body"));
        assertEquals(false, stored(attempt).excluded, "the attempt is unchanged");

        given().cookie(TeacherLogin.COOKIE, teacherB).get("/api/teacher/classes/" + classB).then().statusCode(200)
                .body("[0].attempts", equalTo(1));
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).get("/api/teacher/classes/" + classB + "/attempts")
                .then().statusCode(200).body("id", hasItem(attempt));
    }

    @Test
    void aStudentSubmitsOnlyForAClassTheyJoined() {
        studentA.join(classA);
        String attemptB = studentB.startQuiz(QUIZ);
        submit(studentB, attemptB, classA).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-in-class")).body("errors[0].field", equalTo("classCode"));
        submit(studentB, attemptB, "NO-SUCH-CLASS").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-class"));
        assertNull(stored(attemptB).submittedAt, "a refused attempt stays open");

        String attemptA = studentA.startQuiz(QUIZ);
        submit(studentA, attemptA, classA.toLowerCase()).then().statusCode(200);
        submit(studentB, attemptB, null).then().statusCode(200);
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes/" + classA + "/attempts").then().statusCode(200)
                .body("id", equalTo(List.of(attemptA)));
        studentA.request().get("/api/learners/me/classes").then().statusCode(200)
                .body("joinCode", equalTo(List.of(classA))).body("name", equalTo(List.of("Alice's networks class")));
        studentB.request().get("/api/learners/me/classes").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anAttemptIsSubmittedOnlyByTheLearnerItWasHandedOutTo() {
        String attempt = studentA.startQuiz(QUIZ);
        submit(studentB, attempt, null).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-your-attempt"));
        given().contentType(ContentType.JSON).body(Map.of("attemptId", attempt, "answers", List.of()))
                .post("/api/quizzes/" + QUIZ + "/attempts").then().statusCode(403);
        QuizAttempt unchanged = stored(attempt);
        assertNull(unchanged.submittedAt, "nobody else graded it");
        assertEquals(studentA.id(), unchanged.learnerId, "it still belongs to the learner it was handed out to");
        submit(studentA, attempt, null).then().statusCode(200);
    }

    @Test
    void joiningWithAnUnknownOrLegacyCodeIs404AndJoiningTwiceChangesNothing() {
        studentA.request().contentType(ContentType.JSON).body(Map.of("joinCode", "ZZZZZZZZZZ"))
                .post("/api/learners/me/classes").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-class"))
                .body("title", equalTo("Unknown class"));
        studentA.request().contentType(ContentType.JSON).header("Accept-Language", "zh").body(Map.of("joinCode", "ZZZZZZZZZZ"))
                .post("/api/learners/me/classes").then().statusCode(404)
                .body("title", equalTo("未知的班级"))
                .body("errors[0].message", equalTo("不是任何班级的代码"));
        studentA.request().contentType(ContentType.JSON).body(Map.of()).post("/api/learners/me/classes")
                .then().statusCode(400).body("errors[0].field", equalTo("joinCode"));
        QuarkusTransaction.requiringNew().run(() -> {
            SchoolClass legacy = new SchoolClass();
            legacy.name = "NET-" + classA;
            legacy.joinCode = "LEGACY-NET-" + classA;
            legacy.legacy = true;
            legacy.createdAt = Instant.now();
            legacy.persist();
        });
        studentA.request().contentType(ContentType.JSON).body(Map.of("joinCode", "LEGACY-NET-" + classA))
                .post("/api/learners/me/classes").then().statusCode(404);
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes").then()
                .body("joinCode", not(hasItem("LEGACY-NET-" + classA)));
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).get("/api/teacher/classes").then()
                .body("find { it.joinCode == 'LEGACY-NET-" + classA + "' }.legacy", equalTo(true));

        studentA.join(classA);
        studentA.join(" " + classA.substring(0, 5) + "-" + classA.substring(5).toLowerCase() + " ");
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes").then()
                .body("find { it.joinCode == '" + classA + "' }.members", equalTo(1));
    }

    @Test
    void aClassNeedsANameOnOneLine() {
        for (Map<String, String> body : List.<Map<String, String>>of(Map.of("name", " "), Map.of("name", "a".repeat(81)), Map.of("name", "two\nlines"), Map.of())) {
            given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).body(body).post("/api/teacher/classes")
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("name"));
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "Anonymous")).post("/api/teacher/classes").then().statusCode(401);
    }

    @Test
    void theTeacherExcludesAnAttemptFromTheResultsAndCountsItAgain() {
        studentA.join(classA);
        studentB.join(classA);
        String right = studentA.startQuiz(QUIZ);
        int rightPercent = studentA.request().contentType(ContentType.JSON)
                .body(Map.of("attemptId", right, "classCode", classA, "answers", List.of(Map.of("question", "principal-reason", "choice", "a"))))
                .post("/api/quizzes/" + QUIZ + "/attempts").then().statusCode(200).extract().path("percent");
        String wrong = studentB.startQuiz(QUIZ);
        submit(studentB, wrong, classA).then().statusCode(200);
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes/" + classA).then().body("[0].attempts", equalTo(2));

        given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).body(Map.of("excluded", true))
                .put("/api/teacher/classes/" + classA + "/attempts/" + wrong)
                .then().statusCode(200).body("excluded", equalTo(true));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes/" + classA).then()
                .body("[0].attempts", equalTo(1)).body("[0].averagePercent", equalTo(rightPercent));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes").then()
                .body("find { it.joinCode == '" + classA + "' }.quizzes[0].attempts", equalTo(1));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/teacher/classes/" + classA + "/results.csv").then()
                // One row per answer of each counted attempt: the excluded one is not in it.
                .body(containsString("Alice's networks class,Student 1,why-three-steps," + right))
                .body(containsString(",principal-reason,")).body(not(containsString(wrong)));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes/" + classA + "/attempts").then()
                .body("find { it.id == '" + wrong + "' }.excluded", equalTo(true));

        given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).body(Map.of())
                .put("/api/teacher/classes/" + classA + "/attempts/" + wrong).then().statusCode(400);
        given().cookie(TeacherLogin.COOKIE, teacherA).contentType(ContentType.JSON).body(Map.of("excluded", false))
                .put("/api/teacher/classes/" + classA + "/attempts/" + wrong).then().statusCode(200).body("excluded", equalTo(false));
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/api/teacher/classes/" + classA).then().body("[0].attempts", equalTo(2));
    }

    @Test
    void theExcludeButtonNeedsItsCsrfToken() {
        studentA.join(classA);
        String attempt = studentA.startQuiz(QUIZ);
        submit(studentA, attempt, classA).then().statusCode(200);
        Response page = given().cookie(TeacherLogin.COOKIE, teacherA).get("/teacher/classes/" + classA);
        page.then().statusCode(200).body(containsString("attempt-" + attempt)).body(containsString(classA));
        String[] token = TeacherClasses.csrf(page);

        given().cookie(TeacherLogin.COOKIE, teacherA).cookies(page.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("excluded", "true")
                .post("/teacher/classes/" + classA + "/attempts/" + attempt).then().statusCode(403);
        assertEquals(false, stored(attempt).excluded, "refused without the token");

        given().cookie(TeacherLogin.COOKIE, teacherA).cookies(page.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1]).formParam("excluded", "true")
                .post("/teacher/classes/" + classA + "/attempts/" + attempt).then().statusCode(303);
        assertEquals(true, stored(attempt).excluded);
        // Teacher A's token is not teacher B's (403); with their own, the class is not theirs (404).
        given().cookie(TeacherLogin.COOKIE, teacherB).cookies(page.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1]).formParam("excluded", "false")
                .post("/teacher/classes/" + classA + "/attempts/" + attempt).then().statusCode(403);
        String[] ownToken = TeacherClasses.csrf(given().cookie(TeacherLogin.COOKIE, teacherB).get("/teacher"));
        given().cookie(TeacherLogin.COOKIE, teacherB).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(ownToken[0], ownToken[1]).formParam("excluded", "false")
                .post("/teacher/classes/" + classA + "/attempts/" + attempt).then().statusCode(404);
        assertEquals(true, stored(attempt).excluded, "another teacher cannot count it again");
    }

    @Test
    void aTeacherCreatesAClassWithTheFormAndIsSentToItsPage() {
        Response home = given().cookie(TeacherLogin.COOKIE, teacherA).get("/teacher?lang=zh");
        String[] token = TeacherClasses.csrf(home);
        Response created = given().cookie(TeacherLogin.COOKIE, teacherA).cookies(home.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam(token[0], token[1]).formParam("name", "三班")
                .post("/teacher/classes");
        created.then().statusCode(303);
        String code = created.getHeader("Location").replaceAll(".*/teacher/classes/", "");
        assertNotEquals(classA, code);
        given().cookie(TeacherLogin.COOKIE, teacherA).get("/teacher/classes/" + code + "?lang=zh").then().statusCode(200)
                .body(containsString("三班")).body(containsString("学生在“我的班级”页面输入代码 " + code));

        given().cookie(TeacherLogin.COOKIE, teacherA).cookies(home.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1]).formParam("name", " ")
                .queryParam("lang", "zh").post("/teacher/classes")
                .then().statusCode(400).body(containsString("班级名称须为一行"));
    }

    @Test
    void theQuizAndClassPagesSayEachRefusalInThePagesLanguage() {
        Response quiz = studentB.request().get("/quizzes/" + QUIZ + "?lang=zh");
        java.util.regex.Matcher attempt = java.util.regex.Pattern.compile("name=\"attemptId\" value=\"([^\"]+)\"").matcher(quiz.asString());
        assertTrue(attempt.find());
        String[] token = TeacherClasses.csrf(quiz);
        studentB.request().cookies(quiz.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token[0], token[1]).formParam("attemptId", attempt.group(1)).formParam("classCode", classA)
                .post("/quizzes/" + QUIZ + "?lang=zh")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("你在这个浏览器上还没有加入该班级")).body(containsString(attempt.group(1)));
        assertNull(stored(attempt.group(1)).submittedAt);

        Response classes = studentB.request().get("/classes?lang=zh&back=/quizzes/" + QUIZ);
        String[] classToken = TeacherClasses.csrf(classes);
        studentB.request().cookies(classes.getCookies()).contentType("application/x-www-form-urlencoded").redirects().follow(false)
                .formParam(classToken[0], classToken[1]).formParam("joinCode", "ZZZZZZZZZZ").formParam("back", "/quizzes/" + QUIZ)
                .post("/classes?lang=zh")
                .then().statusCode(404).body(containsString("没有班级使用这个加入代码"));
        studentB.request().cookies(classes.getCookies()).contentType("application/x-www-form-urlencoded").redirects().follow(false)
                .formParam(classToken[0], classToken[1]).formParam("joinCode", classA).formParam("back", "https://evil.example/")
                .post("/classes").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/classes"));
        studentB.request().get("/quizzes/" + QUIZ + "?lang=en").then().statusCode(200)
                .body(containsString("<option value=\"" + classA + "\" selected>Alice&#39;s networks class</option>"));
    }
}
