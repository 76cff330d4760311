package lab.handshake.assignments;

/** Where a student stands with an assignment. */
public enum AssignmentStatus {
    /** Its opening date is still ahead. */
    NOT_OPEN,
    /** Open, and nothing counted yet. */
    OPEN,
    /** At least one attempt (or prediction) counts. */
    DONE,
    /** Due, and nothing was done in time. */
    MISSED,
    /** Open or due, but the platform does not record this kind of work (stepping through a simulation). */
    NOT_TRACKED
}
