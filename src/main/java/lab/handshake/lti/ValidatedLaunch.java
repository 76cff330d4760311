package lab.handshake.lti;

/**
 * A launch whose id_token passed every check: who (the platform's {@code sub}), as what, in which course (null
 * context: a launch outside a course), to which page of ours ({@code targetPath}, null for none we know), and
 * for a deep-linking request where to answer.
 */
public record ValidatedLaunch(LtiPlatform platform, String deploymentId, LtiMessageType messageType, String subject,
                              String name, LtiRole role, String contextId, String contextTitle, String targetPath,
                              DeepLinkSettings deepLinking) {

    /** A deep-linking request's return URL and the opaque data to echo (null when none was sent). */
    public record DeepLinkSettings(String returnUrl, String data) {
    }
}
