package lab.handshake.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The application behind a trusted proxy at the tests' own address, with what the tests there also need switched on:
 * Swagger UI, and an allowance of one capture a minute per client. One profile for them, so that Quarkus starts once
 * for all of them.
 */
public class BehindTrustedLoopbackProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1,[::1]", "quarkus.swagger-ui.enabled", "true",
                "handshake.limits.captures-per-minute", "1",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:handshake-behind-proxy;DB_CLOSE_DELAY=-1");
    }
}
