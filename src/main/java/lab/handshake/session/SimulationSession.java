package lab.handshake.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A stored interactive session: its specification, mode and moves, from which the session is rebuilt. The
 * version column makes two simultaneous moves on one session conflict instead of losing one.
 */
@Entity
@Table(name = "simulation_session")
public class SimulationSession extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "scenario_id")
    public String scenarioId;

    public String mode;

    @Column(name = "spec_json")
    public String specJson;

    @Column(name = "moves_json")
    public String movesJson;

    @Column(name = "move_count")
    public int moveCount;

    /** A hash of the client's address, for the creation limit; the address itself is not stored. */
    @Column(name = "client_key")
    public String clientKey;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Version
    public long version;

    public static long countCreatedBySince(String clientKey, Instant since) {
        return count("clientKey = ?1 and createdAt > ?2", clientKey, since);
    }

    public static long deleteIdleSince(Instant cutoff) {
        return delete("lastUsedAt < ?1", cutoff);
    }
}
