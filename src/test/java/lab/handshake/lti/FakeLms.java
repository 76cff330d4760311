package lab.handshake.lti;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lab.handshake.teacher.TeacherLogin;

/**
 * An LMS of the tests' own: its RSA keys, a JWKS served by a tiny HTTP server on 127.0.0.1 (counting fetches),
 * registration through the admin API, the login initiation, and id_tokens signed as a platform signs them.
 * Each instance is a platform of its own (its own issuer), so tests never share key caches or rows.
 */
final class FakeLms implements AutoCloseable {
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    final String issuer = "https://lms-" + UUID.randomUUID().toString().substring(0, 8) + ".example.edu";
    final String clientId = "client-" + UUID.randomUUID().toString().substring(0, 8);
    final String deploymentId = "deployment-1";
    final RSAKey key = newKey();
    final AtomicInteger jwksFetches = new AtomicInteger();
    private final List<RSAKey> published = new ArrayList<>(List.of(key));
    private final HttpServer server;
    long platformId;

    FakeLms() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body;
            synchronized (published) {
                body = new JWKSet(new ArrayList<>(published.stream().map(RSAKey::toPublicJWK).toList())).toString(true)
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // The LMS's authentication endpoint, as a browser meets it: it answers the tool's redirect with a form
        // that posts a signed id_token for a student back to the tool, as platforms do (form_post).
        server.createContext("/auth", exchange -> {
            Map<String, String> request = query(exchange.getRequestURI());
            String idToken = sign(claims(request.get("nonce"), "browser-student", LEARNER).build());
            html(exchange, "<!DOCTYPE html><html><body><form id='f' method='post' action='" + request.get("redirect_uri") + "'>"
                    + "<input type='hidden' name='state' value='" + request.get("state") + "'>"
                    + "<input type='hidden' name='id_token' value='" + idToken + "'></form>"
                    + "<script>document.getElementById('f').submit();</script></body></html>");
        });
        // A course page that shows the tool in an iframe, starting at the tool's login initiation.
        server.createContext("/course", exchange -> html(exchange, "<!DOCTYPE html><html><body><h1>Course</h1>"
                + "<iframe id='tool' width='800' height='600' src='" + toolLogin + "'></iframe></body></html>"));
        server.start();
    }

    /** The tool's login initiation URL for this LMS, which the course page frames. */
    volatile String toolLogin = "about:blank";

    private static void html(com.sun.net.httpserver.HttpExchange exchange, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** This LMS's own origin on 127.0.0.1: another site than the tool's "localhost". */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static RSAKey newKey() {
        return newKey(UUID.randomUUID().toString());
    }

    static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    void publish(RSAKey another) {
        synchronized (published) {
            published.add(another);
        }
    }

    Map<String, Object> registration() {
        return Map.of("issuer", issuer, "clientId", clientId, "deploymentIds", List.of(deploymentId),
                "authLoginUrl", issuer + "/auth", "jwksUrl", jwksUrl(), "accessTokenUrl", issuer + "/token");
    }

    /** Registers this LMS as the administrator would. */
    FakeLms register() {
        return register(registration());
    }

    FakeLms register(Map<String, Object> registration) {
        platformId = given().cookie(TeacherLogin.COOKIE, TeacherLogin.admin()).contentType("application/json").body(registration)
                .post("/api/lti/platforms").then().statusCode(201).extract().jsonPath().getLong("id");
        return this;
    }

    /** The login initiation; answers the state and nonce the tool put in its redirect to our auth URL. */
    Map<String, String> login() {
        Response response = given().redirects().follow(false).queryParam("iss", issuer).queryParam("login_hint", "hint-1")
                .queryParam("client_id", clientId).get("/lti/login");
        if (response.statusCode() != 302) {
            throw new AssertionError("login initiation answered " + response.statusCode());
        }
        return query(URI.create(response.getHeader("Location")));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            params.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        params.put("origin", uri.getScheme() + "://" + uri.getHost());
        return params;
    }

    /** The claims of a valid student launch for this nonce. */
    JWTClaimsSet.Builder claims(String nonce, String subject, String role) {
        Instant now = Instant.now();
        String lti = "https://purl.imsglobal.org/spec/lti/claim/";
        return new JWTClaimsSet.Builder().issuer(issuer).audience(clientId).claim("azp", clientId).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).claim("nonce", nonce)
                .claim("name", "Ada " + subject)
                .claim(lti + "message_type", "LtiResourceLinkRequest").claim(lti + "version", "1.3.0")
                .claim(lti + "deployment_id", deploymentId).claim(lti + "target_link_uri", "http://localhost/")
                .claim(lti + "resource_link", Map.of("id", "link-1"))
                .claim(lti + "roles", List.of(role))
                .claim(lti + "context", Map.of("id", "course-" + issuer, "title", "Networks 101"));
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A login and a launch whose claims the test may change first. */
    Response launch(String subject, String role, Consumer<JWTClaimsSet.Builder> change) {
        Map<String, String> login = login();
        JWTClaimsSet.Builder claims = claims(login.get("nonce"), subject, role);
        change.accept(claims);
        return post(login.get("state"), sign(claims.build()));
    }

    static Response post(String state, String idToken) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
        if (state != null) {
            request = request.formParam("state", state);
        }
        return request.formParam("id_token", idToken).post("/lti/launch");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
