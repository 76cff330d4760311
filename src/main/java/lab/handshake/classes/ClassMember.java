package lab.handshake.classes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A learner (the anonymous id of their cookie) who joined a class; a roster can grow from these rows. */
@Entity
@Table(name = "class_member")
public class ClassMember extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long classId;

    public String learnerId;

    public Instant joinedAt;

    public static boolean isMember(long classId, String learnerId) {
        return count("classId = ?1 and learnerId = ?2", classId, learnerId) > 0;
    }

    public static long countIn(long classId) {
        return count("classId", classId);
    }
}
