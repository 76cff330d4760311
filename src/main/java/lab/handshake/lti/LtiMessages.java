package lab.handshake.lti;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of LTI: launch pages shown inside the LMS, their refusals, and the administrators' page of platforms.
 * English here, Chinese in {@code messages/lti_zh.properties}; templates use them as {@code {lti:key}}.
 */
@MessageBundle("lti")
public interface LtiMessages {

    @Message("The launch from your course was refused")
    String refused_title();

    @Message("Nothing was saved. Open the activity again from your course. If this keeps happening, tell your LMS administrator and give them this code:")
    String refused_nothing_saved();

    @Message("The LMS did not send the login request Handshake Lab expects (issuer and login hint are required).")
    String refusal_bad_login_request();

    @Message("This LMS is not registered with Handshake Lab, or not with this client id. An administrator registers it on the LMS connections page.")
    String refusal_unknown_platform();

    @Message("The launch came without its login state.")
    String refusal_missing_state();

    @Message("The launch's login state is unknown here or more than ten minutes old.")
    String refusal_unknown_state();

    @Message("This launch was sent before: each launch can be used once.")
    String refusal_state_used();

    @Message("The LMS sent no readable sign-in token.")
    String refusal_malformed_token();

    @Message("The LMS's public keys could not be fetched, so its sign-in cannot be checked.")
    String refusal_keys_unavailable();

    @Message("The sign-in token was signed with a key the LMS does not publish.")
    String refusal_unknown_key();

    @Message("The sign-in token's signature is not valid.")
    String refusal_bad_signature();

    @Message("The sign-in token comes from another issuer than the registered LMS.")
    String refusal_wrong_issuer();

    @Message("The sign-in token was made for another tool (its audience is not this tool's client id).")
    String refusal_wrong_audience();

    @Message("The sign-in token has expired. Check that the LMS's clock is right.")
    String refusal_expired();

    @Message("The sign-in token was issued in the future. Check that the LMS's clock is right.")
    String refusal_not_yet_valid();

    @Message("The sign-in token does not belong to this login (its nonce does not match).")
    String refusal_wrong_nonce();

    @Message("The launch names a deployment that is not registered for this LMS.")
    String refusal_unknown_deployment();

    @Message("The LMS sent a kind of LTI message Handshake Lab does not handle here.")
    String refusal_wrong_message_type();

    @Message("The launch is not LTI version 1.3.0.")
    String refusal_wrong_version();

    @Message("The launch lacks information LTI 1.3 requires (user, roles, resource link or target link).")
    String refusal_missing_claim();

    @Message("This sign-in link was used already or is more than two minutes old. Open the activity again from your course.")
    String refusal_unknown_ticket();

    @Message("Handshake Lab is ready")
    String launched_title();

    @Message("Welcome, {name}.")
    String launched_welcome(String name);

    @Message("You teach the class “{className}” here: its students' results are on your class page.")
    String launched_teacher(String className);

    @Message("You are in the class “{className}”: your teacher sees the quizzes you submit for it.")
    String launched_learner(String className);

    @Message("Open Handshake Lab")
    String launched_open();

    @Message("It opens in a new window, signed in for this course. The link works once, within two minutes.")
    String launched_open_note();

    @Message("LMS connections (LTI 1.3)")
    String admin_title();

    @Message("Register your LMS (Moodle, Canvas, Blackboard, Brightspace) here with the values it shows when you add Handshake Lab as an external tool, and enter the tool's values below in the LMS.")
    String admin_intro();

    @Message("Values to enter in your LMS")
    String admin_tool_values();

    @Message("Tool URL / target link URI")
    String admin_target_link_url();

    @Message("Login initiation URL")
    String admin_login_url();

    @Message("Redirection URI (launch)")
    String admin_launch_url();

    @Message("Public keyset URL (JWKS)")
    String admin_jwks_url();

    @Message("Registered platforms")
    String admin_platforms();

    @Message("No LMS is registered yet.")
    String admin_none();

    @Message("Register an LMS")
    String admin_register_heading();

    @Message("Issuer (platform ID)")
    String field_issuer();

    @Message("Client ID")
    String field_client_id();

    @Message("Deployment IDs (one per line)")
    String field_deployment_ids();

    @Message("Authentication request URL")
    String field_auth_login_url();

    @Message("Public keyset URL")
    String field_jwks_url();

    @Message("Access token URL")
    String field_access_token_url();

    @Message("Other origins that frame the tool (optional, one per line)")
    String field_frame_origins();

    @Message("Register")
    String admin_register();

    @Message("Remove")
    String admin_remove();

    @Message("Platform registered.")
    String admin_registered();

    @Message("Not registered. Check these fields (URLs use https://, http:// only for localhost):")
    String admin_invalid();

    @Message("This issuer and client ID are registered already.")
    String admin_duplicate();

    @Message("The tool's signing keys")
    String admin_keys_heading();

    @Message("Rotating makes a new key sign from now on; the previous one stays published, so LMSs that cached it keep working until they fetch the keyset again.")
    String admin_keys_note();

    @Message("Rotate the keys")
    String admin_rotate();

    @Message("A new key signs from now on.")
    String admin_rotated();

    @Message("Only instructors can add Handshake Lab activities to a course.")
    String refusal_deep_linking_not_allowed();

    @Message("This choice was made already or is more than ten minutes old. Start adding the activity again from your course.")
    String refusal_unknown_deep_link();

    @Message("Add an activity to your course")
    String deep_link_title();

    @Message("Choose what your students open from the course. Quizzes they submit appear in the course's class here.")
    String deep_link_intro();

    @Message("Quizzes")
    String deep_link_quizzes();

    @Message("Lessons")
    String deep_link_lessons();

    @Message("Add")
    String deep_link_add();

    @Message("Returning to your course…")
    String deep_link_return_title();

    @Message("Return to the course")
    String deep_link_return();

    // LTI Dynamic Registration (c15b)

    @Message("The LMS did not open the registration as LTI Dynamic Registration does (an https openid_configuration URL and a registration_token are required).")
    String refusal_registration_bad_request();

    @Message("The LMS's configuration could not be fetched or read.")
    String refusal_registration_config_unavailable();

    @Message("The LMS's configuration names an issuer that does not begin its own address.")
    String refusal_registration_wrong_issuer();

    @Message("The LMS's configuration lacks an endpoint Handshake Lab needs, or this LMS is registered already.")
    String refusal_registration_bad_config();

    @Message("The LMS did not accept Handshake Lab's registration, or answered without a client id and deployment id.")
    String refusal_registration_refused();

    @Message("Too many registrations were tried from this address. Nothing was registered; wait a while (the answer's Retry-After says how long) and try again.")
    String refusal_too_many_registrations();

    @Message("Handshake Lab is registered")
    String registered_title();

    @Message("Handshake Lab is now registered with {issuer}. This window closes by itself; if it does not, close it and return to the LMS.")
    String registered_text(String issuer);
}
