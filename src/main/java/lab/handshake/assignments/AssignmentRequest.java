package lab.handshake.assignments;

import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import lab.handshake.api.CheckedRequest;
import lab.handshake.predict.AskedSteps;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.Range;

/**
 * What {@code POST /api/classes/{code}/assignments} accepts: a quiz ({@code kind=QUIZ}, {@code target} its id) or a
 * catalogue simulation ({@code kind=SIMULATION}, {@code target} the scenario id, {@code mode} STEP or PREDICT), open
 * from {@code opensAt} until {@code dueAt} (ISO 8601 instants), with the attempts allowed and which one counts
 * (default BEST), or a sandbox task ({@code kind=SANDBOX_TASK}, {@code target} its id), which is done once met in
 * the window and so takes no {@code attemptsAllowed}, {@code counted}, {@code mode} or steps. A PREDICT simulation may say which steps ask ({@code ask}: ALL, the default; CHANGES; or RANGE
 * from {@code fromStep} to {@code toStep}, counted from 1), as the simulator's {@code ?ask=&from=&to=}. The page's form is
 * read into one too: both are checked by Bean Validation in {@link AssignmentService} (messages of the assignments
 * bundle, in the reader's language), first each field, then {@link AssignmentRules}.
 */
@GroupSequence({AssignmentRequest.class, AssignmentRequest.AfterFields.class})
@CheckedRequest(reason = AssignmentRequest.INVALID, title = "{assignments:invalid_assignment}")
@AssignmentRules.Hold(groups = AssignmentRequest.AfterFields.class)
public record AssignmentRequest(
        @NotNull(message = "{assignments:required}") AssignmentKind kind,
        @NotBlank(message = "{assignments:required}") @Size(max = 64, message = "{assignments:too_long(max)}")
        @Pattern(regexp = "[A-Za-z0-9_-]+", message = "{assignments:target_id}") String target,
        SimulationMode mode,
        @NotNull(message = "{assignments:required}") Instant opensAt,
        @NotNull(message = "{assignments:required}") Instant dueAt,
        @Schema(description = "Required for a quiz or a simulation; not read for a sandbox task (done once met)")
        @Range(min = 1, max = AssignmentRequest.MAX_ATTEMPTS, message = "{assignments:between(min, max)}") Integer attemptsAllowed,
        AttemptCounted counted,
        @Schema(description = "With mode PREDICT: which steps ask (ALL, CHANGES: state changes only, RANGE: fromStep to toStep); default ALL")
        AskedSteps.Ask ask,
        @Schema(description = "With ask RANGE (required then): the first step asked, from 1")
        @Range(min = 1, max = AssignmentRequest.MAX_STEP, message = "{assignments:between(min, max)}") Integer fromStep,
        @Schema(description = "With ask RANGE (required then): the last step asked, not before fromStep")
        @Range(min = 1, max = AssignmentRequest.MAX_STEP, message = "{assignments:between(min, max)}") Integer toStep) {

    /** The last part of the problem type of a refused assignment. */
    public static final String INVALID = "invalid-assignment";

    public static final int MAX_ATTEMPTS = 100;

    /** Far beyond the steps of any catalogue trace; only bounds what is stored. */
    public static final int MAX_STEP = 100_000;

    /** The rules between the fields and against the catalogues ({@link AssignmentRules}), read once every field is well-formed. */
    interface AfterFields {
    }
}
