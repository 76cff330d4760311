package lab.handshake.classes;

/**
 * A teacher looking at classes: they manage the classes they own or teach with their owner
 * ({@link ClassCoTeacher}); administrators manage every class, including legacy ones and those whose teacher is gone.
 */
public record ClassViewer(long teacherId, boolean admin) {

    public boolean manages(SchoolClass schoolClass) {
        return admin || schoolClass.ownerId != null && schoolClass.ownerId == teacherId
                || ClassCoTeacher.teaches(schoolClass.id, teacherId);
    }
}
