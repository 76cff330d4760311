package lab.handshake.assignments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A learner of a class stepped a catalogue simulation through to its last step (Flyway V25): one row per learner
 * and scenario, with the first and the latest time it was reached.
 */
@Entity
@Table(name = "stepped_through")
public class SteppedThrough extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The anonymous learner identity kept in the learner's cookie. */
    public String learnerId;

    public String scenarioId;

    public Instant firstReachedAt;

    public Instant lastReachedAt;

    public static SteppedThrough of(String learnerId, String scenarioId) {
        return find("learnerId = ?1 and scenarioId = ?2", learnerId, scenarioId).firstResult();
    }
}
