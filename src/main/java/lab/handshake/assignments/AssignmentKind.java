package lab.handshake.assignments;

/**
 * What an assignment asks for: a quiz, a catalogue simulation (stepped through or predicted, {@link SimulationMode}),
 * or a sandbox task that the engine checks (done once met in the window, {@link SandboxTaskMet}).
 */
public enum AssignmentKind {
    QUIZ,
    SIMULATION,
    SANDBOX_TASK
}
