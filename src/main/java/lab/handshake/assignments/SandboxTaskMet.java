package lab.handshake.assignments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A learner of a class met a sandbox task with their own moves (Flyway V29): one row per learner and task, with the
 * first and the latest time a move left it met.
 */
@Entity
@Table(name = "sandbox_task_met")
public class SandboxTaskMet extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The anonymous learner identity kept in the learner's cookie. */
    public String learnerId;

    public String taskId;

    public Instant firstMetAt;

    public Instant lastMetAt;

    public static SandboxTaskMet of(String learnerId, String taskId) {
        return find("learnerId = ?1 and taskId = ?2", learnerId, taskId).firstResult();
    }
}
