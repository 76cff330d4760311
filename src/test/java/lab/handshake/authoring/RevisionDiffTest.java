package lab.handshake.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The history page's diff: changed lines with a little context, and nothing for equal texts. */
class RevisionDiffTest {

    @Test
    void aChangedLineIsOneRemovedAndOneAddedLine_betweenItsContext() {
        String draft = "id: a\ntitle: Old\nsummary: same\n";
        String older = "id: a\ntitle: New\nsummary: same\n";
        assertEquals(List.of(
                new RevisionDiff.Line("hunk", "@@ -1,3 +1,3 @@"),
                new RevisionDiff.Line("same", "id: a"),
                new RevisionDiff.Line("removed", "title: Old"),
                new RevisionDiff.Line("added", "title: New"),
                new RevisionDiff.Line("same", "summary: same")), RevisionDiff.between(draft, older));
    }

    @Test
    void linesFarFromAChangeAreLeftOut() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String after = "1\n2\n3\n4\n5\n6\n7\n8\n9\nten\n";
        List<RevisionDiff.Line> diff = RevisionDiff.between(before, after);
        assertEquals(new RevisionDiff.Line("same", "7"), diff.get(1), "three lines of context: " + diff);
        assertEquals(6, diff.size());
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals(List.of(), RevisionDiff.between("same\ntext\n", "same\ntext\n"));
    }
}
