package lab.handshake.assignments;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which of a student's attempts at an assignment makes their score. */
public enum AttemptCounted {
    BEST,
    LAST,
    FIRST;

    /** The counted one of attempts listed in the order they were submitted; empty for none. */
    public <T> Optional<T> pick(List<T> inSubmissionOrder, Comparator<T> byScore) {
        if (inSubmissionOrder.isEmpty()) {
            return Optional.empty();
        }
        return switch (this) {
            case FIRST -> Optional.of(inSubmissionOrder.get(0));
            case LAST -> Optional.of(inSubmissionOrder.get(inSubmissionOrder.size() - 1));
            // The earliest of equal best scores: a later equal attempt does not replace it.
            case BEST -> inSubmissionOrder.stream().reduce((best, next) -> byScore.compare(next, best) > 0 ? next : best);
        };
    }
}
