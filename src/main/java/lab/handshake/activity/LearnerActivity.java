package lab.handshake.activity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A learner of a class did something with a lesson, a catalogue simulation or a sandbox task (Flyway V30; the
 * stepped-through rows came from V25's table):
 * one row per learner, kind and item, with the first and the latest time.
 */
@Entity
@Table(name = "learner_activity")
public class LearnerActivity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public ActivityKind kind;

    /** The anonymous learner identity kept in the learner's cookie. */
    public String learnerId;

    /** The lesson's or the scenario's id. */
    public String itemId;

    public Instant firstAt;

    public Instant lastAt;

    public static LearnerActivity of(ActivityKind kind, String learnerId, String itemId) {
        return find("kind = ?1 and learnerId = ?2 and itemId = ?3", kind, learnerId, itemId).firstResult();
    }

    /** Everything of one kind this learner did, the earliest first. */
    public static List<LearnerActivity> of(ActivityKind kind, String learnerId) {
        return list("kind = ?1 and learnerId = ?2 order by firstAt", kind, learnerId);
    }
}
