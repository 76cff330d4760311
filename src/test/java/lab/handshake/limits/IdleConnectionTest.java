package lab.handshake.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that sends part of a request and then stalls, or sends its headers a byte at a time, is disconnected once
 * the idle timeout (1 s here, 30 s in production) passes, and one that keeps sending its body a byte at a time (never idle) once the body time
 * (2 s here, 30 s in production) passes, so slow connections cannot pile up.
 */
@QuarkusTest
@TestProfile(IdleConnectionTest.ShortIdleTimeout.class)
class IdleConnectionTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s",
                    "handshake.limits.request-body-time", "PT2S",
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

    /**
     * Slowloris: a request head sent a byte at a time, more often than the idle timeout. The bytes of an unfinished
     * head do not count as activity (the HTTP decoder passes nothing on until the head is whole), so the idle timeout
     * is a deadline for the whole head: 1 s here, 30 s in production.
     */
    @Test
    void shouldCloseAConnectionWhoseHeadersDripInAByteAtATime() throws Exception {
        byte[] head = ("GET /lessons HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            boolean closed = false;
            try {
                for (byte b : head) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(200);
                    socket.setSoTimeout(1);
                    try {
                        closed = socket.getInputStream().read() < 0;
                    } catch (SocketTimeoutException stillOpen) {
                        // nothing from the server yet
                    }
                    if (closed) {
                        break;
                    }
                }
            } catch (SocketException reset) {
                closed = true;
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(closed, "the server still holds a dripping request head after " + seconds + " s");
            assertTrue(seconds < 5, "closed after " + seconds + " s");
        }
    }

    @Test
    void shouldAnswer408AndCloseAConnectionWhoseBodyDripsInWithoutEverGoingIdle() throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            // Read for 400 ms at a time, then send one more byte: more often than the 1 s idle timeout, so only the
            // body time can end it.
            socket.setSoTimeout(400);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 400\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            boolean closed = false;
            while (!closed && System.nanoTime() - start < 15_000_000_000L) {
                try {
                    int read = socket.getInputStream().read(buffer);
                    closed = read < 0;
                    if (read > 0) {
                        answer.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
                    }
                } catch (SocketTimeoutException quiet) {
                    if (answer.length() == 0) {
                        out.write(' ');
                        out.flush();
                    }
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(closed, "the server still holds a dripping request after " + seconds + " s: " + answer);
            assertTrue(seconds < 10, "closed after " + seconds + " s");
            assertTrue(answer.toString().startsWith("HTTP/1.1 408"), answer.toString());
            assertTrue(answer.toString().contains("application/problem+json") && answer.toString().contains("/problems/too-slow"),
                    answer.toString());
        }
    }
}
