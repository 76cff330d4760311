package lab.handshake.assignments;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import lab.handshake.api.Refusal;
import lab.handshake.classes.ClassMember;
import lab.handshake.scenario.ScenarioCatalogue;

/**
 * Records that a learner stepped a catalogue simulation through ({@link SteppedThrough}), for the STEP assignments
 * of their classes: only for a learner who joined a class, so nobody else leaves a row.
 */
@ApplicationScoped
public class SteppingRecords {
    private final ScenarioCatalogue scenarios;

    public SteppingRecords(ScenarioCatalogue scenarios) {
        this.scenarios = scenarios;
    }

    /**
     * The learner (null: none known) reached the last step of this catalogue scenario now; 404 for a scenario the
     * catalogue does not have. Saying it again keeps one row. Committed before it returns.
     */
    public void reached(String learnerId, String scenarioId) {
        if (scenarioId.length() > 64 || scenarios.find(scenarioId).isEmpty()) {
            throw Refusal.notFound("scenario", scenarioId);
        }
        if (learnerId == null) {
            return;
        }
        Instant now = Instant.now();
        keepOnce(() -> keep(learnerId, scenarioId, now));
    }

    /**
     * Runs {@code keep} (which looks for the learner's row and adds it when missing) in a transaction of its own,
     * committed before it returns, and once more if it failed: another request of this learner may have added the
     * row between the look and the insert, and it is there now.
     */
    static void keepOnce(Runnable keep) {
        try {
            QuarkusTransaction.requiringNew().run(keep);
        } catch (RuntimeException firstRowTakenMeanwhile) {
            QuarkusTransaction.requiringNew().run(keep);
        }
    }

    private static void keep(String learnerId, String scenarioId, Instant now) {
        if (ClassMember.count("learnerId", learnerId) == 0) {
            return;
        }
        SteppedThrough row = SteppedThrough.of(learnerId, scenarioId);
        if (row == null) {
            row = new SteppedThrough();
            row.learnerId = learnerId;
            row.scenarioId = scenarioId;
            row.firstReachedAt = now;
            row.lastReachedAt = now;
            row.persist();
        } else if (now.isAfter(row.lastReachedAt)) {
            row.lastReachedAt = now;
        }
    }
}
