package lab.handshake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.engine.Language;
import lab.handshake.engine.SimulationLimitException;
import lab.handshake.engine.run.ScenarioRunner;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an {@code application/problem+json} answer (RFC 9457). Clients learn what was
 * wrong with their request; nothing about the server's insides leaks out. What it says itself comes from
 * {@link ProblemMessages} in the reader's language ({@link #readersLanguage}).
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** How Java's number parsers quote the input they refuse: {@code For input string: "abc"}. */
    private static final Pattern QUOTED_INPUT = Pattern.compile("\"(.*)\"");
    /** A message of a bundle in Qute's notation, as {@link CheckedRequest} names them: {@code {session:decision(max)}}. */
    private static final Pattern BUNDLE_MESSAGE = Pattern.compile("\\{\\w+:\\w+(\\([\\w, ]*\\))?}");

    private final Engine qute;
    /** Each message's template parsed once: they are the constraints' own, a fixed set. */
    private final Map<String, Template> messages = new ConcurrentHashMap<>();

    public ProblemMapper(Engine qute) {
        this.qute = qute;
    }

    /**
     * Every refusal a service throws, in the reader's language where it is worded from the bundle: its kind decides
     * the status, and 429 and 503 say when to come back.
     */
    @ServerExceptionMapper
    public Response refusal(Refusal refused, HttpServerRequest request) {
        Language language = readersLanguage(request);
        Response answer = respond(new Problem("/problems/" + refused.reason(), refused.title(language), status(refused.kind()),
                refused.detail(language), refused.errors(language)));
        if (refused instanceof Refusal.Later later) {
            return Response.fromResponse(answer).header(jakarta.ws.rs.core.HttpHeaders.RETRY_AFTER, later.retryAfterSeconds()).build();
        }
        return answer;
    }

    /** The HTTP status of a kind of refusal; pages that answer a refusal with a page of their own use it too. */
    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_ALLOWED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNUSABLE -> 422;
            case TOO_MANY -> 429;
            case BUSY -> 503;
        };
    }

    @ServerExceptionMapper
    public Response invalidSpec(ScenarioRunner.InvalidSpecException invalid, HttpServerRequest request) {
        ProblemMessages words = words(request);
        boolean tooLarge = invalid.violations().stream().anyMatch(v -> v.tooLarge());
        List<Problem.FieldError> errors = invalid.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), ViolationWords.message(v, words))).toList();
        String detail = words.problem_list(invalid.violations().stream().map(v -> ViolationWords.line(v, words)).toList());
        return respond(new Problem(tooLarge ? "/problems/too-large" : "/problems/invalid-scenario",
                tooLarge ? words.scenario_too_large() : words.invalid_scenario(), tooLarge ? 413 : 400, detail, errors));
    }

    /**
     * A request record that breaks its Bean Validation constraints ({@link CheckedRequest}): 400 naming every field
     * at fault, with the messages and title of the record's bundle in the reader's language.
     */
    @ServerExceptionMapper
    public Response invalidRequest(ConstraintViolationException invalid, HttpServerRequest request) {
        Language language = readersLanguage(request);
        Locale locale = language.locale();
        List<ConstraintViolation<?>> violations = invalid.getConstraintViolations().stream()
                .sorted(Comparator.comparing(ProblemMapper::field)).toList();
        List<Problem.FieldError> errors = violations.stream().map(v -> new Problem.FieldError(field(v),
                message(v.getMessageTemplate(), v.getConstraintDescriptor().getAttributes(), locale, v.getMessage())))
                .distinct().toList();
        CheckedRequest checked = violations.isEmpty() ? null : checkedRequest(violations.get(0));
        ProblemMessages words = words(language);
        String detail = words.field_errors(words.problem_list(errors.stream().map(e -> words.field_error(e.field(), e.message())).toList()));
        return respond(new Problem("/problems/" + (checked == null ? "invalid-request" : checked.reason()),
                checked == null ? words.invalid_request() : message(checked.title(), Map.of(), locale, checked.title()), 400, detail, errors));
    }

    /**
     * The request's language, in {@link RequestLanguage}'s order; an unknown {@code lang} is not what this answer is
     * about, so it chooses nothing, as on a page.
     */
    public static Language readersLanguage(HttpServerRequest request) {
        try {
            return RequestLanguage.resolve(request);
        } catch (Refusal unknownLanguage) {
            return RequestLanguage.remembered(request);
        }
    }

    /** The problem bundle in the request's language: for refusals answered before Quarkus REST reads the request. */
    public static ProblemMessages words(HttpServerRequest request) {
        return words(readersLanguage(request));
    }

    /** The problem bundle in a page's language: for pages that show a refusal's words themselves. */
    public static ProblemMessages words(Language language) {
        return words(ProblemMessages.class, language);
    }

    /** A bundle in a language: a feature's problem bundle where a refusal is worded ({@link Refusal.Worded#of}). */
    public static <B> B words(Class<B> bundle, Language language) {
        return MessageBundles.get(bundle, Localized.Literal.of(language.code()));
    }

    /** A bundle's message in {@code locale} with the constraint's attributes as its arguments; another text as it is. */
    private String message(String template, Map<String, Object> attributes, Locale locale, String otherwise) {
        if (!BUNDLE_MESSAGE.matcher(template).matches()) {
            return otherwise;
        }
        TemplateInstance instance = messages.computeIfAbsent(template, qute::parse).instance().setLocale(locale);
        attributes.forEach(instance::data);
        return instance.render();
    }

    /**
     * The JSON path of the field at fault, such as {@code move.host}, without the method and parameter Bean
     * Validation starts it with; {@code body} for the body itself. A page that shows a refused form marks these.
     */
    public static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            boolean property = node.getKind() == ElementKind.PROPERTY;
            if (property || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // The index of a list's element sits on the node after the list's: actions, then [0] and host.
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                if (property) {
                    field.append(field.isEmpty() ? "" : ".").append(node.getName());
                }
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /**
     * The {@link CheckedRequest} of the record at fault: the one holding the field, else the body parameter's type,
     * else the body parameter itself.
     */
    private static CheckedRequest checkedRequest(ConstraintViolation<?> violation) {
        Object holder = violation.getLeafBean();
        if (holder != null && holder.getClass().isAnnotationPresent(CheckedRequest.class)) {
            return holder.getClass().getAnnotation(CheckedRequest.class);
        }
        jakarta.validation.Path.MethodNode method = null;
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(jakarta.validation.Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER && method != null) {
                int index = node.as(jakarta.validation.Path.ParameterNode.class).getParameterIndex();
                CheckedRequest onType = method.getParameterTypes().get(index).getAnnotation(CheckedRequest.class);
                return onType != null ? onType : onParameter(violation.getRootBeanClass(), method, index);
            }
        }
        return null;
    }

    /** The annotation on the resource method's parameter, looked for up from the class validated (a bean's subclass). */
    private static CheckedRequest onParameter(Class<?> resource, jakarta.validation.Path.MethodNode method, int index) {
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        for (Class<?> type = resource; type != null; type = type.getSuperclass()) {
            try {
                CheckedRequest found = type.getDeclaredMethod(method.getName(), types).getParameters()[index].getAnnotation(CheckedRequest.class);
                if (found != null) {
                    return found;
                }
            } catch (NoSuchMethodException notDeclaredHere) {
                // declared by the class it extends
            }
        }
        return null;
    }

    /** Not signed in: the API says 401; a page sends the browser to the login form. */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri, HttpServerRequest request) {
        if (uri.getPath().startsWith("/api/")) {
            ProblemMessages words = words(request);
            return respond(new Problem("/problems/unauthorized", words.unauthorized_title(), 401, words.unauthorized(), null));
        }
        return Response.seeOther(java.net.URI.create("/login")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, HttpServerRequest request) {
        ProblemMessages words = words(request);
        return respond(new Problem("/problems/forbidden", words.forbidden_title(), 403, words.forbidden(), null));
    }

    @ServerExceptionMapper
    public Response simulationLimit(SimulationLimitException limit, HttpServerRequest request) {
        ProblemMessages words = words(request);
        return respond(new Problem("/problems/too-large", words.simulation_too_large(), 413,
                words.simulation_limit(limit.limit(), limit.what()), null));
    }

    /** Quarkus REST has its own mapper for this type; this one is more specific to our needs and wins. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return unreadableJson(e, request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        Language language = readersLanguage(request);
        ProblemMessages words = words(language);
        Optional<ReadingProblem> problem = e instanceof JsonMappingException mapping ? ReadingProblem.of(mapping) : Optional.empty();
        // Jackson's own words for a value it could not map name Java classes; a syntax error's do not.
        String detail = problem.map(p -> p.in(language)).orElseGet(() -> words.not_json(e.getOriginalMessage()));
        String field = problem.map(ReadingProblem::field).orElse("");
        return respond(new Problem("/problems/invalid-json", words.invalid_json(), 400, detail,
                field.isEmpty() ? null : List.of(new Problem.FieldError(field, detail))));
    }

    /**
     * A body that ends before it is complete (a client that gave up, a multipart form cut off) fails while
     * Quarkus REST reads it, before our code runs. It is the client's doing: a 400 if the client still listens,
     * and a debug line, not an error.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, HttpServerRequest request) {
        if (thrownByOurCode(e)) {
            return unexpected(e, request);
        }
        LOG.debugf("Request body of %s %s could not be read: %s", request.method(), request.path(), e.getMessage());
        if (request.response().ended() || request.response().closed()) {
            // Already answered (Quarkus's 413 for a streamed body over the limit) or nobody left to answer.
            return null;
        }
        ProblemMessages words = words(request);
        return respond(new Problem("/problems/invalid-body", words.unreadable_body_title(), 400,
                words.unreadable_body(e.getMessage()), null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // Quarkus REST wraps a body that is not JSON at all in a plain 400.
            return unreadableJson(unreadable, request);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            return unconvertibleParameter(e.getCause(), uri, request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        ProblemMessages words = words(request);
        return respond(new Problem("about:blank", words.status_title(status), status, words.status_detail(status), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        ProblemMessages words = words(request);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.StaleStateException) {
                return respond(new Problem("/problems/conflict", words.conflict_title(), 409, words.conflict(), null));
            }
        }
        LOG.error("Unexpected failure while answering a request", e);
        return respond(new Problem("about:blank", words.server_error_title(), 500, words.server_error(), null));
    }

    /**
     * Quarkus REST could not turn a query or path parameter into its declared type (a number, say) and, as
     * JAX-RS prescribes, reports a 404. A query parameter gets a 400 naming it; a path stays a 404.
     */
    private Response unconvertibleParameter(Throwable cause, UriInfo uri, HttpServerRequest request) {
        ProblemMessages words = words(request);
        Matcher quoted = QUOTED_INPUT.matcher(String.valueOf(cause.getMessage()));
        String value = quoted.find() ? quoted.group(1) : null;
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            if (value != null && parameter.getValue().contains(value)) {
                return refusal(Refusal.badParameter(parameter.getKey(), bundle -> bundle.not_whole_number(value)), request);
            }
        }
        return respond(new Problem("about:blank", words.status_title(404), 404,
                value == null ? words.status_detail(404) : words.not_an_id(value), null));
    }

    /** Whether one of our own classes threw it (then it is our failure, not the client's). */
    private static boolean thrownByOurCode(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("lab.handshake.")) {
                return true;
            }
        }
        return false;
    }

    /** The JSON path of the field at fault, e.g. {@code actions[2].bytes}. */
    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
