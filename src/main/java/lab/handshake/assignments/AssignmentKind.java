package lab.handshake.assignments;

/**
 * What an assignment asks for: a quiz, a catalogue simulation (stepped through or predicted, {@link SimulationMode}),
 * or a sandbox task that the engine checks (done once met in the window, {@code activity.ActivityKind.SANDBOX_TASK_MET}).
 */
public enum AssignmentKind {
    QUIZ,
    SIMULATION,
    SANDBOX_TASK
}
