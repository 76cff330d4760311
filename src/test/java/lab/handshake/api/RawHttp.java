package lab.handshake.api;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests the server refuses while they are still being sent. The server answers a
 * body over its limit at once and closes; an HTTP client still writing the body then reports only "Broken pipe" or
 * "Connection reset" and never reads the answer (RestAssured failed that way now and then). Here a failed write
 * ends the sending, and everything the server sent before it closed is read.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** What came back: the status line, the headers and the body, as text. */
    public record Answer(String text) {
        public int status() {
            return Integer.parseInt(text.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }

        /** The first value of a header (names compared without case), or null. */
        public String header(String name) {
            String head = text.split("\r\n\r\n", 2)[0];
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String body() {
            String[] parts = text.split("\r\n\r\n", 2);
            return parts.length == 2 ? parts[1] : "";
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Sends the head (request line and headers, each ending in CRLF), a Content-Length, then the body. */
    public static Answer withLength(String head, byte[] body) throws IOException {
        return send(out -> {
            out.write((head + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        });
    }

    /** Sends the head, then the body in chunks of 16 KB, so there is no Content-Length to refuse it by. */
    public static Answer chunked(String head, byte[] body) throws IOException {
        return send(out -> {
            out.write((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; sent < body.length; sent += 16_384) {
                int length = Math.min(16_384, body.length - sent);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, sent, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
    }

    /** Sends these bytes and nothing else: for requests no HTTP client would write. */
    public static Answer exactly(String request) throws IOException {
        return send(out -> out.write(request.getBytes(StandardCharsets.US_ASCII)));
    }

    private interface Sending {
        void to(OutputStream out) throws IOException;
    }

    private static Answer send(Sending request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            try {
                request.to(socket.getOutputStream());
            } catch (IOException closedByTheServer) {
                // the server answered and closed before the whole request was sent, as it may
            }
            return new Answer(readUntilClosed(socket.getInputStream()));
        }
    }

    /** Everything readable until the server closes, even when it closes with a reset after its answer. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8_192];
        try {
            for (int read; (read = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, read);
            }
        } catch (IOException reset) {
            if (received.size() == 0) {
                throw reset;
            }
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
