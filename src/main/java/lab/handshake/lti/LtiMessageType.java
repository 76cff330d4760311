package lab.handshake.lti;

/** The LTI messages a launch may carry here, by their {@code message_type} claim. */
public enum LtiMessageType {
    RESOURCE_LINK("LtiResourceLinkRequest"), DEEP_LINKING("LtiDeepLinkingRequest");

    private final String claim;

    LtiMessageType(String claim) {
        this.claim = claim;
    }

    static LtiMessageType of(String claim) {
        for (LtiMessageType type : values()) {
            if (type.claim.equals(claim)) {
                return type;
            }
        }
        return null;
    }
}
