package lab.handshake.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists the fields at fault when there are several; it never
 * holds a stack trace or a Java class name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field that is wrong, named by its JSON path or query parameter. */
    public record FieldError(String field, String message) {
    }
}
