package lab.handshake.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A stored interactive session: its specification, mode and moves, from which the session is rebuilt, and its
 * creator. The
 * version column makes two simultaneous moves on one session conflict instead of losing one.
 */
@Entity
@Table(name = "simulation_session")
public class SimulationSession extends PanacheEntityBase {
    @Id
    public String id;

    public String scenarioId;

    public String mode;

    public String specJson;

    public String movesJson;

    public int moveCount;

    /** A hash of the client's address, for the creation limit; the address itself is not stored. */
    public String clientKey;

    /** The learner (cookie identity) who started it: only they may act or undo. Null for sessions from before. */
    public String creatorId;

    /** The sandbox task it was started for (its goal is checked after every move); null for a free session and a copy. */
    public String taskId;

    public Instant createdAt;

    public Instant lastUsedAt;

    @Version
    public long version;

    public static long deleteIdleSince(Instant cutoff) {
        return delete("lastUsedAt < ?1", cutoff);
    }
}
