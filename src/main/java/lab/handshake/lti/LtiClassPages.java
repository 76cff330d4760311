package lab.handshake.lti;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import lab.handshake.classes.ClassMessages;
import lab.handshake.teacher.Teacher;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The LMS side of a teacher's class page: the "Fetch the roster from the LMS" form posts here (with the page's form
 * token, checked for every form), and the answer says how many members were added and updated. Only the class's
 * teacher (or an administrator) may; another's class is a 404 page.
 */
@Path("/teacher/classes/{code}/lms-roster")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Teacher.TEACHER)
public class LtiClassPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rosterFetched(PageContext page, CourseRosters.Roster roster);
    }

    private final CourseRosters rosters;
    private final SecurityIdentity identity;

    public LtiClassPages(CourseRosters rosters, SecurityIdentity identity) {
        this.rosters = rosters;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response fetch(@PathParam("code") String code, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        CourseRosters.Roster roster = rosters.fetch(rosters.viewer(identity), code);
        PageContext page = new PageContext(language.code(), "/teacher/classes/" + roster.classCode() + "/lms-roster",
                MessageBundles.get(ClassMessages.class, Localized.Literal.of(language.locale().toLanguageTag())).lms_roster_fetched_title());
        return Pages.html(language, Templates.rosterFetched(page, roster));
    }
}
