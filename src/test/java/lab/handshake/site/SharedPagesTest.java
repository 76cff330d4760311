package lab.handshake.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * A lesson or simulator page is the same for every reader of its language: it is rendered and compressed once,
 * sent with a strong ETag, and revalidated on each use, so an unchanged page costs a 304.
 */
@QuarkusTest
class SharedPagesTest {

    @Test
    void aLessonPageIsTheSameBytesForEveryReaderWithATagThatARevalidationAnswers304() {
        Response first = given().get("/lessons/three-way-handshake?lang=en");
        Response second = given().get("/lessons/three-way-handshake?lang=en");
        assertEquals(200, first.statusCode());
        assertEquals(first.asString(), second.asString());
        String etag = first.header("ETag");
        assertTrue(etag != null && etag.startsWith("\""), "a strong tag: " + etag);
        assertEquals(etag, second.header("ETag"));
        assertEquals("no-cache", first.header("Cache-Control"));
        assertTrue(first.contentType().startsWith("text/html"), first.contentType());

        given().header("If-None-Match", etag).get("/lessons/three-way-handshake?lang=en").then().statusCode(304);
        Response chinese = given().header("If-None-Match", etag).get("/lessons/three-way-handshake?lang=zh");
        assertEquals(200, chinese.statusCode(), "the other language is another page");
        assertNotEquals(etag, chinese.header("ETag"));
        // A language chosen by the link is still remembered, though the page's bytes are shared.
        assertTrue(chinese.header("Set-Cookie").startsWith("hl_lang=zh"), chinese.header("Set-Cookie"));
    }

    @Test
    void aSimulatorPageIsSharedAsALessonIs() {
        Response first = given().get("/simulator/four-way-close?lang=zh");
        assertEquals(200, first.statusCode());
        given().header("If-None-Match", first.header("ETag")).get("/simulator/four-way-close?lang=zh").then().statusCode(304);
        given().header("Accept-Encoding", "gzip").get("/simulator/four-way-close?lang=zh").then()
                .statusCode(200).header("Content-Encoding", "gzip").body(containsString("<html"));
    }

    @Test
    void anUnknownPageIsStillNotFound() {
        given().get("/lessons/no-such-lesson?lang=en").then().statusCode(404).header("ETag", (String) null);
    }
}
