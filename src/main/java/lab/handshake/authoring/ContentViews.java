package lab.handshake.authoring;

import java.time.Instant;
import java.util.List;
import lab.handshake.api.CheckedRequest;
import lab.handshake.content.AuthoredChange;
import lab.handshake.content.AuthoredItem;
import lab.handshake.content.AuthoredRevision;

/** The JSON shapes of the authoring API. */
public final class ContentViews {
    private ContentViews() {
    }

    /**
     * An item without its texts. {@code status}: draft (never published), published, or changed (published,
     * with a newer draft). {@code owner} and {@code coEditors} may change it; other teachers only read it.
     */
    public record ItemSummary(long id, String kind, String slug, String language, String status, int draftRevision,
                              Integer publishedRevision, long version, String owner, List<String> coEditors,
                              String updatedBy, Instant updatedAt, String publishedBy, Instant publishedAt) {
        static ItemSummary of(AuthoredItem item) {
            return new ItemSummary(item.id, item.kind.code(), item.slug, item.language, item.status(), item.draftRevision,
                    item.publishedRevision, item.version, item.owner, List.copyOf(item.coEditors), item.updatedBy, item.updatedAt,
                    item.publishedBy, item.publishedAt);
        }
    }

    public record ItemDetail(ItemSummary item, String draft, String published, List<String> problems) {
    }

    public record RevisionSummary(int number, String action, String savedBy, Instant savedAt, boolean published) {
        static RevisionSummary of(AuthoredRevision revision) {
            Integer published = revision.item.publishedRevision;
            return new RevisionSummary(revision.number, revision.action.name().toLowerCase(), revision.savedBy, revision.savedAt,
                    published != null && published == revision.number);
        }
    }

    public record Revision(int number, String action, String savedBy, Instant savedAt, String text) {
        static Revision of(AuthoredRevision revision) {
            return new Revision(revision.number, revision.action.name().toLowerCase(), revision.savedBy, revision.savedAt, revision.body);
        }
    }

    /**
     * A change that is not a new text: {@code action} publish or withdraw ({@code detail}: the revision),
     * owner ({@code detail}: the new owner) or editors ({@code detail}: the co-editors from then on, comma-separated).
     */
    public record Change(String action, String detail, String changedBy, Instant changedAt) {
        static Change of(AuthoredChange change) {
            return new Change(change.action.name().toLowerCase(), change.detail, change.changedBy, change.changedAt);
        }
    }

    /** The co-editors from now on (usernames of teacher accounts; an empty list for none). */
    public record EditorsRequest(List<String> editors) {
    }

    /** The teacher to hand the item to. */
    public record OwnerRequest(String owner) {
    }

    /**
     * A new item: kind lesson, quiz or scenario; language (en or zh) for a lesson only; from: the id of a
     * built-in file to start from (by default the one with the same id, if any).
     */
    @CheckedRequest(reason = AuthoringService.INVALID, title = "{authoring:invalid_content}")
    public record CreateRequest(String kind, String id, String language, String from) {
    }

    /** A new draft text, made on {@code version} of the item. */
    @CheckedRequest(reason = AuthoringService.INVALID, title = "{authoring:invalid_content}")
    public record SaveRequest(String text, Long version) {
    }

    /** Publish or restore, on {@code version} of the item. */
    public record VersionRequest(Long version) {
    }

    /** A text to preview as item {@code id} of {@code kind} (lessons: in {@code language}). */
    public record PreviewRequest(String kind, String id, String language, String text) {
    }
}
