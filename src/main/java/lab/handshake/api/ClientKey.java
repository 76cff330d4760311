package lab.handshake.api;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A hash of the client's address: enough to bound what one client may create per hour, without storing the
 * address itself. Behind a reverse proxy, enable quarkus.http.proxy.proxy-address-forwarding so the address
 * is the client's, not the proxy's.
 */
public final class ClientKey {
    private ClientKey() {
    }

    public static String of(HttpServerRequest http) {
        String address = http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
