package lab.handshake.assignments;

/** How a simulation assignment is done: stepped through, or predicted step by step (the simulator's {@code mode=predict}). */
public enum SimulationMode {
    /** Step through it: done once the learner reaches its last step in the simulator ({@code activity.ActivityKind.SIMULATION_STEPPED_THROUGH}); no score. */
    STEP,
    /** Predict each step before it is revealed; the share of right predictions is the score. */
    PREDICT
}
