package lab.handshake.authoring;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import lab.handshake.teacher.TeacherLogin;

/** A signed-in teacher using the authoring API, for tests that need content written and published. */
public final class Authoring {
    private final String cookie;

    private Authoring(String cookie) {
        this.cookie = cookie;
    }

    public static Authoring asAdmin() {
        return new Authoring(TeacherLogin.admin());
    }

    /** Signs in as this teacher. */
    public static Authoring as(String username, String password) {
        return new Authoring(TeacherLogin.as(username, password));
    }

    public String cookie() {
        return cookie;
    }

    /** POST /api/teacher/content; {@code from} and {@code language} may be null. */
    public Response create(String kind, String id, String language, String from) {
        Map<String, String> body = new HashMap<>();
        body.put("kind", kind);
        body.put("id", id);
        body.put("language", language);
        body.put("from", from);
        return request().body(body).post("/api/teacher/content");
    }

    public Response save(long item, String text, long version) {
        return request().body(Map.of("text", text, "version", version)).put("/api/teacher/content/" + item);
    }

    public Response publish(long item, long version) {
        return request().body(Map.of("version", version)).post("/api/teacher/content/" + item + "/publish");
    }

    public Response get(long item) {
        return request().get("/api/teacher/content/" + item);
    }

    public Response withdraw(long item, long version) {
        return request().body(Map.of("version", version)).post("/api/teacher/content/" + item + "/withdraw");
    }

    /** Creates an item with this text and publishes it; fails the test if any step is refused. */
    public long publishNew(String kind, String id, String language, String text) {
        Response created = create(kind, id, language, null);
        created.then().statusCode(201);
        long item = created.jsonPath().getLong("item.id");
        Response saved = save(item, text, created.jsonPath().getLong("item.version"));
        saved.then().statusCode(200);
        publish(item, saved.jsonPath().getLong("item.version")).then().statusCode(200);
        return item;
    }

    public io.restassured.specification.RequestSpecification request() {
        return given().cookie(TeacherLogin.COOKIE, cookie).contentType(ContentType.JSON);
    }
}
