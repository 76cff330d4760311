package lab.handshake.lti;

/**
 * A resource-link launch whose id_token passed every check: who (the platform's {@code sub}), as what, in which
 * course (null context: a launch outside a course).
 */
public record ValidatedLaunch(LtiPlatform platform, String deploymentId, String subject, String name, LtiRole role,
                              String contextId, String contextTitle) {
}
