package lab.handshake.lti;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an administrator registers for a platform: the values the LMS shows when the tool is added to it.
 * {@code frameOrigins} is optional: origins, besides the issuer's and the login URL's, whose pages frame the tool
 * (Canvas: each school's own host).
 */
public record PlatformRegistration(
        @NotBlank @Size(max = 255) @Pattern(regexp = HTTPS_URL, message = "must be an https:// URL (http:// only for localhost)") String issuer,
        @NotBlank @Size(max = 255) @Pattern(regexp = PRINTABLE, message = "must be printable characters without spaces") String clientId,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 255) @Pattern(regexp = PRINTABLE, message = "must be printable characters without spaces") String> deploymentIds,
        @NotBlank @Size(max = 2048) @Pattern(regexp = HTTPS_URL, message = "must be an https:// URL (http:// only for localhost)") String authLoginUrl,
        @NotBlank @Size(max = 2048) @Pattern(regexp = HTTPS_URL, message = "must be an https:// URL (http:// only for localhost)") String jwksUrl,
        @NotBlank @Size(max = 2048) @Pattern(regexp = HTTPS_URL, message = "must be an https:// URL (http:// only for localhost)") String accessTokenUrl,
        @Size(max = 20) List<@NotBlank @Size(max = 255) @Pattern(regexp = ORIGIN, message = "must be an origin such as https://school.instructure.com") String> frameOrigins) {

    /** https on any host; plain http only on this machine (a test LMS, a developer's Moodle). */
    static final String HTTPS_URL = "(https://[^\\s/?#]+|http://(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?)(/[^\\s]*)?";
    static final String PRINTABLE = "[\\p{Graph}]+";
    static final String ORIGIN = "(https://[A-Za-z0-9.-]+|http://(localhost|127\\.0\\.0\\.1))(:\\d{1,5})?";
}
