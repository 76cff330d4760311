package lab.handshake.lti;

import lab.handshake.engine.Language;

/**
 * A launch whose id_token passed every check: who (the platform's {@code sub}), as what, in which course (null
 * context: a launch outside a course), to which page of ours ({@code targetPath}, null for none we know), and
 * for a deep-linking request where to answer. {@code grades} (AGS) and {@code membershipsUrl} (NRPS) are the
 * services the platform offers with this launch, null when it offers none or names them with unusable URLs.
 * {@code language} is the one the LMS shows its user ({@code launch_presentation.locale}), null when it names none
 * of ours.
 */
public record ValidatedLaunch(LtiPlatform platform, String deploymentId, LtiMessageType messageType, String subject,
                              String name, LtiRole role, String contextId, String contextTitle, String targetPath,
                              DeepLinkSettings deepLinking, GradeService grades, String membershipsUrl, Language language) {

    /** A deep-linking request's return URL and the opaque data to echo (null when none was sent). */
    public record DeepLinkSettings(String returnUrl, String data) {
    }

    /**
     * The AGS endpoint claim: the resource link's line item (null when none), the course's line items service (null
     * when none), the resource link launched (null for a deep-linking request), and whether scores may be posted.
     */
    public record GradeService(String lineItem, String lineItems, String resourceLinkId, boolean scoresAllowed) {
    }
}
