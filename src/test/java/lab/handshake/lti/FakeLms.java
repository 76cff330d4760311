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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.teacher.TeacherLogin;

/**
 * An LMS of the tests' own: its RSA keys, a JWKS served by a tiny HTTP server on 127.0.0.1 (counting fetches),
 * registration through the admin API, the login initiation, and id_tokens signed as a platform signs them.
 * Each instance is a platform of its own (its own issuer), so tests never share key caches or rows.
 * It reaches the tool through RestAssured, as it is set up: the {@code @QuarkusTest} application, or a packaged
 * one the test points it at (public for {@code lab.handshake.ops.CrashIT}).
 */
public final class FakeLms implements AutoCloseable {
    private static final Pattern TICKET_LINK = Pattern.compile("href=\"(/lti/session\\?ticket=[A-Za-z0-9_-]+(?:&amp;lms_lang=[a-z]+)?)\"");
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

    public FakeLms() throws IOException {
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
            JWTClaimsSet.Builder claims = claims(request.get("nonce"), BROWSER_STUDENT, LEARNER);
            browserLaunch.accept(claims);
            String idToken = sign(claims.build());
            html(exchange, "<!DOCTYPE html><html><body><form id='f' method='post' action='" + request.get("redirect_uri") + "'>"
                    + "<input type='hidden' name='state' value='" + request.get("state") + "'>"
                    + "<input type='hidden' name='id_token' value='" + idToken + "'></form>"
                    + "<script>document.getElementById('f').submit();</script></body></html>");
        });
        // A course page that shows the tool in an iframe, starting at the tool's login initiation.
        server.createContext("/course", exchange -> html(exchange, "<!DOCTYPE html><html><body><h1>Course</h1>"
                + "<iframe id='tool' style='width: 100%; height: 600px; box-sizing: border-box' src='" + toolLogin + "'></iframe></body></html>"));
        server.createContext("/token", this::token);
        server.createContext("/lineitems/", this::scores);
        server.createContext("/lineitems", this::createLineItem);
        server.createContext("/memberships", this::memberships);
        server.createContext("/openid-configuration", this::openIdConfiguration);
        server.createContext("/register", this::registration);
        server.start();
    }

    // ---- LTI Advantage services: token endpoint and AGS scores --------------------------------------------------

    static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    static final String MEMBERSHIP_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    static final String LINE_ITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

    /** A token request as received, and whether its client assertion verified with the tool's published keys. */
    record TokenRequest(Map<String, String> form, String refusal) {
    }

    /** A score posted to a line item: the path, its content type, the bearer token and the JSON. */
    public record ReceivedScore(String path, String contentType, String authorization, Map<String, Object> json) {
    }

    /** The scopes this platform grants (it grants only these of the ones asked for). */
    final java.util.Set<String> grantable = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<TokenRequest> tokenRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final List<ReceivedScore> scores = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Statuses the scores endpoint answers next, in order; 200 once they are used up. */
    final java.util.Queue<Integer> scoreAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<String, String> issuedTokens = new java.util.concurrent.ConcurrentHashMap<>();

    {
        grantable.add(SCORE_SCOPE);
        grantable.add(MEMBERSHIP_SCOPE);
        grantable.add(LINE_ITEM_SCOPE);
    }

    String tokenUrl() {
        return origin() + "/token";
    }

    /** A line item's URL, as Moodle spells them (the scores URL goes before the query). */
    public String lineItem(int id) {
        return origin() + "/lineitems/" + id + "/lineitem?type_id=1";
    }

    /** The client-credentials grant with a JWT assertion checked against the tool's JWKS (IMS Security Framework §4.1). */
    private void token(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String refusal = assertionRefusal(form);
        tokenRequests.add(new TokenRequest(form, refusal));
        if (refusal != null) {
            json(exchange, 400, "{\"error\":\"invalid_client\"}");
            return;
        }
        List<String> granted = java.util.Arrays.stream(form.getOrDefault("scope", "").split(" ")).filter(grantable::contains).toList();
        if (granted.isEmpty()) {
            json(exchange, 400, "{\"error\":\"invalid_scope\"}");
            return;
        }
        String token = "token-" + UUID.randomUUID();
        issuedTokens.put(token, String.join(" ", granted));
        json(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\""
                + String.join(" ", granted) + "\"}");
    }

    private String assertionRefusal(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))
                || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return "grant_type or client_assertion_type";
        }
        try {
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            RSAKey toolKey = (RSAKey) JWKSet.parse(given().get("/lti/jwks").asString()).getKeyByKeyId(assertion.getHeader().getKeyID());
            if (toolKey == null || !assertion.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(toolKey))) {
                return "signature";
            }
            JWTClaimsSet claims = assertion.getJWTClaimsSet();
            if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())
                    || !claims.getAudience().contains(tokenUrl()) || claims.getJWTID() == null
                    || claims.getExpirationTime() == null || claims.getExpirationTime().before(new Date())) {
                return "claims " + claims;
            }
            return null;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The scores endpoint of every line item: a bearer token with the score scope, the score media type. */
    private void scores(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String granted = authorization == null ? null : issuedTokens.get(authorization.replaceFirst("^Bearer ", ""));
        if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/scores")) {
            json(exchange, 404, "{}");
            return;
        }
        if (granted == null || !granted.contains(SCORE_SCOPE)) {
            json(exchange, 401, "{}");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(exchange.getRequestBody(), Map.class);
        scores.add(new ReceivedScore(exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Content-Type"),
                authorization, body));
        Integer status = scoreAnswers.poll();
        json(exchange, status == null ? 200 : status, "{}");
    }

    /** A line item the tool created: its content type and JSON. */
    record CreatedLineItem(String contentType, Map<String, Object> json) {
    }

    final List<CreatedLineItem> createdLineItems = new java.util.concurrent.CopyOnWriteArrayList<>();

    String lineItemsUrl() {
        return origin() + "/lineitems";
    }

    /** The course's line items service (AGS 2.0 §3.2): POST creates one, with a token of the lineitem scope. */
    private void createLineItem(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String granted = authorization == null ? null : issuedTokens.get(authorization.replaceFirst("^Bearer ", ""));
        if (!"POST".equals(exchange.getRequestMethod()) || !"/lineitems".equals(exchange.getRequestURI().getPath())) {
            json(exchange, 404, "{}");
            return;
        }
        if (granted == null || !granted.contains(LINE_ITEM_SCOPE)) {
            json(exchange, 401, "{}");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(exchange.getRequestBody(), Map.class);
        createdLineItems.add(new CreatedLineItem(exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Map<String, Object> created = new HashMap<>(body);
        created.put("id", lineItem(100 + createdLineItems.size()));
        json(exchange, 201, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(created),
                "application/vnd.ims.lis.v2.lineitem+json");
    }

    // ---- NRPS: the course's membership, in pages linked by rel="next" ---------------------------------------------

    /** The pages of the membership service; each is the JSON list of members of that page. */
    final List<List<Map<String, Object>>> membershipPages = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger membershipFetches = new AtomicInteger();
    /** What the membership service answers when not 200. */
    volatile int membershipStatus = 200;

    String membershipsUrl() {
        return origin() + "/memberships?page=0";
    }

    static Map<String, Object> member(String subject, String name, String role, String status) {
        return Map.of("user_id", subject, "name", name, "status", status, "roles", List.of(role));
    }

    private void memberships(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        membershipFetches.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String granted = authorization == null ? null : issuedTokens.get(authorization.replaceFirst("^Bearer ", ""));
        if (granted == null || !granted.contains(MEMBERSHIP_SCOPE)) {
            json(exchange, 401, "{}");
            return;
        }
        if (membershipStatus != 200) {
            json(exchange, membershipStatus, "{}");
            return;
        }
        int page = Integer.parseInt(query(exchange.getRequestURI()).get("page"));
        if (page + 1 < membershipPages.size()) {
            exchange.getResponseHeaders().add("Link", "<" + origin() + "/memberships?page=" + (page + 1) + ">; rel=\"next\"");
        }
        Map<String, Object> container = Map.of("id", membershipsUrl(), "context", Map.of("id", "course-" + issuer),
                "members", membershipPages.get(page));
        json(exchange, 200, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(container),
                "application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
    }

    // ---- Dynamic Registration: the platform's openid configuration and registration endpoint ----------------------

    /** The issuer the configuration names: this LMS's origin, unless a test changes it. */
    volatile String configurationIssuer;
    final String registrationToken = "registration-token-" + UUID.randomUUID();
    final String dynamicClientId = "dynamic-" + UUID.randomUUID().toString().substring(0, 8);
    final List<Map<String, Object>> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile int registrationStatus = 200;

    String openIdConfigurationUrl() {
        return origin() + "/openid-configuration";
    }

    private void openIdConfiguration(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("issuer", configurationIssuer == null ? origin() : configurationIssuer);
        configuration.put("authorization_endpoint", origin() + "/auth");
        configuration.put("token_endpoint", tokenUrl());
        configuration.put("jwks_uri", jwksUrl());
        configuration.put("registration_endpoint", origin() + "/register");
        configuration.put("scopes_supported", List.of("openid", SCORE_SCOPE, MEMBERSHIP_SCOPE));
        configuration.put("https://purl.imsglobal.org/spec/lti-platform-configuration",
                Map.of("product_family_code", "fake-lms", "version", "1.0",
                        "messages_supported", List.of(Map.of("type", "LtiResourceLinkRequest"), Map.of("type", "LtiDeepLinkingRequest"))));
        json(exchange, 200, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(configuration));
    }

    private void registration(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        if (!("Bearer " + registrationToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, "{}");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(exchange.getRequestBody(), Map.class);
        registrations.add(body);
        Map<String, Object> answer = new HashMap<>(body);
        answer.put("client_id", dynamicClientId);
        Map<String, Object> tool = new HashMap<>((Map<String, Object>) body.get("https://purl.imsglobal.org/spec/lti-tool-configuration"));
        tool.put("deployment_id", "dynamic-deployment-1");
        answer.put("https://purl.imsglobal.org/spec/lti-tool-configuration", tool);
        json(exchange, registrationStatus, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(answer));
    }

    private static void json(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        json(exchange, status, body, "application/json");
    }

    private static void json(com.sun.net.httpserver.HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2) {
                params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** The tool's login initiation URL for this LMS, which the course page frames. */
    volatile String toolLogin = "about:blank";

    /** The LMS user a browser's launch signs in as. */
    static final String BROWSER_STUDENT = "browser-student";

    /** What the browser's launches claim besides a plain student launch from the course (the test's course page). */
    volatile Consumer<JWTClaimsSet.Builder> browserLaunch = claims -> { };

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

    /** What the administrator registers for this LMS ({@code POST /api/lti/platforms}). */
    public Map<String, Object> registration() {
        return Map.of("issuer", issuer, "clientId", clientId, "deploymentIds", List.of(deploymentId),
                "authLoginUrl", issuer + "/auth", "jwksUrl", jwksUrl(), "accessTokenUrl", tokenUrl());
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
        return launch(subject, role, null, change);
    }

    /** {@link #launch(String, String, Consumer)} from a browser sending this Accept-Language (null: none). */
    Response launch(String subject, String role, String acceptLanguage, Consumer<JWTClaimsSet.Builder> change) {
        return launch(subject, role, acceptLanguage, Map.of(), change);
    }

    /**
     * {@link #launch(String, String, String, Consumer)} from a browser that also sends the tool's cookies with the
     * launch's form post (where the LMS's frame lets them through).
     */
    Response launch(String subject, String role, String acceptLanguage, Map<String, String> cookies, Consumer<JWTClaimsSet.Builder> change) {
        Map<String, String> login = login();
        JWTClaimsSet.Builder claims = claims(login.get("nonce"), subject, role);
        change.accept(claims);
        return post(login.get("state"), sign(claims.build()), acceptLanguage, cookies);
    }

    /**
     * A learner's launch of the quiz from a graded activity: the AGS claim grants the score and line item scopes
     * and names this line item. Answers their learner cookie's value.
     */
    public String gradedLaunch(String subject, String quiz, String lineItem) {
        String lti = "https://purl.imsglobal.org/spec/lti/claim/";
        return learnerCookie(launch(subject, LEARNER, claims -> claims
                .claim(lti + "target_link_uri", "http://localhost/quizzes/" + quiz)
                .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", Map.of("scope", List.of(SCORE_SCOPE, LINE_ITEM_SCOPE),
                        "lineitems", lineItemsUrl(), "lineitem", lineItem))));
    }

    /** The session link of a successful launch's page (a one-time ticket), which the browser opens next. */
    static String sessionLink(Response launched) {
        Matcher link = TICKET_LINK.matcher(launched.then().statusCode(200).extract().asString());
        if (!link.find()) {
            throw new AssertionError("no session link in the launch page: " + launched.asString());
        }
        return link.group(1).replace("&amp;", "&");
    }

    /** Opens the session link of a successful launch's page, as the learner's browser does; answers the learner cookie's value. */
    static String learnerCookie(Response launched) {
        return given().redirects().follow(false).get(sessionLink(launched)).getCookie(LearnerIdentity.COOKIE);
    }

    static Response post(String state, String idToken) {
        return post(state, idToken, null, Map.of());
    }

    private static Response post(String state, String idToken, String acceptLanguage, Map<String, String> cookies) {
        var request = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded");
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
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
