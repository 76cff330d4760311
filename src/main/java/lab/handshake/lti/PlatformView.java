package lab.handshake.lti;

import java.time.Instant;
import java.util.List;

/** A registered platform as the API and the admin page show it. */
public record PlatformView(long id, String issuer, String clientId, List<String> deploymentIds, String authLoginUrl,
                           String jwksUrl, String accessTokenUrl, List<String> frameOrigins, Instant createdAt) {
    static PlatformView of(LtiPlatform platform) {
        return new PlatformView(platform.id, platform.issuer, platform.clientId, List.copyOf(platform.deploymentIds),
                platform.authLoginUrl, platform.jwksUrl, platform.accessTokenUrl, List.copyOf(platform.frameOrigins), platform.createdAt);
    }
}
