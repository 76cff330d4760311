package lab.handshake.assignments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import lab.handshake.predict.AskedSteps;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@code POST /api/classes/{code}/assignments} accepts: a quiz ({@code kind=QUIZ}, {@code target} its id) or a
 * catalogue simulation ({@code kind=SIMULATION}, {@code target} the scenario id, {@code mode} STEP or PREDICT), open
 * from {@code opensAt} until {@code dueAt} (ISO 8601 instants), with the attempts allowed and which one counts
 * (default BEST), or a sandbox task ({@code kind=SANDBOX_TASK}, {@code target} its id), which is done once met in
 * the window and so takes no {@code attemptsAllowed}, {@code counted}, {@code mode} or steps. A PREDICT simulation may say which steps ask ({@code ask}: ALL, the default; CHANGES; or RANGE
 * from {@code fromStep} to {@code toStep}, counted from 1), as the simulator's {@code ?ask=&from=&to=}.
 */
public record AssignmentRequest(
        @NotNull AssignmentKind kind,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a quiz, scenario or sandbox task id") String target,
        SimulationMode mode,
        @NotNull Instant opensAt,
        @NotNull Instant dueAt,
        @Schema(description = "Required for a quiz or a simulation; not read for a sandbox task (done once met)")
        @Min(1) @Max(AssignmentRequest.MAX_ATTEMPTS) Integer attemptsAllowed,
        AttemptCounted counted,
        @Schema(description = "With mode PREDICT: which steps ask (ALL, CHANGES: state changes only, RANGE: fromStep to toStep); default ALL")
        AskedSteps.Ask ask,
        @Schema(description = "With ask RANGE (required then): the first step asked, from 1")
        @Min(1) @Max(AssignmentRequest.MAX_STEP) Integer fromStep,
        @Schema(description = "With ask RANGE (required then): the last step asked, not before fromStep")
        @Min(1) @Max(AssignmentRequest.MAX_STEP) Integer toStep) {

    public static final int MAX_ATTEMPTS = 100;

    /** Far beyond the steps of any catalogue trace; only bounds what is stored. */
    public static final int MAX_STEP = 100_000;
}
