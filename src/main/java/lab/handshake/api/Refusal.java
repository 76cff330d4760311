package lab.handshake.api;

import io.quarkus.qute.i18n.MessageBundles;
import java.time.Duration;
import java.util.List;

/**
 * A request the site refuses, said in the domain's words: what kind of refusal it is, a reason key (the last
 * part of the problem type, such as {@code edit-conflict}), a title and a detail for the client. Services throw
 * one of the kinds below; {@link ProblemMapper} alone decides the HTTP status and writes the problem document
 * (a browser gets the error page in its language, see {@code web.ErrorPages}). {@link #badParameter} and
 * {@link #notFound} carry their words as {@link ProblemMessages} messages, as does every kind, made with
 * {@link Worded} words: the mapper says them in the reader's language.
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

    /**
     * Words of {@link ProblemMessages} a service chooses, such as {@code ProblemMessages::scenario} or
     * {@code words -> words.must_be_either("en", "zh")}; {@link ProblemMapper} says them in the reader's language.
     */
    @FunctionalInterface
    public interface Worded<T> {
        T in(ProblemMessages words);
    }

    private final Kind kind;
    private final String reason;
    private final Worded<String> title;
    private final Worded<String> detail;
    private final Worded<List<Problem.FieldError>> errors;

    /** A refusal worded from the bundle: {@link ProblemMapper} says it in the reader's language. */
    protected Refusal(Kind kind, String reason, Worded<String> title, Worded<String> detail, Worded<List<Problem.FieldError>> errors) {
        this.kind = kind;
        this.reason = reason;
        this.title = title;
        this.detail = detail;
        this.errors = errors != null ? errors : words -> null;
    }

    /** A query parameter that is missing its form; {@code message} says what it must be, after the parameter's name. */
    public static Invalid badParameter(String parameter, Worded<String> message) {
        return new Invalid("invalid-parameter", ProblemMessages::invalid_parameter,
                words -> words.invalid_parameter_detail(parameter, message.in(words)),
                words -> List.of(new Problem.FieldError(parameter, message.in(words))));
    }

    /** Nothing has this id; {@code what} names the kind of thing looked for, such as {@code ProblemMessages::scenario}. */
    public static NotFound notFound(Worded<String> what, String id) {
        return new NotFound("not-found", ProblemMessages::not_found_title, words -> words.not_found(what.in(words), id), words -> null);
    }

    public Kind kind() {
        return kind;
    }

    /** The reason key, such as "edit-conflict": the last part of the problem type, and a message key on pages. */
    public String reason() {
        return reason;
    }

    public String title(ProblemMessages words) {
        return title.in(words);
    }

    public String detail(ProblemMessages words) {
        return detail.in(words);
    }

    /** The fields at fault, or null. */
    public List<Problem.FieldError> errors(ProblemMessages words) {
        return errors.in(words);
    }

    /** In English: for logs, and for callers that answer outside the API's problem documents. */
    public String title() {
        return title(english());
    }

    /** The detail in English, as {@link #title()}. */
    @Override
    public String getMessage() {
        return detail(english());
    }

    private static ProblemMessages english() {
        return MessageBundles.get(ProblemMessages.class);
    }

    public static class Invalid extends Refusal {
        public Invalid(String reason, Worded<String> title, Worded<String> detail, Worded<List<Problem.FieldError>> errors) {
            super(Kind.INVALID, reason, title, detail, errors);
        }
    }

    public static class NotFound extends Refusal {
        public NotFound(String reason, Worded<String> title, Worded<String> detail, Worded<List<Problem.FieldError>> errors) {
            super(Kind.NOT_FOUND, reason, title, detail, errors);
        }
    }

    public static class NotAllowed extends Refusal {
        public NotAllowed(String reason, Worded<String> title, Worded<String> detail, Worded<List<Problem.FieldError>> errors) {
            super(Kind.NOT_ALLOWED, reason, title, detail, errors);
        }
    }

    public static class Conflict extends Refusal {
        public Conflict(String reason, Worded<String> title, Worded<String> detail, Worded<List<Problem.FieldError>> errors) {
            super(Kind.CONFLICT, reason, title, detail, errors);
        }
    }

    public static class TooLarge extends Refusal {
        public TooLarge(String reason, Worded<String> title, Worded<String> detail, Worded<List<Problem.FieldError>> errors) {
            super(Kind.TOO_LARGE, reason, title, detail, errors);
        }
    }

    public static class Unusable extends Refusal {
        public Unusable(String reason, Worded<String> title, Worded<String> detail, Worded<List<Problem.FieldError>> errors) {
            super(Kind.UNUSABLE, reason, title, detail, errors);
        }
    }

    /** A refusal that passes with time: the answer says when to come back. */
    public static class Later extends Refusal {
        private final Duration retryAfter;

        private Later(Kind kind, String reason, Worded<String> title, Worded<String> detail, Duration retryAfter) {
            super(kind, reason, title, detail, null);
            this.retryAfter = retryAfter;
        }

        /** This client asked too often. */
        public static Later tooMany(String reason, Worded<String> title, Worded<String> detail, Duration retryAfter) {
            return new Later(Kind.TOO_MANY, reason, title, detail, retryAfter);
        }

        /** The server has no room now. */
        public static Later busy(String reason, Worded<String> title, Worded<String> detail, Duration retryAfter) {
            return new Later(Kind.BUSY, reason, title, detail, retryAfter);
        }

        /** Rounded up, and at least 1: a client told 0 would retry at once. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }
}
