package lab.handshake.predict;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One prediction of one learner (Flyway V11): the answer, named as the learner sees numbers, and its grade. */
@Entity
@Table(name = "prediction")
public class Prediction extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The anonymous learner identity kept in the learner's cookie. */
    public String learnerId;

    public String clientKey;

    public String scenarioId;

    public String profile;

    /** The index of the trace step the question was asked before. */
    public int stepIndex;

    public String state;

    /** The predicted flags ("SYN,ACK"); null when the learner predicted that nothing is sent. */
    public String flags;

    public String seq;

    public String ack;

    /** Where the predicted segment goes (forged-source, attacker), where that was asked (V32); null otherwise. */
    public String sentTo;

    public boolean stateRight;

    public boolean segmentRight;

    public String misconception;

    public Instant createdAt;

    public boolean right() {
        return stateRight && segmentRight;
    }
}
