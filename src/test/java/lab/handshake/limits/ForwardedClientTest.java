package lab.handshake.limits;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import lab.handshake.web.CampusBehindProxy;
import org.junit.jupiter.api.Test;

/**
 * The other side of {@link ClientLimitsTest}: behind a trusted proxy (the tests' own address here), the
 * address the proxy puts in {@code X-Forwarded-For} is the client, and each client has its own allowance (one capture
 * a minute).
 */
@QuarkusTest
@TestProfile(CampusBehindProxy.class)
class ForwardedClientTest {
    @Test
    void shouldGiveEachForwardedClientItsOwnAllowance() throws IOException {
        byte[] capture = ClientLimitsTest.capture();
        given().header("X-Forwarded-For", "198.51.100.1").contentType("application/vnd.tcpdump.pcap").body(capture)
                .post("/api/captures").then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.2").contentType("application/vnd.tcpdump.pcap").body(capture)
                .post("/api/captures").then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.1").contentType("application/vnd.tcpdump.pcap").body(capture)
                .post("/api/captures").then().statusCode(429);
    }
}
