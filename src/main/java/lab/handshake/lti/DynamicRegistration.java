package lab.handshake.lti;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.config.HandshakeConfig;

/**
 * LTI Dynamic Registration 1.0: the LMS administrator opens {@code /lti/register} with the platform's
 * {@code openid_configuration} URL and a {@code registration_token}; the tool reads that configuration (its
 * issuer must begin the URL, §3.5.1), posts its own client registration to the platform's registration endpoint
 * with the token (§3.5.2), and registers the platform with the client id (and deployment id) it answers.
 * Anyone may open the page, so the inputs are bounded and the configuration must be https (plain http only on
 * this machine when {@code handshake.lti.registration-allows-localhost}); the platform checks the token.
 */
@ApplicationScoped
public class DynamicRegistration {
    static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
    static final int MAX_TOKEN_LENGTH = 4096;
    static final String TOOL_NAME = "Handshake Lab";
    private static final String HTTPS_ONLY = "https://[^\\s/?#]+(/[^\\s]*)?";

    /** The platform registered: its issuer (for the page) and where the page may be framed from. */
    public record Registered(PlatformView platform, String issuerOrigin) {
    }

    private final PlatformServices services;
    private final Platforms platforms;
    private final boolean allowsLocalhost;

    public DynamicRegistration(PlatformServices services, Platforms platforms, HandshakeConfig config) {
        this.services = services;
        this.platforms = platforms;
        this.allowsLocalhost = config.lti().registrationAllowsLocalhost();
    }

    public Registered register(String configurationUrl, String registrationToken, URI toolBase) {
        if (!usableUrl(configurationUrl)) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_BAD_REQUEST, "openid_configuration missing, too long or not https");
        }
        if (registrationToken == null || registrationToken.isEmpty() || registrationToken.length() > MAX_TOKEN_LENGTH
                || !registrationToken.matches(PlatformRegistration.PRINTABLE)) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_BAD_REQUEST, "registration_token missing, too long or not printable");
        }
        PlatformServices.Answer answer = services.send(HttpRequest.newBuilder(URI.create(configurationUrl))
                .header("Accept", "application/json").GET());
        if (!answer.accepted()) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_CONFIG_UNAVAILABLE, configurationUrl + " answered " + answer.status());
        }
        JsonNode configuration = json(answer, LaunchRefusal.REGISTRATION_CONFIG_UNAVAILABLE);
        String issuer = configuration.path("issuer").asText("");
        if (!usableUrl(issuer) || !isUnder(configurationUrl, issuer)) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_WRONG_ISSUER, "issuer " + issuer + " does not begin " + configurationUrl);
        }
        String registrationEndpoint = endpoint(configuration, "registration_endpoint");
        String authorization = endpoint(configuration, "authorization_endpoint");
        String jwks = endpoint(configuration, "jwks_uri");
        String token = endpoint(configuration, "token_endpoint");

        PlatformServices.Answer registered = services.send(HttpRequest.newBuilder(URI.create(registrationEndpoint))
                .header("Authorization", "Bearer " + registrationToken).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(services.write(toolRegistration(toolBase)))));
        if (!registered.accepted()) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_REFUSED, "registration endpoint answered " + registered.status());
        }
        JsonNode client = json(registered, LaunchRefusal.REGISTRATION_REFUSED);
        String clientId = client.path("client_id").asText("");
        String deploymentId = client.path(TOOL_CONFIGURATION).path("deployment_id").asText("");
        if (clientId.isEmpty() || deploymentId.isEmpty()) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_REFUSED, "the answer has no client_id or no deployment_id");
        }
        try {
            PlatformView platform = platforms.register(new PlatformRegistration(issuer, clientId, List.of(deploymentId),
                    authorization, jwks, token, null));
            return new Registered(platform, LtiPlatform.origin(issuer));
        } catch (ConstraintViolationException invalid) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_BAD_CONFIG, "the configuration's " + invalid.getConstraintViolations().stream()
                    .map(ProblemMapper::field).sorted().distinct().collect(Collectors.joining(", ")) + " refused");
        } catch (Refusal refused) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_BAD_CONFIG, refused.getMessage());
        }
    }

    /** The tool's client registration (Dynamic Registration §3.5.2, LTI tool configuration §3.5.2.1). */
    static Map<String, Object> toolRegistration(URI toolBase) {
        String launch = toolBase.resolve(LtiRoutes.LAUNCH_PATH).toString();
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("domain", toolBase.getAuthority());
        tool.put("target_link_uri", launch);
        tool.put("description", "TCP connection setup and teardown, simulated step by step; lessons and graded quizzes.");
        tool.put("claims", List.of("iss", "sub", "name", "given_name", "family_name"));
        tool.put("messages", List.of(
                Map.of("type", "LtiResourceLinkRequest", "target_link_uri", launch),
                Map.of("type", "LtiDeepLinkingRequest", "target_link_uri", launch, "label", TOOL_NAME,
                        "placements", List.of("ContentArea", "link_selection", "assignment_selection"))));
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("application_type", "web");
        registration.put("response_types", List.of("id_token"));
        registration.put("grant_types", List.of("implicit", "client_credentials"));
        registration.put("initiate_login_uri", toolBase.resolve(LtiRoutes.LOGIN_PATH).toString());
        registration.put("redirect_uris", List.of(launch));
        registration.put("client_name", TOOL_NAME);
        registration.put("jwks_uri", toolBase.resolve(JwksResource.PATH).toString());
        registration.put("token_endpoint_auth_method", "private_key_jwt");
        registration.put("scope", java.util.Arrays.stream(LtiScope.values()).map(scope -> scope.uri)
                .collect(java.util.stream.Collectors.joining(" ")));
        registration.put(TOOL_CONFIGURATION, tool);
        return registration;
    }

    /**
     * Whether the configuration's URL is the issuer's own (§3.5.1: it begins with the issuer) at a boundary of the URL,
     * so that "https://lms.example.edu" does not vouch for "https://lms.example.edu.evil.test/…" nor ":81" for ":8112".
     */
    static boolean isUnder(String configurationUrl, String issuer) {
        if (!configurationUrl.startsWith(issuer)) {
            return false;
        }
        if (configurationUrl.length() == issuer.length() || issuer.endsWith("/")) {
            return true;
        }
        char next = configurationUrl.charAt(issuer.length());
        return next == '/' || next == '?' || next == '#';
    }

    private boolean usableUrl(String url) {
        return url != null && url.length() <= LaunchValidator.MAX_URL_LENGTH
                && url.matches(allowsLocalhost ? PlatformRegistration.HTTPS_URL : HTTPS_ONLY);
    }

    private String endpoint(JsonNode configuration, String name) {
        String url = configuration.path(name).asText("");
        if (!usableUrl(url)) {
            throw new LaunchRefused(LaunchRefusal.REGISTRATION_BAD_CONFIG, name + " missing, too long or not https");
        }
        return url;
    }

    private JsonNode json(PlatformServices.Answer answer, LaunchRefusal otherwise) {
        try {
            return services.readJson(answer);
        } catch (PlatformServices.CallFailed e) {
            throw new LaunchRefused(otherwise, e.getMessage());
        }
    }
}
