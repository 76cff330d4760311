package lab.handshake.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Items written before owners existed (Flyway V7) belong to whoever saved their first revision. */
class OwnerMigrationTest {
    private static final String URL = "jdbc:h2:mem:owner-migration;DB_CLOSE_DELAY=-1";

    @Test
    void anItemWrittenBeforeOwnersExisted_belongsToWhoeverSavedItsFirstRevision_notToItsLastEditor() throws SQLException {
        flyway("4").migrate();
        try (Connection db = DriverManager.getConnection(URL, "sa", ""); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO authored_item (id, kind, slug, language, draft_text, draft_revision, updated_by, updated_at, version)"
                    + " VALUES (1, 'LESSON', 'old-lesson', 'en', 'text', 2, 'later.editor', CURRENT_TIMESTAMP, 3)");
            sql.execute("INSERT INTO authored_revision (id, item_id, revision_number, body, action, saved_by, saved_at) VALUES"
                    + " (1, 1, 1, 'first', 'CREATE', 'first.author', CURRENT_TIMESTAMP),"
                    + " (2, 1, 2, 'text', 'SAVE', 'later.editor', CURRENT_TIMESTAMP)");
        }
        flyway("latest").migrate();
        try (Connection db = DriverManager.getConnection(URL, "sa", ""); Statement sql = db.createStatement();
             ResultSet owner = sql.executeQuery("SELECT owner FROM authored_item WHERE id = 1")) {
            owner.next();
            assertEquals("first.author", owner.getString(1));
        }
    }

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target(target).load();
    }
}
