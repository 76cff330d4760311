package lab.handshake.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptCountedTest {
    /** Scores in submission order; equal best scores 0.8 at positions 1 and 3. */
    private static final List<Double> SCORES = List.of(0.4, 0.8, 0.2, 0.8, 0.6);

    @Test
    void bestIsTheHighestScoreAndTheEarliestOfEqualOnes() {
        assertEquals(1, SCORES.indexOf(AttemptCounted.BEST.pick(SCORES, Comparator.naturalOrder()).orElseThrow()));
        // Identity, not value: the first 0.8 is picked.
        List<double[]> boxed = SCORES.stream().map(s -> new double[] {s}).toList();
        assertEquals(boxed.get(1), AttemptCounted.BEST.pick(boxed, Comparator.comparingDouble(a -> a[0])).orElseThrow());
    }

    @Test
    void firstAndLastGoBySubmissionOrder() {
        assertEquals(0.4, AttemptCounted.FIRST.pick(SCORES, Comparator.naturalOrder()).orElseThrow());
        assertEquals(0.6, AttemptCounted.LAST.pick(SCORES, Comparator.naturalOrder()).orElseThrow());
    }

    @Test
    void nothingCountsWithoutAttempts() {
        for (AttemptCounted counted : AttemptCounted.values()) {
            assertTrue(counted.pick(List.<Double>of(), Comparator.naturalOrder()).isEmpty(), counted.name());
        }
    }
}
