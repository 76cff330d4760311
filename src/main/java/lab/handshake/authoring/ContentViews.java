package lab.handshake.authoring;

import java.time.Instant;
import java.util.List;
import lab.handshake.content.AuthoredItem;
import lab.handshake.content.AuthoredRevision;

/** The JSON shapes of the authoring API. */
public final class ContentViews {
    private ContentViews() {
    }

    /** An item without its texts. {@code status}: draft (never published), published, or changed (published, with a newer draft). */
    public record ItemSummary(long id, String kind, String slug, String language, String status, int draftRevision,
                              Integer publishedRevision, long version, String updatedBy, Instant updatedAt,
                              String publishedBy, Instant publishedAt) {
        static ItemSummary of(AuthoredItem item) {
            return new ItemSummary(item.id, item.kind.code(), item.slug, item.language, item.status(), item.draftRevision,
                    item.publishedRevision, item.version, item.updatedBy, item.updatedAt, item.publishedBy, item.publishedAt);
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
     * A new item: kind lesson, quiz or scenario; language (en or zh) for a lesson only; from: the id of a
     * built-in file to start from (by default the one with the same id, if any).
     */
    public record CreateRequest(String kind, String id, String language, String from) {
    }

    /** A new draft text, made on {@code version} of the item. */
    public record SaveRequest(String text, Long version) {
    }

    /** Publish or restore, on {@code version} of the item. */
    public record VersionRequest(Long version) {
    }

    /** A text to preview as item {@code id} of {@code kind} (lessons: in {@code language}). */
    public record PreviewRequest(String kind, String id, String language, String text) {
    }
}
