package lab.handshake.lti;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.assignments.Assignment;
import lab.handshake.assignments.AssignmentKind;
import lab.handshake.assignments.AttemptCounted;
import lab.handshake.classes.SchoolClass;
import lab.handshake.teacher.TeacherLogin;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * AGS grade passback against {@link FakeLms}: a learner launched into a graded quiz submits an attempt, and the
 * platform receives exactly one score for it, through a token whose assertion it verified with the tool's JWKS; when the
 * quiz is an assignment of the course's class, the platform receives the score the assignment counts.
 */
@QuarkusTest
class LtiGradePassbackTest {
    private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    private static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    private static final String QUIZ = "why-three-steps";

    @Test
    void submittedAttemptOfAGradedLaunchReachesTheLineItemOnceAsAScore() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            lms.grantable.remove(FakeLms.MEMBERSHIP_SCOPE); // a platform granting only the score scope
            String learner = lms.gradedLaunch("student-ags", QUIZ, lms.lineItem(7));
            String attempt = submitEmptyAttempt(learner);

            awaitScores(lms, 1);
            FakeLms.ReceivedScore score = lms.scores.get(0);
            assertEquals("/lineitems/7/lineitem/scores?type_id=1", score.path());
            assertEquals("application/vnd.ims.lis.v1.score+json", score.contentType());
            assertEquals("student-ags", score.json().get("userId"));
            assertEquals(0.0, ((Number) score.json().get("scoreGiven")).doubleValue());
            assertEquals(questionCount(), ((Number) score.json().get("scoreMaximum")).intValue());
            assertEquals("Completed", score.json().get("activityProgress"));
            assertEquals("FullyGraded", score.json().get("gradingProgress"));
            Instant.parse((String) score.json().get("timestamp"));
            assertEquals(1, lms.tokenRequests.size());
            assertNull(lms.tokenRequests.get(0).refusal(), "the client assertion verifies with the tool's JWKS");
            assertEquals(FakeLms.SCORE_SCOPE, lms.tokenRequests.get(0).form().get("scope"));

            // Submitting the same attempt again is refused, and the sender never sends a score twice.
            given().cookie(LearnerIdentity.COOKIE, learner).contentType(ContentType.JSON)
                    .body(Map.of("attemptId", attempt, "answers", List.of())).post("/api/quizzes/" + QUIZ + "/attempts")
                    .then().statusCode(409);
            assertNoMoreScores(lms, 1);
            LtiScore row = outboxRow(attempt);
            assertNotNull(row.sentAt);
            assertEquals(1, row.tries);
        }
    }

    @Test
    void learnerLaunchedFromTwoCoursesReopensTheQuizFromTheListAndSubmitsForTheLatestCoursesClassAndLineItem() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = FakeLms.learnerCookie(launchFrom(lms, "student-two", "course-A", 20));
            Response session = given().redirects().follow(false).get(FakeLms.sessionLink(launchFrom(lms, "student-two", "course-B", 21)));
            assertEquals(learner, session.getCookie(LearnerIdentity.COOKIE));
            session.then().statusCode(303).header("Location", "/quizzes/" + QUIZ);
            String classA = joinCode(lms, "course-A");
            String classB = joinCode(lms, "course-B");

            // Later the learner comes back through the quiz list, not the LMS: the page still says where the score goes.
            String reopened = Jsoup.parse(given().get("/quizzes").then().statusCode(200).extract().asString())
                    .selectFirst("a[data-quiz=" + QUIZ + "]").attr("href");
            Response page = given().cookie(LearnerIdentity.COOKIE, learner).get(reopened).then().statusCode(200).extract().response();
            org.jsoup.nodes.Document shown = Jsoup.parse(page.asString());
            Element form = shown.selectFirst("form.quiz-form");
            assertTrue(shown.selectFirst("#launched-class").text().contains("Course B"), shown.selectFirst("#launched-class").text());
            assertNull(form.selectFirst("select[name=classCode]"), "a graded launch's class is not for choosing");
            assertEquals(classB, form.selectFirst("input[name=classCode]").val());
            String attempt = form.selectFirst("input[name=attemptId]").val();
            given().cookie(LearnerIdentity.COOKIE, learner).cookies(page.getCookies()).contentType(ContentType.URLENC)
                    .formParam("attemptId", attempt).formParam("csrf-token", form.selectFirst("input[name=csrf-token]").val())
                    .formParam("classCode", form.selectFirst("input[name=classCode]").val())
                    .post("/quizzes/" + QUIZ).then().statusCode(200);

            assertEquals(List.of(attempt), classAttempts(classB), "the attempt is in the results of the latest launching course's class");
            assertEquals(List.of(), classAttempts(classA));
            awaitScores(lms, 1);
            assertEquals("/lineitems/21/lineitem/scores?type_id=1", lms.scores.get(0).path());
            assertNoMoreScores(lms, 1);
        }
    }

    @Test
    void attemptNamingAnotherClassThanTheGradedLaunchsIsRefusedAndSendsNothing() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = FakeLms.learnerCookie(launchFrom(lms, "student-wrong", "course-A", null));
            FakeLms.learnerCookie(launchFrom(lms, "student-wrong", "course-B", 22));
            String classA = joinCode(lms, "course-A");
            String attempt = given().cookie(LearnerIdentity.COOKIE, learner).get("/api/quizzes/" + QUIZ).then().statusCode(200)
                    .extract().path("attemptId");

            given().cookie(LearnerIdentity.COOKIE, learner).get("/api/quizzes/" + QUIZ).then().statusCode(200)
                    .body("launchedClass.name", org.hamcrest.Matchers.equalTo("Course B")).body("launchedClass.graded", org.hamcrest.Matchers.equalTo(true));
            given().cookie(LearnerIdentity.COOKIE, learner).contentType(ContentType.JSON).header("Accept-Language", "zh")
                    .body(Map.of("attemptId", attempt, "classCode", classA, "answers", List.of())).post("/api/quizzes/" + QUIZ + "/attempts")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("/problems/launched-class-differs"))
                    .body("detail", org.hamcrest.Matchers.containsString("Course B"))
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("classCode"));
            // The quiz page says so in place of grading, and offers the same questions again for the course's class.
            Response page = given().cookie(LearnerIdentity.COOKIE, learner).get("/quizzes/" + QUIZ).then().extract().response();
            Element form = Jsoup.parse(page.asString()).selectFirst("form.quiz-form");
            String refused = given().cookie(LearnerIdentity.COOKIE, learner).cookies(page.getCookies()).contentType(ContentType.URLENC)
                    .formParam("attemptId", attempt).formParam("csrf-token", form.selectFirst("input[name=csrf-token]").val())
                    .formParam("classCode", classA).post("/quizzes/" + QUIZ).then().statusCode(409).extract().asString();
            assertTrue(Jsoup.parse(refused).selectFirst("#quiz-refusal").text().contains("gradebook"), refused);
            assertEquals(attempt, Jsoup.parse(refused).selectFirst("input[name=attemptId]").val());

            assertNull(outboxRow(attempt), "nothing graded, nothing queued");
            assertEquals(List.of(), classAttempts(classA));
        }
    }

    @Test
    void attemptNamingNoClassAfterAGradedLaunchCountsForTheLaunchingCoursesClass() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String attempt = submitEmptyAttempt(FakeLms.learnerCookie(launchFrom(lms, "student-none", "course-N", 23)));
            assertEquals(List.of(attempt), classAttempts(joinCode(lms, "course-N")));
            awaitScores(lms, 1);
            assertEquals("/lineitems/23/lineitem/scores?type_id=1", lms.scores.get(0).path());
        }
    }

    @Test
    void ungradedLaunchPreselectsItsCoursesClassAndLeavesTheChoiceToTheLearner() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = FakeLms.learnerCookie(launchFrom(lms, "student-free", "course-A", null));
            FakeLms.learnerCookie(launchFrom(lms, "student-free", "course-B", null));
            String classA = joinCode(lms, "course-A");
            String classB = joinCode(lms, "course-B");
            Element form = Jsoup.parse(given().cookie(LearnerIdentity.COOKIE, learner).get("/quizzes/" + QUIZ).then().statusCode(200)
                    .extract().asString()).selectFirst("form.quiz-form");
            assertEquals(classB, form.selectFirst("select[name=classCode] option[selected]").val());
            assertTrue(form.selectFirst("#launched-class").text().contains("Course B"));

            String attempt = submit(learner, classA, true);
            assertEquals(List.of(attempt), classAttempts(classA), "no gradebook waits, so the learner's own choice stands");
            assertNull(outboxRow(attempt));
        }
    }

    @Test
    void scoreThePlatformFirstAnswers503IsSentAgainLaterAndAccepted() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            lms.scoreAnswers.add(503);
            String attempt = submitEmptyAttempt(lms.gradedLaunch("student-retry", QUIZ, lms.lineItem(8)));

            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRow(attempt).sentAt != null);
            assertEquals(2, lms.scores.size(), "refused once, accepted the second time");
            assertEquals(lms.scores.get(0).json(), lms.scores.get(1).json());
            LtiScore row = outboxRow(attempt);
            assertEquals(2, row.tries);
            assertNull(row.lastError);
            assertEquals(1, lms.tokenRequests.size(), "the token is kept for its lifetime");
        }
    }

    @Test
    void attemptOfAQuizLaunchedWithoutAGSIsNotSent() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = FakeLms.learnerCookie(lms.launch("student-plain", FakeLms.LEARNER,
                    claims -> claims.claim(LTI + "target_link_uri", "http://localhost/quizzes/" + QUIZ)));
            String attempt = submitEmptyAttempt(learner);
            assertNull(outboxRow(attempt));
        }
    }

    @Test
    void launchOfferingOnlyReadScopesRecordsNoLineItem() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = FakeLms.learnerCookie(lms.launch("student-readonly", FakeLms.LEARNER, claims -> claims
                    .claim(LTI + "target_link_uri", "http://localhost/quizzes/" + QUIZ)
                    .claim(AGS, Map.of("scope", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"),
                            "lineitem", lms.lineItem(9)))));
            assertNull(outboxRow(submitEmptyAttempt(learner)));
        }
    }

    @Test
    void withTheBestAttemptCountedAWorseLaterAttemptSendsNothingNew() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = lms.gradedLaunch("student-best", QUIZ, lms.lineItem(11));
            String classCode = assignTheQuiz(lms, AttemptCounted.BEST);
            String best = submit(learner, classCode, true);
            awaitScores(lms, 1);
            assertEquals(1.0, ((Number) lms.scores.get(0).json().get("scoreGiven")).doubleValue());

            String worse = submit(learner, classCode, false);
            assertNull(outboxRow(worse), "the best attempt still counts, and the LMS already has its score");
            assertNoMoreScores(lms, 1);
            assertEquals(best, outboxRow(best).countedAttemptId);
        }
    }

    @Test
    void teacherExcludingTheBestAttemptSendsTheNextBestAtOnceAndCountingItAgainSendsItBack() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = lms.gradedLaunch("student-excluded", QUIZ, lms.lineItem(14));
            String classCode = assignTheQuiz(lms, AttemptCounted.BEST);
            String best = submit(learner, classCode, true);
            submit(learner, classCode, false);
            awaitScores(lms, 1);

            changeAttempt(classCode, best, true);
            awaitScores(lms, 2);
            Map<String, Object> afterExcluding = lms.scores.get(1).json();
            assertEquals(0.0, ((Number) afterExcluding.get("scoreGiven")).doubleValue(), "the worse attempt counts now");
            assertEquals("FullyGraded", afterExcluding.get("gradingProgress"));
            assertTrue(Instant.parse((String) afterExcluding.get("timestamp"))
                    .isAfter(Instant.parse((String) lms.scores.get(0).json().get("timestamp"))), "the LMS keeps the newer score");

            changeAttempt(classCode, best, true); // no change: nothing new to send
            changeAttempt(classCode, best, false);
            awaitScores(lms, 3);
            assertEquals(1.0, ((Number) lms.scores.get(2).json().get("scoreGiven")).doubleValue(), "the best counts again");
            assertNoMoreScores(lms, 3);
        }
    }

    @Test
    void teacherExcludingTheOnlyAttemptClearsTheGradeInTheLMS() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = lms.gradedLaunch("student-cleared", QUIZ, lms.lineItem(15));
            String classCode = assignTheQuiz(lms, AttemptCounted.BEST);
            String only = submit(learner, classCode, true);
            awaitScores(lms, 1);

            changeAttempt(classCode, only, true);
            awaitScores(lms, 2);
            Map<String, Object> cleared = lms.scores.get(1).json();
            assertFalse(cleared.containsKey("scoreGiven"), "no score: " + cleared);
            assertFalse(cleared.containsKey("scoreMaximum"));
            assertEquals("Initialized", cleared.get("activityProgress"));
            assertEquals("NotReady", cleared.get("gradingProgress"));
            assertEquals("student-cleared", cleared.get("userId"));

            changeAttempt(classCode, only, false);
            awaitScores(lms, 3);
            assertEquals(1.0, ((Number) lms.scores.get(2).json().get("scoreGiven")).doubleValue());
        }
    }

    @Test
    void withTheFirstAttemptCountedOnlyTheFirstScoreIsSentEvenWhenALaterOneIsBetter() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = lms.gradedLaunch("student-first", QUIZ, lms.lineItem(12));
            String classCode = assignTheQuiz(lms, AttemptCounted.FIRST);
            String first = submit(learner, classCode, false);
            String better = submit(learner, classCode, true);
            assertNull(outboxRow(better));
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRow(first).sentAt != null);
            assertNoMoreScores(lms, 1);
            assertEquals(0.0, ((Number) lms.scores.get(0).json().get("scoreGiven")).doubleValue());
        }
    }

    @Test
    void withTheLastAttemptCountedEveryAttemptIsSentAndTheLMSEndsOnTheLatest() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String learner = lms.gradedLaunch("student-last", QUIZ, lms.lineItem(13));
            String classCode = assignTheQuiz(lms, AttemptCounted.LAST);
            submit(learner, classCode, true);
            String last = submit(learner, classCode, false);
            awaitScores(lms, 2);
            assertEquals(last, outboxRow(last).countedAttemptId);
            FakeLms.ReceivedScore newest = lms.scores.stream()
                    .max(java.util.Comparator.comparing(score -> Instant.parse((String) score.json().get("timestamp")))).orElseThrow();
            assertEquals(0.0, ((Number) newest.json().get("scoreGiven")).doubleValue());
        }
    }

    @Test
    void launchNamingOnlyTheLineItemsServiceCreatesTheLineItemOnceForItsResourceLinkAndScoresGoThere() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            String first = submitEmptyAttempt(lineItemsOnlyLaunch(lms, "student-created-1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRow(first).sentAt != null);
            assertEquals(1, lms.createdLineItems.size());
            FakeLms.CreatedLineItem created = lms.createdLineItems.get(0);
            assertEquals("application/vnd.ims.lis.v2.lineitem+json", created.contentType());
            assertEquals(questionCount(), ((Number) created.json().get("scoreMaximum")).intValue());
            assertEquals("Why three steps and not two?", created.json().get("label"));
            assertEquals("link-1", created.json().get("resourceLinkId"));
            assertEquals("/lineitems/101/lineitem/scores?type_id=1", lms.scores.get(0).path());
            assertTrue(lms.tokenRequests.stream().anyMatch(t -> FakeLms.LINE_ITEM_SCOPE.equals(t.form().get("scope"))));
            assertEquals(lms.lineItem(101), outboxRow(first).lineItem);

            // Another learner of the same link: their score goes to the line item made before; none is created again.
            String second = submitEmptyAttempt(lineItemsOnlyLaunch(lms, "student-created-2"));
            assertEquals(lms.lineItem(101), outboxRow(second).lineItem, "known when the score was queued");
            awaitScores(lms, 2);
            assertEquals(1, lms.createdLineItems.size());
            assertEquals("/lineitems/101/lineitem/scores?type_id=1", lms.scores.get(1).path());
        }
    }

    @Test
    void aLineItemAnotherReplicaIsCreatingIsNotCreatedTwice_theScoreWaitsForItsClaimAndGoesOutOnce() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            // Another replica has claimed the creation of link-1's line item (and, here, died while creating it).
            QuarkusTransaction.requiringNew().run(() -> {
                LtiLineItem claimed = new LtiLineItem();
                claimed.platformId = lms.platformId;
                claimed.resourceLinkId = "link-1";
                claimed.createdAt = Instant.now();
                claimed.claimedUntil = Instant.now().plus(Duration.ofSeconds(3));
                claimed.persist();
            });
            String attempt = submitEmptyAttempt(lineItemsOnlyLaunch(lms, "student-claimed"));
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRow(attempt).lastError != null);
            assertTrue(outboxRow(attempt).lastError.contains("another replica"), outboxRow(attempt).lastError);
            assertTrue(lms.createdLineItems.isEmpty(), "nothing is created while the claim holds");

            // Once the claim runs out, this replica takes it over and creates the line item, once.
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRow(attempt).sentAt != null);
            assertEquals(1, lms.createdLineItems.size());
            assertNull(QuarkusTransaction.requiringNew().call(() -> LtiLineItem.of(lms.platformId, "link-1")).claimedUntil);
        }
    }

    @Test
    void platformRefusingTheLineItemScopeGetsNoScoreAndTheRowSaysWhyWithoutEndlessRetries() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            lms.grantable.remove(FakeLms.LINE_ITEM_SCOPE);
            String attempt = submitEmptyAttempt(lineItemsOnlyLaunch(lms, "student-no-lineitem"));
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRow(attempt).givenUpAt != null);
            LtiScore row = outboxRow(attempt);
            assertTrue(row.lastError.contains("line item scope"), row.lastError);
            assertNull(row.sentAt);
            assertNull(row.lineItem);
            int tokenRequests = lms.tokenRequests.size();
            // A refused row is not tried again: no further token request for a while.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> lms.tokenRequests.size() == tokenRequests);
            assertTrue(lms.scores.isEmpty());
            assertTrue(lms.createdLineItems.isEmpty());

            String classCode = QuarkusTransaction.requiringNew().call(() -> SchoolClass.<SchoolClass>findById(
                    LtiContext.of(lms.platformId, "course-" + lms.issuer).classId).joinCode);
            String classPage = given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).queryParam("lang", "zh")
                    .get("/teacher/classes/" + classCode).then().statusCode(200).extract().asString();
            assertTrue(classPage.contains("有 1 个成绩未能发送到 LMS"), "the class's teacher sees the refused score");
        }
    }

    /** A learner's launch of the quiz whose AGS claim names the course's line items service and no line item. */
    private static String lineItemsOnlyLaunch(FakeLms lms, String subject) {
        return FakeLms.learnerCookie(lms.launch(subject, FakeLms.LEARNER, claims -> claims
                .claim(LTI + "target_link_uri", "http://localhost/quizzes/" + QUIZ)
                .claim(AGS, Map.of("scope", List.of(FakeLms.SCORE_SCOPE, FakeLms.LINE_ITEM_SCOPE), "lineitems", lms.lineItemsUrl()))));
    }

    /** Sets the quiz as an assignment, open now, of the class of the LMS's course; answers the class's join code. */
    private static String assignTheQuiz(FakeLms lms, AttemptCounted counted) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LtiContext context = LtiContext.of(lms.platformId, "course-" + lms.issuer);
            Assignment assignment = new Assignment();
            assignment.classId = context.classId;
            assignment.kind = AssignmentKind.QUIZ;
            assignment.target = QUIZ;
            assignment.opensAt = Instant.now().minus(Duration.ofHours(1));
            assignment.dueAt = Instant.now().plus(Duration.ofHours(1));
            assignment.attemptsAllowed = 5;
            assignment.counted = counted;
            assignment.createdAt = Instant.now();
            assignment.persist();
            return SchoolClass.<SchoolClass>findById(context.classId).joinCode;
        });
    }

    /**
     * A learner's launch of the quiz from the LMS course {@code course} (titled "Course X" for "course-X"); graded with
     * that line item, or not graded for null.
     */
    private static Response launchFrom(FakeLms lms, String subject, String course, Integer lineItem) {
        return lms.launch(subject, FakeLms.LEARNER, claims -> {
            claims.claim(LTI + "context", Map.of("id", course, "title", course.replace("course-", "Course ")))
                    .claim(LTI + "target_link_uri", "http://localhost/quizzes/" + QUIZ);
            if (lineItem != null) {
                claims.claim(AGS, Map.of("scope", List.of(FakeLms.SCORE_SCOPE), "lineitem", lms.lineItem(lineItem)));
            }
        });
    }

    /** The join code of the class of the LMS's course {@code contextId}. */
    private static String joinCode(FakeLms lms, String contextId) {
        return QuarkusTransaction.requiringNew().call(
                () -> SchoolClass.<SchoolClass>findById(LtiContext.of(lms.platformId, contextId).classId).joinCode);
    }

    /** The ids of the attempts the class's results list (its teacher here being the administrator). */
    private static List<String> classAttempts(String classCode) {
        return given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).get("/api/teacher/classes/" + classCode + "/attempts")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    /** Starts the quiz and submits it for the class, its first question answered right or wrong; answers the attempt id. */
    private static String submit(String learner, String classCode, boolean right) {
        String attempt = given().cookie(LearnerIdentity.COOKIE, learner).get("/api/quizzes/" + QUIZ).then().statusCode(200)
                .extract().path("attemptId");
        given().cookie(LearnerIdentity.COOKIE, learner).contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "classCode", classCode,
                        "answers", List.of(Map.of("question", "principal-reason", "choice", right ? "a" : "b"))))
                .post("/api/quizzes/" + QUIZ + "/attempts").then().statusCode(200);
        return attempt;
    }

    /** The LMS stays at this many scores for longer than the sender's period: nothing more was queued. */
    private static void assertNoMoreScores(FakeLms lms, int count) {
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> lms.scores.size() == count);
    }

    /** Waits until the LMS has received this many scores. */
    private static void awaitScores(FakeLms lms, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> lms.scores.size() == count);
    }

    /** The class's teacher (here the administrator) excludes the attempt from the class's results, or counts it again. */
    private static void changeAttempt(String classCode, String attempt, boolean excluded) {
        given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType(ContentType.JSON).body(Map.of("excluded", excluded))
                .put("/api/teacher/classes/" + classCode + "/attempts/" + attempt).then().statusCode(200);
    }

    /** Starts the quiz and submits it with no answers (score 0); answers the attempt id. */
    private static String submitEmptyAttempt(String learner) {
        String attempt = given().cookie(LearnerIdentity.COOKIE, learner).get("/api/quizzes/" + QUIZ).then().statusCode(200)
                .extract().path("attemptId");
        given().cookie(LearnerIdentity.COOKIE, learner).contentType(ContentType.JSON)
                .body(Map.of("attemptId", attempt, "answers", List.of())).post("/api/quizzes/" + QUIZ + "/attempts")
                .then().statusCode(200);
        return attempt;
    }

    private static int questionCount() {
        return given().get("/api/quizzes/" + QUIZ).then().statusCode(200).extract().path("questions.size()");
    }

    private static LtiScore outboxRow(String attempt) {
        return QuarkusTransaction.requiringNew().call(() -> LtiScore.<LtiScore>find("attemptId", attempt).firstResult());
    }
}
