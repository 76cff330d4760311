package lab.handshake.teacher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import lab.handshake.api.ClientKey;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.RequestLanguage;
import lab.handshake.engine.Language;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.Pages;
import org.jboss.logging.Logger;

/**
 * The login form's target, {@code POST /j_security_check} (the name Quarkus form login used, so forms and
 * scripts keep working). Each try first passes {@link LoginThrottle}; a refused one gets 429 with
 * {@code Retry-After}, as the login page in the reader's language for a browser and as problem+json otherwise.
 * A right password for an active account starts a login ({@link TeacherSessions}) and goes to /teacher; anything
 * else goes back to the login page. Failures are logged (WARN) with the username and client key, never the
 * password; refused tries, which an attacker can send as fast as they like, only at DEBUG.
 */
@ApplicationScoped
public class LoginForm {
    private static final Logger LOG = Logger.getLogger(LoginForm.class);
    public static final String PATH = "/j_security_check";
    static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");
    private static final int MAX_FORM_BYTES = 4096;
    private static final String LANDING_PAGE = "/teacher";
    private static final String ERROR_PAGE = "/login?error=true";

    private final LoginThrottle throttle;
    private final TeacherSessions sessions;
    private final IdentityProviderManager identities;
    private final ObjectMapper json;

    public LoginForm(LoginThrottle throttle, TeacherSessions sessions, IdentityProviderManager identities, ObjectMapper json) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.identities = identities;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES)).blockingHandler(this::login, false)
                .failureHandler(this::failed);
    }

    /** A form over the size limit (413 from the body handler), or a failure while answering. */
    private void failed(RoutingContext context) {
        Language language = ProblemMapper.readersLanguage(context.request());
        if (context.statusCode() == 413) {
            TeacherProblemMessages words = ProblemMapper.words(TeacherProblemMessages.class, language);
            problem(context, new Problem("/problems/too-large", words.request_too_large_title(), 413,
                    words.login_form_too_large(MAX_FORM_BYTES), null));
            return;
        }
        LOG.error("Unexpected failure while signing a teacher in", context.failure());
        ProblemMessages words = ProblemMapper.words(language);
        problem(context, new Problem("about:blank", words.server_error_title(), 500, words.server_error(), null));
    }

    private void login(RoutingContext context) {
        String username = context.request().getFormAttribute("j_username");
        String password = context.request().getFormAttribute("j_password");
        if (username == null || password == null || username.isEmpty() || password.isEmpty()) {
            redirect(context, ERROR_PAGE);
            return;
        }
        String client = ClientKey.of(context.request());
        Optional<String> account = USERNAME.matcher(username).matches() ? Optional.of(username) : Optional.empty();
        Optional<Duration> wait = admit(account, client);
        if (wait.isPresent()) {
            LOG.debugf("Teacher login refused for %d s after repeated failures: username=%s client=%s",
                    seconds(wait.get()), printable(username), client);
            refuse(context, wait.get());
            return;
        }
        Optional<String> token = account.filter(name -> passwordMatches(name, password)).flatMap(sessions::openIfActive);
        if (token.isEmpty()) {
            LOG.warnf("Teacher login failed: username=%s client=%s", printable(username), client);
            redirect(context, ERROR_PAGE);
            return;
        }
        throttle.succeeded(account.get(), client);
        // Forms' tokens are bound to the login (web.FormTokens), so the forms shown before it stop working.
        context.response().addCookie(TeacherSessionMechanism.loginCookie(token.get(), context));
        redirect(context, LANDING_PAGE);
    }

    private Optional<Duration> admit(Optional<String> account, String client) {
        try {
            return throttle.admit(account, client);
        } catch (PersistenceException firstInsertRace) {
            // Another replica created the same counter at the same moment; now it exists.
            return throttle.admit(account, client);
        }
    }

    private boolean passwordMatches(String username, String password) {
        try {
            identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray())));
            return true;
        } catch (AuthenticationFailedException wrong) {
            return false;
        }
    }

    private void refuse(RoutingContext context, Duration wait) {
        long seconds = seconds(wait);
        context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/html")) {
            io.vertx.core.http.Cookie chosen = context.request().getCookie(RequestLanguage.COOKIE);
            PageLanguage language = PageLanguage.resolve(null, chosen == null ? null : chosen.getValue(),
                    context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            String page = TeacherPages.Templates.login(new PageContext(language.code(), "/login", Pages.words(language).teacher_login()), false, new TeacherPages.LoginWait(seconds))
                    .setLocale(language.locale()).render();
            context.response().setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8").end(page);
            return;
        }
        TeacherProblemMessages words = ProblemMapper.words(TeacherProblemMessages.class, ProblemMapper.readersLanguage(context.request()));
        problem(context, new Problem("/problems/too-many-logins", words.too_many_logins_title(), 429, words.too_many_logins(seconds), null));
    }

    private void problem(RoutingContext context, Problem problem) {
        try {
            context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always JSON", e);
        }
    }

    private static void redirect(RoutingContext context, String location) {
        context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
    }

    /** Whole seconds, rounded up, as Retry-After counts them. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** The username as typed, made safe for one log line. */
    private static String printable(String username) {
        String cut = username.length() > 64 ? username.substring(0, 64) + "…" : username;
        return '"' + cut.replaceAll("[^\\p{Graph} ]", "?") + '"';
    }
}
