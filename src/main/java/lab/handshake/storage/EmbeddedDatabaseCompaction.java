package lab.handshake.storage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded H2 file near its live data while the application runs (issue #17), doing what H2's own
 * background writer does, which {@code WRITE_DELAY 0} ({@link EmbeddedDatabaseDurability}) stops.
 *
 * <p>H2 writes each commit as a new chunk (with {@code WRITE_DELAY 0}, one chunk per commit) and reuses a chunk's
 * space only once none of its pages is live and the chunk was created at least the retention time ago (45 s, H2's
 * default, kept; {@code FileStore.dropUnusedChunks}). The retention time guards against a power loss: H2 does not
 * sync its file on commit, and a chunk must not be overwritten while the chunks that replaced its pages may still
 * be only in the operating system's cache. Under sustained writes that holds 45 s of dead chunks: at 140 commits a
 * second some 6,000 chunks of about 45 KB, 280 MB, however little is live (measured 2026-12-05; see the README,
 * "The data directory's size"). So every 2 s this task, bounded in bytes so that a write waits little for it:
 * <ol>
 * <li>syncs the file, and then, with no chunk being written ({@link MVStore#executeFilestoreOperation}), syncs it
 * again and frees the chunks that are dead by then without waiting out the retention time
 * ({@link #freeDeadChunksAfterSync}): each was found dead while a later chunk was written, and that chunk (holding
 * the pages that replaced its pages and the record that it is dead) is now on the disk, so a recovery after a power
 * loss never needs the freed chunk, which is what H2 itself relies on when it moves chunks
 * ({@link RandomAccessStore#compactMoveChunks} syncs and then overwrites irrespective of the retention time). A chunk
 * that a transaction may still read stays ({@code unusedAtVersion} against the oldest version in use, untouched);</li>
 * <li>copies the live pages of the sparsest chunks older than the retention time into a new chunk and commits it
 * ({@link MVStore#compact}), so that those chunks die; while no one else writes, in at most one pass over the file;</li>
 * <li>when at most 80% of the file is in use, moves chunks from its end into the free space and cuts the file
 * ({@link RandomAccessStore#compactMoveChunks}, which writes the moved chunk and its metadata and syncs the file
 * before the old place is reused, as H2's background writer does).</li>
 * </ol>
 * None touches a transaction: every acknowledged write stays committed in the file before its answer. Only H2:
 * PostgreSQL keeps its own files (autovacuum).
 */
@ApplicationScoped
public class EmbeddedDatabaseCompaction {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseCompaction.class);

    /** Below this share of live bytes in the chunks, live pages are copied out of the sparsest old chunks. */
    static final int CHUNKS_FILL_RATE = 80;
    /** At most so many live bytes copied per run (H2's background writer copies a quarter of 1 MB per run under load). */
    static final int REWRITE_BYTES = 1024 * 1024;
    /** At or below this share of the file's blocks in chunks, chunks are moved towards its start and the file is cut. */
    static final int FILE_FILL_RATE = 80;
    /** At most so many bytes of chunks moved per run (H2's background writer moves 2 MB per run under load). */
    static final int MOVE_BYTES = 2 * 1024 * 1024;

    private final AgroalDataSource dataSource;
    private final String databaseKind;
    /** The store's version at the end of this task's last run (runs never overlap: SKIP). */
    private long lastOwnVersion = -1;
    /** Copies made while no one else wrote, since someone last did. */
    private long idleCopies;

    public EmbeddedDatabaseCompaction(AgroalDataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String databaseKind) {
        this.dataSource = dataSource;
        this.databaseKind = databaseKind;
    }

    @Scheduled(every = "2s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void compactWhileRunning() throws SQLException {
        if (!"h2".equals(databaseKind)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStore(connection);
            if (store != null) {
                Result result = compact(store);
                if (result.sizeAfter() < result.sizeBefore()) {
                    LOG.debugf("H2 file cut from %d to %d bytes", result.sizeBefore(), result.sizeAfter());
                }
            }
        }
    }

    /** The file's size before and after one run, in bytes. */
    record Result(long sizeBefore, long sizeAfter) {}

    /** One bounded run on {@code store}; nothing for an in-memory or read-only store. */
    Result compact(MVStore store) {
        FileStore<?> file = store.getFileStore();
        if (file == null || file.isReadOnly() || store.isClosed()) {
            return new Result(0, 0);
        }
        long before = file.size();
        if (file instanceof RandomAccessStore) {
            freeDeadChunksAfterSync(store);
        }
        // While no one else writes, at most one pass over the file's bytes: a copy also rewrites the pages above
        // the copied ones, leaving other chunks sparse, so copying alone may stop short of CHUNKS_FILL_RATE and must
        // not go on for ever when idle. (The chunks a copy leaves dead are freed by the next run's sync, so they no
        // longer lower the fill rate for 45 s.)
        boolean othersWrote = store.getCurrentVersion() != lastOwnVersion;
        if (othersWrote) {
            idleCopies = 0;
        }
        if (file.getChunksFillRate() < CHUNKS_FILL_RATE && (othersWrote || idleCopies < before / REWRITE_BYTES)
                && store.compact(CHUNKS_FILL_RATE, REWRITE_BYTES)) {
            idleCopies += othersWrote ? 0 : 1;
            // the copied pages are written now, not with (and at the cost of) the next request's commit
            store.commit();
        }
        if (file instanceof RandomAccessStore randomAccess) {
            // first frees the chunks that died and waited out the retention time (otherwise freed only by a commit,
            // so never while idle), then moves chunks only if the file's fill rate is at most FILE_FILL_RATE
            randomAccess.compactMoveChunks(FILE_FILL_RATE, MOVE_BYTES, store);
        }
        lastOwnVersion = store.getCurrentVersion();
        return new Result(before, file.size());
    }

    /**
     * Frees the chunks that are dead after a sync of the file, whatever their age. The first sync, while commits go
     * on, writes out the bulk of what was written since the last run; under the store's lock, with no chunk being
     * serialised or written, the second makes every chunk written so far durable, among them each chunk whose
     * writing found another dead. Only then is the retention time set to 0 for H2's own freeing, and put back before
     * the lock is released, so no other caller ever sees it changed.
     */
    static void freeDeadChunksAfterSync(MVStore store) {
        store.sync();
        store.executeFilestoreOperation(() -> {
            FileStore<?> file = store.getFileStore();
            file.sync();
            int retentionTime = file.getRetentionTime();
            file.setRetentionTime(0);
            try {
                file.dropUnusedChunks();
            } finally {
                file.setRetentionTime(retentionTime);
            }
        });
    }

    /** The MVStore behind an embedded H2 connection, or null for another database. */
    static MVStore mvStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        var database = session.getDatabase();
        return database.getStore() == null ? null : database.getStore().getMvStore();
    }
}
