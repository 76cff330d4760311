package lab.handshake.teacher;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.classes.ClassMessages;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.ClassViewer;
import lab.handshake.classes.LmsCourses;
import lab.handshake.classes.SchoolClass;
import lab.handshake.predict.PredictionService;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A teacher's class pages: creating a class, its results with every attempt (each can be excluded from the
 * results and counted again), the CSV, and for a class opened from an LMS course its roster button (which posts to
 * {@code lti}) and the scores the LMS would not take. Another teacher's class is a 404 page; forms carry a CSRF token.
 */
@Path("/teacher/classes")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Teacher.TEACHER)
public class TeacherClassPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance newClass(PageContext page, String name, boolean invalid);

        static native TemplateInstance classResults(PageContext page, ClassResults.ClassSummary schoolClass,
                                                    List<ClassResults.QuizStats> quizzes, List<ClassResults.AttemptRow> attempts,
                                                    List<PredictionService.StepStats> predictions, ClassService.Roster roster,
                                                    LmsCourses.LmsCourse lms);

        static native TemplateInstance student(PageContext page, ClassResults.ClassSummary schoolClass, ClassResults.StudentView view);
    }

    private final ClassResults results;
    private final SecurityIdentity identity;
    private final PredictionService predictions;
    private final LmsCourses lmsCourses;

    public TeacherClassPages(ClassResults results, SecurityIdentity identity, PredictionService predictions, LmsCourses lmsCourses) {
        this.results = results;
        this.lmsCourses = lmsCourses;
        this.predictions = predictions;
        this.identity = identity;
    }

    @GET
    @Path("new")
    @Operation(hidden = true)
    public Response newClass(@BeanParam PageLanguageParams languageParams) {
        return newClassPage(languageParams.resolve(), null, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(@FormParam("name") String name, @BeanParam PageLanguageParams languageParams) {
        SchoolClass created;
        try {
            created = results.create(viewer(), name);
        } catch (ClassService.InvalidClass invalid) {
            return newClassPage(languageParams.resolve(), name, true);
        }
        return Response.seeOther(URI.create("/teacher/classes/" + created.joinCode)).build();
    }

    @GET
    @Path("{code}")
    @Operation(hidden = true)
    public Response classResults(@PathParam("code") String code, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        SchoolClass schoolClass = results.managed(viewer(), code);
        PageContext page = new PageContext(language.code(), "/teacher/classes/" + schoolClass.joinCode, schoolClass.name);
        return Pages.html(language, Templates.classResults(page, results.summary(schoolClass, language.code()),
                results.forClass(schoolClass, language.code()), results.attempts(schoolClass, language.code()),
                predictions.classSteps(schoolClass.id, language.language()), results.roster(schoolClass, language.code()),
                lmsCourses.of(schoolClass.id).orElse(null)));
    }

    /** One student of the class: attempts with their mistakes, predictions, exclude or count again. */
    @GET
    @Path("{code}/students/{member}")
    @Operation(hidden = true)
    public Response student(@PathParam("code") String code, @PathParam("member") long member,
                            @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        SchoolClass schoolClass = results.managed(viewer(), code);
        ClassResults.StudentView view = results.student(schoolClass, member, language.code());
        PageContext page = new PageContext(language.code(), studentPath(schoolClass, member), view.student().name());
        return Pages.html(language, Templates.student(page, results.summary(schoolClass, language.code()), view));
    }

    @GET
    @Path("{code}/results.csv")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Response classCsv(@PathParam("code") String code, @BeanParam PageLanguageParams languageParams) {
        SchoolClass schoolClass = results.managed(viewer(), code);
        return Response.ok(results.csv(schoolClass, languageParams.resolve().code()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + schoolClass.joinCode + "-results.csv\"").build();
    }

    /** The "exclude" and "count again" buttons: {@code excluded=true|false}. */
    @POST
    @Path("{code}/attempts/{attempt}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response changeAttempt(@PathParam("code") String code, @PathParam("attempt") String attempt,
                                  @FormParam("excluded") String excluded, @FormParam("member") Long member) {
        if (!"true".equals(excluded) && !"false".equals(excluded)) {
            throw new Refusal.Invalid("invalid-form", Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::invalid_form_title), Worded.of(TeacherProblemMessages.class, words -> words.form_field_true_false("excluded")), null);
        }
        SchoolClass schoolClass = results.managed(viewer(), code);
        results.setExcluded(schoolClass, attempt, Boolean.parseBoolean(excluded), "en");
        // Back to where the button was: the student's page (the form names them) or the class's.
        String back = member == null ? "/teacher/classes/" + schoolClass.joinCode : studentPath(schoolClass, member);
        return Response.seeOther(URI.create(back + "#attempt-" + attempt)).build();
    }

    private static String studentPath(SchoolClass schoolClass, long member) {
        return "/teacher/classes/" + schoolClass.joinCode + "/students/" + member;
    }

    private Response newClassPage(PageLanguage language, String name, boolean invalid) {
        PageContext page = new PageContext(language.code(), "/teacher/classes/new", Pages.words(ClassMessages.class, language).teacher_new_class());
        return Pages.html(invalid ? 400 : 200, language, Templates.newClass(page, name, invalid));
    }

    private ClassViewer viewer() {
        return ClassResults.viewer(identity);
    }
}
