package lab.handshake.predict;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import lab.handshake.api.Learner;
import lab.handshake.classes.TeacherClasses;
import lab.handshake.engine.Language;
import org.junit.jupiter.api.Test;

/**
 * Predictions stored before V32 asked where a spoofed SYN's answer goes: their {@code sent_to} is null. They read
 * as "not asked" (no destination in their answer), and count for the learner and the class as they were graded.
 */
@QuarkusTest
class PredictionsBeforeSentToTest {
    /** Under the rfc9293 profile, the first spoofed SYN the server takes (PredictSynFloodApiTest's TAKEN). */
    private static final int TAKEN = 2;
    private static final String FIRST_ACK = "1796027476";

    @Inject
    DataSource database;

    @Inject
    PredictionService predictions;

    /** A graded prediction of the flood's first spoofed SYN, inserted with V11's columns only, as the code before V32 wrote it. */
    private void storeAsBeforeV32(Learner learner, String state, boolean stateRight, String misconception) throws SQLException {
        try (Connection db = database.getConnection(); PreparedStatement insert = db.prepareStatement("INSERT INTO prediction"
                + " (learner_id, client_key, scenario_id, profile, step_index, state, flags, seq, ack, state_right, segment_right,"
                + " misconception, created_at) VALUES (?, 'before-v32', 'syn-flood', 'rfc9293', ?, ?, 'SYN,ACK', NULL, ?, ?, TRUE, ?, ?)")) {
            insert.setString(1, learner.id());
            insert.setInt(2, TAKEN);
            insert.setString(3, state);
            insert.setString(4, FIRST_ACK);
            insert.setBoolean(5, stateRight);
            insert.setString(6, misconception);
            insert.setTimestamp(7, Timestamp.from(Instant.parse("2026-11-20T10:00:00Z")));
            insert.executeUpdate();
        }
    }

    private long classId(String joinCode) throws SQLException {
        try (Connection db = database.getConnection(); PreparedStatement select = db.prepareStatement("SELECT id FROM school_class WHERE join_code = ?")) {
            select.setString(1, joinCode);
            ResultSet row = select.executeQuery();
            assertTrue(row.next(), joinCode);
            return row.getLong(1);
        }
    }

    @Test
    void aSpoofedSynsPredictionStoredBeforeV32_readsAsNotAskedWhereItGoes_andCountsAsItWasGraded() throws SQLException {
        String teacher = TeacherClasses.newTeacher("v32-teacher-" + System.nanoTime());
        String code = TeacherClasses.create(teacher, "Before V32");
        Learner right = Learner.joined(code);
        Learner wrong = Learner.joined(code);
        storeAsBeforeV32(right, "LISTEN", true, null);
        storeAsBeforeV32(wrong, "SYN_RECEIVED", false, "listener-leaves-listen");

        Prediction stored = QuarkusTransaction.requiringNew().call(() -> Prediction.<Prediction>find("learnerId", right.id()).singleResult());
        assertNull(stored.sentTo, "V32 added the column without a default: nothing was asked");
        assertNull(SentTo.stored(stored.sentTo), "read as not asked, not as any destination");

        // The learner's accuracy, as /progress and the predict panel show it: graded as it was.
        right.request().get("/api/learners/me/predictions").then().statusCode(200)
                .body("[0].scenario", equalTo("syn-flood")).body("[0].right", equalTo(1)).body("[0].total", equalTo(1));
        wrong.request().get("/api/learners/me/predictions").then().statusCode(200).body("[0].right", equalTo(0)).body("[0].total", equalTo(1));

        // The class's view of the step: half right, the wrong answer in the words it had, with no destination.
        PredictionService.StepStats step = QuarkusTransaction.requiringNew().call(() -> predictions.classSteps(classId(code), Language.EN))
                .stream().filter(s -> s.scenario().equals("syn-flood") && s.step() == TAKEN + 1).findFirst().orElseThrow();
        assertEquals(2, step.total());
        assertEquals(1, step.right());
        assertEquals("SYN_RECEIVED · SYN,ACK ack=" + FIRST_ACK, step.commonWrong(), "no \"→ …\": where it goes was not asked");
        assertEquals(1, step.commonWrongCount());

        String cells = TeacherClasses.predictStepRow(teacher, code, "zh", "syn-flood", TAKEN + 1);
        assertTrue(cells.contains("50% (2)"), cells);
        assertTrue(cells.contains("<code>SYN_RECEIVED · SYN,ACK ack=" + FIRST_ACK + "</code>"), cells);
    }
}
