package lab.handshake.assignments;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.classes.ClassViewer;
import lab.handshake.classes.SchoolClass;
import lab.handshake.config.CampusTime;
import lab.handshake.engine.Language;
import lab.handshake.predict.AskedSteps;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.session.SandboxTaskCatalogue;
import lab.handshake.teacher.ClassResults;
import lab.handshake.teacher.Teacher;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A class's assignments for its teacher: the list with a form to set one (forms carry the form token), and each
 * assignment's completion and scores. Another teacher's class is a 404 page.
 */
@Path("/teacher/classes/{code}/assignments")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Teacher.TEACHER)
public class AssignmentPages {
    /** The form's one "what" field: QUIZ:<quiz>, STEP:<scenario> or PREDICT:<scenario>. */
    private static final Pattern WORK = Pattern.compile("(QUIZ|STEP|PREDICT|TASK):([A-Za-z0-9_-]{1,64})");

    /** Something a teacher can assign, as the form offers it. */
    public record Choice(String value, String title) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance assignments(PageContext page, SchoolClass schoolClass,
                                                   List<AssignmentService.AssignmentView> assignments, List<Choice> quizzes,
                                                   List<Choice> scenarios, List<Choice> tasks, List<String> invalidFields);

        static native TemplateInstance results(PageContext page, SchoolClass schoolClass, AssignmentService.AssignmentResults results);
    }

    private final AssignmentService assignments;
    private final ClassResults classes;
    private final QuizCatalogue quizzes;
    private final ScenarioCatalogue scenarios;
    private final SandboxTaskCatalogue tasks;
    private final SecurityIdentity identity;

    public AssignmentPages(AssignmentService assignments, ClassResults classes, QuizCatalogue quizzes, ScenarioCatalogue scenarios,
                           SandboxTaskCatalogue tasks, SecurityIdentity identity) {
        this.assignments = assignments;
        this.classes = classes;
        this.quizzes = quizzes;
        this.scenarios = scenarios;
        this.tasks = tasks;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public Response list(@PathParam("code") String code, @BeanParam PageLanguageParams languageParams) {
        return listPage(managed(code), languageParams.resolve(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(@PathParam("code") String code, @FormParam("work") String work, @FormParam("opensAt") String opensAt,
                           @FormParam("dueAt") String dueAt, @FormParam("attemptsAllowed") String attemptsAllowed,
                           @FormParam("counted") String counted, @FormParam("ask") String ask, @FormParam("fromStep") String fromStep,
                           @FormParam("toStep") String toStep, @BeanParam PageLanguageParams languageParams) {
        ClassViewer viewer = ClassResults.viewer(identity);
        SchoolClass schoolClass = classes.managed(viewer, code);
        PageLanguage language = languageParams.resolve();
        try {
            assignments.create(schoolClass, request(work, opensAt, dueAt, attemptsAllowed, counted, ask, fromStep, toStep),
                    viewer.teacherId(), language.code());
        } catch (ConstraintViolationException invalid) {
            return listPage(schoolClass, language, invalid);
        }
        return Response.seeOther(URI.create("/teacher/classes/" + schoolClass.joinCode + "/assignments")).build();
    }

    /**
     * The form's fields as the API's request; a field that does not parse is left null, for validation to name. The
     * steps asked are always in the form: "all" (its default) means nothing chosen, so a quiz is not refused for it.
     */
    private static AssignmentRequest request(String work, String opensAt, String dueAt, String attemptsAllowed, String counted,
                                             String ask, String fromStep, String toStep) {
        Matcher what = WORK.matcher(work == null ? "" : work);
        AssignmentKind kind = null;
        SimulationMode mode = null;
        String target = null;
        if (what.matches()) {
            kind = switch (what.group(1)) {
                case "QUIZ" -> AssignmentKind.QUIZ;
                case "TASK" -> AssignmentKind.SANDBOX_TASK;
                default -> AssignmentKind.SIMULATION;
            };
            mode = kind == AssignmentKind.SIMULATION ? SimulationMode.valueOf(what.group(1)) : null;
            target = what.group(2);
        }
        // The form always has the attempts fields; a sandbox task counts no attempts, so they are not read for one.
        boolean task = kind == AssignmentKind.SANDBOX_TASK;
        Integer attempts = !task && attemptsAllowed != null && attemptsAllowed.strip().matches("\\d{1,3}") ? Integer.valueOf(attemptsAllowed.strip()) : null;
        AttemptCounted which = !task && counted != null && counted.matches("BEST|LAST|FIRST") ? AttemptCounted.valueOf(counted) : null;
        AskedSteps.Ask asked = ask != null && ask.matches("CHANGES|RANGE") ? AskedSteps.Ask.valueOf(ask) : null;
        return new AssignmentRequest(kind, target, mode, campusTime(opensAt), campusTime(dueAt), attempts, which, asked, step(fromStep), step(toStep));
    }

    /** A step number field; blank is none, and one that is no number is 0, for validation to name. */
    private static Integer step(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        return field.strip().matches("\\d{1,6}") ? Integer.valueOf(field.strip()) : 0;
    }

    /** A datetime-local field ("2026-12-02T17:00"), read in the campus's zone as the form says ({@link CampusTime}). */
    private static java.time.Instant campusTime(String local) {
        if (local == null || local.length() > 32) {
            return null;
        }
        try {
            return CampusTime.fromLocal(LocalDateTime.parse(local.strip()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public Response results(@PathParam("code") String code, @PathParam("id") long id, @BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        SchoolClass schoolClass = managed(code);
        AssignmentService.AssignmentResults results = assignments.results(schoolClass, id, language.code());
        PageContext page = new PageContext(language.code(), "/teacher/classes/" + schoolClass.joinCode + "/assignments/" + id,
                results.assignment().title());
        return Pages.html(language, Templates.results(page, schoolClass, results));
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@PathParam("code") String code, @PathParam("id") long id) {
        SchoolClass schoolClass = managed(code);
        assignments.delete(schoolClass, id);
        return Response.seeOther(URI.create("/teacher/classes/" + schoolClass.joinCode + "/assignments")).build();
    }

    private Response listPage(SchoolClass schoolClass, PageLanguage language, ConstraintViolationException refused) {
        String lang = language.code();
        PageContext page = new PageContext(lang, "/teacher/classes/" + schoolClass.joinCode + "/assignments",
                Pages.words(AssignmentMessages.class, language).title());
        List<Choice> quizChoices = quizzes.all().stream().map(q -> new Choice(q.id(), QuizModel.text(q.title(), lang))).toList();
        List<Choice> scenarioChoices = scenarios.all().stream().map(s -> new Choice(s.id(), Language.text(s.title(), lang))).toList();
        List<Choice> taskChoices = tasks.all().stream().map(t -> new Choice(t.id(), Language.text(t.title(), lang))).toList();
        return Pages.html(refused == null ? 200 : ProblemMapper.status(Refusal.Kind.INVALID), language, Templates.assignments(page, schoolClass,
                assignments.list(schoolClass, lang), quizChoices, scenarioChoices, taskChoices, invalidFields(refused)));
    }

    /** The fields a refusal names, for the form to point at; empty when nothing was refused. */
    private static List<String> invalidFields(ConstraintViolationException refused) {
        return refused == null ? List.of() : refused.getConstraintViolations().stream().map(ProblemMapper::field).distinct().sorted().toList();
    }

    private SchoolClass managed(String code) {
        return classes.managed(ClassResults.viewer(identity), code);
    }
}
