package lab.handshake.lti;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lab.handshake.classes.ClassMember;
import lab.handshake.teacher.TeacherLogin;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * NRPS against {@link FakeLms}: an instructor's launch fills the class roster from every page of the membership, and
 * the class page's button fetches it again.
 */
@QuarkusTest
class LtiRosterTest {
    private static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

    /** An instructor's launch offering the membership service: their teacher cookie and the class's code. */
    private record Teaching(String cookie, String classCode) {
    }

    @Test
    void instructorLaunchFillsTheRosterFromEveryPageAndLearnersJoinTheClass() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            lms.membershipPages.add(List.of(FakeLms.member("teacher-r", "Grace Hopper", FakeLms.INSTRUCTOR, "Active"),
                    FakeLms.member("s-1", "Ada Lovelace", FakeLms.LEARNER, "Active")));
            lms.membershipPages.add(List.of(FakeLms.member("s-2", "Alan Turing", "Learner", "Active"),
                    FakeLms.member("s-3", "Gone Student", FakeLms.LEARNER, "Inactive")));
            Teaching teaching = instructorLaunch(lms, "teacher-r");

            await().atMost(Duration.ofSeconds(30)).until(() -> roster(teaching).jsonPath().getList("members").size() == 4);
            Response roster = roster(teaching);
            assertEquals(List.of("Grace Hopper", "Ada Lovelace", "Alan Turing", "Gone Student"), roster.jsonPath().getList("members.name"));
            assertEquals(List.of("INSTRUCTOR", "LEARNER", "LEARNER", "LEARNER"), roster.jsonPath().getList("members.role"));
            assertEquals(List.of(true, true, true, false), roster.jsonPath().getList("members.active"));
            assertEquals(2, lms.membershipFetches.get(), "both pages, following Link rel=next");
            assertEquals(2L, classMembers(lms), "the two active learners are in the class");
            assertEquals(List.of("Ada Lovelace", "Alan Turing"), given().cookie(TeacherLogin.COOKIE, teaching.cookie())
                    .get("/api/teacher/classes/" + teaching.classCode() + "/roster").then().statusCode(200)
                    .extract().jsonPath().getList("name"), "the class roster shows the LMS's names, not pseudonyms");

            // The teacher fetches again after a learner left the course: they stay listed, as inactive.
            lms.membershipPages.set(1, List.of(FakeLms.member("s-3", "Gone Student", FakeLms.LEARNER, "Inactive")));
            given().cookie(TeacherLogin.COOKIE, teaching.cookie()).contentType("application/json").post("/api/lti/classes/" + teaching.classCode() + "/roster")
                    .then().statusCode(200).body("listed", equalTo(3));
            assertEquals(List.of(true, true, false, false), roster(teaching).jsonPath().getList("members.active"));
        }
    }

    @Test
    void anotherTeachersClassRosterIsNotFound() throws Exception {
        try (FakeLms lms = new FakeLms().register(); FakeLms other = new FakeLms().register()) {
            lms.membershipPages.add(List.of());
            other.membershipPages.add(List.of());
            Teaching mine = instructorLaunch(lms, "teacher-a");
            Teaching theirs = instructorLaunch(other, "teacher-b");
            given().cookie(TeacherLogin.COOKIE, theirs.cookie()).get("/api/lti/classes/" + mine.classCode() + "/roster")
                    .then().statusCode(404).contentType("application/problem+json");
            given().cookie(TeacherLogin.COOKIE, theirs.cookie()).contentType("application/json").post("/api/lti/classes/" + mine.classCode() + "/roster")
                    .then().statusCode(404);
        }
    }

    @Test
    void classNotOpenedFromAnLmsCourseHasNoRoster() {
        String admin = TeacherLogin.admin();
        String code = given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").body(Map.of("name", "Local class"))
                .post("/api/teacher/classes").then().statusCode(201).extract().path("joinCode");
        given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").post("/api/lti/classes/" + code + "/roster")
                .then().statusCode(422).contentType("application/problem+json").body("type", equalTo("/problems/no-roster-service"));
    }

    @Test
    void membershipServiceThatFailsIsSaidToTheTeacher() throws Exception {
        try (FakeLms lms = new FakeLms().register()) {
            lms.membershipPages.add(List.of());
            Teaching teaching = instructorLaunch(lms, "teacher-f");
            lms.membershipStatus = 503;
            given().cookie(TeacherLogin.COOKIE, teaching.cookie()).contentType("application/json").post("/api/lti/classes/" + teaching.classCode() + "/roster")
                    .then().statusCode(422).contentType("application/problem+json").body("type", equalTo("/problems/roster-unavailable"));
        }
    }

    @Test
    void classPageButtonFetchesTheRosterAndSaysHowManyWereAddedAndUpdatedInTheReadersLanguage() throws Exception {
        try (FakeLms lms = new FakeLms().register(); FakeLms other = new FakeLms().register()) {
            lms.membershipPages.add(new java.util.ArrayList<>(List.of(FakeLms.member("teacher-p", "Grace Hopper", FakeLms.INSTRUCTOR, "Active"),
                    FakeLms.member("s-p1", "Ada Lovelace", FakeLms.LEARNER, "Active"))));
            Teaching teaching = instructorLaunch(lms, "teacher-p");
            await().atMost(Duration.ofSeconds(30)).until(() -> roster(teaching).jsonPath().getList("members").size() == 2);
            lms.membershipPages.set(0, List.of(FakeLms.member("teacher-p", "Grace Hopper", FakeLms.INSTRUCTOR, "Active"),
                    FakeLms.member("s-p1", "Ada Lovelace", FakeLms.LEARNER, "Active"), FakeLms.member("s-p2", "Alan Turing", FakeLms.LEARNER, "Active")));

            Response zhPage = classPage(teaching, "zh");
            Element form = Jsoup.parse(zhPage.asString()).selectFirst("form[action^=/teacher/classes/" + teaching.classCode() + "/lms-roster]");
            assertNotNull(form, "the class of an LMS course with NRPS offers the roster button");
            assertEquals("从 LMS 获取名单", form.selectFirst("button").text());
            Response fetched = pressRosterButton(teaching, zhPage, "zh");
            assertEquals(200, fetched.statusCode());
            assertEquals("LMS 列出了 3 名成员：新增 1 名，更新 2 名。",
                    Jsoup.parse(fetched.asString()).selectFirst(".lms-roster-fetched").text());
            assertEquals(3L, classMembers(lms) + 1, "the new learner joined the class (the instructor is not a member)");

            Response enFetched = pressRosterButton(teaching, classPage(teaching, "en"), "en");
            assertEquals("The LMS listed 3 member(s): 0 added, 3 updated.",
                    Jsoup.parse(enFetched.asString()).selectFirst(".lms-roster-fetched").text());

            // Without the form token: refused. Another teacher, with their own page's token: no such class.
            given().cookie(TeacherLogin.COOKIE, teaching.cookie()).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("x", "1").post("/teacher/classes/" + teaching.classCode() + "/lms-roster").then().statusCode(403);
            other.membershipPages.add(List.of());
            Teaching stranger = instructorLaunch(other, "teacher-q");
            Response strangerPage = classPage(stranger, "en");
            assertEquals(404, pressRosterButton(new Teaching(stranger.cookie(), teaching.classCode()), strangerPage, "en").statusCode());
            assertEquals(2L, classMembers(lms));
        }
    }

    @Test
    void classNotOpenedFromAnLmsCourseShowsNoRosterButton() {
        String admin = TeacherLogin.admin();
        String code = given().cookie(TeacherLogin.COOKIE, admin).contentType("application/json").body(Map.of("name", "Plain class"))
                .post("/api/teacher/classes").then().statusCode(201).extract().path("joinCode");
        String page = given().cookie(TeacherLogin.COOKIE, admin).get("/teacher/classes/" + code).then().statusCode(200).extract().asString();
        assertTrue(Jsoup.parse(page).select("form[action*=lms-roster]").isEmpty());
        assertTrue(Jsoup.parse(page).select("#lms").isEmpty());
    }

    private static Response classPage(Teaching teaching, String lang) {
        return given().cookie(TeacherLogin.COOKIE, teaching.cookie()).queryParam("lang", lang)
                .get("/teacher/classes/" + teaching.classCode()).then().statusCode(200).extract().response();
    }

    /** Posts the roster form of the class, with the token and cookies of the page shown to the teacher. */
    private static Response pressRosterButton(Teaching teaching, Response page, String lang) {
        String token = Jsoup.parse(page.asString()).selectFirst("input[name=csrf-token]").val();
        return given().cookie(TeacherLogin.COOKIE, teaching.cookie()).cookies(page.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", token)
                .post("/teacher/classes/" + teaching.classCode() + "/lms-roster?lang=" + lang);
    }

    private static Teaching instructorLaunch(FakeLms lms, String subject) {
        Response launched = lms.launch(subject, FakeLms.INSTRUCTOR, claims -> claims
                .claim(NRPS, Map.of("context_memberships_url", lms.membershipsUrl(), "service_versions", List.of("2.0"))));
        Response session = given().redirects().follow(false).get(FakeLms.sessionLink(launched));
        String location = session.getHeader("Location");
        return new Teaching(session.getCookie(TeacherLogin.COOKIE), location.substring(location.lastIndexOf('/') + 1));
    }

    private static Response roster(Teaching teaching) {
        return given().cookie(TeacherLogin.COOKIE, teaching.cookie()).get("/api/lti/classes/" + teaching.classCode() + "/roster")
                .then().statusCode(200).extract().response();
    }

    private static long classMembers(FakeLms lms) {
        return QuarkusTransaction.requiringNew().call(() -> ClassMember.countIn(
                LtiContext.<LtiContext>find("platformId", lms.platformId).firstResult().classId));
    }
}
