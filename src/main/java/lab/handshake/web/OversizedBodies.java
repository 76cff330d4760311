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
import java.util.Set;
import java.util.concurrent.Semaphore;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.RequestLanguage;
import lab.handshake.teacher.LoginForm;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A request body over {@code handshake.limits.body-size} (an uploaded capture: over
 * {@code quarkus.http.limits.max-body-size}) is refused before the application sees it, with a problem+json body
 * or the error page in the reader's language for a browser (Quarkus's own refusal has no body): at once when the
 * Content-Length says so, and when a streamed (chunked) body passes the limit. Captures may be larger because a
 * capture of a download keeps its payload though only the headers are read; so that their memory stays bounded,
 * only {@code handshake.limits.large-bodies-at-once} bodies above the general limit come in at once, and another
 * is answered 503 with Retry-After before it is read.
 */
@ApplicationScoped
public class OversizedBodies {
    private static final Logger LOG = Logger.getLogger(OversizedBodies.class);
    /** Quarkus's own Content-Length check is a route of order -2; this one must come before it. */
    private static final int BEFORE_QUARKUS_BODY_LIMIT = -3;
    private static final String NETTY_HTTP_CODEC = "io.netty.handler.codec.http.";
    /** The capture uploads of {@code capture.CaptureResource}. */
    private static final Set<String> CAPTURE_UPLOADS = Set.of("/api/captures", "/api/captures/explained");
    /** When a client refused for want of a large body's turn may try again. */
    private static final int LARGE_BODY_RETRY_SECONDS = 5;

    private final long limit;
    private final long captureLimit;
    private final int largeBodiesAtOnce;
    private final Semaphore largeBodies;
    private final ObjectMapper json;

    private final String uploadsDirectory;

    public OversizedBodies(HandshakeConfig config,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize captureLimit,
                           @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploadsDirectory, ObjectMapper json) {
        this.limit = config.limits().bodySize().asLongValue();
        this.captureLimit = captureLimit.asLongValue();
        this.largeBodiesAtOnce = config.limits().largeBodiesAtOnce();
        this.largeBodies = new Semaphore(largeBodiesAtOnce);
        this.uploadsDirectory = uploadsDirectory;
        this.json = json;
    }

    void install(@Observes Router router) {
        BodyHandler chunkedBodies = BodyHandler.create(false).setHandleFileUploads(false).setBodyLimit(limit);
        BodyHandler chunkedCaptures = BodyHandler.create(false).setHandleFileUploads(false).setBodyLimit(captureLimit);
        // Forms too: Quarkus REST takes the fields and files this one parsed (and the files are deleted at the end).
        BodyHandler chunkedForms = BodyHandler.create(uploadsDirectory).setBodyLimit(limit).setDeleteUploadedFilesOnEnd(true);
        router.route().order(BEFORE_QUARKUS_BODY_LIMIT).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean capture = CAPTURE_UPLOADS.contains(context.normalizedPath());
            // Streamed in HTTP/1.1's chunked framing (the server speaks HTTP/1.1 only: quarkus.http.http2=false).
            boolean chunked = declared == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true);
            if (declared != null) {
                long length = length(declared);
                if (length > limitOf(capture)) {
                    ProblemMessages words = ProblemMapper.words(context.request());
                    refuse(context, new Problem("/problems/too-large", words.body_too_large_title(), 413,
                            words.body_length_over_limit(length, limitOf(capture)), null));
                } else if (length > limit && !takeLargeBodyTurn(context)) {
                    refuseForNow(context);
                } else {
                    context.next();
                }
            } else if (chunked && capture) {
                // A streamed capture of unknown length may be large: it waits for a large body's turn like one.
                if (takeLargeBodyTurn(context)) {
                    chunkedCaptures.handle(context);
                } else {
                    refuseForNow(context);
                }
            } else if (chunked && !context.normalizedPath().equals(LoginForm.PATH)) {
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
                refuse(context, new Problem("/problems/too-large", words.body_too_large_title(), 413,
                        words.body_over_limit(limitOf(CAPTURE_UPLOADS.contains(context.normalizedPath()))), null));
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

    /** The largest capture an upload may be, in MiB, as the captures page says it. */
    public long largestCaptureMb() {
        return captureLimit >> 20;
    }

    private long limitOf(boolean capture) {
        return capture ? captureLimit : limit;
    }

    private static long length(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses a malformed Content-Length itself
        }
    }

    /** A turn to receive a body above the general limit, given back when the answer has gone or the client left. */
    private boolean takeLargeBodyTurn(RoutingContext context) {
        if (!largeBodies.tryAcquire()) {
            return false;
        }
        context.addEndHandler(ended -> largeBodies.release());
        return true;
    }

    private void refuseForNow(RoutingContext context) {
        ProblemMessages words = ProblemMapper.words(context.request());
        context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(LARGE_BODY_RETRY_SECONDS));
        refuse(context, new Problem("/problems/busy", words.large_bodies_busy_title(), 503,
                words.large_bodies_busy(largeBodiesAtOnce, LARGE_BODY_RETRY_SECONDS), null));
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
