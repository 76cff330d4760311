package lab.handshake.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import lab.handshake.classes.ClassMember;
import lab.handshake.classes.ClassService;
import lab.handshake.session.TaskMet;
import org.junit.jupiter.api.Test;

/**
 * A sandbox task is kept as met only when the move that met it is stored: {@link TaskMet} is fired inside the move's
 * transaction, and {@link ActivityRecords} keeps it after that transaction commits.
 */
@QuarkusTest
class TaskMetRecordTest {
    private static final String TASK = "server-ends-in-time-wait";

    @Inject
    Event<TaskMet> taskMet;

    @Inject
    ClassService classes;

    @Test
    void aTaskMetByAMoveThatIsStored_isKept() {
        String learner = aClassMember();
        QuarkusTransaction.requiringNew().run(() -> taskMet.fire(new TaskMet(learner, TASK, Instant.now())));
        assertEquals(1, rowsOf(learner));
    }

    @Test
    void aTaskMetByAMoveWhoseSaveFails_leavesNoRow() {
        String learner = aClassMember();
        assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            taskMet.fire(new TaskMet(learner, TASK, Instant.now()));
            QuarkusTransaction.setRollbackOnly();
        }));
        assertEquals(0, rowsOf(learner));
    }

    private String aClassMember() {
        String learner = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            long classId = classes.create("Task met records", null).id;
            ClassMember.enrol(classId, learner, null);
        });
        return learner;
    }

    private static long rowsOf(String learner) {
        return QuarkusTransaction.requiringNew().call(() -> (long) LearnerActivity.of(ActivityKind.SANDBOX_TASK_MET, learner).size());
    }
}
