package lab.handshake.classes;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** "My classes": the classes this learner joined, and a form to join one with the teacher's code. */
@Path("/classes")
@Produces(MediaType.TEXT_HTML)
public class ClassPages {
    /** Where a join may send the learner back to: only a quiz page of this site. */
    private static final Pattern BACK = Pattern.compile("/quizzes/[A-Za-z0-9_-]{1,64}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance classes(PageContext page, List<ClassService.JoinedClass> classes, String back, String refusal);
    }

    private final ClassService classes;

    public ClassPages(ClassService classes) {
        this.classes = classes;
    }

    @GET
    @Operation(hidden = true)
    public Response list(@QueryParam("back") String back, @BeanParam PageLanguageParams languageParams,
                         @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        return page(languageParams.resolve(), LearnerIdentity.known(learnerCookie), back, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response join(@FormParam("joinCode") String joinCode, @FormParam("displayName") String displayName,
                         @FormParam("back") String back,
                         @BeanParam PageLanguageParams languageParams, @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                         @Context HttpServerRequest http) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        try {
            classes.join(joinCode, learner.id(), ClientKey.of(http), displayName);
        } catch (ClassService.UnknownClass | ClassService.InvalidMemberName refused) {
            // Said on the page in the reader's language; the reason key chooses the message.
            return learner.rememberedIn(page(languageParams.resolve(), learner.id(), back, refused));
        }
        return learner.rememberedIn(Response.seeOther(URI.create(safeBack(back) == null ? "/classes" : back)).build());
    }

    private Response page(PageLanguage language, String learnerId, String back, Refusal refused) {
        PageContext page = new PageContext(language.code(), "/classes", Pages.words(ClassMessages.class, language).classes_title());
        return Pages.html(refused == null ? 200 : ProblemMapper.status(refused.kind()), language,
                Templates.classes(page, classes.joinedBy(learnerId), safeBack(back), refused == null ? null : refused.reason()));
    }

    private static String safeBack(String back) {
        return back != null && BACK.matcher(back).matches() ? back : null;
    }
}
