package lab.handshake.quiz;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.classes.ClassService;
import lab.handshake.predict.PredictApi;
import lab.handshake.predict.PredictionService;
import lab.handshake.recovery.RecoveryCode;
import lab.handshake.recovery.RecoveryCodes;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The quiz pages: a plain HTML form (it works without JavaScript, by keyboard and with a screen reader),
 * graded on the server, and a result page that explains every answer.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class QuizPages {

    /** A graded question as the result page shows it: the texts of the answers, not their ids. */
    public record ShownResult(int number, QuizService.QuestionResult result, String verdict, String yourAnswer,
                              String rightAnswer) {
    }

    /**
     * The recovery part of /progress: a code just made (shown this once, with its link), a restore just done, or
     * the refusal of a code with the code as typed and, for too many, the minutes to wait.
     */
    public record RecoveryShown(String code, String link, boolean restored, String refused, long waitMinutes, String typed) {
        static final RecoveryShown NONE = new RecoveryShown(null, null, false, null, 0, null);

        static RecoveryShown typed(String code) {
            return new RecoveryShown(null, null, false, null, 0, keepable(code));
        }

        static RecoveryShown refused(Refusal refusal, String typed) {
            long wait = refusal instanceof Refusal.Later later ? (later.retryAfterSeconds() + 59) / 60 : 0;
            return new RecoveryShown(null, null, false, refusal.reason(), wait, keepable(typed));
        }

        /** A code as typed, put back in the field only when it is short enough to be one. */
        private static String keepable(String typed) {
            return typed != null && typed.length() <= RecoveryCode.MAX_TYPED_LENGTH ? typed : null;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance quizzes(PageContext page, List<QuizModel.Quiz> quizzes, String lang);

        static native TemplateInstance quiz(PageContext page, QuizService.LearnerQuiz quiz, List<ClassService.JoinedClass> classes,
                                            String chosenClass, String refusal);

        static native TemplateInstance result(PageContext page, QuizService.AttemptResult result, List<ShownResult> questions, String score);

        static native TemplateInstance progress(PageContext page, List<QuizService.AttemptSummary> attempts,
                                                List<PredictApi.ScenarioAccuracy> predictions, PredictApi.Accuracy predicted,
                                                ReviewService.ReviewQueue review, ReviewService.ReviewOutcome outcome, ShownResult reviewed,
                                                RecoveryShown recovery);
    }

    private final QuizCatalogue catalogue;
    private final QuizService quizzes;
    private final ClassService classes;
    private final PredictionService predictions;
    private final ReviewService reviews;
    private final RecoveryCodes recoveryCodes;

    public QuizPages(QuizCatalogue catalogue, QuizService quizzes, ClassService classes, PredictionService predictions,
                     ReviewService reviews, RecoveryCodes recoveryCodes) {
        this.reviews = reviews;
        this.recoveryCodes = recoveryCodes;
        this.catalogue = catalogue;
        this.quizzes = quizzes;
        this.classes = classes;
        this.predictions = predictions;
    }

    @GET
    @Path("quizzes")
    @Operation(hidden = true)
    public Response list(@BeanParam PageLanguageParams languageParams) {
        PageLanguage language = languageParams.resolve();
        PageContext page = new PageContext(language.code(), "/quizzes", Pages.words(language).quizzes_title());
        return Pages.html(language, Templates.quizzes(page, List.copyOf(catalogue.all()), language.code()));
    }

    @GET
    @Path("quizzes/{id}")
    @Operation(hidden = true)
    public Response quiz(@PathParam("id") String id, @QueryParam("class") String chosenClass, @BeanParam PageLanguageParams languageParams,
                         @CookieParam(LearnerIdentity.COOKIE) String learnerCookie, @Context HttpServerRequest http) {
        PageLanguage language = languageParams.resolve();
        if (catalogue.find(id).isEmpty()) {
            return Response.seeOther(java.net.URI.create("/quizzes")).build();
        }
        return quizPage(id, language, learnerCookie, http, chosenClass, null, 200);
    }

    /**
     * The questions of this learner's open attempt, with the classes they may submit for. The class of the LMS course
     * they last launched the quiz from is shown as such: the only one when that course's gradebook waits for the score
     * (the attempt counts for it, see {@link QuizService#submit}), else preselected. Otherwise {@code chosenClass} (a
     * join code: the one just submitted for) is preselected when they joined it, else their only class is.
     */
    private Response quizPage(String id, PageLanguage language, String learnerCookie, HttpServerRequest http, String chosenClass,
                              String refusal, int status) {
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        QuizService.LearnerQuiz quiz = quizzes.start(id, learner.id(), ClientKey.of(http), language.language());
        String preselected = chosenClass == null && quiz.launchedClass() != null ? quiz.launchedClass().joinCode() : chosenClass;
        PageContext page = new PageContext(language.code(), "/quizzes/" + id, quiz.title());
        return learner.rememberedIn(Pages.html(status, language,
                Templates.quiz(page, quiz, classes.joinedBy(learner.id()), preselected, refusal)));
    }

    @POST
    @Path("quizzes/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response submit(@PathParam("id") String id, MultivaluedMap<String, String> form, @BeanParam PageLanguageParams languageParams,
                           @CookieParam(LearnerIdentity.COOKIE) String learnerCookie, @Context HttpServerRequest http) {
        PageLanguage language = languageParams.resolve();
        QuizModel.Quiz quiz = quizzes.quiz(id);
        QuizService.Submission submission = new QuizService.Submission(form.getFirst("attemptId"), answersFrom(quiz, form),
                form.getFirst("displayName"), form.getFirst("classCode"));
        QuizService.AttemptResult result;
        try {
            result = quizzes.submit(id, submission, LearnerIdentity.known(learnerCookie), ClientKey.of(http), language.language());
        } catch (ClassService.UnknownClass | ClassService.NotInClass | QuizService.NotYourAttempt | QuizService.LaunchedClassDiffers
                 | AttemptSubmitting.Closed refused) {
            // The page explains these in the reader's language (the reason key is the message's); others are error pages.
            return quizPage(id, language, learnerCookie, http, submission.classCode(), refused.reason(), ProblemMapper.status(refused.kind()));
        }
        List<ShownResult> shown = new ArrayList<>();
        for (int i = 0; i < result.questions().size(); i++) {
            QuizService.QuestionResult question = result.questions().get(i);
            shown.add(shown(i + 1, quiz.questions().get(i), question, language.code()));
        }
        PageContext page = new PageContext(language.code(), "/quizzes/" + id, result.title());
        String score = result.score() == Math.rint(result.score()) ? Long.toString((long) result.score()) : Double.toString(result.score());
        return Pages.html(language, Templates.result(page, result, shown, score));
    }

    @GET
    @Path("progress")
    @Operation(hidden = true)
    public Response progress(@BeanParam PageLanguageParams languageParams,
                             @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        return progressPage(languageParams.resolve(), LearnerIdentity.known(learnerCookie), null, null, RecoveryShown.NONE);
    }

    /** Makes this learner's recovery code (a new learner without the cookie) and shows it, this once, with its link. */
    @POST
    @Path("progress/recovery-code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response makeRecoveryCode(@BeanParam PageLanguageParams languageParams, @CookieParam(LearnerIdentity.COOKIE) String learnerCookie,
                                     @Context HttpServerRequest http, @Context UriInfo uri) {
        PageLanguage language = languageParams.resolve();
        LearnerIdentity learner = LearnerIdentity.of(learnerCookie);
        try {
            RecoveryCode code = recoveryCodes.make(learner.id(), ClientKey.of(http));
            RecoveryShown made = new RecoveryShown(code.grouped(), uri.getBaseUri().resolve(code.link()).toString(), false, null, 0, null);
            return learner.rememberedIn(progressPage(language, learner.id(), null, null, made));
        } catch (Refusal.Later refused) {
            return learner.rememberedIn(recoveryRefused(language, learner.id(), refused, null));
        }
    }

    /** The link of a recovery code: /progress with the code in the restore form, to be sent by the learner (a GET changes nothing). */
    @GET
    @Path("progress/restore")
    @Operation(hidden = true)
    public Response restoreForm(@QueryParam("code") String code, @BeanParam PageLanguageParams languageParams,
                                @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        return progressPage(languageParams.resolve(), LearnerIdentity.known(learnerCookie), null, null, RecoveryShown.typed(code));
    }

    /** Restores with a recovery code: this browser becomes the code's learner, and the page shows their progress. */
    @POST
    @Path("progress/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response restore(@FormParam("code") String code, @BeanParam PageLanguageParams languageParams,
                            @CookieParam(LearnerIdentity.COOKIE) String learnerCookie, @Context HttpServerRequest http) {
        PageLanguage language = languageParams.resolve();
        String restored;
        try {
            restored = recoveryCodes.learnerOf(code, ClientKey.of(http));
        } catch (RecoveryCodes.Malformed | RecoveryCodes.Unknown | Refusal.Later refused) {
            // Said on the page in the reader's language, the code kept in the field to be corrected.
            return recoveryRefused(language, LearnerIdentity.known(learnerCookie), refused, code);
        }
        RecoveryShown done = new RecoveryShown(null, null, true, null, 0, null);
        return LearnerIdentity.becoming(restored).rememberedIn(progressPage(language, restored, null, null, done));
    }

    private Response recoveryRefused(PageLanguage language, String learner, Refusal refused, String typed) {
        Response page = progressPage(language, learner, null, null, RecoveryShown.refused(refused, typed));
        Response.ResponseBuilder answer = Response.fromResponse(page).status(ProblemMapper.status(refused.kind()));
        if (refused instanceof Refusal.Later later) {
            answer.header(HttpHeaders.RETRY_AFTER, later.retryAfterSeconds());
        }
        return answer.build();
    }

    /** A due review question answered from /progress: the page again, with the graded answer at the top. */
    @POST
    @Path("progress/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response review(MultivaluedMap<String, String> form, @BeanParam PageLanguageParams languageParams,
                           @CookieParam(LearnerIdentity.COOKIE) String learnerCookie) {
        PageLanguage language = languageParams.resolve();
        String learner = LearnerIdentity.known(learnerCookie);
        String quizId = form.getFirst("quiz");
        String questionId = form.getFirst("question");
        QuizModel.Question question = quizId == null ? null : catalogue.find(quizId).flatMap(quiz -> quiz.questions().stream()
                .filter(q -> q.id().equals(questionId)).findFirst()).orElse(null);
        if (question == null) {
            throw Refusal.notFound(ProblemMessages::review_question, quizId + "/" + questionId);
        }
        Optional<QuizService.Answer> answer = answerFrom(question, form);
        if (answer.isEmpty()) {
            return progressPage(language, learner, null, null, RecoveryShown.NONE); // nothing chosen: the question simply stays
        }
        ReviewService.ReviewOutcome outcome = reviews.answer(learner, quizId, questionId, answer.get(), language.language());
        return progressPage(language, learner, outcome, shown(1, question, outcome.result(), language.code()), RecoveryShown.NONE);
    }

    private Response progressPage(PageLanguage language, String learner, ReviewService.ReviewOutcome outcome, ShownResult reviewed,
                                  RecoveryShown recovery) {
        List<QuizService.AttemptSummary> attempts = learner == null ? List.of() : quizzes.progress(learner, language.language());
        PageContext page = new PageContext(language.code(), "/progress", Pages.words(language).progress_title());
        List<PredictApi.ScenarioAccuracy> predicted = learner == null ? List.of() : predictions.progress(learner, language.language());
        ReviewService.ReviewQueue review = learner == null ? new ReviewService.ReviewQueue(List.of(), List.of())
                : reviews.queue(learner, language.language());
        return Pages.html(language, Templates.progress(page, attempts, predicted, predictions.overall(learner, language.language()),
                review, outcome, reviewed, recovery));
    }

    /** A graded question with its answers in words, as the result page and the review show it. */
    private static ShownResult shown(int number, QuizModel.Question model, QuizService.QuestionResult question, String lang) {
        String verdict = question.correct() ? "right" : question.credit() > 0 ? "partly" : "wrong";
        return new ShownResult(number, question, verdict, display(model, question.yourAnswer(), lang), display(model, question.correctAnswer(), lang));
    }

    /**
     * The form's fields as answers: {@code q.<id>} for one choice, a number or a state; repeated {@code q.<id>}
     * for several choices; {@code q.<id>.<position>} for an ordering. A question left empty is no answer; an
     * ordering with an item twice or a slot empty, and a number past 4294967295, are kept to be explained.
     */
    static List<QuizService.Answer> answersFrom(QuizModel.Quiz quiz, MultivaluedMap<String, String> form) {
        return quiz.questions().stream().map(q -> answerFrom(q, form)).flatMap(Optional::stream).toList();
    }

    static Optional<QuizService.Answer> answerFrom(QuizModel.Question q, MultivaluedMap<String, String> form) {
        String field = "q." + q.id();
        List<String> values = Optional.ofNullable(form.get(field)).orElse(List.of()).stream().filter(v -> !v.isBlank()).toList();
        return Optional.ofNullable(Question.of(q).answerFrom(values, position -> form.getFirst(field + "." + position)));
    }

    /** An answer (option ids, item ids, a number or a state) in words. */
    private static String display(QuizModel.Question q, Object answer, String lang) {
        if (answer == null || (answer instanceof List<?> list && list.isEmpty())) {
            return null;
        }
        List<String> ids = answer instanceof List<?> list ? list.stream().map(id -> id == null ? "—" : id.toString()).toList()
                : List.of(String.valueOf(answer));
        return Question.of(q).inWords(ids, lang);
    }
}
