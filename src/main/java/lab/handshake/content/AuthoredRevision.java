package lab.handshake.content;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One saved text of an {@link AuthoredItem}. Revisions are only ever added, never changed. */
@Entity
@Table(name = "authored_revision")
public class AuthoredRevision extends PanacheEntity {
    /** Why the revision exists: a teacher created, saved, restored or imported the text. */
    public enum Action { CREATE, SAVE, RESTORE, IMPORT }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id")
    public AuthoredItem item;

    @Column(name = "revision_number")
    public int number;

    public String body;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Action action;

    public String savedBy;

    public Instant savedAt;

    public static List<AuthoredRevision> history(AuthoredItem item) {
        return list("item = ?1 order by number desc", item);
    }

    public static Optional<AuthoredRevision> find(AuthoredItem item, int number) {
        return find("item = ?1 and number = ?2", item, number).firstResultOptional();
    }
}
