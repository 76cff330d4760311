package lab.handshake.assignments;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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
 * Sandbox tasks end to end: a session started for a task checks its goal after every move and says whether it is
 * met; a class member's first meeting of it is kept, and a SANDBOX_TASK assignment is DONE, OPEN or MISSED by it.
 */
@QuarkusTest
class SandboxTaskApiTest {
    private static final String TASK = "server-ends-in-time-wait";

    private String teacher;
    private String classCode;

    @BeforeEach
    void aTeacherWithAClass() {
        teacher = TeacherClasses.newTeacher("task-" + UUID.randomUUID().toString().substring(0, 8));
        classCode = TeacherClasses.create(teacher, "Networks T");
    }

    /** A learner's task session as the page drives it: each answer is the session after the move. */
    private static final class TaskRun {
        final Learner learner;
        final String id;
        JsonPath session;

        TaskRun(Learner learner, String task) {
            this.learner = learner;
            this.session = learner.request().contentType(ContentType.JSON).body(Map.of("task", task)).post("/api/sessions")
                    .then().statusCode(201).extract().jsonPath();
            this.id = session.getString("id");
        }

        TaskRun move(Map<String, Object> move) {
            session = learner.request().contentType(ContentType.JSON).body(move).post("/api/sessions/" + id + "/actions")
                    .then().statusCode(200).extract().jsonPath().setRootPath("session");
            return this;
        }

        TaskRun call(String host, String call) {
            return move(Map.of("type", "call", "host", host, "call", call));
        }

        /** Delivers the first segment in flight. */
        TaskRun deliverNext() {
            return move(Map.of("type", "deliver", "segment", session.getInt("inFlight[0].id")));
        }

        TaskRun deliverAll() {
            while (!session.getList("inFlight").isEmpty()) {
                deliverNext();
            }
            return this;
        }

        /** The clock jumps to the next timer or scripted event, as the page's advance button makes it. */
        TaskRun advance() {
            return move(Map.of("type", "advance"));
        }

        String state(String endpoint) {
            return session.getString("states." + endpoint);
        }

        /** Opens the connection, then {@code first} calls close() and the other after it. */
        TaskRun closedBy(String first) {
            return deliverAll().call(first, "close").deliverAll().call(first.equals("server") ? "client" : "server", "close").deliverAll();
        }

        boolean met() {
            return session.getBoolean("task.met");
        }
    }

    private Map<String, Object> taskAssignment(Instant opens, Instant due) {
        return new HashMap<>(Map.of("kind", "SANDBOX_TASK", "target", TASK, "opensAt", opens.toString(), "dueAt", due.toString()));
    }

    private Response assign(Map<String, Object> body) {
        return given().cookie(TeacherLogin.COOKIE, teacher).contentType(ContentType.JSON).body(body)
                .post("/api/classes/" + classCode + "/assignments");
    }

    private String statusOf(Learner learner, long assignment) {
        return learner.request().get("/api/learners/me/assignments").then().statusCode(200).extract()
                .path("find { it.id == " + assignment + " }.status");
    }

    @Test
    void theServerClosingFirst_meetsTheTask_andMarksTheClassMembersAssignmentDone() {
        Instant now = Instant.now();
        long open = assign(taskAssignment(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)))).then().statusCode(201)
                .body("kind", equalTo("SANDBOX_TASK")).body("link", equalTo("/sandbox?task=" + TASK))
                .body("attemptsAllowed", nullValue()).body("counted", nullValue()).extract().jsonPath().getLong("id");
        long past = assign(taskAssignment(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Learner student = Learner.fresh();
        student.join(classCode);
        assertEquals("OPEN", statusOf(student, open));
        assertEquals("MISSED", statusOf(student, past));
        student.request().accept("text/html").get("/?lang=zh").then().statusCode(200)
                .body(containsString("<a href=\"/sandbox?task=" + TASK + "\">让服务器停在 TIME-WAIT 状态</a>"))
                .body(containsString("由引擎检查的沙盒任务"));
        student.request().accept("text/html").get("/progress").then().statusCode(200)
                .body(containsString("<a href=\"/sandbox?task=" + TASK + "\">Make the server end in TIME-WAIT</a>"));

        TaskRun run = new TaskRun(student, TASK);
        assertEquals("Make the server end in TIME-WAIT", run.session.getString("task.title"));
        assertEquals("three-way-handshake", run.session.getString("scenario"));
        assertFalse(run.met());
        run.closedBy("server");
        assertEquals("TIME_WAIT", run.session.getString("states.server"));
        assertTrue(run.met(), "the last ACK leaves the active closer, the server, in TIME-WAIT (RFC 9293 §3.6)");
        student.request().queryParam("lang", "zh").get("/api/sessions/" + run.id).then().statusCode(200)
                .body("task.title", equalTo("让服务器停在 TIME-WAIT 状态")).body("task.met", equalTo(true));

        assertEquals("DONE", statusOf(student, open));
        assertEquals("MISSED", statusOf(student, past), "met after the due date counts for no earlier window");
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/classes/" + classCode + "/assignments/" + open).then().statusCode(200)
                .body("completed", equalTo(1)).body("perStudent[0].status", equalTo("DONE"));
        String csv = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/classes/" + classCode + "/assignments/" + open + "/results.csv")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.contains("Make the server end in TIME-WAIT") && csv.contains("DONE"), csv);
        // The teacher's page of the student lists the task met.
        long member = given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + classCode + "/roster")
                .then().statusCode(200).extract().jsonPath().getLong("[0].memberId");
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/teacher/classes/" + classCode + "/students/" + member + "?lang=zh")
                .then().statusCode(200).body("tasksMet.item", equalTo(java.util.List.of(TASK)))
                .body("tasksMet[0].title", equalTo("让服务器停在 TIME-WAIT 状态"));
    }

    @Test
    void theClientClosingFirst_holdsTimeWaitItself_soTheTaskStaysUnmetAndTheAssignmentOpen() {
        Instant now = Instant.now();
        long open = assign(taskAssignment(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Learner student = Learner.fresh();
        student.join(classCode);
        TaskRun run = new TaskRun(student, TASK).closedBy("client");
        assertEquals("TIME_WAIT", run.session.getString("states.client"));
        assertFalse(run.met());
        assertEquals("OPEN", statusOf(student, open));
    }

    @Test
    void closingTheServerWhileTheClientsFinIsInFlight_isASimultaneousClose_thatLeavesTheServerInTimeWait() {
        TaskRun run = new TaskRun(Learner.fresh(), "server-holds-time-wait");
        assertEquals("four-way-close", run.session.getString("scenario"));
        run.deliverNext().deliverNext().deliverNext(); // SYN, SYN-ACK, ACK
        assertEquals("ESTABLISHED", run.state("server"));
        assertEquals("client", run.session.getString("inFlight[0].from"));
        assertTrue(run.session.getList("inFlight[0].flags").contains("FIN"), "the client's scripted close() has sent its FIN");
        assertEquals("FIN_WAIT_1", run.state("client"), "CLOSE in ESTABLISHED sends a FIN (RFC 9293 §3.10.4)");
        assertFalse(run.met());

        run.call("server", "close");
        assertEquals("FIN_WAIT_1", run.state("server"), "the server's own FIN goes out before the client's arrives");
        run.deliverAll();
        assertTrue(run.session.getList("trace.steps.findAll { it.endpoint == 'server' }.stateAfter").contains("CLOSING"),
                "the client's FIN reached the server in FIN-WAIT-1 (RFC 9293 §3.10.7.4)");
        assertEquals("TIME_WAIT", run.state("server"), "a FIN in FIN-WAIT-1 leads through CLOSING to TIME-WAIT (RFC 9293 §3.6, Figure 13)");
        assertEquals("TIME_WAIT", run.state("client"), "in a simultaneous close both ends hold TIME-WAIT");
        assertTrue(run.met());
    }

    @Test
    void answeringTheClientsFinWithClose_leavesTheServerInLastAck_andTheTaskUnmet() {
        TaskRun run = new TaskRun(Learner.fresh(), "server-holds-time-wait");
        run.deliverNext().deliverNext().deliverNext().deliverNext(); // the handshake, then the client's FIN
        assertEquals("CLOSE_WAIT", run.state("server"), "a FIN in ESTABLISHED leads to CLOSE-WAIT (RFC 9293 §3.10.7.4)");
        run.call("server", "close");
        assertEquals("LAST_ACK", run.state("server"), "CLOSE in CLOSE-WAIT sends a FIN and waits in LAST-ACK (RFC 9293 §3.10.4)");
        run.deliverAll();
        assertEquals("CLOSED", run.state("server"), "the ACK of its FIN takes the passive closer to CLOSED (RFC 9293 §3.6)");
        assertEquals("TIME_WAIT", run.state("client"));
        assertFalse(run.met());
    }

    /** Advances the clock until the scripted connect() puts the client's SYN in flight, as the flood goes on. */
    private static TaskRun untilTheClientsSynIsInFlight(TaskRun run) {
        for (int advances = 0; run.session.getList("inFlight").isEmpty(); advances++) {
            assertTrue(advances < 100, "the scripted connect() comes at 3 s");
            run.advance();
        }
        return run;
    }

    @Test
    void waitingUntilTheFloodFillsTheSynQueue_thenDeliveringTheHandshake_getsThroughWithSynCookies() {
        TaskRun run = untilTheClientsSynIsInFlight(new TaskRun(Learner.fresh(), "connect-through-full-syn-queue"));
        assertEquals("syn-flood-cookies", run.session.getString("scenario"));
        assertEquals("SYN_SENT", run.state("client"));
        assertEquals(8, run.session.getInt("trace.steps[-1].synQueue.server"), "the spoofed SYNs fill the backlog of 8");
        assertEquals(8, run.session.getInt("synQueueCapacity"), "the session says at how many entries the queue is full");
        assertTrue(run.session.getLong("trace.steps.find { it.synQueue?.server == 8 }.at") < 2000, "full within 2 s, as the task says");
        assertFalse(run.met());

        run.deliverAll();
        assertEquals("ESTABLISHED", run.state("client"));
        assertEquals("ESTABLISHED", run.state("server"),
                "the final ACK carries the cookie, so the server establishes without a queue entry (RFC 4987 §3.6)");
        assertTrue(run.met());
    }

    @Test
    void connectingBeforeTheQueueIsFull_isAnOrdinaryHandshake_soTheTaskStaysUnmet() {
        TaskRun run = new TaskRun(Learner.fresh(), "connect-through-full-syn-queue").call("client", "connect").deliverAll();
        assertEquals("ESTABLISHED", run.state("server"), "SYN-RECEIVED, then the ACK establishes (RFC 9293 §3.5, §3.10.7.2)");
        assertFalse(run.met());
    }

    @Test
    void onlyAClassMembersMeetingIsKept_andOnlyTheCreatorsMovesCount() {
        Instant now = Instant.now();
        long open = assign(taskAssignment(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Learner outsider = Learner.fresh();
        TaskRun run = new TaskRun(outsider, TASK).closedBy("server");
        assertTrue(run.met());
        outsider.join(classCode);
        assertEquals("OPEN", statusOf(outsider, open), "met before joining the class: nobody's assignment then, no row kept");

        Learner student = Learner.fresh();
        student.join(classCode);
        TaskRun someoneElses = new TaskRun(Learner.fresh(), TASK);
        student.request().contentType(ContentType.JSON).body(Map.of("type", "advance")).post("/api/sessions/" + someoneElses.id + "/actions")
                .then().statusCode(403).contentType("application/problem+json");
        // A copy of a session that met the task is the copier's own experiment, not a task session.
        student.request().contentType(ContentType.JSON).post("/api/sessions/" + run.id + "/copy").then().statusCode(201).body("task", nullValue());
        assertEquals("OPEN", statusOf(student, open));
    }

    @Test
    void anUnknownOrMalformedTaskIsRefused() {
        Learner learner = Learner.fresh();
        learner.request().contentType(ContentType.JSON).body(Map.of("task", "no-such-task")).post("/api/sessions")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("no-such-task"));
        learner.request().contentType(ContentType.JSON).body(Map.of("task", "../etc")).post("/api/sessions")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("task"));
        learner.request().contentType(ContentType.JSON).body(Map.of("task", TASK, "scenario", "three-way-handshake")).post("/api/sessions")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/sandbox?task=no-such-task").then().statusCode(404);
        given().get("/sandbox?task=" + TASK).then().statusCode(200).body(containsString("data-task=\"" + TASK + "\""));
    }

    @Test
    void aTaskAssignmentNeedsAKnownTask_andTakesNoQuizOrSimulationFields() {
        Instant now = Instant.now();
        Map<String, Object> unknown = taskAssignment(now, now.plus(Duration.ofDays(1)));
        unknown.put("target", "why-three-steps");
        assign(unknown).then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("target"));
        for (Map.Entry<String, Object> quizField : Map.<String, Object>of("counted", "BEST", "attemptsAllowed", 2, "mode", "STEP").entrySet()) {
            Map<String, Object> body = taskAssignment(now, now.plus(Duration.ofDays(1)));
            body.put(quizField.getKey(), quizField.getValue());
            assign(body).then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(quizField.getKey()));
        }
        Map<String, Object> quizWithoutAttempts = taskAssignment(now, now.plus(Duration.ofDays(1)));
        quizWithoutAttempts.putAll(Map.of("kind", "QUIZ", "target", "why-three-steps"));
        assign(quizWithoutAttempts).then().statusCode(400).body("errors[0].field", equalTo("attemptsAllowed"));
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/classes/" + classCode + "/assignments").then().body("size()", equalTo(0));
    }

    @Test
    void theTeachersFormAssignsATask_leavingItsAttemptsFieldsUnread() {
        String path = "/teacher/classes/" + classCode + "/assignments";
        Response page = given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get(path + "?lang=zh");
        assertTrue(page.asString().contains("<option value=\"TASK:" + TASK + "\">让服务器停在 TIME-WAIT 状态</option>"), "the form offers the tasks");
        String[] token = TeacherClasses.csrf(page);
        given().cookie(TeacherLogin.COOKIE, teacher).cookies(page.getCookies()).accept("text/html").redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam(token[0], token[1])
                .formParam("work", "TASK:" + TASK).formParam("opensAt", "2020-01-01T08:00").formParam("dueAt", "2099-01-01T08:00")
                .formParam("attemptsAllowed", "1").formParam("counted", "BEST").formParam("ask", "ALL")
                .post(path).then().statusCode(303);
        given().cookie(TeacherLogin.COOKIE, teacher).get("/api/classes/" + classCode + "/assignments").then()
                .body("size()", equalTo(1)).body("[0].kind", equalTo("SANDBOX_TASK")).body("[0].counted", nullValue());
        given().cookie(TeacherLogin.COOKIE, teacher).accept("text/html").get(path + "?lang=zh").then()
                .body(containsString("由引擎检查的沙盒任务"));
    }
}
