package lab.handshake.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.teacher.TeacherSessionMechanism;

/**
 * The tokens that every HTML form carries against cross-site request forgery (CSRF). A token is the HMAC-SHA256,
 * under a key the replicas share ({@code handshake.csrf.key}), of what the browser is signed in as:
 * <ul>
 * <li>a teacher's <b>login</b> (the token in the {@code hl_teacher} cookie, which names one row of
 * {@code teacher_login_session}): a token from one login is refused in every other, anonymous ones included, and
 * it ends with its login;</li>
 * <li>otherwise a random <b>visitor</b> cookie ({@value #VISITOR_COOKIE}), set the first time a form is shown, for
 * the learners' forms (joining a class, a quiz).</li>
 * </ul>
 * Nothing is stored, so any replica with the same key checks a form another one rendered. {@link FormTokenCheck}
 * checks the requests; {@link FormToken} puts the token in the pages.
 */
@ApplicationScoped
public class FormTokens {
    /** The form field, and the header a script may send instead. */
    public static final String FIELD = "csrf-token";
    public static final String HEADER = "X-CSRF-Token";
    static final String VISITOR_COOKIE = "hl_visitor";
    private static final String ALGORITHM = "HmacSHA256";
    static final int MIN_KEY_LENGTH = 32;
    private static final int RANDOM_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    /** Without a configured key each start draws one (never logged): forms opened before a restart must be reloaded. */
    @Inject
    public FormTokens(HandshakeConfig config) {
        this(config.csrf().key());
    }

    FormTokens(Optional<String> configured) {
        byte[] secret;
        if (configured.isPresent()) {
            if (configured.get().length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException("handshake.csrf.key (HANDSHAKE_CSRF_KEY) must have at least "
                        + MIN_KEY_LENGTH + " characters");
            }
            secret = configured.get().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[RANDOM_BYTES];
            random.nextBytes(secret);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** What a form's token is bound to: a teacher's login or a visitor's cookie. */
    record Binding(String kind, String secret) {
    }

    /** The token for forms shown to this binding. */
    String tokenFor(Binding binding) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((binding.kind() + ':' + binding.secret()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether a token sent with a request is the one for this binding (compared in constant time). */
    boolean matches(String sent, Optional<Binding> binding) {
        return sent != null && binding.isPresent() && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), tokenFor(binding.get()).getBytes(StandardCharsets.UTF_8));
    }

    /** The binding of this request: its teacher's login when signed in, else its visitor cookie, if any. */
    Optional<Binding> bindingOf(RoutingContext request, SecurityIdentity identity) {
        Cookie login = request.request().getCookie(TeacherSessionMechanism.COOKIE);
        if (!identity.isAnonymous() && login != null) {
            return Optional.of(new Binding("login", login.getValue()));
        }
        Cookie visitor = request.request().getCookie(VISITOR_COOKIE);
        return visitor == null || visitor.getValue().isEmpty() ? Optional.empty() : Optional.of(new Binding("visitor", visitor.getValue()));
    }

    /**
     * A new visitor, with the cookie that names them: SameSite=Lax, so it comes back on this site's requests and on
     * links to it (a link must not replace it) but never with another site's form; Secure behind HTTPS.
     */
    Binding newVisitor(RoutingContext request) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        request.response().addCookie(Cookie.cookie(VISITOR_COOKIE, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure("https".equals(request.request().scheme())));
        return new Binding("visitor", value);
    }
}
