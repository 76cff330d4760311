package lab.handshake.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every refusal is a problem document for the API and an error page in the reader's language for a browser. */
@QuarkusTest
class RefusalsTest {
    /** 300,000 bytes: over the 256 KB request body limit. */
    private static final byte[] TOO_LARGE = new byte[300_000];

    static {
        Arrays.fill(TOO_LARGE, (byte) ' ');
    }

    /** A request whose body is sent as the bytes given, whatever its content type says. */
    static RequestSpecification raw() {
        EncoderConfig asBytes = EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY)
                .encodeContentTypeAs("multipart/form-data", ContentType.BINARY)
                .encodeContentTypeAs("text/plain", ContentType.BINARY)
                .encodeContentTypeAs("application/octet-stream", ContentType.BINARY);
        return given().config(RestAssured.config().encoderConfig(asBytes));
    }

    private static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(Problem.MEDIA_TYPE).body("status", equalTo(status));
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWithAProblemDocument() {
        isProblem(given().contentType("application/json").body(TOO_LARGE).post("/api/traces").then(), 413)
                .body("type", equalTo("/problems/too-large"))
                .body("detail", equalTo("The request body is 300000 bytes; at most 262144 bytes are accepted."));
        isProblem(given().contentType("application/vnd.tcpdump.pcap").body(TOO_LARGE).post("/api/captures").then(), 413);
    }

    @Test
    void aBrowserSendingABodyOverTheSizeLimitGetsTheErrorPageInItsLanguage() {
        raw().accept("text/html").header("Accept-Language", "zh-CN,zh;q=0.9").contentType("application/x-www-form-urlencoded")
                .body(TOO_LARGE).post("/teacher/content")
                .then().statusCode(413).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"zh-Hans\""))
                .body(containsString("请求超过了本站接受的大小"))
                .body(not(containsString("bytes are accepted")));
        raw().accept("text/html").cookie("hl_lang", "en").contentType("application/x-www-form-urlencoded")
                .body(TOO_LARGE).post("/logout")
                .then().statusCode(413).contentType(containsString("text/html"))
                .body(containsString("The request is larger than this site accepts."));
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @CsvSource(delimiter = '|', value = {
        "DELETE | /api/scenarios                                          | application/json | {}                        | 405 | does not accept that HTTP method",
        "PUT    | /api/traces                                             | application/json | {}                        | 405 | does not accept that HTTP method",
        "POST   | /api/traces                                             | text/plain       | x                         | 415 | must be JSON",
        "POST   | /api/traces                                             | application/json | {bad                      | 400 | not well-formed JSON",
        "POST   | /api/traces                                             | application/json | [1,2]                     | 400 | wrong shape",
        "POST   | /api/traces                                             | application/json | {\"params\":{\"clientIsn\":\"abc\"}} | 400 | params.clientIsn",
        "POST   | /api/traces                                             | application/json | {\"actions\":[{\"at\":1e999}]} | 400 | actions[0].at",
        "POST   | /api/traces                                             | application/json | {\"untilMs\":\"soon\"}    | 400 | untilMs",
        "POST   | /api/sessions                                           | application/json | {\"mode\":[]}             | 400 | mode",
        "POST   | /api/sessions/00000000-0000-0000-0000-000000000000/actions | application/json | {\"type\":[]}         | 400 | type",
        "POST   | /api/quizzes/sequence-numbers/attempts                  | application/json | {\"answers\":\"x\"}       | 400 | answers",
        "POST   | /api/quizzes/sequence-numbers/attempts                  | application/json | {\"attemptId\":{}}        | 400 | attemptId",
        "GET    | /api/scenarios/three-way-handshake/trace?clientIsn=abc  | application/json |                           | 400 | clientIsn",
        "GET    | /api/scenarios/three-way-handshake/trace?seed=1.5       | application/json |                           | 400 | seed",
        "GET    | /api/scenarios/three-way-handshake/trace?format=exe     | application/json |                           | 400 | format",
        "GET    | /api/scenarios/three-way-handshake/trace?lang=fr        | application/json |                           | 400 | lang",
        "POST   | /api/captures?connection=abc                            | application/octet-stream | x                 | 400 | Query parameter 'connection' must be a whole number, not 'abc'",
        "GET    | /api/nothing-here                                       | application/json |                           | 404 | nothing at this address",
    })
    void aRequestOfTheWrongShapeGetsAProblemNamingWhatIsWrong(String method, String path, String type, String body, int status, String named) {
        RequestSpecification request = raw().contentType(type);
        if (body != null) {
            request = request.body(body.getBytes(StandardCharsets.UTF_8));
        }
        isProblem(request.request(method, path).then(), status).body("detail", containsString(named));
    }

    @Test
    void aClientThatAcceptsNoJsonStillGetsItsRefusalAsAProblem() {
        isProblem(given().contentType("application/json").accept("text/csv").body("{}").post("/api/traces").then(), 406);
    }

    @Test
    void aPathIdOfTheWrongTypeIsNotFoundAndSaysWhy() {
        given().cookie(lab.handshake.teacher.TeacherLogin.COOKIE, lab.handshake.teacher.TeacherLogin.admin())
                .get("/api/teacher/content/abc")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("detail", containsString("'abc' is not a valid id"));
    }

    @Test
    void aBrowserRefusedOnAChinesePageReadsNoEnglish() {
        given().accept("text/html").delete("/lessons/header-fields?lang=zh")
                .then().statusCode(405).contentType(containsString("text/html"))
                .body(containsString("<title>请求被拒绝（405）"))
                .body(containsString("请求未被接受"))
                .body(not(containsString("does not accept")));
    }
}
