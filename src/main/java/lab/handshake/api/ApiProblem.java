package lab.handshake.api;

import java.util.List;

/** A request the API refuses, with the status and words the client should see. */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiProblem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
    }

    public static ApiProblem badParameter(String parameter, String message) {
        return new ApiProblem(400, "invalid-parameter", "Invalid parameter",
                "Query parameter '" + parameter + "' " + message + ".", List.of(new Problem.FieldError(parameter, message)));
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "not-found", "Not found", "No " + what + " with id '" + id + "'.", null);
    }

    public Problem toProblem() {
        return new Problem("/problems/" + type, title, status, getMessage(), errors);
    }

    public int status() {
        return status;
    }

    /** The last part of the problem's type URI, such as "edit-conflict". */
    public String type() {
        return type;
    }
}
