package lab.handshake.assignments;

import static java.lang.annotation.ElementType.TYPE;
import static lab.handshake.api.CheckedRequest.Broken.broken;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;
import lab.handshake.api.CheckedRequest;
import lab.handshake.predict.AskedSteps;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.session.SandboxTaskCatalogue;

/**
 * What an {@link AssignmentRequest} cannot say on one field: the target exists in its catalogue, the mode fits, the
 * steps asked fit the mode (a range with both ends, in order), the attempts fit the kind (a sandbox task takes none),
 * the dates are in order. The first rule broken is reported on its field, with a message of the assignments bundle.
 */
@ApplicationScoped
public class AssignmentRules implements ConstraintValidator<AssignmentRules.Hold, AssignmentRequest> {

    /** The class-level constraint that has an assignment checked by these rules. */
    @Target(TYPE)
    @Retention(RUNTIME)
    @Constraint(validatedBy = AssignmentRules.class)
    public @interface Hold {
        /** Not read: each broken rule names its own message. */
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    private final QuizCatalogue quizzes;
    private final ScenarioCatalogue scenarios;
    private final SandboxTaskCatalogue tasks;

    public AssignmentRules(QuizCatalogue quizzes, ScenarioCatalogue scenarios, SandboxTaskCatalogue tasks) {
        this.quizzes = quizzes;
        this.scenarios = scenarios;
        this.tasks = tasks;
    }

    @Override
    public boolean isValid(AssignmentRequest request, ConstraintValidatorContext context) {
        return CheckedRequest.RulesValidator.holds(firstBroken(request), context);
    }

    private Optional<CheckedRequest.Broken> firstBroken(AssignmentRequest request) {
        Optional<CheckedRequest.Broken> broken = switch (request.kind()) {
            case QUIZ -> quizzes.find(request.target()).isEmpty() ? broken("target", "{assignments:unknown_quiz}") : attempts(request);
            case SIMULATION -> scenarios.find(request.target()).isEmpty() ? broken("target", "{assignments:unknown_scenario}")
                    : request.mode() == null ? broken("mode", "{assignments:mode_required}") : attempts(request);
            case SANDBOX_TASK -> task(request);
        };
        return broken.or(() -> asked(request))
                .or(() -> request.dueAt().isAfter(request.opensAt()) ? Optional.empty() : broken("dueAt", "{assignments:due_before_opens}"));
    }

    private static Optional<CheckedRequest.Broken> attempts(AssignmentRequest request) {
        return request.attemptsAllowed() == null ? broken("attemptsAllowed", "{assignments:attempts_required}") : Optional.empty();
    }

    /** A sandbox task exists, and is done once met: it takes none of a quiz's or a simulation's fields. */
    private Optional<CheckedRequest.Broken> task(AssignmentRequest request) {
        if (tasks.find(request.target()).isEmpty()) {
            return broken("target", "{assignments:unknown_task}");
        }
        String notForTask = "{assignments:not_for_task}";
        if (request.mode() != null) {
            return broken("mode", notForTask);
        }
        if (request.attemptsAllowed() != null) {
            return broken("attemptsAllowed", notForTask);
        }
        return request.counted() != null ? broken("counted", notForTask) : Optional.empty();
    }

    private static Optional<CheckedRequest.Broken> asked(AssignmentRequest request) {
        boolean predicts = request.kind() == AssignmentKind.SIMULATION && request.mode() == SimulationMode.PREDICT;
        if (request.ask() != null && !predicts) {
            return broken("ask", "{assignments:ask_predict_only}");
        }
        if (request.ask() != AskedSteps.Ask.RANGE) {
            if (request.fromStep() != null || request.toStep() != null) {
                return broken(request.fromStep() != null ? "fromStep" : "toStep", "{assignments:range_only}");
            }
            return Optional.empty();
        }
        if (request.fromStep() == null) {
            return broken("fromStep", "{assignments:range_required}");
        }
        if (request.toStep() == null) {
            return broken("toStep", "{assignments:range_required}");
        }
        return request.toStep() < request.fromStep() ? broken("toStep", "{assignments:to_before_from}") : Optional.empty();
    }
}
