package lab.handshake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agroal.api.AgroalDataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running compaction of the embedded H2 file (issue #17), driven directly, never by the clock. */
class EmbeddedDatabaseCompactionTest {
    private static final int ROWS = 40;
    private static final int UPDATES = 25;

    @TempDir
    Path dir;

    /**
     * 40 rows of 12,000 characters, each written again 25 times with {@code WRITE_DELAY 0}: 1,000 commits, each a
     * new chunk holding the changed leaf (a leaf holds several such rows, so 25-60 KB a chunk), of which most pages
     * die at the next commits but whose space H2 reuses only after its retention time (45 s): the file grows to
     * tens of MB for 40 × 12,000 = 480,000 bytes of live rows. The retention time is then set to 0, as if the 45 s
     * had passed; bounded runs must bring the file within four times its live rows and keep every row as last written.
     */
    @Test
    void shouldShrinkABloatedFileAndKeepEveryRow() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("bloated") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            createAttempts(connection);
            try (PreparedStatement update = connection.prepareStatement("UPDATE attempt SET results_json = ? WHERE id = ?")) {
                for (int round = 1; round <= UPDATES; round++) {
                    for (int id = 0; id < ROWS; id++) {
                        update.setString(1, results(id, round));
                        update.setInt(2, id);
                        update.executeUpdate();
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                // stands for the 45 s of H2's retention time having passed since the last write
                statement.execute("SET RETENTION_TIME 0");
            }
            var store = EmbeddedDatabaseCompaction.mvStore(connection);
            long bloated = store.getFileStore().size();
            assertTrue(bloated > 10_000_000, "the writes bloat the file: " + bloated);

            var compaction = new EmbeddedDatabaseCompaction(null, "h2");
            long size = bloated;
            for (int run = 0; run < 100; run++) {
                size = compaction.compact(store).sizeAfter();
            }
            // measured: 28.2 MB before, 0.54 MB after 100 runs; without the runs it stays at 28.2 MB
            assertTrue(size < 4L * ROWS * 12_000, "from " + bloated + " to " + size + " bytes, more than four times the live rows");
        }
        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = reopened.createStatement().executeQuery("SELECT id, results_json FROM attempt ORDER BY id")) {
            int count = 0;
            while (rows.next()) {
                assertEquals(results(rows.getInt(1), UPDATES), rows.getString(2));
                count++;
            }
            assertEquals(ROWS, count);
        }
    }

    /**
     * Sustained writes with the application's settings (H2's retention time left at its 45 s, {@code WRITE_DELAY 0}):
     * the same 1,000 commits as above, all within far less than 45 s, with a run of the compaction every 20 commits
     * (as the task's every 2 s at 10 commits a second). H2 frees a dead chunk only once it was created 45 s ago
     * ({@code FileStore.dropUnusedChunks}, {@code isSeasonedChunk}), so without the sync-then-free step nothing is
     * freed here and the file grows by a chunk a commit (measured: 28.2 MB, some 28 KB a commit). With it, the chunks
     * found dead before each run's sync are freed and reused: the file must never exceed four times the 480,000
     * bytes of live rows (1.92 MB). The retention time is 45 s again after every run.
     */
    @Test
    void shouldBoundTheFileUnderSustainedCommitsWithoutShorteningTheRetentionTime() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("sustained") + ";DB_CLOSE_ON_EXIT=FALSE";
        long largest = 0;
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            createAttempts(connection);
            var store = EmbeddedDatabaseCompaction.mvStore(connection);
            assertEquals(45_000, store.getRetentionTime(), "H2's default retention time, as the application keeps it");
            var compaction = new EmbeddedDatabaseCompaction(null, "h2");
            long start = System.nanoTime();
            try (PreparedStatement update = connection.prepareStatement("UPDATE attempt SET results_json = ? WHERE id = ?")) {
                int commits = 0;
                for (int round = 1; round <= UPDATES; round++) {
                    for (int id = 0; id < ROWS; id++) {
                        update.setString(1, results(id, round));
                        update.setInt(2, id);
                        update.executeUpdate();
                        if (++commits % 20 == 0) {
                            largest = Math.max(largest, compaction.compact(store).sizeAfter());
                            assertEquals(45_000, store.getRetentionTime(), "the retention time after a run");
                        }
                    }
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assumeTrue(seconds < 45, "the commits took " + seconds + " s: H2's retention time passed, so H2 freed chunks itself");
            // measured: at most 28.3 MB without the sync-then-free step (the commits took under a second), 1.1 MB with it
            assertTrue(largest < 4L * ROWS * 12_000, "the file reached " + largest + " bytes, more than four times the live rows");
        }
        assertEveryRowAsLastWritten(url);
    }

    /**
     * A chunk that an open transaction may still read is not freed, synced or not: a REPEATABLE READ transaction reads
     * every row, 1,000 commits rewrite them all with compaction runs in between, and the transaction reads the rows
     * as they were (H2 keeps such chunks by version: {@code canOverwriteChunk}, {@code unusedAtVersion} against the
     * oldest version in use).
     */
    @Test
    void shouldKeepTheChunksAnOpenTransactionStillReads() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("snapshot") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection writer = DriverManager.getConnection(url, "sa", "");
                Connection reader = DriverManager.getConnection(url, "sa", "")) {
            createAttempts(writer);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            reader.setAutoCommit(false);
            assertEquals(ROWS, countRowsOfRound(reader, 0));
            var store = EmbeddedDatabaseCompaction.mvStore(writer);
            var compaction = new EmbeddedDatabaseCompaction(null, "h2");
            try (PreparedStatement update = writer.prepareStatement("UPDATE attempt SET results_json = ? WHERE id = ?")) {
                for (int round = 1; round <= UPDATES; round++) {
                    for (int id = 0; id < ROWS; id++) {
                        update.setString(1, results(id, round));
                        update.setInt(2, id);
                        update.executeUpdate();
                    }
                    compaction.compact(store);
                }
            }
            reader.createStatement().execute("CALL 1"); // a statement between, as a request would make
            assertEquals(ROWS, countRowsOfRound(reader, 0), "the open transaction reads the rows as they were");
            reader.commit();
            assertEquals(ROWS, countRowsOfRound(reader, UPDATES));
        }
    }

    @Test
    void shouldNeverTouchPostgresql() throws SQLException {
        AgroalDataSource untouchable = (AgroalDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AgroalDataSource.class}, (proxy, method, arguments) -> {
                    throw new AssertionError("the compaction used the data source on PostgreSQL: " + method.getName());
                });
        new EmbeddedDatabaseCompaction(untouchable, "postgresql").compactWhileRunning();
    }

    @Test
    void shouldFindNoH2StoreBehindAnotherDatabasesConnection() throws SQLException {
        Connection other = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> method.getName().equals("isWrapperFor") ? false : null);
        assertNull(EmbeddedDatabaseCompaction.mvStore(other));
    }

    private static void createAttempts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
            statement.execute("CREATE TABLE attempt (id INTEGER PRIMARY KEY, results_json VARCHAR(1000000000) NOT NULL)");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attempt VALUES (?, ?)")) {
            for (int id = 0; id < ROWS; id++) {
                insert.setInt(1, id);
                insert.setString(2, results(id, 0));
                insert.executeUpdate();
            }
        }
    }

    private static int countRowsOfRound(Connection connection, int round) throws SQLException {
        int count = 0;
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT id, results_json FROM attempt ORDER BY id")) {
            while (rows.next()) {
                assertEquals(results(rows.getInt(1), round), rows.getString(2));
                count++;
            }
        }
        return count;
    }

    private static void assertEveryRowAsLastWritten(String url) throws SQLException {
        try (Connection reopened = DriverManager.getConnection(url, "sa", "")) {
            assertEquals(ROWS, countRowsOfRound(reopened, UPDATES));
        }
    }

    /** A graded attempt's results as the application writes them: about 12,000 characters, different every time. */
    private static String results(int id, int round) {
        return "{\"attempt\":" + id + ",\"round\":" + round + "}" + "x".repeat(12_000);
    }
}
