package lab.handshake.classes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A learner (the anonymous id of their cookie) who joined a class: one line of its roster. */
@Entity
@Table(name = "class_member")
public class ClassMember extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long classId;

    public String learnerId;

    public Instant joinedAt;

    /** The name the learner gave on joining (their teacher sees it), or null: then a pseudonym stands for them. */
    public String displayName;

    public static boolean isMember(long classId, String learnerId) {
        return count("classId = ?1 and learnerId = ?2", classId, learnerId) > 0;
    }

    public static ClassMember of(long classId, String learnerId) {
        return find("classId = ?1 and learnerId = ?2", classId, learnerId).firstResult();
    }

    /** The class's members in joining order, the order their pseudonyms count in. */
    public static List<ClassMember> rosterOf(long classId) {
        return list("classId = ?1 order by joinedAt, id", classId);
    }

    /**
     * Makes the learner a member of the class, or finds them there; a name given replaces the one kept (the LMS's
     * name for its users, the name typed on joining). The name must already be valid ({@link ClassService}).
     */
    public static ClassMember enrol(long classId, String learnerId, String displayName) {
        ClassMember member = of(classId, learnerId);
        if (member == null) {
            member = new ClassMember();
            member.classId = classId;
            member.learnerId = learnerId;
            member.joinedAt = Instant.now();
            member.displayName = displayName;
            member.persistAndFlush();
        } else if (displayName != null) {
            member.displayName = displayName;
        }
        return member;
    }

    public static long countIn(long classId) {
        return count("classId", classId);
    }
}
