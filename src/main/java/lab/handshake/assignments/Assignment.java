package lab.handshake.assignments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import lab.handshake.predict.AskedSteps;

/** A quiz or a simulation a teacher set one of their classes, open from {@link #opensAt} until {@link #dueAt}. */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long classId;

    @Enumerated(EnumType.STRING)
    public AssignmentKind kind;

    /** The quiz id, the catalogue scenario id, or the sandbox task id. */
    public String target;

    /** For a simulation: stepped through or predicted; null for a quiz. */
    @Enumerated(EnumType.STRING)
    public SimulationMode mode;

    /** For a simulation to predict: which steps ask (ALL, CHANGES, RANGE); null for a quiz and for stepping through. */
    @Enumerated(EnumType.STRING)
    public AskedSteps.Ask askedSteps;

    /** With {@code RANGE}: the first and last step asked, counted from 1; null otherwise. */
    public Integer fromStep;

    public Integer toStep;

    public Instant opensAt;

    public Instant dueAt;

    public int attemptsAllowed;

    @Enumerated(EnumType.STRING)
    public AttemptCounted counted;

    /** The teacher who set it. */
    public Long createdBy;

    public Instant createdAt;

    /** The steps a predict assignment asks, as the predict API reads them; null for other assignments. */
    public AskedSteps asked() {
        if (askedSteps == null) {
            return null;
        }
        return askedSteps == AskedSteps.Ask.RANGE ? new AskedSteps(askedSteps, fromStep, toStep) : new AskedSteps(askedSteps, 1, Integer.MAX_VALUE);
    }

    public boolean isOpenAt(Instant at) {
        return !at.isBefore(opensAt) && !at.isAfter(dueAt);
    }

    /**
     * Whether work kept as its first and latest time (a simulation stepped through, a task met) counts in this window.
     * Only those two are kept, so work done before the window, in it and again after it counts as not done: never done
     * when it was not.
     */
    public boolean countsEitherOf(Instant first, Instant latest) {
        return isOpenAt(first) || isOpenAt(latest);
    }

    public static List<Assignment> ofClass(long classId) {
        return list("classId = ?1 order by dueAt, id", classId);
    }

    public static List<Assignment> ofClasses(Collection<Long> classIds) {
        return classIds.isEmpty() ? List.of() : list("classId in ?1 order by dueAt, id", classIds);
    }

    public static List<Assignment> quizIn(long classId, String quizId) {
        return list("classId = ?1 and kind = ?2 and target = ?3 order by opensAt", classId, AssignmentKind.QUIZ, quizId);
    }
}
