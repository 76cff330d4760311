package lab.handshake.assignments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * What {@code POST /api/classes/{code}/assignments} accepts: a quiz ({@code kind=QUIZ}, {@code target} its id) or a
 * catalogue simulation ({@code kind=SIMULATION}, {@code target} the scenario id, {@code mode} STEP or PREDICT), open
 * from {@code opensAt} until {@code dueAt} (ISO 8601 instants), with the attempts allowed and which one counts
 * (default BEST).
 */
public record AssignmentRequest(
        @NotNull AssignmentKind kind,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a quiz or scenario id") String target,
        SimulationMode mode,
        @NotNull Instant opensAt,
        @NotNull Instant dueAt,
        @NotNull @Min(1) @Max(AssignmentRequest.MAX_ATTEMPTS) Integer attemptsAllowed,
        AttemptCounted counted) {

    public static final int MAX_ATTEMPTS = 100;
}
