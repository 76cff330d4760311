package lab.handshake.assignments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import lab.handshake.classes.ClassMember;
import lab.handshake.session.TaskMet;

/**
 * Keeps that a learner met a sandbox task ({@link SandboxTaskMet}), for the SANDBOX_TASK assignments of their
 * classes: only for a learner who joined a class, so nobody else leaves a row. The session package fires
 * {@link TaskMet} after the creator's own move leaves the task met.
 */
@ApplicationScoped
public class TaskRecords {

    void onTaskMet(@Observes TaskMet met) {
        if (met.learnerId() == null) {
            return;
        }
        SteppingRecords.keepOnce(() -> keep(met));
    }

    private static void keep(TaskMet met) {
        if (ClassMember.count("learnerId", met.learnerId()) == 0) {
            return;
        }
        SandboxTaskMet row = SandboxTaskMet.of(met.learnerId(), met.taskId());
        if (row == null) {
            row = new SandboxTaskMet();
            row.learnerId = met.learnerId();
            row.taskId = met.taskId();
            row.firstMetAt = met.at();
            row.lastMetAt = met.at();
            row.persist();
        } else if (met.at().isAfter(row.lastMetAt)) {
            row.lastMetAt = met.at();
        }
    }
}
