package lab.handshake.classes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V8 on a database that has attempts with free-text class codes: each code becomes a legacy class that
 * nobody owns or can join, and its attempts stay its results.
 */
class LegacyClassCodesMigrationTest {
    private static final String URL = "jdbc:h2:mem:legacy-class-codes;DB_CLOSE_DELAY=-1";

    @Test
    void freeTextClassCodesBecomeLegacyClassesThatKeepTheirAttempts() throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("4").load().migrate();
        try (Connection db = DriverManager.getConnection(URL, "sa", ""); Statement sql = db.createStatement()) {
            sql.execute(attempt("a1", "NET-7", true));
            sql.execute(attempt("a2", "NET-7", true));
            sql.execute(attempt("a3", "CS_101", true));
            sql.execute(attempt("a4", null, true));
            sql.execute(attempt("a5", null, false));
        }
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();
        try (Connection db = DriverManager.getConnection(URL, "sa", ""); Statement sql = db.createStatement()) {
            ResultSet classes = sql.executeQuery("SELECT name, join_code, owner_id, legacy FROM school_class ORDER BY name");
            assertTrue(classes.next());
            assertEquals("CS_101", classes.getString("name"));
            assertEquals("LEGACY-CS_101", classes.getString("join_code"));
            assertTrue(classes.next());
            assertEquals("NET-7", classes.getString("name"));
            assertNull(classes.getObject("owner_id"), "nobody owns a legacy class: only administrators see it");
            assertTrue(classes.getBoolean("legacy"));
            assertFalse(classes.next(), "one class per code");

            ResultSet attempts = sql.executeQuery("SELECT a.id, c.name, a.excluded FROM quiz_attempt a "
                    + "LEFT JOIN school_class c ON c.id = a.class_id ORDER BY a.id");
            for (String[] expected : new String[][] {{"a1", "NET-7"}, {"a2", "NET-7"}, {"a3", "CS_101"}, {"a4", null}, {"a5", null}}) {
                assertTrue(attempts.next());
                assertEquals(expected[0], attempts.getString("id"));
                assertEquals(expected[1], attempts.getString("name"), "the class of attempt " + expected[0]);
                assertFalse(attempts.getBoolean("excluded"));
            }
        }
    }

    private static String attempt(String id, String classCode, boolean submitted) {
        return "INSERT INTO quiz_attempt (id, quiz_id, learner_id, client_key, language, generated_json, results_json, class_code, "
                + "score, max_score, created_at, submitted_at, version) VALUES ('" + id + "', 'why-three-steps', "
                + "'00000000-0000-0000-0000-000000000001', 'k', 'en', '{}', '[]', " + (classCode == null ? "NULL" : "'" + classCode + "'")
                + ", 1, 2, TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', "
                + (submitted ? "TIMESTAMP WITH TIME ZONE '2026-01-05 10:05:00+00'" : "NULL") + ", 0)";
    }
}
