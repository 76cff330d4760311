package lab.handshake.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** A learner as a browser is one: every request carries the same learner cookie. */
public record Learner(String id) {

    public static Learner fresh() {
        return new Learner(UUID.randomUUID().toString());
    }

    /** A new learner who has joined the class with this join code. */
    public static Learner joined(String joinCode) {
        Learner learner = fresh();
        learner.join(joinCode);
        return learner;
    }

    public RequestSpecification request() {
        return given().cookie(LearnerIdentity.COOKIE, id);
    }

    /** Hands out the quiz's questions to this learner; the id of their attempt. */
    public String startQuiz(String quiz) {
        return request().get("/api/quizzes/" + quiz).then().statusCode(200).extract().path("attemptId");
    }

    /** Joins the class with this join code. */
    public void join(String joinCode) {
        request().contentType(ContentType.JSON).body(Map.of("joinCode", joinCode))
                .post("/api/learners/me/classes").then().statusCode(200);
    }
}
