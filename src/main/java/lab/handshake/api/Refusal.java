package lab.handshake.api;

import java.time.Duration;
import java.util.List;

/**
 * A request the site refuses, said in the domain's words: what kind of refusal it is, a reason key (the last
 * part of the problem type, such as {@code edit-conflict}), a title and a detail for the client. Services throw
 * one of the kinds below; {@link ProblemMapper} alone decides the HTTP status and writes the problem document
 * (a browser gets the error page in its language, see {@code web.ErrorPages}).
 */
public class Refusal extends RuntimeException {

    /** What went wrong, as the mapper needs to know it to choose the status. */
    public enum Kind {
        /** The request itself is wrong: a parameter, a field, the body. */
        INVALID,
        /** Nothing has the id the request names. */
        NOT_FOUND,
        /** The one asking may not do this. */
        NOT_ALLOWED,
        /** The thing changed or is in a state that does not allow this now. */
        CONFLICT,
        /** Over a size bound. */
        TOO_LARGE,
        /** Well-formed, but what it names cannot be used for this (content with problems, a code of no class). */
        UNUSABLE,
        /** The client asked too often; it may come back later. */
        TOO_MANY,
        /** The server has no room for it now; it may come back later. */
        BUSY
    }

    private final Kind kind;
    private final String reason;
    private final String title;
    private final List<Problem.FieldError> errors;

    protected Refusal(Kind kind, String reason, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.reason = reason;
        this.title = title;
        this.errors = errors;
    }

    /** A query parameter that is missing its form. */
    public static Invalid badParameter(String parameter, String message) {
        return new Invalid("invalid-parameter", "Invalid parameter",
                "Query parameter '" + parameter + "' " + message + ".", List.of(new Problem.FieldError(parameter, message)));
    }

    public static NotFound notFound(String what, String id) {
        return new NotFound("not-found", "Not found", "No " + what + " with id '" + id + "'.", null);
    }

    public Kind kind() {
        return kind;
    }

    /** The reason key, such as "edit-conflict": the last part of the problem type, and a message key on pages. */
    public String reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    /** The fields at fault, or null. */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    public static class Invalid extends Refusal {
        public Invalid(String reason, String title, String detail, List<Problem.FieldError> errors) {
            super(Kind.INVALID, reason, title, detail, errors);
        }
    }

    public static class NotFound extends Refusal {
        public NotFound(String reason, String title, String detail, List<Problem.FieldError> errors) {
            super(Kind.NOT_FOUND, reason, title, detail, errors);
        }
    }

    public static class NotAllowed extends Refusal {
        public NotAllowed(String reason, String title, String detail, List<Problem.FieldError> errors) {
            super(Kind.NOT_ALLOWED, reason, title, detail, errors);
        }
    }

    public static class Conflict extends Refusal {
        public Conflict(String reason, String title, String detail, List<Problem.FieldError> errors) {
            super(Kind.CONFLICT, reason, title, detail, errors);
        }
    }

    public static class TooLarge extends Refusal {
        public TooLarge(String reason, String title, String detail, List<Problem.FieldError> errors) {
            super(Kind.TOO_LARGE, reason, title, detail, errors);
        }
    }

    public static class Unusable extends Refusal {
        public Unusable(String reason, String title, String detail, List<Problem.FieldError> errors) {
            super(Kind.UNUSABLE, reason, title, detail, errors);
        }
    }

    /** A refusal that passes with time: the answer says when to come back. */
    public static class Later extends Refusal {
        private final Duration retryAfter;

        private Later(Kind kind, String reason, String title, String detail, Duration retryAfter) {
            super(kind, reason, title, detail, null);
            this.retryAfter = retryAfter;
        }

        /** This client asked too often. */
        public static Later tooMany(String reason, String title, String detail, Duration retryAfter) {
            return new Later(Kind.TOO_MANY, reason, title, detail, retryAfter);
        }

        /** The server has no room now. */
        public static Later busy(String reason, String title, String detail, Duration retryAfter) {
            return new Later(Kind.BUSY, reason, title, detail, retryAfter);
        }

        /** Rounded up, and at least 1: a client told 0 would retry at once. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }
}
