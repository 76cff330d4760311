package lab.handshake.assignments;

/** Where a student stands with an assignment. */
public enum AssignmentStatus {
    /** Its opening date is still ahead. */
    NOT_OPEN,
    /** Open, and nothing counted yet. */
    OPEN,
    /** At least one attempt (or prediction) counts, the simulation was stepped through to its end, or the sandbox task was met. */
    DONE,
    /** Due, and nothing was done in time. */
    MISSED
}
