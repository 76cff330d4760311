package lab.handshake.assignments;

/** What an assignment asks for: a quiz, or a catalogue simulation (stepped through or predicted, {@link SimulationMode}). */
public enum AssignmentKind {
    QUIZ,
    SIMULATION
}
