package lab.handshake.assignments;

/** How a simulation assignment is done: stepped through, or predicted step by step (the simulator's {@code mode=predict}). */
public enum SimulationMode {
    /** Step through it. The platform does not record stepping, so completion is not tracked for these. */
    STEP,
    /** Predict each step before it is revealed; the share of right predictions is the score. */
    PREDICT
}
