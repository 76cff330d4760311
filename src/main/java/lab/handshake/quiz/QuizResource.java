package lab.handshake.quiz;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.Refusal;
import lab.handshake.api.LanguageParams;
import lab.handshake.engine.Language;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Quizzes: questions without answers, grading on the server, the learner's progress, and LMS exports. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quizzes")
public class QuizResource {

    public record QuizSummary(String id, String title, String topic, String lesson, int questionCount) {
    }

    private final QuizCatalogue catalogue;
    private final QuizService quizzes;
    private final QuizExporter exporter;
    private final ReviewService reviews;

    public QuizResource(QuizCatalogue catalogue, QuizService quizzes, QuizExporter exporter, ReviewService reviews) {
        this.reviews = reviews;
        this.catalogue = catalogue;
        this.quizzes = quizzes;
        this.exporter = exporter;
    }

    @GET
    @Path("quizzes")
    @Operation(summary = "Every quiz: id, title, topic and number of questions")
    public List<QuizSummary> list(@BeanParam LanguageParams readers) {
        String code = readers.language().code();
        return catalogue.all().stream().map(quiz -> new QuizSummary(quiz.id(), QuizModel.text(quiz.title(), code),
                quiz.topic(), quiz.lesson(), quiz.questions().size())).toList();
    }

    @GET
    @Path("quizzes/{id}")
    @Operation(summary = "The questions as a learner sees them (no answers), with the attemptId to submit with, and launchedClass: "
            + "the class of the LMS course the learner last launched the quiz from (LTI), which an attempt counts for when graded is true")
    public Response questions(@PathParam("id") String id, @BeanParam LanguageParams readers,
                              @CookieParam(LearnerIdentity.COOKIE) String learnerCookie, @Context HttpServerRequest http) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        Language language = readers.language();
        return learner.rememberedIn(Response.ok(quizzes.start(id, learner.id(), ClientKey.of(http), language)).build());
    }

    @POST
    @Path("quizzes/{id}/attempts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the answers of an attempt (only the learner it was handed out to may): score, and per question "
            + "the right answer and the explanation; classCode must name a class this learner joined. After the learner's latest "
            + "LTI launch of the quiz came from a graded LMS activity, the attempt counts for that course's class, named or not "
            + "(another class is 409 launched-class-differs)")
    public QuizService.AttemptResult submit(@PathParam("id") String id, QuizService.Submission submission,
                                            @BeanParam LanguageParams readers,
                                            @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                                            @Context HttpServerRequest http) {
        return quizzes.submit(id, submission, LearnerIdentity.known(learnerCookie), ClientKey.of(http),
                readers.language());
    }

    @GET
    @Path("learners/me/progress")
    @Operation(summary = "The submitted attempts of the learner this browser belongs to")
    public List<QuizService.AttemptSummary> progress(@CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                                                     @BeanParam LanguageParams readers) {
        String learner = LearnerIdentity.known(learnerCookie);
        return learner == null ? List.of() : quizzes.progress(learner, readers.language());
    }

    @GET
    @Path("learners/me/review")
    @Operation(summary = "The spaced review of the learner this browser belongs to: the questions they got wrong that are due now "
            + "(earliest first, ready to answer) and those waiting in Leitner boxes 1–3 (due 1, 3 and 7 days after the last answer)")
    public ReviewService.ReviewQueue review(@CookieParam(LearnerIdentity.COOKIE) String learnerCookie, @BeanParam LanguageParams readers) {
        String learner = LearnerIdentity.known(learnerCookie);
        return learner == null ? new ReviewService.ReviewQueue(List.of(), List.of())
                : reviews.queue(learner, readers.language());
    }

    @POST
    @Path("learners/me/review/{quiz}/{question}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a due review question (the answer as in an attempt): graded with explanation; a right answer moves "
            + "it up a box, a wrong one back to box 1")
    public ReviewService.ReviewOutcome answerReview(@PathParam("quiz") String quiz, @PathParam("question") String question,
                                                    QuizService.Answer answer, @BeanParam LanguageParams readers,
                                                    @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        return reviews.answer(LearnerIdentity.known(learnerCookie), quiz, question, answer, readers.language());
    }

    @GET
    @Path("quizzes/{id}/export")
    @jakarta.annotation.security.RolesAllowed("teacher")
    @Produces({"application/xml", MediaType.TEXT_PLAIN})
    @Operation(summary = "The quiz for an LMS: format=moodle-xml or format=gift")
    public Response export(@PathParam("id") String id, @QueryParam("format") String format, @BeanParam LanguageParams readers) {
        QuizModel.Quiz quiz = quizzes.quiz(id);
        Language language = readers.language();
        if ("moodle-xml".equals(format)) {
            return Response.ok(exporter.moodleXml(quiz, language), "application/xml; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + id + ".moodle.xml\"").build();
        }
        if ("gift".equals(format)) {
            return Response.ok(exporter.gift(quiz, language), "text/plain; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + id + ".gift.txt\"").build();
        }
        throw Refusal.badParameter("format", words -> words.must_be_either("moodle-xml", "gift"));
    }
}
