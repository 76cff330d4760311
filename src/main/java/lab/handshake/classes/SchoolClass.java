package lab.handshake.classes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A teacher's class: learners join it with its random join code, and attempts submitted for it make its
 * results. ("Class" itself is a Java keyword.)
 */
@Entity
@Table(name = "school_class")
public class SchoolClass extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    /** Upper-case; the teacher's pages are addressed by it too. */
    public String joinCode;

    /** The owning teacher's id; null for a legacy class or after the account was deleted (administrators only). */
    public Long ownerId;

    /** A free-text code from before classes existed; nobody can join it. */
    public boolean legacy;

    public Instant createdAt;

    public static SchoolClass byJoinCode(String joinCode) {
        return find("joinCode", joinCode).firstResult();
    }

    /** The classes this teacher owns or teaches with their owner. */
    public static List<SchoolClass> taughtBy(long teacherId) {
        return list("ownerId = ?1 or id in (select t.classId from ClassCoTeacher t where t.teacherId = ?1) order by name, id", teacherId);
    }

    public static List<SchoolClass> everyClass() {
        return list("order by legacy, name, id");
    }

    public static List<SchoolClass> joinedBy(String learnerId) {
        return list("id in (select m.classId from ClassMember m where m.learnerId = ?1) order by name, id", learnerId);
    }
}
