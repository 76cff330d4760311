package lab.handshake.teacher;

/** Whether an account may sign in. A deleted account keeps its row so that what it wrote stays attributed. */
public enum TeacherStatus {
    ACTIVE, DISABLED, DELETED
}
