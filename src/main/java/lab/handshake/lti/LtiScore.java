package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One attempt's score in the outbox: kept from the attempt's commit until the platform accepted it (then {@code sentAt}). */
@Entity
@Table(name = "lti_score_outbox")
public class LtiScore extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String attemptId;

    public long platformId;

    public String subject;

    public String lineItem;

    public double scoreGiven;

    public double scoreMaximum;

    public Instant submittedAt;

    public int tries;

    public Instant nextTryAt;

    public Instant sentAt;

    public String lastError;

    /** Unsent scores whose time has come, oldest first. */
    static List<Long> due(Instant now, int limit) {
        return LtiScore.<LtiScore>find("sentAt is null and nextTryAt <= ?1 order by nextTryAt, id", now).page(0, limit)
                .list().stream().map(score -> score.id).toList();
    }

    /** Takes a due score for one sender: moves its next try past the send, so no other sender picks it meanwhile. */
    static boolean claim(long id, Instant now, Instant until) {
        return update("nextTryAt = ?1 where id = ?2 and sentAt is null and nextTryAt <= ?3", until, id, now) == 1;
    }
}
