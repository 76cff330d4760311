package lab.handshake.content;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The texts teachers have published, as the catalogues merge them with the built-in curriculum. Read from the
 * database at most every few seconds, and at once after a publication on this instance, so that a
 * publication on another replica reaches this one within {@link #FRESHNESS}.
 */
@ApplicationScoped
public class PublishedTexts {
    private static final Logger LOG = Logger.getLogger(PublishedTexts.class);
    static final Duration FRESHNESS = Duration.ofSeconds(5);

    /** One published file. */
    public record Text(ContentKind kind, String slug, String language, String body) {
    }

    /** Every published file at one moment. Equal snapshots are the same object, so derived data is kept. */
    public record Snapshot(List<Text> texts) {
        public List<Text> of(ContentKind kind) {
            return texts.stream().filter(text -> text.kind() == kind).toList();
        }
    }

    /** Fired inside the transaction that publishes; acted on once it has committed. */
    public record Changed(ContentKind kind, String slug) {
    }

    private volatile Snapshot current;
    private volatile long loadedAtNanos;
    /** Counts publications here, so a read that overlapped one is not taken as fresh. */
    private final AtomicLong publications = new AtomicLong();

    public Snapshot current() {
        Snapshot snapshot = current;
        if (snapshot == null || System.nanoTime() - loadedAtNanos > FRESHNESS.toNanos()) {
            snapshot = reload();
        }
        return snapshot;
    }

    /** The texts as last read if they are still fresh, else null: never reads the database (event-loop safe). */
    private Snapshot currentIfFresh() {
        Snapshot snapshot = current;
        return snapshot != null && System.nanoTime() - loadedAtNanos <= FRESHNESS.toNanos() ? snapshot : null;
    }

    /**
     * A value computed from the published texts (the parsed lessons, say), computed again only when they
     * have changed.
     */
    public <T> Derived<T> derived(Function<Snapshot, T> derive) {
        return new Derived<>(this, derive);
    }

    /** A value computed from the published texts; {@link #get} may read the database, {@link #ifFresh} never does. */
    public static final class Derived<T> implements Supplier<T> {
        private final PublishedTexts texts;
        private final Function<Snapshot, T> derive;
        private volatile Memo<T> memo;

        private Derived(PublishedTexts texts, Function<Snapshot, T> derive) {
            this.texts = texts;
            this.derive = derive;
        }

        @Override
        public T get() {
            return from(texts.current());
        }

        /**
         * The value if the texts need not be read again, else null: for code on an event-loop thread, which must
         * not wait for the database and hands the request on to a worker instead.
         */
        public T ifFresh() {
            Snapshot snapshot = texts.currentIfFresh();
            return snapshot == null ? null : from(snapshot);
        }

        private T from(Snapshot snapshot) {
            Memo<T> known = memo;
            if (known == null || known.from() != snapshot) {
                known = new Memo<>(snapshot, derive.apply(snapshot));
                memo = known;
            }
            return known.value();
        }
    }

    private record Memo<T>(Snapshot from, T value) {
    }

    void afterPublication(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        publications.incrementAndGet();
        loadedAtNanos = stale();
    }

    private static long stale() {
        return System.nanoTime() - FRESHNESS.toNanos() - 1;
    }

    private synchronized Snapshot reload() {
        if (current != null && System.nanoTime() - loadedAtNanos <= FRESHNESS.toNanos()) {
            return current;
        }
        long publicationsBefore = publications.get();
        try {
            Snapshot loaded = new Snapshot(QuarkusTransaction.requiringNew().call(() -> AuthoredItem.listPublished().stream()
                    .map(item -> new Text(item.kind, item.slug, item.language, item.publishedText)).toList()));
            if (!loaded.equals(current)) {
                current = loaded;
            }
        } catch (RuntimeException e) {
            // A database that is briefly unreachable must not take the built-in curriculum down with it.
            LOG.errorf("Cannot read published teacher content, keeping what was read before: %s", e.getMessage());
            if (current == null) {
                current = new Snapshot(List.of());
            }
        }
        // A publication that committed while this read ran may be missing from it: read again next time.
        loadedAtNanos = publications.get() == publicationsBefore ? System.nanoTime() : stale();
        return current;
    }
}
