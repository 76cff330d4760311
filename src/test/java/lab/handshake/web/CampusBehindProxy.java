package lab.handshake.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A campus deployment: the application behind the campus's reverse proxy (a trusted proxy at the tests' own address),
 * in the campus's time zone (Asia/Shanghai), with what the tests there also need switched on: Swagger UI, and an
 * allowance of one capture a minute per client. One profile for them all, so that Quarkus starts once for all of them.
 */
public class CampusBehindProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1,[::1]", "quarkus.swagger-ui.enabled", "true",
                "handshake.limits.captures-per-minute", "1", "handshake.time-zone", "Asia/Shanghai",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:handshake-behind-proxy;DB_CLOSE_DELAY=-1");
    }
}
