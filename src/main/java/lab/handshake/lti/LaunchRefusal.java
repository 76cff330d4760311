package lab.handshake.lti;

import java.util.function.Function;

/** Why a login initiation or launch was refused, with the words the refusal page says. */
public enum LaunchRefusal {
    BAD_LOGIN_REQUEST(LtiMessages::refusal_bad_login_request),
    UNKNOWN_PLATFORM(LtiMessages::refusal_unknown_platform),
    MISSING_STATE(LtiMessages::refusal_missing_state),
    UNKNOWN_STATE(LtiMessages::refusal_unknown_state),
    STATE_USED(LtiMessages::refusal_state_used),
    MALFORMED_TOKEN(LtiMessages::refusal_malformed_token),
    KEYS_UNAVAILABLE(LtiMessages::refusal_keys_unavailable),
    UNKNOWN_KEY(LtiMessages::refusal_unknown_key),
    BAD_SIGNATURE(LtiMessages::refusal_bad_signature),
    WRONG_ISSUER(LtiMessages::refusal_wrong_issuer),
    WRONG_AUDIENCE(LtiMessages::refusal_wrong_audience),
    EXPIRED(LtiMessages::refusal_expired),
    NOT_YET_VALID(LtiMessages::refusal_not_yet_valid),
    WRONG_NONCE(LtiMessages::refusal_wrong_nonce),
    UNKNOWN_DEPLOYMENT(LtiMessages::refusal_unknown_deployment),
    WRONG_MESSAGE_TYPE(LtiMessages::refusal_wrong_message_type),
    WRONG_VERSION(LtiMessages::refusal_wrong_version),
    MISSING_CLAIM(LtiMessages::refusal_missing_claim),
    DEEP_LINKING_NOT_ALLOWED(LtiMessages::refusal_deep_linking_not_allowed),
    UNKNOWN_DEEP_LINK(LtiMessages::refusal_unknown_deep_link),
    UNKNOWN_TICKET(LtiMessages::refusal_unknown_ticket),
    REGISTRATION_BAD_REQUEST(LtiMessages::refusal_registration_bad_request),
    REGISTRATION_CONFIG_UNAVAILABLE(LtiMessages::refusal_registration_config_unavailable),
    REGISTRATION_WRONG_ISSUER(LtiMessages::refusal_registration_wrong_issuer),
    REGISTRATION_BAD_CONFIG(LtiMessages::refusal_registration_bad_config),
    REGISTRATION_REFUSED(LtiMessages::refusal_registration_refused),
    TOO_MANY_REGISTRATIONS(LtiMessages::refusal_too_many_registrations);

    private final Function<LtiMessages, String> text;

    LaunchRefusal(Function<LtiMessages, String> text) {
        this.text = text;
    }

    public String text(LtiMessages messages) {
        return text.apply(messages);
    }

    /** The code shown on the page, for the LMS administrator: "wrong-issuer". */
    public String code() {
        return name().toLowerCase().replace('_', '-');
    }

    /** 502: the platform could not be reached or refused us (the LMS's fault or the network's); 429: asked too often; else 400. */
    public int status() {
        if (this == TOO_MANY_REGISTRATIONS) {
            return 429;
        }
        return this == KEYS_UNAVAILABLE || this == REGISTRATION_CONFIG_UNAVAILABLE || this == REGISTRATION_REFUSED ? 502 : 400;
    }
}
