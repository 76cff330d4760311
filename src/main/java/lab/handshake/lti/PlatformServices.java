package lab.handshake.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import lab.handshake.config.HandshakeConfig;

/**
 * The tool's calls to an LMS's services (AGS, NRPS, dynamic registration) through Java's HttpClient: every call
 * bounded in time and in the size of what it reads, no redirects followed. Access tokens come from the
 * platform's token endpoint by the client-credentials grant with a JWT assertion signed with the tool's key
 * (IMS Security Framework §4.1) and are kept until shortly before they expire, per platform and scope.
 */
@ApplicationScoped
public class PlatformServices {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    /** A token is not used in its last half minute, so it does not expire on the way. */
    static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** What a platform answered; {@code status} 0 when it answered nothing (unreachable, too slow, too large). */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** A call that did not give what was needed, with what to log; never shown to a learner. */
    public static final class CallFailed extends Exception {
        final int status;

        CallFailed(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private record TokenKey(long platformId, LtiScope scope) {
    }

    private record Token(String value, Instant usableUntil) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<TokenKey, Token> tokens = new ConcurrentHashMap<>();
    private final ToolKeys keys;
    private final ObjectMapper json;
    private final Duration requestTimeout;

    public PlatformServices(ToolKeys keys, ObjectMapper json, HandshakeConfig config) {
        this.keys = keys;
        this.json = json;
        this.requestTimeout = config.lti().requestTimeout();
    }

    /**
     * How long a score or line item a replica is sending stays claimed by it: longer than a token call and the call
     * itself, so that only a replica that died while sending loses its claim.
     */
    Duration claimTime() {
        return requestTimeout.multipliedBy(3);
    }

    /** An access token for one scope at this platform, from the cache or its token endpoint. */
    String accessToken(LtiPlatform platform, LtiScope scope) throws CallFailed {
        TokenKey key = new TokenKey(platform.id, scope);
        Token cached = tokens.get(key);
        if (cached != null && Instant.now().isBefore(cached.usableUntil())) {
            return cached.value();
        }
        Instant now = Instant.now();
        String assertion = keys.sign(new JWTClaimsSet.Builder().issuer(platform.clientId).subject(platform.clientId)
                .audience(platform.accessTokenUrl).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build());
        String form = Map.of("grant_type", "client_credentials", "client_assertion_type", ASSERTION_TYPE,
                        "client_assertion", assertion, "scope", scope.uri).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Answer answer = send(HttpRequest.newBuilder(URI.create(platform.accessTokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (!answer.accepted()) {
            throw new CallFailed(answer.status(), "token endpoint answered " + answer.status());
        }
        JsonNode body = readJson(answer);
        String value = body.path("access_token").asText(null);
        if (value == null || value.isEmpty() || value.length() > 8192) {
            throw new CallFailed(answer.status(), "token endpoint answered no access_token");
        }
        // A platform may grant fewer scopes than asked; only the one asked for is used, so a token with just it works.
        long seconds = body.path("expires_in").asLong(DEFAULT_TOKEN_LIFETIME.toSeconds());
        tokens.put(key, new Token(value, now.plusSeconds(Math.max(0, seconds)).minus(TOKEN_MARGIN)));
        return value;
    }

    /** Forgets a token the platform no longer takes (it answered 401), so the next call asks for a new one. */
    void forgetToken(LtiPlatform platform, LtiScope scope) {
        tokens.remove(new TokenKey(platform.id, scope));
    }

    /** Sends a request with the timeouts; an unreachable platform or a body over the bound is status 0. */
    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<InputStream> response = http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    return new Answer(0, "answer longer than " + MAX_BODY_BYTES + " bytes", response.headers());
                }
                return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8), response.headers());
            }
        } catch (IOException e) {
            return new Answer(0, e.toString(), java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }
    }

    /** The answer's body as a JSON object. */
    JsonNode readJson(Answer answer) throws CallFailed {
        try {
            JsonNode node = json.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw new CallFailed(answer.status(), "answer is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new CallFailed(answer.status(), "answer is not JSON");
        }
    }

    /** A request body as JSON. */
    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The URL of a {@code rel="next"} link in a Link header (RFC 8288), if any. */
    static Optional<String> nextLink(java.net.http.HttpHeaders headers) {
        for (String header : headers.allValues("Link")) {
            for (String link : header.split(",(?=\\s*<)")) {
                java.util.regex.Matcher m = NEXT.matcher(link);
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern NEXT = java.util.regex.Pattern.compile("^\\s*<([^>]+)>\\s*;.*\\brel\\s*=\\s*\"?next\"?");
}
