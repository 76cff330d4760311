package lab.handshake.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;

/**
 * Checks a launch's id_token (LTI 1.3 Core §5.1, IMS Security Framework §5.1.3) in this order: the state (issued
 * here, not used before), the signature (RS256, the platform's key named by {@code kid}), then {@code iss},
 * {@code aud}/{@code azp}, {@code exp}/{@code iat}, the nonce, the LTI claims. The first failure refuses the launch.
 */
@ApplicationScoped
public class LaunchValidator {
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final int MAX_TOKEN_LENGTH = 32 * 1024;
    static final int MAX_STATE_LENGTH = 64;
    static final int MAX_ID_LENGTH = 255;
    static final int MAX_NAME_LENGTH = 80;

    static final String CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String VERSION = "1.3.0";
    static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String NRPS_SERVICE = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    static final String LAUNCH_PRESENTATION = CLAIM + "launch_presentation";
    static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_DATA_LENGTH = 4096;
    /** The pages a launch may land on: a quiz or a lesson. */
    static final java.util.regex.Pattern TARGET_PATH = java.util.regex.Pattern.compile("/(quizzes|lessons)/[A-Za-z0-9_-]{1,64}");

    private final LoginStates states;
    private final Platforms platforms;
    private final PlatformKeys platformKeys;

    public LaunchValidator(LoginStates states, Platforms platforms, PlatformKeys platformKeys) {
        this.states = states;
        this.platforms = platforms;
        this.platformKeys = platformKeys;
    }

    public ValidatedLaunch validate(String state, String idToken) {
        if (state == null || state.isEmpty()) {
            throw new LaunchRefused(LaunchRefusal.MISSING_STATE, "no state parameter");
        }
        if (state.length() > MAX_STATE_LENGTH) {
            throw new LaunchRefused(LaunchRefusal.UNKNOWN_STATE, "state longer than " + MAX_STATE_LENGTH);
        }
        if (idToken == null || idToken.isEmpty() || idToken.length() > MAX_TOKEN_LENGTH) {
            throw new LaunchRefused(LaunchRefusal.MALFORMED_TOKEN, "id_token missing or longer than " + MAX_TOKEN_LENGTH);
        }
        LoginStates.Waiting waiting = states.consume(state);
        LtiPlatform platform = platforms.find(waiting.platformId())
                .orElseThrow(() -> new LaunchRefused(LaunchRefusal.UNKNOWN_PLATFORM, "platform removed during the login"));
        SignedJWT token = parse(idToken);
        verifySignature(token, platform);
        JWTClaimsSet claims = claims(token);
        checkRegisteredClaims(claims, platform, waiting.nonce());
        return ltiClaims(claims, platform);
    }

    private static SignedJWT parse(String idToken) {
        try {
            return SignedJWT.parse(idToken);
        } catch (ParseException e) {
            throw new LaunchRefused(LaunchRefusal.MALFORMED_TOKEN, "not a signed JWT: " + e.getMessage());
        }
    }

    private void verifySignature(SignedJWT token, LtiPlatform platform) {
        if (!JWSAlgorithm.RS256.equals(token.getHeader().getAlgorithm())) {
            throw new LaunchRefused(LaunchRefusal.BAD_SIGNATURE, "algorithm " + token.getHeader().getAlgorithm() + ", RS256 required");
        }
        List<JWK> candidates;
        try {
            // An unknown kid makes the source fetch the platform's JWKS once more before it answers "none".
            candidates = platformKeys.of(platform).get(new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader())), null);
        } catch (RateLimitReachedException e) {
            // The keys were fetched again moments ago for another unknown kid: this kid is not among them either.
            throw new LaunchRefused(LaunchRefusal.UNKNOWN_KEY, "kid " + token.getHeader().getKeyID() + " not in " + platform.jwksUrl
                    + " (fetched again less than a refetch interval ago)");
        } catch (KeySourceException e) {
            throw new LaunchRefused(LaunchRefusal.KEYS_UNAVAILABLE, platform.jwksUrl + ": " + e.getMessage());
        }
        if (candidates.isEmpty()) {
            throw new LaunchRefused(LaunchRefusal.UNKNOWN_KEY, "kid " + token.getHeader().getKeyID() + " not in " + platform.jwksUrl);
        }
        for (JWK candidate : candidates) {
            try {
                if (candidate instanceof RSAKey rsa && token.verify(new RSASSAVerifier(rsa))) {
                    return;
                }
            } catch (JOSEException e) {
                // A key that cannot verify RS256 (too short, say) is no key for this token; try the next.
            }
        }
        throw new LaunchRefused(LaunchRefusal.BAD_SIGNATURE, "signature does not verify with kid " + token.getHeader().getKeyID());
    }

    private static JWTClaimsSet claims(SignedJWT token) {
        try {
            return token.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new LaunchRefused(LaunchRefusal.MALFORMED_TOKEN, "claims are not a JSON object");
        }
    }

    private static void checkRegisteredClaims(JWTClaimsSet claims, LtiPlatform platform, String expectedNonce) {
        if (!platform.issuer.equals(claims.getIssuer())) {
            throw new LaunchRefused(LaunchRefusal.WRONG_ISSUER, "iss " + claims.getIssuer() + ", expected " + platform.issuer);
        }
        List<String> audience = claims.getAudience();
        String authorizedParty = stringClaim(claims, "azp");
        if (!audience.contains(platform.clientId)
                || ((audience.size() > 1 || authorizedParty != null) && !platform.clientId.equals(authorizedParty))) {
            throw new LaunchRefused(LaunchRefusal.WRONG_AUDIENCE, "aud " + audience + " azp " + authorizedParty + ", expected " + platform.clientId);
        }
        Instant now = Instant.now();
        Date expires = claims.getExpirationTime();
        if (expires == null || expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new LaunchRefused(LaunchRefusal.EXPIRED, "exp " + expires);
        }
        Date issued = claims.getIssueTime();
        if (issued == null || issued.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new LaunchRefused(LaunchRefusal.NOT_YET_VALID, "iat " + issued);
        }
        if (!expectedNonce.equals(stringClaim(claims, "nonce"))) {
            throw new LaunchRefused(LaunchRefusal.WRONG_NONCE, "nonce is not the one issued with this state");
        }
    }

    private static ValidatedLaunch ltiClaims(JWTClaimsSet claims, LtiPlatform platform) {
        String version = stringClaim(claims, CLAIM + "version");
        if (!VERSION.equals(version)) {
            throw new LaunchRefused(LaunchRefusal.WRONG_VERSION, "version " + version);
        }
        LtiMessageType messageType = LtiMessageType.of(stringClaim(claims, CLAIM + "message_type"));
        if (messageType == null) {
            throw new LaunchRefused(LaunchRefusal.WRONG_MESSAGE_TYPE, "message_type " + claims.getClaim(CLAIM + "message_type"));
        }
        String deploymentId = stringClaim(claims, CLAIM + "deployment_id");
        if (deploymentId == null || !platform.deploymentIds.contains(deploymentId)) {
            throw new LaunchRefused(LaunchRefusal.UNKNOWN_DEPLOYMENT, "deployment_id " + deploymentId);
        }
        String subject = bounded(claims.getSubject(), MAX_ID_LENGTH, "sub");
        if (subject == null) {
            throw new LaunchRefused(LaunchRefusal.MISSING_CLAIM, "no sub (anonymous launches are not supported)");
        }
        List<String> roles;
        try {
            roles = claims.getStringListClaim(CLAIM + "roles");
        } catch (ParseException e) {
            roles = null;
        }
        if (roles == null) {
            throw new LaunchRefused(LaunchRefusal.MISSING_CLAIM, "roles missing or not a list of strings");
        }
        LtiRole role = LtiRole.of(roles);
        String targetLinkUri = stringClaim(claims, CLAIM + "target_link_uri");
        ValidatedLaunch.DeepLinkSettings deepLinking = null;
        String resourceLinkId = null;
        if (messageType == LtiMessageType.RESOURCE_LINK) {
            Map<String, Object> resourceLink = objectClaim(claims, CLAIM + "resource_link");
            if (resourceLink == null || !(resourceLink.get("id") instanceof String) || targetLinkUri == null) {
                throw new LaunchRefused(LaunchRefusal.MISSING_CLAIM, "no resource_link.id or target_link_uri");
            }
            resourceLinkId = bounded(resourceLink.get("id"), MAX_ID_LENGTH, "resource_link.id");
        } else {
            deepLinking = deepLinkSettings(claims, role);
        }
        Map<String, Object> context = objectClaim(claims, CLAIM + "context");
        String contextId = context == null ? null : bounded(context.get("id"), MAX_ID_LENGTH, "context.id");
        String contextTitle = context == null ? null : shortened(context.get("title"));
        return new ValidatedLaunch(platform, deploymentId, messageType, subject, shortened(claims.getClaim("name")), role,
                contextId, contextTitle, targetPath(targetLinkUri), deepLinking, gradeService(claims, resourceLinkId),
                serviceUrl(objectClaim(claims, NRPS_SERVICE), "context_memberships_url"), language(objectClaim(claims, LAUNCH_PRESENTATION)));
    }

    /**
     * The LMS's language for its user (LTI 1.3 Core §5.4.4 {@code launch_presentation.locale}, a BCP 47 tag such as
     * {@code zh-CN}, or {@code zh_CN} as some LMSs write it); null when absent or none of ours, so the reader's own applies.
     */
    static Language language(Map<String, Object> presentation) {
        if (presentation == null || !(presentation.get("locale") instanceof String locale) || locale.length() > MAX_ID_LENGTH) {
            return null;
        }
        try {
            return Language.parse(locale);
        } catch (IllegalArgumentException other) {
            return null;
        }
    }

    /**
     * AGS 2.0 §3.1: the line item (or only the course's line items service) and scopes; a launch without the claim
     * has none. An unusable URL counts as absent.
     */
    private static ValidatedLaunch.GradeService gradeService(JWTClaimsSet claims, String resourceLinkId) {
        Map<String, Object> endpoint = objectClaim(claims, AGS_ENDPOINT);
        if (endpoint == null) {
            return null;
        }
        boolean scores = endpoint.get("scope") instanceof List<?> scopes && scopes.contains(LtiScope.SCORE.uri);
        return new ValidatedLaunch.GradeService(serviceUrl(endpoint, "lineitem"), serviceUrl(endpoint, "lineitems"),
                resourceLinkId, scores);
    }

    /** A service URL of a claim: https (http only on this machine) and bounded, or null. */
    private static String serviceUrl(Map<String, Object> claim, String name) {
        Object url = claim == null ? null : claim.get(name);
        return url instanceof String text && text.length() <= MAX_URL_LENGTH && text.matches(PlatformRegistration.HTTPS_URL) ? text : null;
    }

    /** Deep linking (LTI-DL 2.0 §4.4): only for instructors, with a return URL, accepting resource links. */
    private static ValidatedLaunch.DeepLinkSettings deepLinkSettings(JWTClaimsSet claims, LtiRole role) {
        if (role != LtiRole.INSTRUCTOR) {
            throw new LaunchRefused(LaunchRefusal.DEEP_LINKING_NOT_ALLOWED, "deep linking by a learner");
        }
        Map<String, Object> settings = objectClaim(claims, DEEP_LINKING_SETTINGS);
        Object returnUrl = settings == null ? null : settings.get("deep_link_return_url");
        Object acceptTypes = settings == null ? null : settings.get("accept_types");
        if (!(returnUrl instanceof String url) || url.length() > MAX_URL_LENGTH
                || !url.matches(PlatformRegistration.HTTPS_URL) || !(acceptTypes instanceof List<?> types)) {
            throw new LaunchRefused(LaunchRefusal.MISSING_CLAIM, "deep_linking_settings without a return URL or accept_types");
        }
        if (!types.contains("ltiResourceLink")) {
            throw new LaunchRefused(LaunchRefusal.WRONG_MESSAGE_TYPE, "accept_types " + types + " lacks ltiResourceLink");
        }
        Object data = settings.get("data");
        if (data != null && !(data instanceof String text && text.length() <= MAX_DATA_LENGTH)) {
            throw new LaunchRefused(LaunchRefusal.MISSING_CLAIM, "deep linking data not a string of at most " + MAX_DATA_LENGTH);
        }
        return new ValidatedLaunch.DeepLinkSettings(url, (String) data);
    }

    /** The path of a page of ours the link names (a quiz or a lesson); null for anything else. */
    static String targetPath(String targetLinkUri) {
        if (targetLinkUri == null) {
            return null;
        }
        try {
            String path = java.net.URI.create(targetLinkUri).getPath();
            return path != null && TARGET_PATH.matcher(path).matches() ? path : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text ? text : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** An identifier as given, or null when absent; one too long refuses the launch. */
    private static String bounded(Object value, int max, String claim) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            throw new LaunchRefused(LaunchRefusal.MISSING_CLAIM, claim + " longer than " + max);
        }
        return text;
    }

    /** A display text (a name, a course title) on one line, cut to fit. */
    static String shortened(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() > MAX_NAME_LENGTH ? line.substring(0, MAX_NAME_LENGTH - 1) + "…" : line;
    }
}
