package lab.handshake.content;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.OptimisticLock;

/**
 * A lesson, quiz bank or scenario written by a teacher: its working draft and, once published, the text
 * students see. {@link #version} changes with every change, so a save based on an older one is refused
 * instead of overwriting a colleague's work. Its {@link #owner} and {@link #coEditors} may change it; every
 * other teacher only reads it.
 */
@Entity
@Table(name = "authored_item")
public class AuthoredItem extends PanacheEntity {
    @Enumerated(EnumType.STRING)
    public ContentKind kind;

    /** The content's id (the {@code id} in its front matter or YAML), which never changes. */
    public String slug;

    /** en or zh for a lesson; {@link ContentKind#BOTH_LANGUAGES} for quizzes and scenarios. */
    public String language;

    public String draftText;

    /** The revision the draft is; revisions count from 1. */
    public int draftRevision;

    public String publishedText;

    public Integer publishedRevision;

    /**
     * The teacher who created it (or to whom it was handed over). Not part of {@link #version}: who may change
     * the text is not a change of the text, so it does not make a colleague's open editor outdated.
     */
    @OptimisticLock(excluded = true)
    public String owner;

    /** The teachers the owner lets change it too (usernames, in order). */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "authored_item_editor", joinColumns = @JoinColumn(name = "item_id"))
    @Column(name = "username")
    @OptimisticLock(excluded = true)
    public Set<String> coEditors = new TreeSet<>();

    public String updatedBy;

    public Instant updatedAt;

    public String publishedBy;

    public Instant publishedAt;

    @Version
    public long version;

    public boolean published() {
        return publishedText != null;
    }

    /** Published, and the draft has been changed since. */
    public boolean hasUnpublishedChanges() {
        return published() && !publishedText.equals(draftText);
    }

    /** draft (never published), published, or changed (published, and the draft has changed since). */
    public String status() {
        return !published() ? "draft" : hasUnpublishedChanges() ? "changed" : "published";
    }

    public static Optional<AuthoredItem> find(ContentKind kind, String slug, String language) {
        return find("kind = ?1 and slug = ?2 and language = ?3", kind, slug, language).firstResultOptional();
    }

    public static List<AuthoredItem> listInOrder() {
        return list("order by kind, slug, language");
    }

    public static List<AuthoredItem> listPublished() {
        return list("publishedText is not null order by kind, slug, language");
    }
}
