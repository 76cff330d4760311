package lab.handshake.lti;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of LTI: launch pages shown inside the LMS, their refusals, and the administrators' page of platforms.
 * English in {@code messages/lti_en.properties}, Chinese in {@code messages/lti_zh.properties}; templates use them as {@code {lti:key}}.
 */
@MessageBundle(value = "lti", locale = "en")
public interface LtiMessages {

    @Message
    String refused_title();

    @Message
    String refused_nothing_saved();

    @Message
    String refusal_bad_login_request();

    @Message
    String refusal_unknown_platform();

    @Message
    String refusal_missing_state();

    @Message
    String refusal_unknown_state();

    @Message
    String refusal_state_used();

    @Message
    String refusal_malformed_token();

    @Message
    String refusal_keys_unavailable();

    @Message
    String refusal_unknown_key();

    @Message
    String refusal_bad_signature();

    @Message
    String refusal_wrong_issuer();

    @Message
    String refusal_wrong_audience();

    @Message
    String refusal_expired();

    @Message
    String refusal_not_yet_valid();

    @Message
    String refusal_wrong_nonce();

    @Message
    String refusal_unknown_deployment();

    @Message
    String refusal_wrong_message_type();

    @Message
    String refusal_wrong_version();

    @Message
    String refusal_missing_claim();

    @Message
    String refusal_unknown_ticket();

    @Message
    String launched_title();

    @Message
    String launched_welcome(String name);

    @Message
    String launched_teacher(String className);

    @Message
    String launched_learner(String className);

    @Message
    String launched_open();

    @Message
    String launched_open_note();

    @Message
    String admin_title();

    @Message
    String admin_intro();

    @Message
    String admin_tool_values();

    @Message
    String admin_target_link_url();

    @Message
    String admin_login_url();

    @Message
    String admin_launch_url();

    @Message
    String admin_jwks_url();

    @Message
    String admin_platforms();

    @Message
    String admin_none();

    @Message
    String admin_register_heading();

    @Message
    String field_issuer();

    @Message
    String field_client_id();

    @Message
    String field_deployment_ids();

    @Message
    String field_auth_login_url();

    @Message
    String field_jwks_url();

    @Message
    String field_access_token_url();

    @Message
    String field_frame_origins();

    @Message
    String admin_register();

    @Message
    String admin_remove();

    @Message
    String admin_registered();

    @Message
    String admin_invalid();

    @Message
    String admin_duplicate();

    @Message
    String admin_keys_heading();

    @Message
    String admin_keys_note();

    @Message
    String admin_rotate();

    @Message
    String admin_rotated();

    @Message
    String refusal_deep_linking_not_allowed();

    @Message
    String refusal_unknown_deep_link();

    @Message
    String deep_link_title();

    @Message
    String deep_link_intro();

    @Message
    String deep_link_quizzes();

    @Message
    String deep_link_lessons();

    @Message
    String deep_link_add();

    @Message
    String deep_link_return_title();

    @Message
    String deep_link_return();

    // LTI Dynamic Registration (c15b)

    @Message
    String refusal_registration_bad_request();

    @Message
    String refusal_registration_config_unavailable();

    @Message
    String refusal_registration_wrong_issuer();

    @Message
    String refusal_registration_bad_config();

    @Message
    String refusal_registration_refused();

    @Message
    String refusal_too_many_registrations();

    @Message
    String registered_title();

    @Message
    String registered_text(String issuer);

    // --- What the API and the form say about a refused platform registration (PlatformRegistration) ---

    @Message
    String invalid_platform();

    @Message
    String platform_required();

    /** {@code max}: the constraint's bound. */
    @Message
    String platform_too_long(long max);

    /** {@code max}: the constraint's bound. */
    @Message
    String platform_too_many(long max);

    @Message
    String platform_url();

    @Message
    String platform_printable();

    @Message
    String platform_origin();
}
