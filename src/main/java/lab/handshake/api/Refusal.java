package lab.handshake.api;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import lab.handshake.engine.Language;

/**
 * A request the site refuses, said in the domain's words: what kind of refusal it is, a reason key (the last
 * part of the problem type, such as {@code edit-conflict}), a title and a detail for the client. Services throw
 * one of the kinds below; {@link ProblemMapper} alone decides the HTTP status and writes the problem document
 * (a browser gets the error page in its language, see {@code web.ErrorPages}). Every kind is made with
 * {@link Worded} words, messages of the bundle of the feature that refuses (a feature's own problem bundle, or
 * {@link ProblemMessages} for what every feature says): the mapper says them in the reader's language.
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
     * Words a service chooses, said later in a language: {@link ProblemMapper} says them in the reader's, the log
     * in English.
     */
    @FunctionalInterface
    public interface Worded<T> {
        T in(Language language);

        /**
         * Messages of one bundle, such as {@code Worded.of(ProblemMessages.class, ProblemMessages::body_required)} or
         * {@code Worded.of(QuizProblemMessages.class, words -> words.not_your_attempt(quiz))}.
         */
        static <B, T> Worded<T> of(Class<B> bundle, Function<B, T> words) {
            return language -> words.apply(ProblemMapper.words(bundle, language));
        }

        /** The detail of one body field at fault: its name, then what it must be ({@code message}). */
        static Worded<String> fieldDetail(String field, Worded<String> message) {
            return language -> ProblemMapper.words(language).field_detail(field, message.in(language));
        }

        /** The one body field at fault and what it must be, as the problem's list of errors. */
        static Worded<List<Problem.FieldError>> fieldErrors(String field, Worded<String> message) {
            return language -> List.of(new Problem.FieldError(field, message.in(language)));
        }
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
        this.errors = errors != null ? errors : language -> null;
    }

    /** A query parameter that is missing its form; {@code message} says what it must be, after the parameter's name. */
    public static Invalid badParameter(String parameter, Function<ProblemMessages, String> message) {
        return new Invalid("invalid-parameter", Worded.of(ProblemMessages.class, ProblemMessages::invalid_parameter),
                Worded.of(ProblemMessages.class, words -> words.invalid_parameter_detail(parameter, message.apply(words))),
                Worded.of(ProblemMessages.class, words -> List.of(new Problem.FieldError(parameter, message.apply(words)))));
    }

    /** Nothing has this id; {@code what} names the kind of thing looked for, such as {@code ProblemMessages::scenario}. */
    public static NotFound notFound(Function<ProblemMessages, String> what, String id) {
        return new NotFound("not-found", Worded.of(ProblemMessages.class, ProblemMessages::not_found_title),
                Worded.of(ProblemMessages.class, words -> words.not_found(what.apply(words), id)), null);
    }

    public Kind kind() {
        return kind;
    }

    /** The reason key, such as "edit-conflict": the last part of the problem type, and a message key on pages. */
    public String reason() {
        return reason;
    }

    public String title(Language language) {
        return title.in(language);
    }

    public String detail(Language language) {
        return detail.in(language);
    }

    /** The fields at fault, or null. */
    public List<Problem.FieldError> errors(Language language) {
        return errors.in(language);
    }

    /** In English: for logs, and for callers that answer outside the API's problem documents. */
    public String title() {
        return title(Language.EN);
    }

    /** The detail in English, as {@link #title()}. */
    @Override
    public String getMessage() {
        return detail(Language.EN);
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
