package lab.handshake.teacher;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The teachers' side: login, the list of their classes, and (for administrators) the accounts. Every page
 * here needs the teacher role; forms carry a CSRF token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class TeacherPages {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(PageContext page, boolean failed);

        static native TemplateInstance home(PageContext page, String teacher, List<ClassResults.ClassSummary> classes, boolean admin);

        static native TemplateInstance accounts(PageContext page, List<Teacher> teachers, String message);
    }

    private final ClassResults results;
    private final SecurityIdentity identity;

    public TeacherPages(ClassResults results, SecurityIdentity identity) {
        this.results = results;
        this.identity = identity;
    }

    @GET
    @Path("login")
    @Operation(hidden = true)
    public Response login(@QueryParam("error") String error, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        return Pages.html(language, Templates.login(new PageContext(language.code(), "/login", "Login"), error != null));
    }

    @POST
    @Path("logout")
    @Operation(hidden = true)
    public Response logout() {
        if (!identity.isAnonymous()) {
            FormAuthenticationMechanism.logout(identity);
        }
        return Response.seeOther(URI.create("/")).build();
    }

    @GET
    @Path("teacher")
    @RolesAllowed(Teacher.TEACHER)
    @Operation(hidden = true)
    public Response home(@BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        PageContext page = new PageContext(language.code(), "/teacher", "Teacher");
        return Pages.html(language, Templates.home(page, identity.getPrincipal().getName(),
                results.classes(ClassResults.viewer(identity), language.code()), identity.hasRole(Teacher.ADMIN)));
    }

    @GET
    @Path("teacher/accounts")
    @RolesAllowed(Teacher.ADMIN)
    @Operation(hidden = true)
    public Response accounts(@BeanParam PageLanguageParams languageParams) {
        return accountsPage(languageParams.resolve(), null);
    }

    @POST
    @Path("teacher/accounts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Teacher.ADMIN)
    @Transactional
    @Operation(hidden = true)
    public Response addTeacher(@FormParam("username") String username, @FormParam("displayName") String displayName,
                               @FormParam("password") String password, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        String problem = null;
        if (username == null || !USERNAME.matcher(username).matches()) {
            problem = "The username must be 3 to 64 lower-case letters, digits, '.', '_' or '-'.";
        } else if (password == null || password.length() < FirstAdministrator.MIN_PASSWORD_LENGTH) {
            problem = "The password must have at least " + FirstAdministrator.MIN_PASSWORD_LENGTH + " characters.";
        } else if (Teacher.findByUsername(username) != null) {
            problem = "An account named " + username + " exists already.";
        }
        if (problem != null) {
            return Response.fromResponse(accountsPage(language, problem)).status(400).build();
        }
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        Teacher.create(username, password, name.length() > 80 ? name.substring(0, 80) : name, false);
        return Response.seeOther(URI.create("/teacher/accounts")).build();
    }

    private Response accountsPage(PageLanguage language, String message) {
        PageContext page = new PageContext(language.code(), "/teacher/accounts", "Accounts");
        return Pages.html(language, Templates.accounts(page, Teacher.listAll(), message));
    }
}
