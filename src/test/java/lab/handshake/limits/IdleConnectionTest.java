package lab.handshake.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that sends part of a request and then stalls is disconnected once the idle timeout (1 s here,
 * 30 s in production) passes, so stalled connections cannot pile up.
 */
@QuarkusTest
@TestProfile(IdleConnectionTest.ShortIdleTimeout.class)
class IdleConnectionTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:handshake-idle;DB_CLOSE_DELAY=-1");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /lessons HTTP/1.1\r\nHost: localhost\r\nAccept: te",
            "POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"actions\": ["})
    void shouldCloseAConnectionThatStallsHalfWayThroughARequest(String half) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            // Generous: the server must close long before this, or the read below fails the test.
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                byte[] buffer = new byte[4096];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    assertTrue(read > 0);
                    // An answer (such as 408) before closing is fine; the connection must still end.
                }
                assertEquals(-1, read);
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the server kept a stalled connection open for 20 s", stillOpen);
            } catch (SocketException reset) {
                // closed by the server with a reset: also closed
            }
        }
    }
}
