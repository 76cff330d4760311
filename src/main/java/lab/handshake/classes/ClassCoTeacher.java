package lab.handshake.classes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A teacher of a class besides its owner (an LMS course's further instructors): they manage it as the owner does. */
@Entity
@Table(name = "class_co_teacher")
public class ClassCoTeacher extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long classId;

    public long teacherId;

    public Instant addedAt;

    static boolean teaches(long classId, long teacherId) {
        return count("classId = ?1 and teacherId = ?2", classId, teacherId) > 0;
    }

    /** Makes the teacher one of the class's teachers, unless they own it or teach it already. */
    public static void add(SchoolClass schoolClass, long teacherId) {
        if (schoolClass.ownerId != null && schoolClass.ownerId == teacherId || teaches(schoolClass.id, teacherId)) {
            return;
        }
        ClassCoTeacher row = new ClassCoTeacher();
        row.classId = schoolClass.id;
        row.teacherId = teacherId;
        row.addedAt = Instant.now();
        row.persist();
    }
}
