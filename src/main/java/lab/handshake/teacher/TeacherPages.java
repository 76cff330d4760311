package lab.handshake.teacher;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The teachers' side: the login page, logging out, and the list of their classes. Every page here but the
 * login page needs the teacher role; forms carry a CSRF token. Logging in is {@link LoginForm}, the accounts are
 * {@link AccountPages}, a class's results {@link TeacherClassPages}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class TeacherPages {
    /** How long a throttled login must wait, as the login page says it. */
    public record LoginWait(long seconds) {
        public boolean inMinutes() {
            return seconds >= 120;
        }

        public long minutes() {
            return (seconds + 59) / 60;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(PageContext page, boolean failed, LoginWait wait);

        static native TemplateInstance home(PageContext page, String teacher, List<ClassResults.ClassSummary> classes, boolean admin);

    }

    private final ClassResults results;
    private final SecurityIdentity identity;
    private final TeacherSessions sessions;

    public TeacherPages(ClassResults results, SecurityIdentity identity, TeacherSessions sessions) {
        this.results = results;
        this.identity = identity;
        this.sessions = sessions;
    }

    @GET
    @Path("login")
    @Operation(hidden = true)
    public Response login(@QueryParam("error") String error, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        return Pages.html(language, Templates.login(new PageContext(language.code(), "/login", Pages.words(language).teacher_login()), error != null, null));
    }

    /** Ends the login on the server, so that even a copy of the cookie stops working; only the form (and its token) may. */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response logout(@CookieParam(TeacherSessionMechanism.COOKIE) String token) {
        sessions.close(token);
        return Response.seeOther(URI.create("/"))
                .cookie(expired(TeacherSessionMechanism.COOKIE))
                .build();
    }

    @GET
    @Path("teacher")
    @RolesAllowed(Teacher.TEACHER)
    @Operation(hidden = true)
    public Response home(@BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        PageContext page = new PageContext(language.code(), "/teacher", Pages.words(language).teacher_title());
        return Pages.html(language, Templates.home(page, identity.getPrincipal().getName(),
                results.classes(ClassResults.viewer(identity), language.code()), identity.hasRole(Teacher.ADMIN)));
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).build();
    }
}
