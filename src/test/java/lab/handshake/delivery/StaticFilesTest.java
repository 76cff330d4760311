package lab.handshake.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The site's scripts, styles and icon under versioned URLs kept a year, the plain URLs kept minutes. */
@QuarkusTest
class StaticFilesTest {
    private static final Pattern VERSIONED_SCRIPT = Pattern.compile("src=\"(/static/([0-9a-f]+)/js/simulator-page\\.js)\"");
    /** Bytes as sent: no decoding behind the test's back. */
    private static final RestAssuredConfig RAW = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    private static Matcher pageScript() {
        String page = given().get("/simulator/three-way-handshake?lang=en").then().statusCode(200).extract().asString();
        Matcher script = VERSIONED_SCRIPT.matcher(page);
        assertTrue(script.find(), "the page names its script under a versioned URL");
        return script;
    }

    @Test
    void pagesNameTheirFilesUnderAVersionedUrlKeptForAYear() {
        Matcher script = pageScript();
        Response answer = given().get(script.group(1));
        answer.then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .contentType(containsString("text/javascript"))
                .body(containsString("mountSimulator"));
        // The page's styles too, through the same helper.
        given().get("/static/" + script.group(2) + "/css/site.css").then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable");
        // A revalidation of an unchanged file is answered 304 without a body.
        given().header("If-None-Match", answer.header("ETag")).get(script.group(1)).then().statusCode(304)
                .header("ETag", answer.header("ETag"));
    }

    @Test
    void modulesImportedRelativelyStayInsideTheSameVersion() {
        String version = pageScript().group(2);
        // simulator-page.js imports './simulator.js', which imports './dom.js': the browser asks for these.
        given().get("/static/" + version + "/js/simulator.js").then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable");
        given().get("/static/" + version + "/js/dom.js").then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable");
    }

    @Test
    void plainUrlsAndAnOldVersionStillAnswerButAreKeptOnlyMinutes() {
        given().get("/js/simulator.js").then().statusCode(200).header("Cache-Control", "public, max-age=300")
                .body(containsString("mountSimulator"));
        given().get("/static/000000000000/js/simulator.js").then().statusCode(200).header("Cache-Control", "public, max-age=300");
        given().get("/static/" + pageScript().group(2) + "/js/no-such-file.js").then().statusCode(404);
    }

    @Test
    void filesAreSentCompressedInTheCodingTheClientAccepts() {
        String url = pageScript().group(1);
        int plain = given().config(RAW).header("Accept-Encoding", "identity").get(url).then().statusCode(200)
                .extract().asByteArray().length;
        Response gzip = given().config(RAW).header("Accept-Encoding", "gzip").get(url);
        gzip.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", equalTo("Accept-Encoding"));
        assertTrue(gzip.asByteArray().length < plain, gzip.asByteArray().length + " < " + plain);
        given().config(RAW).header("Accept-Encoding", "br, gzip").get(url).then().statusCode(200).header("Content-Encoding", "br");
        assertTrue(gzip.header("ETag").endsWith("-gzip\""), "the gzip form has its own tag: " + gzip.header("ETag"));
    }
}
