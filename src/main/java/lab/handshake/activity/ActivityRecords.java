package lab.handshake.activity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Instant;
import java.util.List;
import lab.handshake.api.Refusal;
import lab.handshake.classes.ClassMember;
import lab.handshake.engine.Language;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.session.SandboxTaskCatalogue;
import lab.handshake.session.TaskMet;

/**
 * Records what a learner did with a lesson, a catalogue simulation or a sandbox task ({@link LearnerActivity}), for
 * their teachers and the STEP and SANDBOX_TASK assignments of their classes: only for a learner who joined a class,
 * so nobody else leaves a row.
 */
@ApplicationScoped
public class ActivityRecords {
    /** What a teacher reads of one activity: the item's title in the teacher's language, and when. */
    public record DoneActivity(ActivityKind kind, String item, String title, Instant firstAt, Instant lastAt) {
    }

    private static final int MAX_ID_LENGTH = 64;

    private final ScenarioCatalogue scenarios;
    private final LessonCatalogue lessons;
    private final SandboxTaskCatalogue tasks;

    public ActivityRecords(ScenarioCatalogue scenarios, LessonCatalogue lessons, SandboxTaskCatalogue tasks) {
        this.scenarios = scenarios;
        this.lessons = lessons;
        this.tasks = tasks;
    }

    /**
     * The learner (null: none known) did this now with the item; 404 for an item the catalogue does not have. Saying
     * it again keeps one row. Committed before it returns.
     */
    public void done(ActivityKind kind, String learnerId, String itemId) {
        if (itemId.length() > MAX_ID_LENGTH || title(kind, itemId, Language.EN) == null) {
            throw Refusal.notFound(kind.item, itemId);
        }
        record(kind, learnerId, itemId, Instant.now());
    }

    /**
     * The session says that its creator's own move left their task met. Kept only once that move is stored: a move
     * whose save fails leaves no "met" behind. The next move of a session still met says it again.
     */
    void onTaskMet(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskMet met) {
        record(ActivityKind.SANDBOX_TASK_MET, met.learnerId(), met.taskId(), met.at());
    }

    /** Kept in a transaction of its own, committed before it returns. */
    private static void record(ActivityKind kind, String learnerId, String itemId, Instant at) {
        if (learnerId == null) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> keep(kind, learnerId, itemId, at));
        } catch (RuntimeException firstRowTakenMeanwhile) {
            // Another request of this learner may have added the row between our look and our insert: it is there now.
            QuarkusTransaction.requiringNew().run(() -> keep(kind, learnerId, itemId, at));
        }
    }

    /** Everything of one kind the learner did, the earliest first, titled in this language (an item since withdrawn by its id). */
    public List<DoneActivity> of(ActivityKind kind, String learnerId, Language language) {
        return LearnerActivity.of(kind, learnerId).stream().map(row -> {
            String title = title(kind, row.itemId, language);
            return new DoneActivity(kind, row.itemId, title == null ? row.itemId : title, row.firstAt, row.lastAt);
        }).toList();
    }

    private String title(ActivityKind kind, String itemId, Language language) {
        return switch (kind) {
            case LESSON_READ -> lessons.findInEither(itemId, language).map(Lesson::title).orElse(null);
            case SIMULATION_STEPPED_THROUGH -> scenarios.find(itemId).map(spec -> Language.text(spec.title(), language.code())).orElse(null);
            case SANDBOX_TASK_MET -> tasks.find(itemId).map(task -> Language.text(task.title(), language.code())).orElse(null);
        };
    }

    private static void keep(ActivityKind kind, String learnerId, String itemId, Instant at) {
        if (ClassMember.count("learnerId", learnerId) == 0) {
            return;
        }
        LearnerActivity row = LearnerActivity.of(kind, learnerId, itemId);
        if (row == null) {
            row = new LearnerActivity();
            row.kind = kind;
            row.learnerId = learnerId;
            row.itemId = itemId;
            row.firstAt = at;
            row.lastAt = at;
            row.persist();
        } else if (at.isAfter(row.lastAt)) {
            row.lastAt = at;
        }
    }
}
