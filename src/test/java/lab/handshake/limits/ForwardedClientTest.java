package lab.handshake.limits;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The other side of {@link ClientLimitsTest}: behind a trusted proxy (the tests' own address here), the
 * address the proxy puts in {@code X-Forwarded-For} is the client, and each client has its own allowance.
 */
@QuarkusTest
@TestProfile(ForwardedClientTest.TrustedLoopbackProxy.class)
class ForwardedClientTest {

    public static class TrustedLoopbackProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("handshake.limits.captures-per-minute", "1",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:handshake-forwarded;DB_CLOSE_DELAY=-1");
        }
    }

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
