package lab.handshake.teacher;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs a request in from the teacher's login cookie, which names a login kept in the database
 * ({@link TeacherSessions}). A cookie whose login has ended is ignored and removed: the request goes on as
 * anonymous. Logging in itself is {@link LoginForm}.
 */
@ApplicationScoped
public class TeacherSessionMechanism implements HttpAuthenticationMechanism {
    public static final String COOKIE = "hl_teacher";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager
                .authenticate(HttpSecurityUtils.setRoutingContextAttribute(new SessionRequest(cookie.getValue()), context))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
                    context.response().addCookie(expired(COOKIE));
                    return null;
                });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, COOKIE));
    }

    /** The login cookie: only for this site's own requests, never readable by scripts, Secure behind HTTPS. */
    public static Cookie loginCookie(String token, RoutingContext context) {
        return Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure("https".equals(context.request().scheme()));
    }

    /** A Set-Cookie that makes the browser drop a cookie. */
    static Cookie expired(String name) {
        return Cookie.cookie(name, "").setPath("/").setMaxAge(0);
    }

    /** The token from the login cookie, to be checked against the stored logins. */
    static final class SessionRequest extends BaseAuthenticationRequest {
        final String token;

        SessionRequest(String token) {
            this.token = token;
        }
    }

    /** Looks the token up (a database read, so off the event loop). */
    @ApplicationScoped
    static class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
        private final TeacherSessions sessions;

        SessionIdentityProvider(TeacherSessions sessions) {
            this.sessions = sessions;
        }

        @Override
        public Class<SessionRequest> getRequestType() {
            return SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> sessions.resolve(request.token)
                    .map(teacher -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(teacher.username)).addRoles(teacher.roleSet()).build())
                    .orElseThrow(() -> new AuthenticationFailedException("the login has ended")));
        }
    }
}
