package lab.handshake.content;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A change to an {@link AuthoredItem} that is not a new text (a new text is an {@link AuthoredRevision}): who
 * published or withdrew it, handed it to another owner or changed its co-editors, and when. Only ever added.
 */
@Entity
@Table(name = "authored_change")
public class AuthoredChange extends PanacheEntity {
    public enum Action {
        /** detail: the revision published. */
        PUBLISH,
        /** detail: the revision that was public. */
        WITHDRAW,
        /** detail: the new owner. */
        OWNER,
        /** detail: the co-editors from now on, comma-separated (empty: none). */
        EDITORS
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id")
    public AuthoredItem item;

    @Enumerated(EnumType.STRING)
    public Action action;

    public String detail;

    public String changedBy;

    public Instant changedAt;

    public static void record(AuthoredItem item, Action action, String detail, String changedBy, Instant at) {
        AuthoredChange change = new AuthoredChange();
        change.item = item;
        change.action = action;
        change.detail = detail;
        change.changedBy = changedBy;
        change.changedAt = at;
        change.persist();
    }

    /** Newest first. */
    public static List<AuthoredChange> history(AuthoredItem item) {
        return list("item = ?1 order by changedAt desc, id desc", item);
    }
}
