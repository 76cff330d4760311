package lab.handshake.lti;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import lab.handshake.api.CheckedRequest;

/**
 * What an administrator registers for a platform: the values the LMS shows when the tool is added to it.
 * {@code frameOrigins} is optional: origins, besides the issuer's and the login URL's, whose pages frame the tool
 * (Canvas: each school's own host). The API's body and the administrators' form are checked by Bean Validation in
 * {@link Platforms} (messages of the lti bundle, in the reader's language).
 */
@CheckedRequest(reason = Platforms.INVALID_PLATFORM, title = "{lti:invalid_platform}")
public record PlatformRegistration(
        @NotBlank(message = REQUIRED) @Size(max = 255, message = TOO_LONG) @Pattern(regexp = HTTPS_URL, message = URL) String issuer,
        @NotBlank(message = REQUIRED) @Size(max = 255, message = TOO_LONG) @Pattern(regexp = PRINTABLE, message = ID) String clientId,
        @NotEmpty(message = REQUIRED) @Size(max = 50, message = TOO_MANY)
        List<@NotBlank(message = REQUIRED) @Size(max = 255, message = TOO_LONG) @Pattern(regexp = PRINTABLE, message = ID) String> deploymentIds,
        @NotBlank(message = REQUIRED) @Size(max = 2048, message = TOO_LONG) @Pattern(regexp = HTTPS_URL, message = URL) String authLoginUrl,
        @NotBlank(message = REQUIRED) @Size(max = 2048, message = TOO_LONG) @Pattern(regexp = HTTPS_URL, message = URL) String jwksUrl,
        @NotBlank(message = REQUIRED) @Size(max = 2048, message = TOO_LONG) @Pattern(regexp = HTTPS_URL, message = URL) String accessTokenUrl,
        @Size(max = 20, message = TOO_MANY)
        List<@NotBlank(message = REQUIRED) @Size(max = 255, message = TOO_LONG) @Pattern(regexp = ORIGIN, message = "{lti:platform_origin}") String> frameOrigins) {

    /** https on any host; plain http only on this machine (a test LMS, a developer's Moodle). */
    static final String HTTPS_URL = "(https://[^\\s/?#]+|http://(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?)(/[^\\s]*)?";
    static final String PRINTABLE = "[\\p{Graph}]+";
    static final String ORIGIN = "(https://[A-Za-z0-9.-]+|http://(localhost|127\\.0\\.0\\.1))(:\\d{1,5})?";

    /** The fields' messages, of the lti bundle; {@code max} is the constraint's bound. */
    static final String REQUIRED = "{lti:platform_required}";
    static final String TOO_LONG = "{lti:platform_too_long(max)}";
    static final String TOO_MANY = "{lti:platform_too_many(max)}";
    static final String URL = "{lti:platform_url}";
    static final String ID = "{lti:platform_printable}";
}
