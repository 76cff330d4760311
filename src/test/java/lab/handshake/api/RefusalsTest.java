package lab.handshake.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import lab.handshake.web.FailsBeforeTheBodyRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void aBodyOverTheSizeLimitIsRefusedWithAProblemDocument() throws Exception {
        String traces = RawHttp.withLength("POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n", TOO_LARGE).text();
        assertTrue(traces.startsWith("HTTP/1.1 413"), traces);
        assertTrue(traces.contains("content-type: application/problem+json"), traces);
        assertTrue(traces.contains("\"type\":\"/problems/too-large\""), traces);
        assertTrue(traces.contains("The request body is 300000 bytes; at most 262144 bytes are accepted."), traces);
        // A capture may be larger (its payload is kept though only headers are read), up to 8 MB: 300,000 bytes of
        // spaces are read and refused for what they are; 9 MB is refused by its length before it is read.
        String junk = RawHttp.withLength("POST /api/captures HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/vnd.tcpdump.pcap\r\n", TOO_LARGE).text();
        assertTrue(junk.startsWith("HTTP/1.1 400") && junk.contains("unknown magic number"), junk);
        String captures = RawHttp.withLength("POST /api/captures HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/vnd.tcpdump.pcap\r\n",
                new byte[9 << 20]).text();
        assertTrue(captures.startsWith("HTTP/1.1 413"), captures);
        assertTrue(captures.contains("content-type: application/problem+json"), captures);
        assertTrue(captures.contains("The request body is 9437184 bytes; at most 8388608 bytes are accepted."), captures);
        RawHttp.Answer chinese = RawHttp.withLength("POST /api/traces HTTP/1.1\r\nHost: localhost\r\nAccept-Language: zh-CN\r\n"
                + "Content-Type: application/json\r\n", TOO_LARGE);
        assertEquals(413, chinese.status(), chinese::text);
        assertTrue(chinese.body().contains("\"title\":\"请求体过大\""), chinese::text);
        assertTrue(chinese.body().contains("请求体有 300000 字节；最多只接受 262144 字节。"), chinese::text);
    }

    @Test
    void aClientAskingForHttp2IsAnsweredInHttp11WhereTheBodyLimitsHold() throws Exception {
        // An HTTP/2 stream's body without a length would be read whole, up to the 8 MB of a capture, by any endpoint;
        // HTTP/1.1's framing is where the 256 KB limit is enforced. Java's client asks to upgrade to HTTP/2 over
        // plain HTTP (h2c) on its first request and would use HTTP/2 from the second on, were it offered.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int request = 0; request < 2; request++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + RestAssured.port + "/api/learners/me/recovery-code"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, answer.version(), answer::body);
            assertTrue(answer.statusCode() < 500, () -> answer.statusCode() + " " + answer.body());
        }
    }

    @Test
    void requestsTheRouterRefusesBeforeAnyRouteAreAnsweredWithAProblemThatNamesTheFault() throws Exception {
        RawHttp.Answer noHost = RawHttp.exactly("GET /api/scenarios HTTP/1.1\r\nAccept-Language: zh-CN\r\n\r\n");
        assertEquals(400, noHost.status(), noHost::text);
        assertEquals("application/problem+json", noHost.header("Content-Type"), noHost::text);
        assertTrue(noHost.body().contains("HTTP/1.1 请求必须在 Host 头中写明服务器"), noHost::text);
        // HTTP/2's connection preface, as a client with "prior knowledge" of HTTP/2 opens a cleartext connection.
        RawHttp.Answer http2 = RawHttp.exactly("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        assertEquals(505, http2.status(), http2::text);
        assertTrue(http2.body().contains("This server speaks HTTP/1.1 (and 1.0)"), http2::text);
        RawHttp.Answer noSlash = RawHttp.exactly("GET lessons HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(404, noSlash.status(), noSlash::text);
        assertEquals("application/problem+json", noSlash.header("Content-Type"), noSlash::text);
    }

    @Test
    void aStreamedBodyOverTheSizeLimitIsRefusedWithAProblemDocument() throws Exception {
        // Chunked, so there is no Content-Length to refuse it by: the limit is met while the body streams in.
        String answer = RawHttp.chunked("POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n", TOO_LARGE).text();
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("The request body is over the limit of 262144 bytes."), answer);
    }

    @Test
    void aStreamedFormOverTheSizeLimitIsRefusedWithAProblemDocumentAndASmallOneStillWorks() throws Exception {
        String form = "POST /classes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n";
        // 100 fields of 3,000 bytes: fewer fields than their limit, each under the field limit, together over the body limit.
        String manyFields = RawHttp.chunked(form, ("f=" + "x".repeat(3_000) + "&").repeat(100).getBytes(StandardCharsets.US_ASCII)).text();
        assertTrue(manyFields.startsWith("HTTP/1.1 413"), manyFields);
        assertTrue(manyFields.contains("content-type: application/problem+json"), manyFields);
        assertTrue(manyFields.contains("The request body is over the limit of 262144 bytes."), manyFields);
        String oneLongField = RawHttp.chunked(form,
                ("joinCode=" + new String(TOO_LARGE, StandardCharsets.US_ASCII).replace(' ', 'A')).getBytes(StandardCharsets.US_ASCII)).text();
        assertTrue(oneLongField.startsWith("HTTP/1.1 413"), oneLongField);
        assertTrue(oneLongField.contains("A form field is over the limit of 262144 bytes."), oneLongField);

        // A streamed form within the limit is read as before: its token is checked and the code looked up.
        io.restassured.response.Response page = given().get("/classes");
        String token = page.asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
        String cookies = page.getCookies().entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        String small = RawHttp.chunked("POST /classes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Accept: text/html\r\nConnection: close\r\nCookie: " + cookies + "\r\n",
                ("csrf-token=" + token + "&joinCode=NOSUCHCODE").getBytes(StandardCharsets.US_ASCII)).text();
        assertTrue(small.startsWith("HTTP/1.1 404"), small);
    }

    /** Sends raw HTTP/1.1 and returns what came back before the server closed the connection. */
    private static String exchange(String request) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bodiesCutOffMidWayGet400AndAreNotLoggedAsErrors_butAFailureOfOursMeanwhileIsA500LoggedAsOne() throws Exception {
        List<LogRecord> errors = Collections.synchronizedList(new ArrayList<>()); // added to on the server's threads
        Handler watch = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(watch);
        try {
            String brokenChunks = exchange("POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"par\r\nZZ\r\n");
            assertTrue(brokenChunks.startsWith("HTTP/1.1 400"), brokenChunks);
            assertTrue(brokenChunks.contains("/problems/invalid-body"), brokenChunks);
            // Clients that stop sending and close: nobody is left to answer, and nothing is logged as an error.
            for (String cutOff : List.of(
                    "POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"par",
                    "POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"par\r\n",
                    "POST /logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 900\r\n\r\n--x\r\n")) {
                try (Socket socket = new Socket("localhost", RestAssured.port)) {
                    socket.getOutputStream().write(cutOff.getBytes(StandardCharsets.UTF_8));
                    socket.shutdownOutput();
                    socket.setSoTimeout(10_000);
                    socket.getInputStream().readAllBytes();
                }
            }
            // The server notices the closed connections on its own threads: nothing may be logged as an error meanwhile.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(errors::isEmpty);

            // A failure of the server's own while a body is still coming is no cut-off body: a 500, logged as an error.
            String ours = exchange("POST " + FailsBeforeTheBodyRoute.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"par");
            assertTrue(ours.startsWith("HTTP/1.1 500"), ours);
            assertTrue(ours.contains(Problem.MEDIA_TYPE), ours);
            assertFalse(ours.contains("a bug of ours"), ours);
            await().atMost(Duration.ofSeconds(2)).until(() -> errors.stream().anyMatch(e -> e.getMessage().contains(FailsBeforeTheBodyRoute.PATH)));
        } finally {
            root.removeHandler(watch);
        }
        assertEquals(1, errors.size(), () -> "logged as errors: " + errors.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void aBrowserSendingABodyOverTheSizeLimitGetsTheErrorPageInItsLanguage() throws Exception {
        RawHttp.Answer chinese = RawHttp.withLength("POST /teacher/content HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Accept-Language: zh-CN,zh;q=0.9\r\nContent-Type: application/x-www-form-urlencoded\r\n", TOO_LARGE);
        assertEquals(413, chinese.status(), chinese::text);
        assertTrue(chinese.header("Content-Type").contains("text/html"), chinese::text);
        assertTrue(chinese.body().contains("<html lang=\"zh-Hans\""), chinese::text);
        assertTrue(chinese.body().contains("请求超过了本站接受的大小"), chinese::text);
        assertFalse(chinese.body().contains("bytes are accepted"), chinese::text);
        RawHttp.Answer english = RawHttp.withLength("POST /logout HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Cookie: hl_lang=en\r\nContent-Type: application/x-www-form-urlencoded\r\n", TOO_LARGE);
        assertEquals(413, english.status(), english::text);
        assertTrue(english.header("Content-Type").contains("text/html"), english::text);
        assertTrue(english.body().contains("The request is larger than this site accepts."), english::text);
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @CsvSource(delimiter = '|', value = {
        "DELETE | /api/scenarios                                          | application/json | {}                        | 405 | does not accept that HTTP method",
        "PUT    | /api/traces                                             | application/json | {}                        | 405 | does not accept that HTTP method",
        "POST   | /api/traces                                             | text/plain       | x                         | 415 | must be JSON",
        "POST   | /api/traces                                             | application/json | {bad                      | 400 | not well-formed JSON",
        "POST   | /api/traces                                             | application/json | [1,2]                     | 400 | The top level must be an object (named fields), not a list.",
        "POST   | /api/traces                                             | application/json | {\"params\":{\"clientIsn\":\"abc\"}} | 400 | params.clientIsn",
        "POST   | /api/traces                                             | application/json | {\"params\":{\"mss\":\"big\"}} | 400 | must be a whole number, not",
        "POST   | /api/traces                                             | application/json | {\"actions\":[{\"at\":1e999}]} | 400 | is out of range for a whole number.",
        "POST   | /api/traces                                             | application/json | {\"untilMs\":\"soon\"}    | 400 | untilMs",
        "POST   | /api/sessions                                           | application/json | {\"mode\":[]}             | 400 | must be text, not a list.",
        "POST   | /api/sessions/00000000-0000-0000-0000-000000000000/actions | application/json | {\"type\":[]}         | 400 | type",
        "POST   | /api/quizzes/sequence-numbers/attempts                  | application/json | {\"answers\":\"x\"}       | 400 | answers",
        "POST   | /api/quizzes/sequence-numbers/attempts                  | application/json | {\"attemptId\":{}}        | 400 | attemptId",
        "GET    | /api/scenarios/three-way-handshake/trace?clientIsn=abc  | application/json |                           | 400 | clientIsn",
        "GET    | /api/scenarios/three-way-handshake/trace?seed=1.5       | application/json |                           | 400 | seed",
        "GET    | /api/scenarios/three-way-handshake/trace?format=exe     | application/json |                           | 400 | format",
        "GET    | /api/scenarios/three-way-handshake/trace?lang=fr        | application/json |                           | 400 | lang",
        "GET    | /api/scenarios/three-way-handshake/trace?lang=zh&profile=bsd | application/json |                      | 400 | 查询参数“profile”必须是 rfc9293 或 linux。",
        "GET    | /api/scenarios/three-way-handshake/trace?lang=zh&clientIsn=abc | application/json |                    | 400 | 查询参数“clientIsn”必须是 0 到 4294967295 之间的整数。",
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
    void anApiClientAskingInChineseReadsTheMappersOwnWordsInChineseWithTheSameTypeAndStatus() {
        isProblem(given().header("Accept-Language", "zh-CN,zh;q=0.9").contentType("application/json").body("{bad").post("/api/traces").then(), 400)
                .body("type", equalTo("/problems/invalid-json")).body("title", equalTo("无效的 JSON"))
                .body("detail", equalTo("请求体不是格式正确的 JSON。"));
        isProblem(given().contentType("application/json").body("{}").put("/api/traces?lang=zh").then(), 405)
                .body("type", equalTo("about:blank")).body("title", equalTo("不允许的方法"))
                .body("detail", equalTo("这个地址不接受该 HTTP 方法。"));
        isProblem(given().header("Accept-Language", "zh").get("/api/teacher/content").then(), 401)
                .body("type", equalTo("/problems/unauthorized")).body("title", equalTo("未登录"));
        isProblem(given().contentType("application/json").body("{}").put("/api/traces").then(), 405)
                .body("title", equalTo("Method Not Allowed"));
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
                .body(containsString("<p>这个地址不接受该 HTTP 方法。</p>"))
                .body(not(containsString("does not accept")));
    }
}
