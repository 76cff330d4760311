package lab.handshake.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.RequestLanguage;
import lab.handshake.teacher.LoginForm;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A request body over {@code quarkus.http.limits.max-body-size} is refused by the HTTP layer before the
 * application sees it, and Quarkus answers that 413 with no body. This route looks first and gives the same
 * refusal its problem+json body, or the error page in the reader's language for a browser: at once when the
 * Content-Length says so, and when a streamed (chunked) body passes the limit.
 */
@ApplicationScoped
public class OversizedBodies {
    private static final Logger LOG = Logger.getLogger(OversizedBodies.class);
    /** Quarkus's own Content-Length check is a route of order -2; this one must come before it. */
    private static final int BEFORE_QUARKUS_BODY_LIMIT = -3;
    private static final String NETTY_HTTP_CODEC = "io.netty.handler.codec.http.";

    private final long limit;
    private final ObjectMapper json;

    private final String uploadsDirectory;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
                           @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploadsDirectory, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.uploadsDirectory = uploadsDirectory;
        this.json = json;
    }

    void install(@Observes Router router) {
        BodyHandler chunkedBodies = BodyHandler.create(false).setHandleFileUploads(false).setBodyLimit(limit);
        // Forms too: Quarkus REST takes the fields and files this one parsed (and the files are deleted at the end).
        BodyHandler chunkedForms = BodyHandler.create(uploadsDirectory).setBodyLimit(limit).setDeleteUploadedFilesOnEnd(true);
        router.route().order(BEFORE_QUARKUS_BODY_LIMIT).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                refuseIfTooLarge(context, declared);
            } else if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)
                    && !context.normalizedPath().equals(LoginForm.PATH)) {
                // A streamed body of unknown length: read it here (Quarkus REST then uses what was read), so
                // that one over the limit fails with 413 into the handler below rather than an empty answer.
                // The login form has a smaller limit of its own.
                (isForm(context) ? chunkedForms : chunkedBodies).handle(context);
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            boolean canAnswer = !context.response().headWritten() && !context.response().closed();
            if (context.statusCode() == 413 && canAnswer) {
                ProblemMessages words = ProblemMapper.words(context.request());
                refuse(context, new Problem("/problems/too-large", words.body_too_large_title(), 413, words.body_over_limit(limit), null));
            } else if (formFieldTooLarge(context.failure()) && canAnswer) {
                ProblemMessages words = ProblemMapper.words(context.request());
                refuse(context, new Problem("/problems/too-large", words.body_too_large_title(), 413, words.form_field_over_limit(limit), null));
            } else if (context.failure() != null && !context.request().isEnded() && clientBrokeTheBody(context.failure())) {
                LOG.debugf("Request body of %s %s ended early: %s", context.request().method(), context.normalizedPath(),
                        context.failure().toString());
                if (canAnswer) {
                    ProblemMessages words = ProblemMapper.words(context.request());
                    refuse(context, new Problem("/problems/invalid-body", words.unreadable_body_title(), 400, words.body_cut_short(), null));
                }
            } else if (context.failure() != null && !context.request().isEnded()) {
                // A failure of ours while the body was still coming: an operator must see it, and the client gets a 500.
                LOG.errorf(context.failure(), "Unexpected failure while the body of %s %s was still coming",
                        context.request().method(), context.normalizedPath());
                if (canAnswer) {
                    ProblemMessages words = ProblemMapper.words(context.request());
                    refuse(context, new Problem("about:blank", words.server_error_title(), 500, words.server_error(), null));
                }
            } else {
                context.next();
            }
        });
    }

    /**
     * Whether the body stopped coming through the client's doing: it closed the connection, or its bytes broke HTTP's
     * framing, which Netty's HTTP codec reports (a chunk size that is no hexadecimal number, say).
     */
    private static boolean clientBrokeTheBody(Throwable failure) {
        if (failure instanceof HttpClosedException) {
            return true;
        }
        StackTraceElement[] thrownAt = failure.getStackTrace();
        return thrownAt.length > 0 && thrownAt[0].getClassName().startsWith(NETTY_HTTP_CODEC);
    }

    /**
     * Netty's form decoder refuses a field over quarkus.http.limits.max-form-attribute-size (the same size as the
     * body limit) with an IOException of this message, or a field too long to buffer with its own exception.
     */
    private static boolean formFieldTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpPostRequestDecoder.TooLongFormFieldException
                    || cause instanceof java.io.IOException && "Size exceed allowed maximum capacity".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isForm(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded"));
    }

    private void refuseIfTooLarge(RoutingContext context, String declared) {
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP codec refuses a malformed Content-Length itself
        }
        if (length <= limit) {
            context.next();
        } else {
            ProblemMessages words = ProblemMapper.words(context.request());
            refuse(context, new Problem("/problems/too-large", words.body_too_large_title(), 413, words.body_length_over_limit(length, limit), null));
        }
    }

    /** Answers with the problem (a page for a browser) and closes the connection: the rest of the body is not read. */
    void refuse(RoutingContext context, Problem problem) {
        String path = context.normalizedPath();
        String body;
        String type;
        if (ErrorPages.wantsPage(path, context.request().getHeader(HttpHeaders.ACCEPT))) {
            Cookie remembered = context.request().getCookie(RequestLanguage.COOKIE);
            PageLanguage language = PageLanguage.resolve(context.request().getParam("lang"),
                    remembered == null ? null : remembered.getValue(), context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            body = ErrorPages.page(problem, path, language, "");
            type = "text/html;charset=UTF-8";
        } else {
            body = write(problem);
            type = Problem.MEDIA_TYPE;
        }
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> context.request().connection().close())
                .end(body);
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always serialisable", e);
        }
    }
}
